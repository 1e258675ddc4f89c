using System.Text.Json.Nodes;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.BrowserTests;

/// <summary>
/// After submitting, in real Chromium: an officer's question, the applicant's status page and answer, and the offer
/// with its acceptance form, each checked with axe-core (WCAG 2.2 A and AA) and pictured. The application is
/// submitted and moved through the workflow by the real runtime on the app's database, as the office's staff would.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AfterSubmissionPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Applicant = "applicant@demo.commissioning.test";

    private const string Officer = "officer@demo.commissioning.test";

    [Fact]
    public async Task The_status_question_and_offer_pages_are_accessible()
    {
        await using var seeding = Seeding();
        var id = await SubmitAsync(seeding);

        await using var officerContext = await browser.NewContextAsync();
        var officer = await officerContext.NewPageAsync();
        officer.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(officer, Officer);
        await officer.GotoAsync($"Applications/{id}/Clarifications/Ask");
        await Axe.AssertNoViolationsAsync(officer, output, "the officer's questions page");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Send the question" }).ClickAsync();
        await officer.Locator(".govuk-error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(officer, output, "the officer's questions page with an error");
        await officer.GetByLabel("Ask a question").FillAsync("Who will run the sessions, and are they DBS checked?");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Send the question" }).ClickAsync();
        await officer.Locator(".govuk-notification-banner--success").WaitForAsync();
        await PageHelpers.ScreenshotAsync(officer, output, "after-submission-ask");

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, Applicant);
        await page.GotoAsync($"Applications/{id}/Status");
        Assert.Equal("Browser status check", await page.Locator("h1").InnerTextAsync());
        await PageHelpers.AssertStyledAsync(page);
        await Axe.AssertNoViolationsAsync(page, output, "the status page with a question");
        await PageHelpers.ScreenshotAsync(page, output, "after-submission-status");

        await page.GetByRole(AriaRole.Link, new() { Name = "Answer our question" }).ClickAsync();
        Assert.Equal("Answer our question", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the answer page");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send your answer" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Enter the answer.", await page.Locator(".govuk-error-summary__list li").AllInnerTextsAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the answer page with an error");
        await PageHelpers.ScreenshotAsync(page, output, "after-submission-answer-error");
        await page.GetByLabel("Your answer").FillAsync("Two sessional youth workers, both with enhanced DBS checks.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send your answer" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/Applications/{id}/Status");

        await DriveToOfferAsync(seeding, id);
        await page.GotoAsync($"Applications/{id}/Status");
        await Axe.AssertNoViolationsAsync(page, output, "the status page at the offer");
        await PageHelpers.ScreenshotAsync(page, output, "after-submission-status-offer");

        await page.GetByRole(AriaRole.Button, new() { Name = "Read and respond to your offer" }).ClickAsync();
        Assert.Equal("Your offer of a grant", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the offer page");
        await PageHelpers.ScreenshotAsync(page, output, "after-submission-offer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept the offer" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the offer page with errors");
        await PageHelpers.ScreenshotAsync(page, output, "after-submission-offer-errors");

        await page.GetByLabel("Full name of the person signing").FillAsync("Ann Chair");
        await page.GetByLabel("Their role in the organisation").FillAsync("Chair of trustees");
        await page.GetByLabel("I am authorised to accept this offer").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Accept the offer" }).ClickAsync();
        await page.Locator("#response").WaitForAsync();
        Assert.Contains("Offer accepted", await page.Locator("#response").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the accepted offer");
        await PageHelpers.ScreenshotAsync(page, output, "after-submission-offer-accepted");
    }

    private ServiceProvider Seeding()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var database = ResolvedDatabase.ForTests(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(browser.App.DataFolder, "commissioning.db")}", browser.App.DataFolder);
        services.AddCommissioningPersistence(database);
        services.AddWorkflowEngine<CommissioningDbContext>(GrantWorkflowHandlers.Create(), new WorkflowOptions { DefinitionsFolder = Path.Combine(AppContext.BaseDirectory, "workflows"), IsRuleViolation = ex => ex is DomainException });
        return services.BuildServiceProvider();
    }

    private static async Task<T> InScope<T>(ServiceProvider provider, Func<WorkflowRuntime, CommissioningDbContext, Task<T>> work)
    {
        await using var scope = provider.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WorkflowRuntime>(), scope.ServiceProvider.GetRequiredService<CommissioningDbContext>());
    }

    /// <summary>A complete application by the demo applicant's group, submitted as the portal does it.</summary>
    private static async Task<Guid> SubmitAsync(ServiceProvider provider)
    {
        var now = DateTimeOffset.UtcNow;
        var id = await InScope(provider, async (_, db) =>
        {
            var round = await db.Rounds.SingleAsync(r => r.Title == "Police Property Act Fund 2026/27: round 2");
            // Other browser tests apply to this round as the same group: here it takes several applications from one organisation.
            round.SetApplicantLimits(round.ExcludedLegalForms, allowsSeveralApplicationsPerOrganisation: true);
            var organisation = await db.Organisations.SingleAsync(o => o.People.Any(p => p.Email == Applicant));
            var priority = await db.PlanPriorities.OrderBy(p => p.Order).Select(p => p.Id).FirstAsync();
            var application = new GrantApplication(round.Id, organisation.Id, "Browser status check", now, Applicant);
            application.Request(Money.FromPounds(4_500), round);
            application.SupportPriorities([priority], priority);
            foreach (var question in round.Form.Questions.Where(q => FormProgress.MustBeAnswered(q) && FormProgress.IsShown(round.Form, q, application.AnswerTo)))
            {
                application.Answer(question.Key, question.Type switch
                {
                    QuestionType.YesNo => Answers.No,
                    QuestionType.Money => "4500.00",
                    QuestionType.Date => "2027-01-05",
                    QuestionType.MultipleChoice => $"[\"{question.Options![0]}\"]",
                    _ => "A browser test answer",
                }, now, Applicant);
            }

            application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Project costs", Money.FromPounds(4_500))]);
            // The office's records are not what this test is about: submitted as if the group had no other applications.
            application.Submit(round, new ApplicantRecord(organisation, [], []), $"PPAF-2026-9{Random.Shared.Next(1000, 9999)}", now);
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            return application.Id.Value;
        });
        await InScope(provider, async (runtime, _) =>
        {
            var variables = new JsonObject { ["closesAt"] = now.AddDays(1).ToString("O"), ["assessors"] = new JsonArray("assessor-anne", "assessor-ben") };
            await runtime.StartAsync("police-property-act-fund", id.ToString(), variables, WorkflowActor.System);
            await runtime.PublishEventAsync(ApplicationWorkflows.ApplicationSubmitted, id.ToString());
            return 0;
        });
        return id;
    }

    private static async Task DriveToOfferAsync(ServiceProvider provider, Guid id)
    {
        var officer = new WorkflowActor("Grace Whitfield", "officer-grace", ["GrantsOfficer"]);
        var steps = new (string Outcome, WorkflowActor Actor, JsonObject? Data)[]
        {
            ("Eligible", officer, null),
            ("Scored", new WorkflowActor("Anne Assessor", "assessor-anne", ["Assessor"]), new JsonObject { ["score"] = 80 }),
            ("Scored", new WorkflowActor("Ben Assessor", "assessor-ben", ["Assessor"]), new JsonObject { ["score"] = 78 }),
            ("Shortlisted", officer, null),
            ("Approved", officer, null),
            ("Approved", new WorkflowActor("Catherine Moreau", "pcc-catherine", ["DecisionMaker"]), null),
        };
        foreach (var (outcome, actor, data) in steps)
        {
            await InScope(provider, async (runtime, db) =>
            {
                var instance = await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == id.ToString());
                var open = await db.Set<HumanTask>().AsNoTracking().Where(t => t.InstanceId == instance.Id && t.ActivityId == instance.CurrentActivityId && t.Status == TaskStatus.Open).ToListAsync();
                var task = open.FirstOrDefault(t => t.AssigneeUserId == actor.UserId) ?? open.Single(t => t.AssigneeUserId is null);
                await runtime.CompleteTaskAsync(task.Id, outcome, actor, null, data);
                return 0;
            });
        }

        var at = await InScope(provider, (_, db) => db.Set<WorkflowInstance>().AsNoTracking().Where(i => i.CorrelationId == id.ToString()).Select(i => i.CurrentActivityId).SingleAsync());
        Assert.Equal("offer", at);
    }
}
