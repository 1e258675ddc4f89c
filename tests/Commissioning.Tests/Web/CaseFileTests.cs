using System.Net;
using System.Text.RegularExpressions;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.CaseFiles;
using Commissioning.Infrastructure.Identity;
using Commissioning.Tests.Support;
using Commissioning.Tests.Workflows.Support;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Commissioning.Tests.Web.ApplyApp;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Tests.Web;

/// <summary>
/// The staff case file, the officer's list of applications and the directory of organisations: each role sees
/// exactly what <see cref="CaseFileAccess"/> says, read that way from the database, and files served by address
/// obey the same rule.
/// </summary>
public abstract partial class CaseFileTests(ApplyApp app)
{
    private const string Assessor = "assessor@demo.commissioning.test";

    private const string DecisionMaker = "pcc@demo.commissioning.test";

    private const string Finance = "finance@demo.commissioning.test";

    private const string Admin = "admin@demo.commissioning.test";

    private static readonly byte[] Pdf = [.. "%PDF-1.7\n"u8, .. "1 0 obj << >> endobj\n%%EOF"u8];

    private static ApplicationForm UploadForm { get; } = new(
    [
        new FormSection("evidence", "Evidence",
        [
            new FormQuestion("plan", "Upload your project plan", QuestionType.FileUpload),
            new FormQuestion("summary", "Describe the project", QuestionType.ShortText),
        ]),
    ]);

    [Fact]
    public async Task Uploads_and_organisation_documents_by_address_are_served_only_to_the_roles_the_case_file_rules_allow()
    {
        var (member, organisation, _) = await app.NewApplicantAsync();
        var round = await app.NewRoundAsync($"Uploads {Guid.NewGuid():N}"[..20], form: UploadForm);
        var id = await app.StartApplicationAsync(member, round, "Plans by address");
        var uploaded = await PostPageAsync(member, $"/Applications/{id}/Sections/evidence", Fields(("q.summary", "A plan"), ("action", "later")),
            files: new Dictionary<string, (string, byte[])> { ["q.plan"] = ("plan.pdf", Pdf) });
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var upload = $"/Applications/{id}/Files/{Answers.File((await app.ApplicationAsync(id)).AnswerTo("plan"))!.StoredName}";
        Assert.Equal(HttpStatusCode.Redirect, (await UploadDocumentAsync(member, organisation.Id.Value, "GoverningDocument", ("constitution.pdf", Pdf))).StatusCode);
        var documentId = await app.InDbAsync(db => db.Set<global::Commissioning.Domain.Organisations.OrganisationDocument>().Where(d => d.OrganisationId == organisation.Id).Select(d => d.Id).SingleAsync());
        var document = $"/Organisations/{organisation.Id}/Documents/{documentId}";

        async Task<(HttpStatusCode Upload, HttpStatusCode Document)> AsAsync(HttpClient client) =>
            ((await client.GetAsync(upload)).StatusCode, (await client.GetAsync(document)).StatusCode);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await AsAsync(member));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), await AsAsync(await app.SignedInClientAsync(OtherOrganisationsApplicant)));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await AsAsync(await app.SignedInClientAsync(Officer)));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await AsAsync(await app.SignedInClientAsync(DecisionMaker)));
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), await AsAsync(await app.SignedInClientAsync(Admin)));
        // Finance pays the grant: the organisation's documents, not the application's uploads.
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.OK), await AsAsync(await app.SignedInClientAsync(Finance)));
        // An assessor sees neither the organisation's documents nor the uploads of an application they do not assess.
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), await AsAsync(await app.SignedInClientAsync(Assessor)));
    }

    [Fact]
    public async Task The_case_file_loader_reads_for_each_role_exactly_the_parts_the_rules_give_it()
    {
        var (id, _) = await InAssessmentAsync("Loader parts");
        var assessorId = (await UserAsync(Assessor)).Id;
        var otherAssessor = await NewStaffAsync(Roles.Assessor);
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);

        Task<CaseFile?> OpenAsync(string userId, params string[] roles) =>
            app.InScopeAsync(services => services.GetRequiredService<OpenCaseFile>().RunAsync(id, userId, roles, today, CancellationToken.None));

        var officer = (await OpenAsync("officer", Roles.GrantsOfficer))!;
        Assert.Equal(CaseFileParts.Everything, officer.Parts);
        Assert.NotNull(officer.Answers);
        Assert.Equal("Weekly evening sessions for young people at risk of exploitation.", officer.Answers.AnswerOf("project-summary"));
        Assert.NotNull(officer.Budget);
        Assert.NotNull(officer.Priorities);
        Assert.NotNull(officer.Clarifications);
        Assert.NotNull(officer.Workflow);
        Assert.Contains(officer.Workflow.OpenTasks, t => t.Role == Roles.Assessor);
        Assert.NotNull(officer.Organisation?.Documents);
        Assert.NotNull(officer.Organisation?.Bank);
        Assert.NotNull(officer.Organisation?.Applications);
        Assert.Equal(officer.Parts, (await OpenAsync("admin", Roles.Admin))!.Parts);

        var decisionMaker = (await OpenAsync("pcc", Roles.DecisionMaker))!;
        Assert.Null(decisionMaker.Organisation!.Bank);
        Assert.NotNull(decisionMaker.Answers);
        Assert.NotNull(decisionMaker.Workflow);
        Assert.NotNull(decisionMaker.Organisation.Documents);

        var assessor = (await OpenAsync(assessorId, Roles.Assessor))!;
        Assert.NotNull(assessor.Answers);
        Assert.NotNull(assessor.Budget);
        Assert.NotNull(assessor.Priorities);
        Assert.NotNull(assessor.Clarifications);
        Assert.True(assessor.May(CaseFileParts.Uploads) && assessor.May(CaseFileParts.Pdf));
        Assert.NotNull(assessor.Organisation);
        Assert.Null(assessor.Organisation.Documents);
        Assert.Null(assessor.Organisation.Bank);
        Assert.Null(assessor.Organisation.Applications);
        Assert.Null(assessor.Organisation.Awards);
        Assert.Null(assessor.Workflow);
        Assert.Null(assessor.Award);
        Assert.Null(await OpenAsync(otherAssessor.UserId, Roles.Assessor));

        foreach (var role in new[] { Roles.Finance, Roles.FinanceApprover })
        {
            var finance = (await OpenAsync("finance", role))!;
            Assert.Null(finance.Answers);
            Assert.Null(finance.Priorities);
            Assert.Null(finance.Clarifications);
            Assert.Null(finance.Workflow);
            Assert.False(finance.May(CaseFileParts.Uploads) || finance.May(CaseFileParts.Pdf));
            Assert.NotNull(finance.Budget);
            Assert.True(finance.May(CaseFileParts.Award));
            Assert.NotNull(finance.Organisation?.Bank);
            Assert.NotNull(finance.Organisation?.Documents);
            Assert.NotNull(finance.Organisation?.Awards);
        }

        Assert.Null(await OpenAsync("applicant", Roles.Applicant));
        Assert.Null(await app.InScopeAsync(services => services.GetRequiredService<OpenCaseFile>().RunAsync(Guid.NewGuid(), "officer", [Roles.GrantsOfficer], today, CancellationToken.None)));
    }

    [Fact]
    public async Task Each_role_sees_its_own_case_file_page_and_the_staff_pdf_only_where_the_rules_allow()
    {
        var (id, reference) = await InAssessmentAsync("Case file pages");
        var url = $"/Staff/Applications/{id}";

        var officer = HttpForms.Text(await (await app.SignedInClientAsync(Officer)).GetStringAsync(url));
        Assert.Contains(reference, officer, StringComparison.Ordinal);
        Assert.Contains("Weekly evening sessions for young people at risk of exploitation.", officer, StringComparison.Ordinal);
        Assert.Contains("Asked of the fund £4,500.00", officer, StringComparison.Ordinal);
        Assert.Contains("Bank details", officer, StringComparison.Ordinal);
        Assert.Contains("Open tasks", officer, StringComparison.Ordinal);
        Assert.Contains("History", officer, StringComparison.Ordinal);
        Assert.Contains("The organisation's documents", officer, StringComparison.Ordinal);
        Assert.Contains("Download a PDF copy", officer, StringComparison.Ordinal);

        var decisionMaker = HttpForms.Text(await (await app.SignedInClientAsync(DecisionMaker)).GetStringAsync(url));
        Assert.Contains("Weekly evening sessions", decisionMaker, StringComparison.Ordinal);
        Assert.DoesNotContain("Bank details", decisionMaker, StringComparison.Ordinal);

        var finance = await app.SignedInClientAsync(Finance);
        var financePage = HttpForms.Text(await finance.GetStringAsync(url));
        Assert.DoesNotContain("Weekly evening sessions", financePage, StringComparison.Ordinal);
        Assert.Contains("Asked of the fund £4,500.00", financePage, StringComparison.Ordinal);
        Assert.Contains("Bank details", financePage, StringComparison.Ordinal);
        Assert.DoesNotContain("Download a PDF copy", financePage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await finance.GetAsync($"{url}/Pdf")).StatusCode);

        var assessor = await app.SignedInClientAsync(Assessor);
        var assessorPage = HttpForms.Text(await assessor.GetStringAsync(url));
        Assert.Contains("Weekly evening sessions", assessorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Bank details", assessorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("History", assessorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Open tasks", assessorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("documents", assessorPage, StringComparison.Ordinal);
        var pdf = await assessor.GetAsync($"{url}/Pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);

        var stranger = await NewStaffAsync(Roles.Assessor);
        var strangerClient = await app.SignedInClientAsync(stranger.Email, StaffPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerClient.GetAsync($"{url}/Pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInClientAsync(Officer)).GetAsync($"/Staff/Applications/{Guid.NewGuid()}")).StatusCode);
        var applicant = await app.SignedInClientAsync(Applicant);
        foreach (var path in new[] { url, $"{url}/Pdf", "/Staff/Applications", "/Staff/Organisations" })
        {
            var refused = await applicant.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }

        var assessorId = (await UserAsync(Assessor)).Id;
        var task = await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking()
            .Join(db.Set<WorkflowInstance>().Where(i => i.CorrelationId == id.ToString()), t => t.InstanceId, i => i.Id, (t, _) => t)
            .FirstAsync(t => t.Status == TaskStatus.Open && t.Role == Roles.Assessor && (t.AssigneeUserId == assessorId || t.AssigneeUserId == null)));
        Assert.Contains($"href=\"{url}\"", await assessor.GetStringAsync($"/Tasks/{task.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_lists_a_rounds_applications_by_status_and_finds_one_by_reference_or_organisation()
    {
        var (id, reference) = await InAssessmentAsync("Listed bid");
        var organisationName = await app.InDbAsync(db => db.Applications.Where(a => a.Id == GrantApplicationId.From(id))
            .Join(db.Organisations, a => a.OrganisationId, o => o.Id, (_, o) => o.Name).SingleAsync());
        var round = await app.DemoRoundAsync();
        var officer = await app.SignedInClientAsync(Officer);

        var inAssessment = HttpForms.Text(await officer.GetStringAsync($"/Staff/Applications?round={round.Id}&status=InAssessment"));
        Assert.Contains($"Applications to {round.Title}", inAssessment, StringComparison.Ordinal);
        Assert.Contains("Listed bid", inAssessment, StringComparison.Ordinal);
        Assert.DoesNotContain("There is a problem", inAssessment, StringComparison.Ordinal);
        Assert.DoesNotContain("Not submitted", inAssessment, StringComparison.Ordinal);

        var drafts = HttpForms.Text(await officer.GetStringAsync($"/Staff/Applications?round={round.Id}&status=Draft"));
        Assert.DoesNotContain("Listed bid", drafts, StringComparison.Ordinal);

        var byReference = await officer.GetStringAsync($"/Staff/Applications?q={Uri.EscapeDataString(reference.ToLowerInvariant())}");
        Assert.Contains($"href=\"/Staff/Applications/{id}\"", byReference, StringComparison.Ordinal);
        Assert.Contains("1 application", HttpForms.Text(byReference), StringComparison.Ordinal);
        var byOrganisation = await officer.GetStringAsync($"/Staff/Applications?round={round.Id}&q={Uri.EscapeDataString(organisationName)}");
        Assert.Contains($"href=\"/Staff/Applications/{id}\"", byOrganisation, StringComparison.Ordinal);
        var wildcard = HttpForms.Text(await officer.GetStringAsync("/Staff/Applications?q=%25"));
        Assert.Contains("0 applications", wildcard, StringComparison.Ordinal);

        var badStatus = await officer.GetAsync($"/Staff/Applications?status=Nonsense&q={new string('x', 300)}");
        Assert.Equal(HttpStatusCode.OK, badStatus.StatusCode);
        var badPage = HttpForms.Text(await badStatus.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", badPage, StringComparison.Ordinal);
        Assert.Contains("Select a status from the list", badPage, StringComparison.Ordinal);
        Assert.Contains("Search for 200 characters or fewer", badPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Staff/Applications?round={Guid.NewGuid()}")).StatusCode);

        var refused = await (await app.SignedInClientAsync(Finance)).GetAsync("/Staff/Applications");
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_directory_finds_an_organisation_whose_staff_view_shows_what_each_role_may_see()
    {
        var (member, organisation, _) = await app.NewApplicantAsync($"Directory {Guid.NewGuid():N}"[..24]);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadDocumentAsync(member, organisation.Id.Value, "GoverningDocument", ("rules.pdf", Pdf))).StatusCode);
        var officer = await app.SignedInClientAsync(Officer);

        var found = await officer.GetStringAsync($"/Staff/Organisations?q={Uri.EscapeDataString(organisation.Name.ToUpperInvariant())}");
        Assert.Contains($"href=\"/Staff/Organisations/{organisation.Id}\"", found, StringComparison.Ordinal);
        Assert.Contains("1 organisation", HttpForms.Text(found), StringComparison.Ordinal);
        Assert.DoesNotContain("There is a problem", HttpForms.Text(found), StringComparison.Ordinal);
        Assert.Contains("0 organisations", HttpForms.Text(await officer.GetStringAsync("/Staff/Organisations?q=no-such-organisation-anywhere")), StringComparison.Ordinal);

        var view = HttpForms.Text(await officer.GetStringAsync($"/Staff/Organisations/{organisation.Id}"));
        Assert.Contains(organisation.Name, view, StringComparison.Ordinal);
        Assert.Contains("Governing document: rules.pdf Does not expire Current", view, StringComparison.Ordinal);
        Assert.Contains("Safeguarding policy Missing", view, StringComparison.Ordinal);
        Assert.Contains("Bank details", view, StringComparison.Ordinal);
        Assert.Contains("Applications None, in any fund.", view, StringComparison.Ordinal);

        var decisionMakerView = HttpForms.Text(await (await app.SignedInClientAsync(DecisionMaker)).GetStringAsync($"/Staff/Organisations/{organisation.Id}"));
        Assert.Contains("rules.pdf", decisionMakerView, StringComparison.Ordinal);
        Assert.DoesNotContain("Bank details", decisionMakerView, StringComparison.Ordinal);
        Assert.Contains("Bank details", HttpForms.Text(await (await app.SignedInClientAsync(Finance)).GetStringAsync($"/Staff/Organisations/{organisation.Id}")), StringComparison.Ordinal);

        var assessor = await app.SignedInClientAsync(Assessor);
        Assert.StartsWith("/Account/AccessDenied", (await assessor.GetAsync("/Staff/Organisations")).Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.StartsWith("/Account/AccessDenied", (await assessor.GetAsync($"/Staff/Organisations/{organisation.Id}")).Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Staff/Organisations/{Guid.NewGuid()}")).StatusCode);
    }

    private const string StaffPassword = "a-long-enough-staff-password";

    /// <summary>A submitted demo-round application that an officer has found eligible, so its assessors' tasks are open.</summary>
    private async Task<(Guid Id, string Reference)> InAssessmentAsync(string title)
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), title);
        await app.CompleteDemoApplicationAsync(client, id);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, id)).StatusCode);
        var instance = await app.InDbAsync(db => db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == id.ToString()));
        var eligibility = await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.ActivityId == "eligibility" && t.Status == TaskStatus.Open));
        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().CompleteTaskAsync(eligibility.Id, "Eligible", Staff.Officer);
            return 0;
        });
        var assessorId = (await UserAsync(Assessor)).Id;
        Assert.True(await app.InScopeAsync(services => services.GetRequiredService<OpenCaseFile>().IsAssessingAsync(GrantApplicationId.From(id), assessorId, CancellationToken.None)));
        return (id, (await app.ApplicationAsync(id)).Reference!);
    }

    private Task<AppUser> UserAsync(string email) =>
        app.InScopeAsync(async services => (await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!);

    private Task<(string Email, string UserId)> NewStaffAsync(string role) => app.InScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var email = $"staff-{Guid.NewGuid():N}@test.commissioning.test";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Stella Staff" };
        Assert.True((await users.CreateAsync(user, StaffPassword)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return (email, user.Id);
    });

    private static async Task<HttpResponseMessage> UploadDocumentAsync(HttpClient client, Guid organisationId, string kind, (string Name, byte[] Content) file)
    {
        var url = $"/Organisations/{organisationId}/Documents";
        var page = await client.GetStringAsync(url);
        var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(TokenPattern().Match(page).Groups[1].Value)), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
            { new StringContent(string.Empty), "Day" },
            { new StringContent(string.Empty), "Month" },
            { new StringContent(string.Empty), "Year" },
            { new ByteArrayContent(file.Content), "Upload", file.Name },
        };
        return await client.PostAsync(url, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class CaseFileTestsOnSqlite(SqliteApplyApp app) : CaseFileTests(app), IClassFixture<SqliteApplyApp>;

public sealed class CaseFileTestsOnPostgres(PostgresApplyApp app) : CaseFileTests(app), IClassFixture<PostgresApplyApp>;
