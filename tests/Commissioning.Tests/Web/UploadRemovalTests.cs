using System.Net;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Rounds;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Tests.Web.ApplyApp;

namespace Commissioning.Tests.Web;

/// <summary>Removing an uploaded file from a draft: who may, until when, and what is left afterwards.</summary>
public abstract class UploadRemovalTests(ApplyApp app)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 8, 7, 6, 5, 4, 3, 2];

    [Fact]
    public async Task A_member_removes_an_upload_after_confirming_and_the_file_and_answer_are_gone_with_the_removal_audited()
    {
        var (client, id, file) = await DraftWithUploadAsync("Remove an upload");
        var section = await client.GetStringAsync(SectionUrl(id));
        var removeUrl = $"/Applications/{id}/Files/{file.StoredName}/Remove";

        var confirm = await client.GetAsync(removeUrl);
        var confirmPage = HttpForms.Text(await confirm.Content.ReadAsStringAsync());
        var removed = await PostPageAsync(client, removeUrl, []);
        var after = await client.GetStringAsync(SectionUrl(id));

        Assert.Contains($"href=\"{removeUrl}\" role=\"button\"", section, StringComparison.Ordinal);
        Assert.Contains("Remove Our constitution.png", HttpForms.Text(section), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("Are you sure you want to remove \u2018Our constitution.png\u2019?", confirmPage, StringComparison.Ordinal);
        Assert.Contains("Yes, remove the file No, keep it", confirmPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(SectionUrl(id), removed.Headers.Location!.OriginalString);
        Assert.Contains("Success \u2018Our constitution.png\u2019 has been removed. You can upload another file for \u2018Upload your governing document\u2019.", HttpForms.Text(after), StringComparison.Ordinal);
        Assert.DoesNotContain(removeUrl, after, StringComparison.Ordinal);
        Assert.Null((await app.ApplicationAsync(id)).AnswerTo("governing-document"));
        Assert.False(File.Exists(StoredPath(file)));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/{id}/Files/{file.StoredName}")).StatusCode);
        var audit = await app.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(ApplicationAnswer) && e.EntityId.StartsWith(id.ToString()) && e.Action == "Modified").ToListAsync());
        var entry = Assert.Single(audit, e => e.Changes.Contains(file.StoredName, StringComparison.Ordinal));
        Assert.Equal(Applicant, entry.Actor);
        Assert.Contains("\"to\":null", entry.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_organisations_member_and_a_tampered_file_name_get_not_found_and_nothing_is_removed()
    {
        var (client, id, file) = await DraftWithUploadAsync("Not yours to remove");
        var other = await app.SignedInClientAsync(OtherOrganisationsApplicant);
        var removeUrl = $"/Applications/{id}/Files/{file.StoredName}/Remove";
        var state = await PageStateAsync(client, removeUrl);
        var tokenOfOther = (await PageStateAsync(other, $"/Funding/{(await app.DemoRoundAsync()).Id}/Eligibility")).First(s => s.Key == "__RequestVerificationToken");

        var responses = new[]
        {
            await other.GetAsync(removeUrl),
            await other.PostAsync(removeUrl, new FormUrlEncodedContent([tokenOfOther])),
            await client.GetAsync($"/Applications/{id}/Files/0190aaaa0000700080000000000000aa.png/Remove"),
            await PostPageAsync(client, $"/Applications/{id}/Files/0190aaaa0000700080000000000000aa.png/Remove", [], state),
            await client.GetAsync($"/Applications/{id}/Files/..%2Fcommissioning.db/Remove"),
            await client.GetAsync($"/Applications/{Guid.NewGuid()}/Files/{file.StoredName}/Remove"),
        };

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.NotFound, r.StatusCode));
        foreach (var response in responses)
        {
            Assert.DoesNotContain("constitution", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(file.StoredName, Answers.File((await app.ApplicationAsync(id)).AnswerTo("governing-document"))!.StoredName);
        Assert.True(File.Exists(StoredPath(file)));
    }

    [Fact]
    public async Task After_the_round_closes_an_upload_cannot_be_removed_and_the_applicant_is_told_why()
    {
        var (client, id, file) = await DraftWithUploadAsync("Too late to remove");
        var removeUrl = $"/Applications/{id}/Files/{file.StoredName}/Remove";
        var state = await PageStateAsync(client, removeUrl);
        var application = await app.ApplicationAsync(id);
        var closedAt = app.Clock.GetUtcNow().AddMinutes(-1);
        await app.InDbAsync(async db =>
        {
            var round = await db.Rounds.SingleAsync(r => r.Id == application.RoundId);
            round.Reschedule(closedAt.AddDays(-20), closedAt);
            return await db.SaveChangesAsync();
        });

        var page = await client.GetAsync(removeUrl);
        var post = await PostPageAsync(client, removeUrl, [], state);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var pageText = HttpForms.Text(await page.Content.ReadAsStringAsync());
        Assert.Contains("You cannot remove this file", pageText, StringComparison.Ordinal);
        Assert.Contains("closed at", pageText, StringComparison.Ordinal);
        Assert.DoesNotContain("Yes, remove the file", pageText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        Assert.Contains("You cannot remove this file. Round with documents to remove", HttpForms.Text(await post.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.NotNull((await app.ApplicationAsync(id)).AnswerTo("governing-document"));
        Assert.True(File.Exists(StoredPath(file)));
    }

    [Fact]
    public async Task A_submitted_applications_upload_is_frozen()
    {
        var (client, id, file) = await DraftWithUploadAsync("Submitted with an upload");
        var removeUrl = $"/Applications/{id}/Files/{file.StoredName}/Remove";
        var state = await PageStateAsync(client, removeUrl);
        await CompleteAsync(client, id);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, id)).StatusCode);

        var page = HttpForms.Text(await client.GetStringAsync(removeUrl));
        var post = await PostPageAsync(client, removeUrl, [], state);

        Assert.Contains("You cannot remove this file This application was submitted and can no longer be changed.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, post.StatusCode);
        Assert.Contains("You cannot remove this file. This application was submitted and can no longer be changed.", HttpForms.Text(await post.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(file.StoredName, Answers.File((await app.ApplicationAsync(id)).AnswerTo("governing-document"))!.StoredName);
        Assert.True(File.Exists(StoredPath(file)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Applications/{id}/Files/{file.StoredName}")).StatusCode);
    }

    [Fact]
    public async Task Replacing_an_upload_deletes_the_file_it_replaces()
    {
        var (client, id, file) = await DraftWithUploadAsync("Replace an upload");

        var response = await PostPageAsync(client, SectionUrl(id), Fields(("action", "later")), files: new Dictionary<string, (string, byte[])> { ["q.governing-document"] = ("New constitution.pdf", [.. "%PDF-1.7\n"u8, 4, 5, 6]) });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var replacement = Answers.File((await app.ApplicationAsync(id)).AnswerTo("governing-document"))!;
        Assert.Equal("New constitution.pdf", replacement.FileName);
        Assert.True(File.Exists(StoredPath(replacement)));
        Assert.False(File.Exists(StoredPath(file)));
    }

    private static string SectionUrl(Guid id) => $"/Applications/{id}/Sections/documents";

    private string StoredPath(FileAnswer file) => Path.Combine(app.DataFolder, "uploads", file.StoredName);

    private async Task<(HttpClient Client, Guid Id, FileAnswer File)> DraftWithUploadAsync(string title)
    {
        var round = await app.NewRoundAsync("Round with documents to remove", form: DocumentsForm);
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, round, title);
        var uploaded = await PostPageAsync(client, SectionUrl(id), Fields(("action", "later")), files: new Dictionary<string, (string, byte[])> { ["q.governing-document"] = ("Our constitution.png", Png) });
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var file = Answers.File((await app.ApplicationAsync(id)).AnswerTo("governing-document"))!;
        Assert.True(File.Exists(Path.Combine(app.DataFolder, "uploads", file.StoredName)));
        return (client, id, file);
    }

    /// <summary>Everything else a submission needs: a budget asking for £4,500 and a priority.</summary>
    private async Task CompleteAsync(HttpClient client, Guid id)
    {
        await AssertSavedAsync(client, $"/Applications/{id}/Budget", Fields(
            ("cost[0].description", "Printing"), ("cost[0].amount", "5000"),
            ("other[0].description", "Town council grant"), ("other[0].amount", "500"),
            ("action", "continue")));
        var priority = await app.FirstPriorityAsync();
        await AssertSavedAsync(client, $"/Applications/{id}/Priorities", Fields(("Supported", priority.Id.ToString()), ("Primary", priority.Id.ToString())));
    }

    private static ApplicationForm DocumentsForm { get; } = new(
    [
        new FormSection("documents", "Documents",
        [
            new FormQuestion("governing-document", "Upload your governing document", QuestionType.FileUpload),
        ]),
    ]);
}

public sealed class UploadRemovalTestsOnSqlite(SqliteApplyApp app) : UploadRemovalTests(app), IClassFixture<SqliteApplyApp>;

public sealed class UploadRemovalTestsOnPostgres(PostgresApplyApp app) : UploadRemovalTests(app), IClassFixture<PostgresApplyApp>;
