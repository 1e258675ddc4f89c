using Commissioning.Domain.Rounds;
using Commissioning.Domain.Organisations;
using System.Text.Json.Nodes;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Tests.Workflows;

public abstract class EngineTests(DatabaseProvider provider)
{
    private static readonly WorkflowActor Officer = new("officer@test", "officer-1", [Roles.GrantsOfficer]);

    [Fact]
    public async Task Publishing_version_2_leaves_running_version_1_instances_on_version_1()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var folder = EngineTestDefinitions.WriteFolder(("engine-review.v1.json", EngineTestDefinitions.Review(1, "P1D", "Review under version 1")));
        Guid first;
        await using (var app = Start(database, folder))
        {
            first = (await InScope(app, r => r.StartAsync("engine-review", "pinning-1", null, Officer))).Id;
        }

        File.WriteAllText(Path.Combine(folder, "engine-review.v2.json"), EngineTestDefinitions.Review(2, "P1D", "Review under version 2"));
        await using (var app = Start(database, folder))
        {
            var second = await InScope(app, r => r.StartAsync("engine-review", "pinning-2", null, Officer));
            var tasks = await Query(app, db => db.Set<HumanTask>().Where(t => t.Status == TaskStatus.Open).ToListAsync());
            var oldTask = tasks.Single(t => t.InstanceId == first);
            var newTask = tasks.Single(t => t.InstanceId == second.Id);

            Assert.Equal(2, second.DefinitionVersion);
            Assert.Equal("Review under version 1", oldTask.Name);
            Assert.Equal("Review under version 2", newTask.Name);

            await InScope(app, r => r.CompleteTaskAsync(oldTask.Id, "Approved", Officer));
            var old = await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == first));
            Assert.Equal(1, old.DefinitionVersion);
            Assert.Equal(InstanceStatus.Finished, old.Status);
            Assert.Equal("approved", old.Outcome);
        }
    }

    [Fact]
    public async Task A_published_version_whose_content_changed_stops_start_up_and_names_the_file()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var folder = EngineTestDefinitions.WriteFolder(("engine-review.v1.json", EngineTestDefinitions.Review(1, "P1D", "Review the request")));
        await using (var app = Start(database, folder))
        {
            await InScope(app, r => r.StartAsync("engine-review", "edited-1", null, Officer));
        }

        File.WriteAllText(Path.Combine(folder, "engine-review.v1.json"), EngineTestDefinitions.Review(1, "P1D", "Review the request quietly changed"));
        await using var edited = Start(database, folder, start: false);

        var error = Assert.Throws<WorkflowDefinitionException>(() => edited.Server);

        Assert.Equal("engine-review.v1.json", error.File);
        Assert.Contains("its content has changed since", error.Message, StringComparison.Ordinal);
        Assert.Contains("publish the change as version 2 in engine-review.v2.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_that_breaks_the_schema_stops_start_up_naming_the_file_and_the_element()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var broken = EngineTestDefinitions.Review().Replace("\"role\": \"GrantsOfficer\", ", string.Empty, StringComparison.Ordinal);
        var folder = EngineTestDefinitions.WriteFolder(("engine-review.v1.json", broken));
        await using var app = Start(database, folder, start: false);

        var error = Assert.Throws<WorkflowDefinitionException>(() => app.Server);

        Assert.Equal("engine-review.v1.json: /root/activities/0/tasks/0: the required property 'role' is missing", error.Message);
    }

    [Fact]
    public async Task A_connection_from_a_port_the_activity_does_not_have_stops_start_up_naming_the_element()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var broken = EngineTestDefinitions.Review().Replace("\"activity\": \"review\", \"port\": \"Declined\"", "\"activity\": \"review\", \"port\": \"Rejected\"", StringComparison.Ordinal);
        var folder = EngineTestDefinitions.WriteFolder(("engine-review.v1.json", broken));
        await using var app = Start(database, folder, start: false);

        var error = Assert.Throws<WorkflowDefinitionException>(() => app.Server);

        Assert.StartsWith("engine-review.v1.json: /root/connections/1/source/port: 'review' has no port 'Rejected'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_people_completing_the_same_task_at_once_one_wins_and_the_other_is_told_who_did()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-review.v1.json", EngineTestDefinitions.Review(1, "P1D"))));
        var instance = await InScope(app, r => r.StartAsync("engine-review", "race-1", null, Officer));
        var task = await Query(app, db => db.Set<HumanTask>().SingleAsync(t => t.InstanceId == instance.Id));
        var grace = new WorkflowActor("grace@test", "grace", [Roles.GrantsOfficer]);
        var tom = new WorkflowActor("tom@test", "tom", [Roles.GrantsOfficer]);

        using var go = new ManualResetEventSlim();
        var attempts = new[] { (grace, "Approved"), (tom, "Declined") }.Select(a => Task.Run(async () =>
        {
            go.Wait();
            try
            {
                await InScope(app, r => r.CompleteTaskAsync(task.Id, a.Item2, a.Item1, $"{a.Item1.Name} says {a.Item2}"));
                return (a.Item1.Name, Message: (string?)null);
            }
            catch (WorkflowException refused)
            {
                return (a.Item1.Name, Message: refused.Message);
            }
        })).ToList();
        go.Set();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Message is null);
        var loser = Assert.Single(results, r => r.Message is not null);
        Assert.Contains($"was already completed by {winner.Name}", loser.Message, StringComparison.Ordinal);
        Assert.Contains("Your answer was not saved", loser.Message, StringComparison.Ordinal);
        var saved = await Query(app, db => db.Set<HumanTask>().SingleAsync(t => t.Id == task.Id));
        Assert.Equal(winner.Name, saved.CompletedBy);
        Assert.Equal($"{winner.Name} says {saved.Outcome}", saved.Comment);
        Assert.Contains($"was already completed by {winner.Name} at {UkTime.Describe(saved.CompletedAt!.Value)} (outcome: {saved.Outcome})", loser.Message, StringComparison.Ordinal);
        Assert.Matches(@" at (\d{1,2}:\d{2}(am|pm)|12pm \(midday\)) on (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} [A-Z][a-z]+ \d{4} ", loser.Message);
        var finished = await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id));
        Assert.Equal(saved.Outcome!.ToLowerInvariant(), finished.Outcome);
        Assert.Equal(2, await Query(app, db => db.Set<WorkflowLogEntry>().CountAsync(l => l.InstanceId == instance.Id)));
    }

    [Fact]
    public async Task A_deadline_that_fires_is_recorded_as_fired_and_leaves_the_stage()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-review.v1.json", EngineTestDefinitions.Review(1, "P1D"))));
        var instance = await InScope(app, r => r.StartAsync("engine-review", "deadline-1", null, Officer));
        var timers = await Query(app, db => db.Set<WorkflowTimer>().Where(t => t.InstanceId == instance.Id).ToListAsync());

        await InScope(app, r => r.FireTimerAsync(timers.Single(t => t.TimerKey == "expire").Id));

        var after = await Query(app, db => db.Set<WorkflowTimer>().Where(t => t.InstanceId == instance.Id).ToDictionaryAsync(t => t.TimerKey));
        Assert.Equal(TimerStatus.Fired, after["expire"].Status);
        Assert.NotNull(after["expire"].FiredAt);
        Assert.Equal(TimerStatus.Cancelled, after["nudge"].Status);
        Assert.Equal(TaskStatus.Cancelled, (await Query(app, db => db.Set<HumanTask>().SingleAsync(t => t.InstanceId == instance.Id))).Status);
        Assert.Equal("expired", (await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id))).Outcome);
    }

    [Fact]
    public async Task A_quorum_of_assessors_completes_the_stage_and_a_declared_conflict_does_not_count()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-quorum.v1.json", EngineTestDefinitions.Quorum)));
        var instance = await InScope(app, r => r.StartAsync("engine-quorum", "quorum-1", null, Officer));
        var assessors = Enumerable.Range(1, 3).Select(i => new WorkflowActor($"assessor{i}@test", $"assessor-{i}", [Roles.Assessor])).ToList();
        var tasks = await Query(app, db => db.Set<HumanTask>().Where(t => t.InstanceId == instance.Id).OrderBy(t => t.Id).ToListAsync());
        Assert.Equal(3, tasks.Count);

        await InScope(app, r => r.CompleteTaskAsync(tasks[0].Id, "ConflictDeclared", assessors[0], "My sister runs this group"));
        await InScope(app, r => r.CompleteTaskAsync(tasks[1].Id, "Scored", assessors[1], data: new JsonObject { ["score"] = 70 }));
        var midway = await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id));
        Assert.Equal("score", midway.CurrentActivityId);
        Assert.Equal(2, await Query(app, db => db.Set<HumanTask>().CountAsync(t => t.InstanceId == instance.Id && t.Status == TaskStatus.Open)));

        await InScope(app, r => r.CompleteTaskAsync(tasks[2].Id, "Scored", assessors[2], data: new JsonObject { ["score"] = 64 }));

        var finished = await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id));
        Assert.Equal("scored", finished.Outcome);
        var all = await Query(app, db => db.Set<HumanTask>().Where(t => t.InstanceId == instance.Id).ToListAsync());
        Assert.Equal(4, all.Count);
        Assert.Equal(2, all.Count(t => t.Outcome == "Scored"));
        Assert.Single(all, t => t.Outcome == "ConflictDeclared");
        Assert.Single(all, t => t.Status == TaskStatus.Cancelled);
        var log = await Query(app, db => db.Set<WorkflowLogEntry>().Where(l => l.InstanceId == instance.Id).OrderBy(l => l.At).ThenBy(l => l.Id).ToListAsync());
        Assert.Contains(log, l => l.Outcome == "ConflictDeclared" && l.Actor == "assessor1@test");
        Assert.Equal("2 of 3 completed (Quorum)", log.Last().Reason);
    }

    [Fact]
    public async Task An_event_that_arrives_before_its_bookmark_exists_is_not_lost()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-counter.v1.json", EngineTestDefinitions.Counter)));
        await InScope(app, r => r.PublishEventAsync("Ping", "early-1"));

        var instance = await InScope(app, r => r.StartAsync("engine-counter", "early-1", new JsonObject { ["returnsExpected"] = 1 }, WorkflowActor.System));

        var finished = await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id));
        Assert.Equal(InstanceStatus.Finished, finished.Status);
        Assert.Equal(1, finished.ReadVariables()["returnsAccepted"]!.GetValue<long>());
        Assert.Equal(instance.Id, await Query(app, db => db.Set<WorkflowEvent>().Select(e => e.ConsumedByInstanceId).SingleAsync()));
    }

    [Fact]
    public async Task Twenty_events_arriving_at_once_are_each_delivered_once_and_no_bookmark_is_left_stuck()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-counter.v1.json", EngineTestDefinitions.Counter)));
        var instance = await InScope(app, r => r.StartAsync("engine-counter", "burst-1", new JsonObject { ["returnsExpected"] = 20 }, WorkflowActor.System));

        using var go = new ManualResetEventSlim();
        var publishers = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            go.Wait();
            await InScope(app, r => r.PublishEventAsync("Ping", "burst-1"));
        })).ToList();
        go.Set();
        await Task.WhenAll(publishers);

        var finished = await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id));
        Assert.Equal(InstanceStatus.Finished, finished.Status);
        Assert.Equal(20, finished.ReadVariables()["returnsAccepted"]!.GetValue<long>());
        Assert.Equal(0, await Query(app, db => db.Set<WorkflowEvent>().CountAsync(e => e.ConsumedAt == null)));
        Assert.Equal(20, await Query(app, db => db.Set<WorkflowLogEntry>().CountAsync(l => l.InstanceId == instance.Id && l.Outcome == "Ping")));

        // The history reads in true order: each move starts where the one before it ended, though many share a time.
        var history = await Query(app, db => db.Set<WorkflowLogEntry>().Where(l => l.InstanceId == instance.Id).OrderBy(l => l.Position).ToListAsync());
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(l => l.Position));
        Assert.All(history.Zip(history.Skip(1)), pair => Assert.Equal(pair.First.ToActivityId, pair.Second.FromActivityId));
        Assert.True(history.GroupBy(l => l.At).Any(g => g.Count() > 1), "Some moves should share a time, or the order proves nothing.");
    }

    [Fact]
    public async Task A_fault_becomes_an_incident_that_an_administrator_can_retry_once_the_cause_is_fixed()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-assess.v1.json", EngineTestDefinitions.Assess)));
        var correlation = Guid.CreateVersion7();

        var fault = await Assert.ThrowsAsync<WorkflowFaultException>(() => InScope(app, r => r.StartAsync("engine-assess", correlation.ToString(), null, Officer)));

        Assert.Contains("recorded for an administrator", fault.Message, StringComparison.Ordinal);
        var incident = await Query(app, db => db.Set<WorkflowIncident>().SingleAsync());
        Assert.Contains($"application {correlation}, which does not exist", incident.Message, StringComparison.Ordinal);
        Assert.Null(incident.ResolvedAt);
        Assert.Equal(InstanceStatus.Faulted, (await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == incident.InstanceId))).Status);

        await SubmittedApplicationWithIdAsync(app, correlation);
        var admin = new WorkflowActor("admin@test", "admin", [Roles.Admin]);
        await InScope(app, r => r.RetryIncidentAsync(incident.Id, admin));

        var resolved = await Query(app, db => db.Set<WorkflowIncident>().SingleAsync());
        Assert.Equal("admin@test", resolved.ResolvedBy);
        Assert.Equal(2, resolved.Attempts);
        var instance = await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == incident.InstanceId));
        Assert.Equal(InstanceStatus.Running, instance.Status);
        Assert.Equal("assess", instance.CurrentActivityId);
        var application = await Query(app, db => db.Applications.SingleAsync(a => a.Id == GrantApplicationId.From(correlation)));
        Assert.Equal(ApplicationStatus.InAssessment, application.Status);
    }

    [Fact]
    public async Task A_broken_rule_in_an_action_is_the_persons_to_fix_and_changes_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-assess.v1.json", EngineTestDefinitions.Assess)));
        var correlation = Guid.CreateVersion7();
        await SubmittedApplicationWithIdAsync(app, correlation);
        await InScope(app, r => r.StartAsync("engine-assess", correlation.ToString(), null, Officer));

        var refused = await Assert.ThrowsAsync<DomainException>(() => InScope(app, r => r.StartAsync("engine-assess", correlation.ToString(), null, Officer)));

        Assert.Contains("cannot become in assessment", refused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await Query(app, db => db.Set<WorkflowInstance>().CountAsync()));
        Assert.Equal(0, await Query(app, db => db.Set<WorkflowIncident>().CountAsync()));
    }

    [Fact]
    public async Task The_engine_refuses_task_inputs_the_task_does_not_allow_whoever_completes_it()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-score.v1.json", EngineTestDefinitions.Score)));
        var assessor = new WorkflowActor("assessor@test", "assessor-1", [Roles.Assessor]);
        var instance = await InScope(app, r => r.StartAsync("engine-score", "inputs-1", null, Officer));
        var task = await Query(app, db => db.Set<HumanTask>().SingleAsync(t => t.InstanceId == instance.Id));

        async Task<string> RefusedAsync(string outcome, JsonObject? data, string? comment = null) =>
            (await Assert.ThrowsAsync<WorkflowException>(() => InScope(app, r => r.CompleteTaskAsync(task.Id, outcome, assessor, comment, data)))).Message;

        Assert.Contains("Score is needed when the outcome is 'Scored'.", await RefusedAsync("Scored", null), StringComparison.Ordinal);
        Assert.Contains("Score must be between 0 and 100.", await RefusedAsync("Scored", new JsonObject { ["score"] = 101 }), StringComparison.Ordinal);
        Assert.Contains("Score must be a whole number.", await RefusedAsync("Scored", new JsonObject { ["score"] = "eighty" }), StringComparison.Ordinal);
        Assert.Contains("'Score the bid' has no input called 'bonus'.", await RefusedAsync("Scored", new JsonObject { ["score"] = 80, ["bonus"] = 5 }), StringComparison.Ordinal);
        Assert.Contains("Note must be text.", await RefusedAsync("Scored", new JsonObject { ["score"] = 80, ["note"] = 3 }), StringComparison.Ordinal);
        Assert.Contains("The comment must be 4,000 characters or fewer.", await RefusedAsync("Withdrawn", null, new string('c', 4001)), StringComparison.Ordinal);
        Assert.Equal(TaskStatus.Open, (await Query(app, db => db.Set<HumanTask>().SingleAsync(t => t.Id == task.Id))).Status);

        await InScope(app, r => r.CompleteTaskAsync(task.Id, "Scored", assessor, null, new JsonObject { ["score"] = 80, ["note"] = "Clear plan" }));
        Assert.Equal(InstanceStatus.Finished, (await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id))).Status);
    }

    internal static CommissioningApp.Factory Start(TestDatabase database, string folder, string node = "node-a", bool start = true)
    {
        var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string> { ["Workflows:DefinitionsFolder"] = folder, ["Scheduler:NodeName"] = node });
        if (start)
        {
            _ = app.Server;
        }

        return app;
    }

    internal static async Task<T> InScope<T>(CommissioningApp.Factory app, Func<WorkflowRuntime, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<WorkflowRuntime>());
    }

    internal static async Task InScope(CommissioningApp.Factory app, Func<WorkflowRuntime, Task> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<WorkflowRuntime>());
    }

    internal static async Task<T> Query<T>(CommissioningApp.Factory app, Func<CommissioningDbContext, Task<T>> query)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<CommissioningDbContext>());
    }

    /// <summary>A submitted application to the demo round whose id is the given correlation id, as the portal would leave it.</summary>
    internal static async Task SubmittedApplicationWithIdAsync(CommissioningApp.Factory app, Guid id)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
        var round = await db.Rounds.FirstAsync(r => r.Title == "Police Property Act Fund 2026/27: round 2");
        // A group of its own, so that the round's one-application-per-organisation rule does not refuse it.
        var organisation = db.Organisations.Add(new Organisation($"Engine test group {id.ToString()[..8]}", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None)).Entity;
        // A member with a sign-in, whom the grant handlers e-mail.
        var member = await db.Users.SingleAsync(u => u.Email == "applicant@demo.commissioning.test");
        organisation.AddPerson(member.FullName, member.Email!, PersonRole.Member, member.Id);
        var priority = await db.PlanPriorities.FirstAsync();
        var application = new GrantApplication(round.Id, organisation.Id, "Safer streets after dark", DateTimeOffset.UtcNow, "applicant@test");
        application.Request(Money.FromPounds(5_000), round);
        application.SupportPriorities([priority.Id], priority.Id);
        FilledIn.Complete(application, round, DateTimeOffset.UtcNow, "applicant@test");
        application.Submit(round, new ApplicantRecord(organisation, [], []), $"PPAF-TEST-{id.ToString()[..8]}", DateTimeOffset.UtcNow);
        // The engine finds the application by the instance's correlation id, so give it that id before it is saved.
        typeof(GrantApplication).GetProperty(nameof(GrantApplication.Id))!.SetValue(application, GrantApplicationId.From(id));
        db.Applications.Add(application);
        await db.SaveChangesAsync();
    }

}

public sealed class EngineTestsOnSqlite() : EngineTests(DatabaseProvider.Sqlite);

public sealed class EngineTestsOnPostgres() : EngineTests(DatabaseProvider.PostgreSql);
