using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Commissioning.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;
using static Commissioning.Tests.Workflows.EngineTests;

namespace Commissioning.Tests.Workflows;

/// <summary>
/// Timers fired by the real job system (Hangfire, with the timer sweep as a recurring job), across restarts and
/// across app nodes: one transition, one log entry and one set of e-mails per timer.
/// </summary>
public sealed class EngineTimerTests(ITestOutputHelper output)
{
    private static readonly WorkflowActor Officer = new("officer@test", "officer-1", [Roles.GrantsOfficer]);

    [Fact]
    public async Task A_reminder_scheduled_before_a_restart_fires_once_after_it()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var folder = EngineTestDefinitions.WriteFolder(("engine-review.v1.json", EngineTestDefinitions.Review(1, "PT4S")));
        Guid instanceId;
        DateTimeOffset due;
        await using (var before = Start(database, folder, "node-before"))
        {
            instanceId = (await InScope(before, r => r.StartAsync("engine-review", "restart-1", null, Officer))).Id;
            due = await Query(before, db => db.Set<WorkflowTimer>().Where(t => t.InstanceId == instanceId && t.TimerKey == "nudge").Select(t => t.DueAt).SingleAsync());
        }

        Assert.True(DateTimeOffset.UtcNow < due, "The app was stopped only after the reminder was due; the test proves nothing.");
        Assert.Equal(0, await RemindersAsync(database, instanceId));
        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1));

        await using var after = Start(database, folder, "node-after");
        await WaitUntilAsync(async () => await RemindersAsync(database, instanceId) > 0, TimeSpan.FromSeconds(30));
        await SweepAsync(after);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.Equal(1, await RemindersAsync(database, instanceId));
        var timer = await Query(after, db => db.Set<WorkflowTimer>().SingleAsync(t => t.InstanceId == instanceId && t.TimerKey == "nudge"));
        Assert.Equal(TimerStatus.Fired, timer.Status);
        var instance = await Query(after, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instanceId));
        Assert.Equal("review", instance.CurrentActivityId);
        output.WriteLine($"Reminder due {due:HH:mm:ss.fff}, fired {timer.FiredAt:HH:mm:ss.fff} after the restart");
    }

    [Fact]
    public async Task Two_app_instances_on_one_postgres_database_sweeping_at_once_fire_each_timer_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var folder = EngineTestDefinitions.WriteFolder(("engine-offer.v1.json", OfferWithReminder));
        await using var first = Start(database, folder, "node-one");
        await using var second = Start(database, folder, "node-two");
        var applications = new List<Guid>();
        var instances = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            var node = i % 2 == 0 ? first : second;
            var applicationId = Guid.NewGuid();
            await SubmittedApplicationWithIdAsync(node, applicationId);
            applications.Add(applicationId);
            instances.Add((await InScope(node, r => r.StartAsync("engine-offer", applicationId.ToString(), null, Officer))).Id);
        }

        var lastDue = await Query(first, db => db.Set<WorkflowTimer>().Where(t => instances.Contains(t.InstanceId) && t.TimerKey == "nudge").MaxAsync(t => t.DueAt));
        await Task.Delay(lastDue - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        // Both nodes sweep at the same moment, three times each, as their job servers might.
        await Task.WhenAll(Enumerable.Range(0, 3).SelectMany(_ => new[] { SweepAsync(first), SweepAsync(second) }));

        var group = $"Engine test group {applications[0].ToString()[..8]}";
        var members = await Query(first, async db => (await db.Organisations.AsNoTracking().SingleAsync(o => o.Name == group)).People.Count(p => p.UserId is not null));
        Assert.True(members > 0, "The organisation has nobody to e-mail; the test would prove nothing about e-mails.");
        await using var db = database.NewContext();
        for (var i = 0; i < instances.Count; i++)
        {
            var instanceId = instances[i];
            var reference = $"PPAF-TEST-{applications[i].ToString()[..8]}";
            Assert.Equal(1, await db.Set<WorkflowLogEntry>().CountAsync(l => l.InstanceId == instanceId && l.Outcome == "Reminder"));
            Assert.Equal(TimerStatus.Fired, (await db.Set<WorkflowTimer>().SingleAsync(t => t.InstanceId == instanceId && t.TimerKey == "nudge")).Status);
            Assert.Equal(members, await db.OutboxMessages.CountAsync(m => m.Subject == $"Reminder: please answer our offer of a grant: {reference}"));
        }

        var revisions = await db.Set<WorkflowInstance>().Where(i => instances.Contains(i.Id)).Select(i => i.Revision).ToListAsync();
        output.WriteLine($"Instance revisions after the sweeps: {string.Join(", ", revisions)}");
    }

    [Fact]
    public async Task On_sqlite_the_timer_sweep_and_the_outbox_dispatch_run_twice_change_nothing_the_second_time()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var folder = EngineTestDefinitions.WriteFolder(("engine-offer.v1.json", OfferWithReminder));
        await using var app = Start(database, folder, "only-node");
        var applicationId = Guid.NewGuid();
        await SubmittedApplicationWithIdAsync(app, applicationId);
        var instance = await InScope(app, r => r.StartAsync("engine-offer", applicationId.ToString(), null, Officer));
        var due = await Query(app, db => db.Set<WorkflowTimer>().Where(t => t.InstanceId == instance.Id && t.TimerKey == "nudge").Select(t => t.DueAt).SingleAsync());
        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        await SweepAsync(app);
        var afterFirst = await SnapshotAsync(app, instance.Id);
        await SweepAsync(app);
        var afterSecond = await SnapshotAsync(app, instance.Id);

        Assert.Equal(1, afterFirst.Reminders);
        Assert.True(afterFirst.Emails > 0, "The reminder e-mailed nobody; the test would prove nothing about e-mails.");
        Assert.Equal(afterFirst, afterSecond);

        // Two dispatches at once (as an after-commit one and the minute's one may be): each e-mail goes once.
        await Task.WhenAll(DispatchAsync(app), DispatchAsync(app));
        await DispatchAsync(app);
        var sent = await Query(app, db => db.OutboxMessages.AsNoTracking().ToListAsync());
        Assert.All(sent, m => Assert.True(m.SentAt is not null && m.Attempts == 1, $"{m.Subject} to {m.To}: sent {m.SentAt}, {m.Attempts} attempts"));
        Assert.Equal(sent.Count, Directory.GetFiles(Path.Combine(database.DataFolder, "mail"), "*.eml").Length);
    }

    /// <summary>A stage named "offer" (so the grant handlers e-mail the applying organisation's members when its reminder fires) with a reminder after two seconds.</summary>
    private const string OfferWithReminder = """
        {
          "$schema": "./workflow-definition.schema.json",
          "definitionId": "engine-offer",
          "version": 1,
          "name": "Engine test: offer reminder",
          "root": {
            "type": "Flowchart",
            "start": "offer",
            "activities": [
              {
                "id": "offer", "type": "Grants.Stage", "name": "Offer",
                "tasks": [ { "id": "answer", "name": "Record the answer", "role": "GrantsOfficer", "outcomes": ["Accepted"] } ],
                "timers": [ { "id": "nudge", "kind": "Reminder", "after": "PT2S" } ]
              },
              { "id": "accepted", "type": "Grants.End", "name": "Accepted", "outcome": "accepted" }
            ],
            "connections": [
              { "source": { "activity": "offer", "port": "Accepted" }, "target": { "activity": "accepted", "port": "In" } }
            ]
          }
        }
        """;

    private sealed record Snapshot(int Reminders, int Emails, long Revision, string? Activity);

    private static async Task<Snapshot> SnapshotAsync(CommissioningApp.Factory app, Guid instanceId) => await Query(app, async db =>
    {
        var instance = await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == instanceId);
        return new Snapshot(
            await db.Set<WorkflowLogEntry>().CountAsync(l => l.InstanceId == instanceId && l.Outcome == "Reminder"),
            await db.OutboxMessages.CountAsync(m => m.Subject.StartsWith("Reminder: please answer our offer")),
            instance.Revision,
            instance.CurrentActivityId);
    });

    /// <summary>Runs the timer sweep job as the job server would: resolved from the app's services, in a scope of its own.</summary>
    private static async Task SweepAsync(CommissioningApp.Factory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<WorkflowTimerSweep>().FireDueAsync(CancellationToken.None);
    }

    private static async Task DispatchAsync(CommissioningApp.Factory app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<OutboxDispatchJob>().DispatchAsync(CancellationToken.None);
    }

    private static async Task<int> RemindersAsync(TestDatabase database, params IReadOnlyCollection<Guid> instances)
    {
        await using var db = database.NewContext();
        return await db.Set<WorkflowLogEntry>().CountAsync(l => instances.Contains(l.InstanceId) && l.Outcome == "Reminder");
    }

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < until, $"Nothing happened within {timeout.TotalSeconds} seconds.");
            await Task.Delay(250);
        }
    }
}
