using System.Net;
using System.Text.Json.Nodes;
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
/// A scoring copy that replaced a declared conflict and that no other assessor may take: a grants officer is asked to
/// assign an assessor, and the one they choose scores the bid. The person who declared the conflict never sees it.
/// </summary>
public abstract class AssignAssessorTests(ApplyApp app)
{
    private const string DemoAssessor = "assessor@demo.commissioning.test";

    [Fact]
    public async Task When_no_other_assessor_may_score_a_grants_officer_is_asked_to_assign_one_and_the_assessor_they_choose_scores_the_bid()
    {
        var (id, reference) = await InAssessmentAsync("Only one assessor");
        var (declarer, declarerId) = await DeclareConflictAsync(id);
        var replacement = await ReplacementAsync(id);
        var asking = await AskingAsync(replacement.Id);
        Assert.Equal($"Assign an assessor to score {reference}", asking.Name);
        Assert.Equal(Roles.GrantsOfficer, asking.Role);

        var officer = await app.SignedInClientAsync(Officer);
        var inbox = await officer.GetStringAsync("/Tasks");
        Assert.Contains($"href=\"/Tasks/{asking.Id}/Assign\"", inbox, StringComparison.Ordinal);
        Assert.Contains($"Assign an assessor to score {reference}", HttpForms.Text(inbox), StringComparison.Ordinal);
        Assert.Contains($"href=\"/Tasks/{asking.Id}/Assign\"", await officer.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync($"/Tasks/{asking.Id}")).StatusCode);

        var page = HttpForms.Text(await officer.GetStringAsync($"/Tasks/{asking.Id}/Assign"));
        Assert.Contains($"Declared a conflict {await FullNameAsync(declarerId)} (conflict declared,", page, StringComparison.Ordinal);
        Assert.Contains("Nobody can take this task", page, StringComparison.Ordinal);
        Assert.Contains("An administrator must give someone else the assessor role", page, StringComparison.Ordinal);

        // An administrator gives someone the Assessor role: the officer's page now lists them.
        var (newcomerEmail, newcomerId) = await NewAssessorAsync("Nadia Newcomer");
        page = HttpForms.Text(await officer.GetStringAsync($"/Tasks/{asking.Id}/Assign"));
        Assert.Contains("Who should do it?", page, StringComparison.Ordinal);
        Assert.Contains("Nadia Newcomer", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Nobody can take this task", page, StringComparison.Ordinal);

        var assigned = await PostPageAsync(officer, $"/Tasks/{asking.Id}/Assign", Fields(("Person", newcomerId)));

        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        Assert.Equal(newcomerId, (await TaskAsync(replacement.Id)).AssigneeUserId);
        var done = await TaskAsync(asking.Id);
        Assert.Equal((TaskStatus.Completed, "Assigned", Officer), (done.Status, done.Outcome, done.CompletedBy));
        Assert.Contains(await app.InDbAsync(db => db.Set<WorkflowLogEntry>().AsNoTracking().Where(l => l.InstanceId == replacement.InstanceId).ToListAsync()),
            l => l.Outcome == "Assigned" && l.Actor == Officer && l.Reason == $"{Officer} assigned 'Score the bid' to Nadia Newcomer");
        Assert.DoesNotContain($"/Tasks/{asking.Id}/Assign", await officer.GetStringAsync("/Tasks"), StringComparison.Ordinal);

        var newcomer = await app.SignedInClientAsync(newcomerEmail, Password);
        Assert.Contains($"href=\"/Tasks/{replacement.Id}\"", await newcomer.GetStringAsync("/Tasks"), StringComparison.Ordinal);
        var scored = await PostPageAsync(newcomer, $"/Tasks/{replacement.Id}", Fields(("Outcome", "Scored"), ("Input_score", "71")));
        Assert.Equal(HttpStatusCode.Redirect, scored.StatusCode);
        var answered = await TaskAsync(replacement.Id);
        Assert.Equal((TaskStatus.Completed, "Scored", newcomerId), (answered.Status, answered.Outcome, answered.AssigneeUserId));

        foreach (var path in new[] { "/Tasks", "/" })
        {
            var seen = await declarer.GetStringAsync(path);
            Assert.DoesNotContain(replacement.Id.ToString(), seen, StringComparison.Ordinal);
            Assert.DoesNotContain(asking.Id.ToString(), seen, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task With_another_assessor_free_to_score_no_officer_task_appears_and_the_declarer_never_sees_the_copy()
    {
        var (free, _) = await NewAssessorAsync("Fergus Free");
        var (id, _) = await InAssessmentAsync("Another assessor is free", onlyDemoAssessor: true);
        var (declarer, _) = await DeclareConflictAsync(id);
        var replacement = await ReplacementAsync(id);

        Assert.Equal(0, await app.InDbAsync(db => db.Set<HumanTask>().CountAsync(t => t.ForTaskId == replacement.Id)));
        var freeClient = await app.SignedInClientAsync(free, Password);
        Assert.Contains($"href=\"/Tasks/{replacement.Id}\"", await freeClient.GetStringAsync("/Tasks"), StringComparison.Ordinal);
        Assert.DoesNotContain(replacement.Id.ToString(), await declarer.GetStringAsync("/Tasks"), StringComparison.Ordinal);
        Assert.DoesNotContain(replacement.Id.ToString(), await declarer.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_grants_officers_may_assign_and_a_person_no_longer_free_or_a_copy_already_taken_gets_a_clear_message()
    {
        var (id, _) = await InAssessmentAsync("Assigned with errors");
        var (declarer, declarerId) = await DeclareConflictAsync(id);
        var replacement = await ReplacementAsync(id);
        var asking = await AskingAsync(replacement.Id);
        var officer = await app.SignedInClientAsync(Officer);

        var refused = await declarer.GetAsync($"/Tasks/{asking.Id}/Assign");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Tasks/{replacement.Id}/Assign")).StatusCode);

        var (takerEmail, takerId) = await NewAssessorAsync("Tom Taker");
        var none = await PostPageAsync(officer, $"/Tasks/{asking.Id}/Assign", Fields(("Person", string.Empty)));
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Contains("Select the assessor to give this task to", HttpForms.Text(await none.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var notFree = await PostPageAsync(officer, $"/Tasks/{asking.Id}/Assign", Fields(("Person", declarerId)));
        Assert.Equal(HttpStatusCode.OK, notFree.StatusCode);
        Assert.Contains("That person can no longer take 'Score the bid'", HttpForms.Text(await notFree.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null((await TaskAsync(replacement.Id)).AssigneeUserId);

        // The new assessor takes the copy themselves while the officer has the page open: the officer's task goes.
        var open = await PageStateAsync(officer, $"/Tasks/{asking.Id}/Assign");
        var taker = await app.SignedInClientAsync(takerEmail, Password);
        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(taker, "/Tasks?handler=Claim", Fields(("taskId", replacement.Id.ToString())))).StatusCode);
        Assert.Equal(TaskStatus.Cancelled, (await TaskAsync(asking.Id)).Status);
        Assert.DoesNotContain($"/Tasks/{asking.Id}/Assign", await officer.GetStringAsync("/Tasks"), StringComparison.Ordinal);

        var late = await PostPageAsync(officer, $"/Tasks/{asking.Id}/Assign", Fields(("Person", takerId)), open);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("is no longer waiting for anyone", HttpForms.Text(await late.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(takerId, (await TaskAsync(replacement.Id)).AssigneeUserId);
    }

    private const string Password = "a-long-enough-password";

    /// <summary>
    /// A submitted application past its eligibility check: every assessor there is has a scoring copy (as when no
    /// officer chose them), or only the demo assessor when <paramref name="onlyDemoAssessor"/>.
    /// </summary>
    private async Task<(Guid Id, string Reference)> InAssessmentAsync(string title, bool onlyDemoAssessor = false)
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), title);
        await app.CompleteDemoApplicationAsync(client, id);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, id)).StatusCode);
        var instance = await InstanceAsync(id);
        if (onlyDemoAssessor)
        {
            var demoId = (await UserAsync(DemoAssessor)).Id;
            await app.InDbAsync(async db =>
            {
                var tracked = await db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id);
                var variables = tracked.ReadVariables();
                variables["assessors"] = new JsonArray(demoId);
                tracked.WriteVariables(variables);
                return await db.SaveChangesAsync();
            });
        }

        var eligibility = await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.ActivityId == "eligibility" && t.Status == TaskStatus.Open));
        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().CompleteTaskAsync(eligibility.Id, "Eligible", Staff.Officer);
            return 0;
        });
        Assert.Equal("assessment", (await InstanceAsync(id)).CurrentActivityId);
        return (id, (await app.ApplicationAsync(id)).Reference!);
    }

    /// <summary>The demo assessor declares a conflict on their own scoring copy, through the task page.</summary>
    private async Task<(HttpClient Client, string UserId)> DeclareConflictAsync(Guid id)
    {
        var user = await UserAsync(DemoAssessor);
        var instance = await InstanceAsync(id);
        var own = await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.ActivityId == "assessment" && t.AssigneeUserId == user.Id));
        var client = await app.SignedInClientAsync(DemoAssessor);
        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(client, $"/Tasks/{own.Id}", Fields(("Outcome", "ConflictDeclared"), ("Comment", "My sister is the group's treasurer.")))).StatusCode);
        return (client, user.Id);
    }

    private async Task<HumanTask> ReplacementAsync(Guid id)
    {
        var instance = await InstanceAsync(id);
        return await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.ActivityId == "assessment" && t.TaskKey == "score-bid" && t.AssigneeUserId == null && t.Status == TaskStatus.Open));
    }

    private Task<HumanTask> AskingAsync(Guid copyId) =>
        app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.ForTaskId == copyId && t.Status == TaskStatus.Open));

    private Task<HumanTask> TaskAsync(Guid taskId) =>
        app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.Id == taskId));

    private Task<WorkflowInstance> InstanceAsync(Guid id) =>
        app.InDbAsync(db => db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == id.ToString()));

    private Task<AppUser> UserAsync(string email) =>
        app.InScopeAsync(async services => (await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!);

    private async Task<string> FullNameAsync(string userId) =>
        (await app.InScopeAsync(async services => (await services.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(userId))!)).FullName;

    /// <summary>Someone an administrator has just given the Assessor role.</summary>
    private Task<(string Email, string UserId)> NewAssessorAsync(string fullName) => app.InScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var email = $"assessor-{Guid.NewGuid():N}@test.commissioning.test";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Assessor)).Succeeded);
        return (email, user.Id);
    });
}

public sealed class AssignAssessorTestsOnSqlite(SqliteApplyApp app) : AssignAssessorTests(app), IClassFixture<SqliteApplyApp>;

public sealed class AssignAssessorTestsOnPostgres(PostgresApplyApp app) : AssignAssessorTests(app), IClassFixture<PostgresApplyApp>;
