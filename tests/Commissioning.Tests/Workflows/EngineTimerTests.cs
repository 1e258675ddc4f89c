using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Commissioning.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using static Commissioning.Tests.Workflows.EngineTests;

namespace Commissioning.Tests.Workflows;

/// <summary>Timers fired by the real scheduler (Quartz on the app's database), across restarts and across app nodes.</summary>
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
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(1, await RemindersAsync(database, instanceId));
        var timer = await Query(after, db => db.Set<WorkflowTimer>().SingleAsync(t => t.InstanceId == instanceId && t.TimerKey == "nudge"));
        Assert.Equal(TimerStatus.Fired, timer.Status);
        var runs = await Query(after, db => db.Set<ScheduledJobRun>().Where(r => r.JobKey == $"{QuartzWorkflowTimerScheduler.Group}.{timer.Id}").ToListAsync());
        var run = Assert.Single(runs);
        Assert.Equal("node-after", run.Node);
        Assert.True(run.Succeeded);
        var instance = await Query(after, db => db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instanceId));
        Assert.Equal("review", instance.CurrentActivityId);
        output.WriteLine($"Reminder due {due:HH:mm:ss.fff}, fired {timer.FiredAt:HH:mm:ss.fff} on {run.Node}");
    }

    [Fact]
    public async Task Two_app_instances_on_one_postgres_database_fire_each_timer_exactly_once()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var folder = EngineTestDefinitions.WriteFolder(("engine-review.v1.json", EngineTestDefinitions.Review(1, "PT4S")));
        await using var first = Start(database, folder, "node-one");
        await using var second = Start(database, folder, "node-two");
        var instances = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            var node = i % 2 == 0 ? first : second;
            instances.Add((await InScope(node, r => r.StartAsync("engine-review", $"cluster-{i}", null, Officer))).Id);
        }

        await WaitUntilAsync(async () => await RemindersAsync(database, instances) >= instances.Count, TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.Equal(instances.Count, await RemindersAsync(database, instances));
        await using var db = database.NewContext();
        foreach (var id in instances)
        {
            Assert.Equal(1, await db.Set<WorkflowLogEntry>().CountAsync(l => l.InstanceId == id && l.Outcome == "Reminder"));
        }

        var runs = await db.Set<ScheduledJobRun>().Where(r => r.JobKey.StartsWith(QuartzWorkflowTimerScheduler.Group)).ToListAsync();
        Assert.Equal(instances.Count, runs.Count);
        Assert.Equal(instances.Count, runs.Select(r => r.JobKey).Distinct().Count());
        output.WriteLine($"Runs per node: {string.Join(", ", runs.GroupBy(r => r.Node).Select(g => $"{g.Key} {g.Count()}"))}");
    }

    private static async Task<int> RemindersAsync(TestDatabase database, params IReadOnlyCollection<Guid> instances)
    {
        await using var db = database.NewContext();
        return await db.Set<WorkflowLogEntry>().CountAsync(l => instances.Contains(l.InstanceId) && l.Outcome == "Reminder");
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < until, $"Nothing happened within {timeout.TotalSeconds} seconds.");
            await Task.Delay(250);
        }
    }
}
