using System.IO.Compression;
using System.Text;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Persistence;

namespace Commissioning.Infrastructure.Files;

/// <summary>A file accepted from a person: where it is kept, what it really is, and what it was called.</summary>
public sealed record StoredUpload(string StoredName, string FileName, string ContentType, long SizeInBytes);

/// <summary>
/// Keeps uploaded files in the data folder (never under wwwroot) under generated names. Only PDF, DOCX, XLSX, ODT, JPG
/// and PNG are accepted, recognised by their content rather than their name, up to 10 MB. Files are only ever served
/// by pages that check who may see them, as downloads.
/// </summary>
public sealed class UploadStore(ResolvedDatabase database)
{
    public const long MaxBytes = 10 * 1024 * 1024;

    public const string AllowedDescription = "PDF, DOCX, XLSX, ODT, JPG or PNG";

    private string Folder => Path.Combine(database.DataFolder, "uploads");

    /// <summary>Checks and keeps a file; a file that is not allowed is refused with a message that says what to do.</summary>
    public async Task<StoredUpload> SaveAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        await CopyAtMostAsync(content, buffer, MaxBytes + 1, cancellationToken);
        if (buffer.Length == 0)
        {
            throw new DomainException("The selected file is empty. Choose a file with something in it.");
        }

        if (buffer.Length > MaxBytes)
        {
            throw new DomainException("The selected file must be smaller than 10MB.");
        }

        var kind = Recognise(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
            ?? throw new DomainException($"The selected file must be a {AllowedDescription}.");
        var storedName = $"{Guid.CreateVersion7():N}{kind.Extension}";
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, storedName);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(file, cancellationToken);
        }

        return new StoredUpload(storedName, SafeFileName(fileName, kind.Extension), kind.ContentType, buffer.Length);
    }

    /// <summary>Opens a kept file by its stored name; null if there is no such file.</summary>
    public Stream? Open(string storedName) =>
        PathOf(storedName) is { } path && File.Exists(path) ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read) : null;

    /// <summary>Deletes a kept file by its stored name; false if there was no such file.</summary>
    public bool Delete(string storedName)
    {
        if (PathOf(storedName) is not { } path || !File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    private string? PathOf(string storedName) =>
        storedName.Length == 0 || storedName.Contains('/', StringComparison.Ordinal) || storedName.Contains('\\', StringComparison.Ordinal) || storedName.Contains("..", StringComparison.Ordinal)
            ? null
            : Path.Combine(Folder, storedName);

    internal sealed record Kind(string ContentType, string Extension);

    internal static Kind? Recognise(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("%PDF-"u8))
        {
            return new Kind("application/pdf", ".pdf");
        }

        if (bytes.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }))
        {
            return new Kind("image/jpeg", ".jpg");
        }

        if (bytes.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }))
        {
            return new Kind("image/png", ".png");
        }

        return bytes.StartsWith("PK\u0003\u0004"u8) ? RecogniseZip(bytes.ToArray()) : null;
    }

    /// <summary>Office documents are ZIP packages; what they hold says which kind they are.</summary>
    private static Kind? RecogniseZip(byte[] bytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            if (zip.GetEntry("mimetype") is { } mimetype)
            {
                using var reader = new StreamReader(mimetype.Open(), Encoding.ASCII);
                return reader.ReadToEnd().Trim() == "application/vnd.oasis.opendocument.text" ? new Kind("application/vnd.oasis.opendocument.text", ".odt") : null;
            }

            if (zip.GetEntry("[Content_Types].xml") is null)
            {
                return null;
            }

            if (zip.GetEntry("word/document.xml") is not null)
            {
                return new Kind("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
            }

            return zip.GetEntry("xl/workbook.xml") is not null ? new Kind("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx") : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static async Task CopyAtMostAsync(Stream source, Stream target, long limit, CancellationToken cancellationToken)
    {
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while (total < limit && (read = await source.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - total)), cancellationToken)) > 0)
        {
            await target.WriteAsync(chunk.AsMemory(0, read), cancellationToken);
            total += read;
        }
    }

    /// <summary>The name shown and used for downloads: the person's name for it, stripped of paths and odd characters, with the extension its content deserves.</summary>
    private static string SafeFileName(string fileName, string extension)
    {
        var name = Path.GetFileNameWithoutExtension(Path.GetFileName(fileName.Replace('\\', '/')));
        var clean = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or '(' or ')' ? c : '_')]).Trim();
        if (clean.Length == 0)
        {
            clean = "document";
        }

        return (clean.Length > 120 ? clean[..120] : clean) + extension;
    }
}
