using System.Text.Json.Nodes;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.BrowserTests;

/// <summary>
/// A grants officer assigns an assessor to a bid whose only assessor declared a conflict, in real Chromium: the page
/// when nobody may take it yet, then with a newly given assessor to choose, with an error, and after assigning, each
/// checked with axe-core (WCAG 2.2 A and AA) and pictured. The bid is moved by the real runtime on the app's database.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AssignAssessorPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Applicant = "applicant@demo.commissioning.test";

    private const string Officer = "officer@demo.commissioning.test";

    private const string Assessor = "assessor@demo.commissioning.test";

    [Fact]
    public async Task A_grants_officer_assigns_an_assessor_after_a_declared_conflict_with_no_axe_violations()
    {
        await using var seeding = Seeding();
        var (asking, reference) = await ConflictWithNobodyElseAsync(seeding);

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, Officer);
        var link = page.Locator($"main a[href='/Tasks/{asking}/Assign']");
        Assert.Equal($"Assign an assessor to score {reference}", await link.InnerTextAsync());
        await WorkflowPages.CheckAsync(page, output, "/Tasks", "Your tasks", "assign-assessor-inbox");
        await page.Locator($"main a[href='/Tasks/{asking}/Assign']").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/Tasks/{asking}/Assign");
        Assert.Equal($"Assign an assessor to score {reference}", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Nobody can take this task", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the assign page when nobody may take the task");
        await PageHelpers.ScreenshotAsync(page, output, "assign-assessor-nobody");

        await GiveAssessorRoleAsync(seeding, "Nadia Newcomer");
        await WorkflowPages.CheckAsync(page, output, $"/Tasks/{asking}/Assign", $"Assign an assessor to score {reference}", "assign-assessor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Give the task to this assessor" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Select the assessor to give this task to", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the assign page with an error");
        await PageHelpers.ScreenshotAsync(page, output, "assign-assessor-error");

        await page.GetByLabel("Nadia Newcomer").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Give the task to this assessor" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Tasks");
        Assert.Contains("is now Nadia Newcomer’s task", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the task inbox after assigning an assessor");
        await PageHelpers.ScreenshotAsync(page, output, "assign-assessor-done");
    }

    private ServiceProvider Seeding()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var database = ResolvedDatabase.ForTests(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(browser.App.DataFolder, "commissioning.db")}", browser.App.DataFolder);
        services.AddCommissioningPersistence(database);
        services.AddWorkflowEngine<CommissioningDbContext>(GrantWorkflowHandlers.Create(), new WorkflowOptions { DefinitionsFolder = Path.Combine(AppContext.BaseDirectory, "workflows"), IsRuleViolation = ex => ex is DomainException });
        services.AddScoped<IWorkflowPeople, IdentityWorkflowPeople>();
        return services.BuildServiceProvider();
    }

    private static async Task<T> InScope<T>(ServiceProvider provider, Func<WorkflowRuntime, CommissioningDbContext, Task<T>> work)
    {
        await using var scope = provider.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WorkflowRuntime>(), scope.ServiceProvider.GetRequiredService<CommissioningDbContext>());
    }

    /// <summary>A bid scored by the demo assessor alone, who declares a conflict: the officer's task that follows, and the bid's reference.</summary>
    private static async Task<(Guid Asking, string Reference)> ConflictWithNobodyElseAsync(ServiceProvider provider)
    {
        var now = DateTimeOffset.UtcNow;
        var reference = $"PPAF-2026-8{Random.Shared.Next(1000, 9999)}";
        var id = await InScope(provider, async (_, db) =>
        {
            var round = await db.Rounds.SingleAsync(r => r.Title == "Police Property Act Fund 2026/27: round 2");
            round.SetApplicantLimits(round.ExcludedLegalForms, allowsSeveralApplicationsPerOrganisation: true);
            var organisation = await db.Organisations.SingleAsync(o => o.People.Any(p => p.Email == Applicant));
            var priority = await db.PlanPriorities.OrderBy(p => p.Order).Select(p => p.Id).FirstAsync();
            var application = new GrantApplication(round.Id, organisation.Id, "Browser conflict check", now, Applicant);
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
            application.Submit(round, new ApplicantRecord(organisation, [], []), reference, now);
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            return application.Id.Value;
        });
        var assessorId = await InScope(provider, (_, db) => db.Users.Where(u => u.Email == Assessor).Select(u => u.Id).SingleAsync());
        await InScope(provider, async (runtime, _) =>
        {
            var variables = new JsonObject { ["closesAt"] = now.AddDays(1).ToString("O"), ["assessors"] = new JsonArray(assessorId) };
            await runtime.StartAsync("police-property-act-fund", id.ToString(), variables, WorkflowActor.System);
            await runtime.PublishEventAsync(ApplicationWorkflows.ApplicationSubmitted, id.ToString());
            return 0;
        });

        var steps = new (string Outcome, WorkflowActor Actor)[]
        {
            ("Eligible", new WorkflowActor("Grace Whitfield", "officer-grace", [Roles.GrantsOfficer])),
            ("ConflictDeclared", new WorkflowActor(Assessor, assessorId, [Roles.Assessor])),
        };
        foreach (var (outcome, actor) in steps)
        {
            await InScope(provider, async (runtime, db) =>
            {
                var instance = await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == id.ToString());
                var task = await db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.ActivityId == instance.CurrentActivityId && t.Status == TaskStatus.Open && (t.AssigneeUserId == null || t.AssigneeUserId == actor.UserId));
                await runtime.CompleteTaskAsync(task.Id, outcome, actor, outcome == "ConflictDeclared" ? "A trustee is my neighbour." : null);
                return 0;
            });
        }

        var asking = await InScope(provider, (_, db) => db.Set<HumanTask>().AsNoTracking()
            .Where(t => t.ForTaskId != null && t.Status == TaskStatus.Open)
            .Join(db.Set<WorkflowInstance>().Where(i => i.CorrelationId == id.ToString()), t => t.InstanceId, i => i.Id, (t, _) => t.Id)
            .SingleAsync());
        return (asking, reference);
    }

    /// <summary>An administrator gives a new person the Assessor role.</summary>
    private static Task<int> GiveAssessorRoleAsync(ServiceProvider provider, string fullName) => InScope(provider, async (_, db) =>
    {
        var email = $"assessor-{Guid.NewGuid():N}@browser.commissioning.test";
        var user = new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true, FullName = fullName, SecurityStamp = Guid.NewGuid().ToString() };
        db.Users.Add(user);
        var role = await db.Roles.SingleAsync(r => r.Name == Roles.Assessor);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
        return await db.SaveChangesAsync();
    });
}
