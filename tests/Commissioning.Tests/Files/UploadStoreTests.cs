using System.IO.Compression;
using System.Text;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Files;
using Commissioning.Infrastructure.Persistence;

namespace Commissioning.Tests.Files;

public sealed class UploadStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("commissioning-uploads-").FullName;

    private UploadStore Store => new(ResolvedDatabase.ForTests(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(_folder, "db.sqlite")}", _folder));

    public static TheoryData<string, string, string> AcceptedFiles => new()
    {
        { "constitution.pdf", "application/pdf", ".pdf" },
        { "photo.jpg", "image/jpeg", ".jpg" },
        { "logo.png", "image/png", ".png" },
        { "policy.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx" },
        { "accounts.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx" },
        { "rules.odt", "application/vnd.oasis.opendocument.text", ".odt" },
    };

    [Theory]
    [MemberData(nameof(AcceptedFiles))]
    public async Task Allowed_files_are_recognised_by_their_content_and_kept_outside_the_web_root(string name, string contentType, string extension)
    {
        var stored = await Store.SaveAsync(new MemoryStream(Sample(extension)), name);

        Assert.Equal(contentType, stored.ContentType);
        Assert.EndsWith(extension, stored.StoredName, StringComparison.Ordinal);
        Assert.Equal(name, stored.FileName);
        Assert.True(File.Exists(Path.Combine(_folder, "uploads", stored.StoredName)));
        Assert.DoesNotContain("wwwroot", Path.Combine(_folder, "uploads"), StringComparison.Ordinal);
        using var opened = Store.Open(stored.StoredName);
        Assert.NotNull(opened);
        Assert.Equal(Sample(extension).Length, opened.Length);
    }

    [Theory]
    [InlineData("setup.exe.pdf", "MZ\u0090\0 a Windows program")]
    [InlineData("notes.docx", "just some text, not a document")]
    [InlineData("archive.xlsx", "zip-without-office-parts")]
    public async Task A_file_whose_content_is_not_an_allowed_type_is_refused_whatever_its_name(string name, string content)
    {
        var bytes = content == "zip-without-office-parts" ? Zip(("readme.txt", "hello")) : Encoding.UTF8.GetBytes(content);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Store.SaveAsync(new MemoryStream(bytes), name));

        Assert.Equal("The selected file must be a PDF, DOCX, XLSX, ODT, JPG or PNG.", refused.Message);
        Assert.False(Directory.Exists(Path.Combine(_folder, "uploads")) && Directory.EnumerateFiles(Path.Combine(_folder, "uploads")).Any());
    }

    [Fact]
    public async Task A_file_over_10MB_is_refused()
    {
        var bytes = new byte[UploadStore.MaxBytes + 1];
        "%PDF-1.7"u8.CopyTo(bytes);

        var refused = await Assert.ThrowsAsync<DomainException>(() => Store.SaveAsync(new MemoryStream(bytes), "big.pdf"));

        Assert.Equal("The selected file must be smaller than 10MB.", refused.Message);
    }

    [Fact]
    public async Task A_file_of_exactly_10MB_is_accepted()
    {
        var bytes = new byte[UploadStore.MaxBytes];
        "%PDF-1.7"u8.CopyTo(bytes);

        var stored = await Store.SaveAsync(new MemoryStream(bytes), "big.pdf");

        Assert.Equal(UploadStore.MaxBytes, stored.SizeInBytes);
    }

    [Fact]
    public async Task An_empty_file_is_refused()
    {
        var refused = await Assert.ThrowsAsync<DomainException>(() => Store.SaveAsync(new MemoryStream(), "empty.pdf"));

        Assert.Equal("The selected file is empty. Choose a file with something in it.", refused.Message);
    }

    [Fact]
    public async Task The_name_kept_for_download_has_no_path_and_the_extension_its_content_deserves()
    {
        var stored = await Store.SaveAsync(new MemoryStream(Sample(".png")), "..\\..\\secret/pic<script>.pdf");

        Assert.Equal("pic_script_.png", stored.FileName);
    }

    [Theory]
    [InlineData("../db.sqlite")]
    [InlineData("..\\db.sqlite")]
    [InlineData("nonexistent.pdf")]
    public void Opening_anything_but_a_kept_file_gives_nothing(string storedName)
    {
        File.WriteAllText(Path.Combine(_folder, "db.sqlite"), "secret");

        Assert.Null(Store.Open(storedName));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Sample(string extension) => extension switch
    {
        ".pdf" => Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
        ".jpg" => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01],
        ".png" => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52],
        ".docx" => Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")),
        ".xlsx" => Zip(("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")),
        ".odt" => Zip(("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document-content/>")),
        _ => throw new ArgumentOutOfRangeException(nameof(extension)),
    };

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
