using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Tests.Web.ApplyApp;

namespace Commissioning.Tests.Web;

/// <summary>
/// Uploads cannot fill the disk: an organisation's documents and an application's files each have a quota (here
/// small: 5 documents or 30 MB for an organisation, 3 files or 20 MB for an application), counting only what is held
/// now, that holds under many uploads at once, and a refused file is never left on the disk.
/// </summary>
public abstract partial class UploadQuotaTests(ApplyApp app)
{
    /// <summary>Just under the 10 MB each file may be.</summary>
    private const int NearlyTenMegabytes = (10 * 1024 * 1024) - 4096;

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 8, 7, 6, 5, 4, 3, 2];

    [Fact]
    public async Task An_organisation_at_its_quota_is_told_what_to_do_keeps_what_it_had_and_the_file_is_not_stored()
    {
        var (client, organisation, _) = await app.NewApplicantAsync();
        var url = $"/Organisations/{organisation.Id}/Documents";
        for (var i = 1; i <= 5; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await UploadDocumentAsync(client, url, "Other", $"minutes-{i}.pdf", Pdf)).StatusCode);
        }

        var filesBefore = StoredFiles();
        var refused = await UploadDocumentAsync(client, url, "Other", "one too many.pdf", Pdf);
        var page = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("There is a problem", HttpForms.Text(page), StringComparison.Ordinal);
        var message = $"This organisation already holds 5 documents, {5 * Pdf.Length} bytes in all, and the most it may keep is 5 documents. Remove a document you no longer need, then upload this one.";
        Assert.Contains($"<a href=\"#Upload\">{message}</a>", page, StringComparison.Ordinal);
        Assert.Contains("govuk-file-upload--error", page, StringComparison.Ordinal);
        Assert.Equal(filesBefore, StoredFiles());
        var held = await DocumentsAsync(organisation.Id);
        Assert.Equal(5, held.Count);
        Assert.DoesNotContain(held, d => d.FileName.StartsWith("one too many", StringComparison.Ordinal));

        // Removing a document it no longer needs makes room, and its file goes with it.
        var removed = held.First(d => d.FileName == "minutes-1.pdf");
        var removeUrl = $"/Organisations/{organisation.Id}/Documents/{removed.Id}/Remove";
        Assert.Contains(removeUrl, await client.GetStringAsync(url), StringComparison.Ordinal);
        Assert.Contains("Are you sure you want to remove \u2018minutes-1.pdf\u2019?", HttpForms.Text(await client.GetStringAsync(removeUrl)), StringComparison.Ordinal);
        var removal = await PostPageAsync(client, removeUrl, []);
        Assert.Equal(HttpStatusCode.Redirect, removal.StatusCode);
        Assert.Contains("minutes-1.pdf has been removed.", HttpForms.Text(await client.GetStringAsync(url)), StringComparison.Ordinal);
        Assert.False(File.Exists(StoredPath(removed.StoredName)));
        Assert.Equal(HttpStatusCode.Redirect, (await UploadDocumentAsync(client, url, "Other", "now there is room.pdf", Pdf)).StatusCode);
    }

    [Fact]
    public async Task A_replaced_document_stops_counting_and_its_file_is_deleted_while_its_record_stays()
    {
        var (client, organisation, _) = await app.NewApplicantAsync();
        var url = $"/Organisations/{organisation.Id}/Documents";
        var expires = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(200);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadDocumentAsync(client, url, "Insurance", "cover 2026.pdf", Pdf, expires)).StatusCode);
        for (var i = 1; i <= 4; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await UploadDocumentAsync(client, url, "Other", $"report-{i}.pdf", Pdf)).StatusCode);
        }

        var first = Assert.Single(await DocumentsAsync(organisation.Id), d => d.Kind == DocumentKind.Insurance);

        // At the quota, a new insurance certificate replaces the old one rather than adding to what is held.
        var renewed = await UploadDocumentAsync(client, url, "Insurance", "cover 2027.pdf", Pdf, expires.AddDays(100));
        var another = await UploadDocumentAsync(client, url, "Other", "report-5.pdf", Pdf);

        Assert.Equal(HttpStatusCode.Redirect, renewed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);
        Assert.Contains("already holds 5 documents", HttpForms.Text(await another.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var documents = await DocumentsAsync(organisation.Id);
        Assert.Equal(6, documents.Count);
        Assert.Contains(documents, d => d.Id == first.Id);
        Assert.False(File.Exists(StoredPath(first.StoredName)));
        Assert.True(File.Exists(StoredPath(documents.Single(d => d.FileName == "cover 2027.pdf").StoredName)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"{url}/{first.Id}")).StatusCode);
    }

    [Fact]
    public async Task Twelve_ten_megabyte_uploads_at_once_to_one_organisation_keep_only_what_its_quota_allows()
    {
        var (client, organisation, _) = await app.NewApplicantAsync();
        var url = $"/Organisations/{organisation.Id}/Documents";
        var token = await TokenAsync(client, url);
        var filesBefore = StoredFiles();

        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i =>
            PostDocumentAsync(client, url, token, "Other", $"big-{i}.pdf", [.. Pdf, .. new byte[NearlyTenMegabytes - Pdf.Length]], null)));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"An upload got {(int)r.StatusCode}"));
        var kept = await DocumentsAsync(organisation.Id);
        Assert.Equal(3, kept.Count);
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            Assert.Contains("Remove a document you no longer need, then upload this one.", HttpForms.Text(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(kept.Select(d => d.StoredName).Order(StringComparer.Ordinal), StoredFiles().Except(filesBefore).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_application_at_its_quota_is_told_what_to_do_keeps_its_other_answers_and_the_file_is_not_stored()
    {
        var (client, id) = await DraftAsync("Quota of an application", fileQuestions: 4);
        foreach (var key in new[] { "file-1", "file-2", "file-3" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await UploadAnswerAsync(client, id, key, $"{key}.png", Png)).StatusCode);
        }

        var filesBefore = StoredFiles();
        var refused = await PostPageAsync(client, SectionUrl(id), Fields(("action", "later"), ("q.notes", "Our notes")), files: new Dictionary<string, (string, byte[])> { ["q.file-4"] = ("fourth.png", Png) });
        var page = HttpForms.Text(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains($"This application already holds 3 files, {3 * Png.Length} bytes in all, and the most it may keep is 3 files. Remove a file you no longer need, then upload this one", page, StringComparison.Ordinal);
        Assert.Equal(filesBefore, StoredFiles());
        var application = await app.ApplicationAsync(id);
        Assert.Null(application.AnswerTo("file-4"));
        Assert.Equal("Our notes", application.AnswerTo("notes"));
        Assert.All(new[] { "file-1", "file-2", "file-3" }, key => Assert.NotNull(Answers.File(application.AnswerTo(key))));

        // Replacing one of the three is not one more.
        var old = Answers.File(application.AnswerTo("file-2"))!;
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAnswerAsync(client, id, "file-2", "second again.png", Png)).StatusCode);
        Assert.False(File.Exists(StoredPath(old.StoredName)));
        Assert.Equal("second again.png", Answers.File((await app.ApplicationAsync(id)).AnswerTo("file-2"))!.FileName);
    }

    [Fact]
    public async Task Twelve_ten_megabyte_uploads_at_once_to_one_application_keep_only_what_its_quota_allows()
    {
        var (client, id) = await DraftAsync("Twelve uploads at once", fileQuestions: 12);
        var state = await PageStateAsync(client, SectionUrl(id));
        var filesBefore = StoredFiles();

        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i =>
            PostPageAsync(client, SectionUrl(id), Fields(("action", "later")), state, new Dictionary<string, (string, byte[])> { [$"q.file-{i}"] = ($"big-{i}.pdf", [.. Pdf, .. new byte[NearlyTenMegabytes - Pdf.Length]]) })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"An upload got {(int)r.StatusCode}"));
        var application = await app.ApplicationAsync(id);
        var held = Enumerable.Range(1, 12).Select(i => Answers.File(application.AnswerTo($"file-{i}"))).OfType<FileAnswer>().ToList();
        Assert.Equal(2, held.Count);
        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
        {
            Assert.Contains("Remove a file you no longer need, then upload this one", HttpForms.Text(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        Assert.Equal(held.Select(f => f.StoredName).Order(StringComparer.Ordinal), StoredFiles().Except(filesBefore).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Twelve_uploads_at_once_to_one_question_leave_one_file_on_the_disk()
    {
        var (client, id) = await DraftAsync("Twelve uploads to one question", fileQuestions: 1);
        var state = await PageStateAsync(client, SectionUrl(id));
        var filesBefore = StoredFiles();

        var responses = await Task.WhenAll(Enumerable.Range(1, 12).Select(i =>
            PostPageAsync(client, SectionUrl(id), Fields(("action", "later")), state, new Dictionary<string, (string, byte[])> { ["q.file-1"] = ($"version-{i}.png", Png) })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"An upload got {(int)r.StatusCode}"));
        var answer = Answers.File((await app.ApplicationAsync(id)).AnswerTo("file-1"));
        Assert.NotNull(answer);
        Assert.Equal([answer.StoredName], StoredFiles().Except(filesBefore));
    }

    [Fact]
    public async Task A_file_answer_is_served_only_to_its_organisation_and_the_office_as_a_download_of_what_it_really_is()
    {
        var (client, id) = await DraftAsync("Who may download", fileQuestions: 1);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAnswerAsync(client, id, "file-1", "looks like a.pdf", Png)).StatusCode);
        var file = Answers.File((await app.ApplicationAsync(id)).AnswerTo("file-1"))!;
        var fileUrl = $"/Applications/{id}/Files/{file.StoredName}";
        var other = await app.SignedInClientAsync(OtherOrganisationsApplicant);
        var officer = await app.SignedInClientAsync(Officer);

        var own = await client.GetAsync(fileUrl);
        var staff = await officer.GetAsync(fileUrl);
        var refused = new[]
        {
            await other.GetAsync(fileUrl),
            await other.GetAsync($"{fileUrl}/Remove"),
            await client.GetAsync($"/Applications/{id}/Files/0190aaaa0000700080000000000000aa.png"),
            await client.GetAsync($"/Applications/{id}/Files/..%2Fcommissioning.db"),
            await client.GetAsync($"/Applications/{Guid.NewGuid()}/Files/{file.StoredName}"),
        };

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("image/png", own.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", own.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("looks like a.png", own.Content.Headers.ContentDisposition.FileNameStar ?? own.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("nosniff", own.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(Png, await own.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        Assert.True(File.Exists(StoredPath(file.StoredName)));
    }

    private static string SectionUrl(Guid id) => $"/Applications/{id}/Sections/files";

    private string StoredPath(string storedName) => Path.Combine(app.DataFolder, "uploads", storedName);

    private HashSet<string> StoredFiles()
    {
        var folder = Path.Combine(app.DataFolder, "uploads");
        return Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(Path.GetFileName).OfType<string>()] : [];
    }

    private Task<List<OrganisationDocument>> DocumentsAsync(OrganisationId id) =>
        app.InDbAsync(db => db.Set<OrganisationDocument>().AsNoTracking().Where(d => d.OrganisationId == id).ToListAsync());

    private async Task<(HttpClient Client, Guid Id)> DraftAsync(string title, int fileQuestions)
    {
        var round = await app.NewRoundAsync($"Round for {title}", form: Form(fileQuestions));
        var client = await app.SignedInClientAsync(Applicant);
        return (client, await app.StartApplicationAsync(client, round, title));
    }

    private static Task<HttpResponseMessage> UploadAnswerAsync(HttpClient client, Guid id, string key, string fileName, byte[] content) =>
        PostPageAsync(client, SectionUrl(id), Fields(("action", "later")), files: new Dictionary<string, (string, byte[])> { [$"q.{key}"] = (fileName, content) });

    private static ApplicationForm Form(int fileQuestions) => new(
    [
        new FormSection("files", "Files",
        [
            new FormQuestion("notes", "Anything to add", QuestionType.LongText),
            .. Enumerable.Range(1, fileQuestions).Select(i => new FormQuestion($"file-{i}", $"Upload file {i}", QuestionType.FileUpload)),
        ]),
    ]);

    private static async Task<HttpResponseMessage> UploadDocumentAsync(HttpClient client, string url, string kind, string fileName, byte[] content, DateOnly? date = null) =>
        await PostDocumentAsync(client, url, await TokenAsync(client, url), kind, fileName, content, date);

    private static async Task<string> TokenAsync(HttpClient client, string url) =>
        WebUtility.HtmlDecode(TokenPattern().Match(await client.GetStringAsync(url)).Groups[1].Value);

    private static Task<HttpResponseMessage> PostDocumentAsync(HttpClient client, string url, string token, string kind, string fileName, byte[] content, DateOnly? date)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
            { new StringContent(date?.Day.ToString(CultureInfo.InvariantCulture) ?? string.Empty), "Day" },
            { new StringContent(date?.Month.ToString(CultureInfo.InvariantCulture) ?? string.Empty), "Month" },
            { new StringContent(date?.Year.ToString(CultureInfo.InvariantCulture) ?? string.Empty), "Year" },
            { new ByteArrayContent(content), "Upload", fileName },
        };
        return client.PostAsync(url, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

/// <summary>The apply fixture with small upload quotas.</summary>
public abstract class UploadQuotaApp(DatabaseProvider provider) : ApplyApp(provider)
{
    protected override IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>
    {
        ["Uploads:PerOrganisation:MaxFiles"] = "5",
        ["Uploads:PerOrganisation:MaxTotalMegabytes"] = "30",
        ["Uploads:PerApplication:MaxFiles"] = "3",
        ["Uploads:PerApplication:MaxTotalMegabytes"] = "20",
    };
}

public sealed class SqliteUploadQuotaApp() : UploadQuotaApp(DatabaseProvider.Sqlite);

public sealed class PostgresUploadQuotaApp() : UploadQuotaApp(DatabaseProvider.PostgreSql);

public sealed class UploadQuotaTestsOnSqlite(SqliteUploadQuotaApp app) : UploadQuotaTests(app), IClassFixture<SqliteUploadQuotaApp>;

public sealed class UploadQuotaTestsOnPostgres(PostgresUploadQuotaApp app) : UploadQuotaTests(app), IClassFixture<PostgresUploadQuotaApp>;
