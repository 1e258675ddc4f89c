using System.Text.Json.Nodes;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Jobs;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Commissioning.Workflows.Scheduling;
using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Commissioning.Tests.Workflows.EngineTests;

namespace Commissioning.Tests.Workflows;

/// <summary>The job system itself on each provider: the recurring jobs and their schedules, and a job server that really runs what is queued.</summary>
public abstract class ScheduledJobTests(DatabaseProvider provider)
{
    private static readonly WorkflowActor Officer = new("officer@test", "officer-1", [Roles.GrantsOfficer]);

    [Fact]
    public async Task The_recurring_jobs_are_registered_with_their_schedules()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-review.v1.json", EngineTestDefinitions.Review())));

        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var recurring = connection.GetRecurringJobs().ToDictionary(j => j.Id);

        Assert.Equal([ScheduledJobs.OutboxDispatch, ScheduledJobs.DocumentExpiryReminders, ScheduledJobs.DeliverySweep, ScheduledJobs.TimerSweep], recurring.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("* * * * *", recurring[ScheduledJobs.DeliverySweep].Cron);
        Assert.Equal(nameof(WorkflowDeliverySweep), recurring[ScheduledJobs.DeliverySweep].Job.Type.Name);
        Assert.Equal("* * * * *", recurring[ScheduledJobs.TimerSweep].Cron);
        Assert.Equal(nameof(WorkflowTimerSweep), recurring[ScheduledJobs.TimerSweep].Job.Type.Name);
        Assert.Equal("* * * * *", recurring[ScheduledJobs.OutboxDispatch].Cron);
        Assert.Equal("0 7 * * *", recurring[ScheduledJobs.DocumentExpiryReminders].Cron);
        Assert.Equal(UkTime.Zone.Id, recurring[ScheduledJobs.DocumentExpiryReminders].TimeZoneId);
        Assert.All(recurring.Values, j => Assert.Null(j.LoadException));
    }

    [Fact]
    public async Task The_job_server_runs_a_queued_timer_sweep_which_fires_a_due_reminder()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-review.v1.json", EngineTestDefinitions.Review(1, "PT1S"))));
        var instance = await InScope(app, r => r.StartAsync("engine-review", "queued-sweep-1", null, Officer));
        await Task.Delay(TimeSpan.FromMilliseconds(1300));

        var jobId = app.Services.GetRequiredService<IBackgroundJobClient>().Enqueue<WorkflowTimerSweep>(sweep => sweep.FireDueAsync(CancellationToken.None));

        await EngineTimerTests.WaitUntilAsync(() => Task.FromResult(StateOf(app, jobId) == "Succeeded"), TimeSpan.FromSeconds(30));
        Assert.Equal(1, await Query(app, db => db.Set<WorkflowLogEntry>().CountAsync(l => l.InstanceId == instance.Id && l.Outcome == "Reminder")));
    }

    [Fact]
    public async Task A_transition_that_makes_a_timer_already_due_has_it_fired_at_once_without_waiting_for_the_minute()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-due.v1.json", DueOnArrival)));

        var instance = await InScope(app, r => r.StartAsync("engine-due", "due-on-arrival-1", new JsonObject { ["closesAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O") }, Officer));

        var started = DateTimeOffset.UtcNow;
        await EngineTimerTests.WaitUntilAsync(async () => (await Query(app, db => db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == instance.Id))).Outcome == "closed", TimeSpan.FromSeconds(20));
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task The_sweep_leaves_a_due_timer_of_a_faulted_instance_pending_for_the_administrators_retry()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = Start(database, EngineTestDefinitions.WriteFolder(("engine-review.v1.json", EngineTestDefinitions.Review(1, "PT1S"))));
        var instance = await InScope(app, r => r.StartAsync("engine-review", "faulted-1", null, Officer));
        await Query(app, async db =>
        {
            (await db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id)).Status = InstanceStatus.Faulted;
            return await db.SaveChangesAsync();
        });
        await Task.Delay(TimeSpan.FromMilliseconds(1300));

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<WorkflowTimerSweep>().FireDueAsync(CancellationToken.None);
        }

        var nudge = await Query(app, db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.TimerKey == "nudge"));
        Assert.Equal(TimerStatus.Pending, nudge.Status);
        Assert.Equal(0, await Query(app, db => db.Set<WorkflowLogEntry>().CountAsync(l => l.InstanceId == instance.Id && l.Outcome == "Reminder")));
    }

    private static string? StateOf(CommissioningApp.Factory app, string jobId)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }

    /// <summary>A stage whose deadline is an instant given at the start, here one already past.</summary>
    private const string DueOnArrival = """
        {
          "$schema": "./workflow-definition.schema.json",
          "definitionId": "engine-due",
          "version": 1,
          "name": "Engine test: due on arrival",
          "variables": [ { "name": "closesAt", "type": "Instant" } ],
          "root": {
            "type": "Flowchart",
            "start": "open",
            "activities": [
              {
                "id": "open", "type": "Grants.Stage", "name": "Open",
                "tasks": [ { "id": "close", "name": "Close early", "role": "GrantsOfficer", "outcomes": ["Closed"] } ],
                "timers": [ { "id": "closes", "kind": "Deadline", "atVariable": "closesAt", "port": "Closed" } ]
              },
              { "id": "closed", "type": "Grants.End", "name": "Closed", "outcome": "closed" }
            ],
            "connections": [
              { "source": { "activity": "open", "port": "Closed" }, "target": { "activity": "closed", "port": "In" } }
            ]
          }
        }
        """;
}

public sealed class ScheduledJobTestsOnSqlite() : ScheduledJobTests(DatabaseProvider.Sqlite);

public sealed class ScheduledJobTestsOnPostgres() : ScheduledJobTests(DatabaseProvider.PostgreSql);
