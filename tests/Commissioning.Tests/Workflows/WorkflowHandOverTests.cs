using System.Globalization;
using System.Text.Json.Nodes;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Commissioning.Tests.Workflows.EngineTests;

namespace Commissioning.Tests.Workflows;

/// <summary>
/// A start or an event recorded in the unit of work of the change that causes it: saved with that change or not at
/// all, delivered after the commit, by the sweep if nobody delivered it, once, and before a deadline that it beat.
/// </summary>
public abstract class WorkflowHandOverTests(DatabaseProvider provider)
{
    private static readonly WorkflowActor Applicant = new("applicant@test", "applicant-1", [Roles.Applicant]);

    [Fact]
    public async Task A_recorded_start_and_event_are_saved_only_with_the_change_and_move_nothing_until_delivered()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = StartWithoutJobServer(database);

        // Rolled back with the change: nothing of the workflow is left behind.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            runtime.RecordStart("engine-offer", "rolled-back", Expiring(TimeSpan.FromDays(1)), Applicant);
            runtime.RecordEvent("Accepted", "rolled-back");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        Assert.Equal(0, await Query(app, db => db.Set<WorkflowInstance>().CountAsync()));
        Assert.Equal(0, await Query(app, db => db.Set<WorkflowEvent>().CountAsync()));

        // Committed: kept, and still waiting for delivery.
        await RecordAsync(app, "committed", TimeSpan.FromDays(1), accepted: DateTimeOffset.UtcNow);
        var instance = await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.CorrelationId == "committed"));
        Assert.Equal(InstanceStatus.Starting, instance.Status);
        Assert.Null(await Query(app, db => db.Set<WorkflowEvent>().Select(e => e.ConsumedAt).SingleAsync()));
        Assert.Equal(0, await Query(app, db => db.Set<WorkflowLogEntry>().CountAsync()));
    }

    [Fact]
    public async Task The_sweep_delivers_what_nobody_delivered_once_even_when_two_sweeps_run_at_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = StartWithoutJobServer(database);
        await RecordAsync(app, "swept-1", TimeSpan.FromDays(1), accepted: DateTimeOffset.UtcNow);
        await RecordAsync(app, "swept-2", TimeSpan.FromDays(1), accepted: DateTimeOffset.UtcNow);

        var sweep = app.Services.GetRequiredService<WorkflowDeliverySweep>();
        await Task.WhenAll(sweep.RunAsync(), sweep.RunAsync());
        Assert.Equal(0, await sweep.RunAsync());

        foreach (var correlation in new[] { "swept-1", "swept-2" })
        {
            var instance = await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.CorrelationId == correlation));
            Assert.Equal(InstanceStatus.Finished, instance.Status);
            Assert.Equal("accepted", instance.Outcome);
            var log = await Query(app, db => db.Set<WorkflowLogEntry>().Where(l => l.InstanceId == instance.Id).ToListAsync());
            Assert.Single(log, l => l.FromActivityId is null && l.ToActivityId == "offer" && l.Actor == Applicant.Name);
            Assert.Single(log, l => l.FromActivityId == "offer" && l.ToActivityId == "accepted");
            Assert.Equal(instance.Id, (await Query(app, db => db.Set<WorkflowEvent>().SingleAsync(e => e.CorrelationId == correlation))).ConsumedByInstanceId);
        }

        Assert.Equal(0, await Query(app, db => db.Set<WorkflowIncident>().CountAsync()));
    }

    [Fact]
    public async Task What_a_commit_posts_is_delivered_off_the_request_by_the_delivery_workers_once_with_no_sweep()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = StartWithoutJobServer(database);
        var queue = app.Services.GetRequiredService<WorkflowDeliveryQueue>();
        var correlations = Enumerable.Range(1, 20).Select(i => $"posted-{i}").ToList();
        foreach (var correlation in correlations)
        {
            await RecordAsync(app, correlation, TimeSpan.FromDays(1), accepted: DateTimeOffset.UtcNow);
        }

        // Posted after the commit, some twice (a retried request): no job server and no sweep runs here.
        foreach (var correlation in correlations.Concat(correlations.Take(5)))
        {
            queue.Post(correlation);
        }

        await app.Services.WorkflowsSettledAsync();
        foreach (var correlation in correlations)
        {
            var instance = await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.CorrelationId == correlation));
            Assert.Equal(InstanceStatus.Finished, instance.Status);
            Assert.Equal("accepted", instance.Outcome);
            var log = await Query(app, db => db.Set<WorkflowLogEntry>().Where(l => l.InstanceId == instance.Id).ToListAsync());
            Assert.Single(log, l => l.FromActivityId == "offer" && l.ToActivityId == "accepted");
        }

        Assert.Equal(0, await app.Services.GetRequiredService<WorkflowDeliverySweep>().RunAsync());
        Assert.Equal(0, await Query(app, db => db.Set<WorkflowIncident>().CountAsync()));
    }

    [Fact]
    public async Task An_event_recorded_before_a_deadline_wins_when_the_deadlines_timer_runs_first_and_one_recorded_after_it_is_never_delivered()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = StartWithoutJobServer(database);
        foreach (var (correlation, acceptedAfter) in new[] { ("in-time", TimeSpan.FromSeconds(-1)), ("too-late", TimeSpan.FromSeconds(1)) })
        {
            // The deadline is an hour away; the test fires its timer itself, as if the hour had passed.
            await InScope(app, r => r.StartAsync("engine-offer", correlation, Expiring(TimeSpan.FromHours(1)), Applicant));
            var expiresAt = DateTimeOffset.Parse((await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.CorrelationId == correlation))).ReadVariables()["expiresAt"]!.GetValue<string>(), CultureInfo.InvariantCulture);
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().RecordEvent("Accepted", correlation, at: expiresAt + acceptedAfter);
            await scope.ServiceProvider.GetRequiredService<CommissioningDbContext>().SaveChangesAsync();
        }

        // A sweep delivers the event recorded in time (or leaves it to the timer: the outcome is the same), never the late one.
        await app.Services.GetRequiredService<WorkflowDeliverySweep>().RunAsync();
        foreach (var correlation in new[] { "in-time", "too-late" })
        {
            var instance = await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.CorrelationId == correlation));
            var timer = await Query(app, db => db.Set<WorkflowTimer>().SingleAsync(t => t.InstanceId == instance.Id));
            await InScope(app, r => r.FireTimerAsync(timer.Id));
            await InScope(app, r => r.FireTimerAsync(timer.Id));
        }

        Assert.Equal("accepted", (await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.CorrelationId == "in-time"))).Outcome);
        Assert.Equal("lapsed", (await Query(app, db => db.Set<WorkflowInstance>().SingleAsync(i => i.CorrelationId == "too-late"))).Outcome);
        Assert.Null((await Query(app, db => db.Set<WorkflowEvent>().SingleAsync(e => e.CorrelationId == "too-late"))).ConsumedAt);
    }

    /// <summary>The app with no job server, so no background sweep delivers or fires anything between a test's steps: each test runs its sweeps and timers itself.</summary>
    private static CommissioningApp.Factory StartWithoutJobServer(TestDatabase database)
    {
        var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string>
        {
            ["Workflows:DefinitionsFolder"] = EngineTestDefinitions.WriteFolder(("engine-offer.v1.json", EngineTestDefinitions.Offer)),
            ["Scheduler:NodeName"] = "hand-over",
            ["Scheduler:RunJobServer"] = "false",
        });
        _ = app.Server;
        return app;
    }

    private static JsonObject Expiring(TimeSpan from) => new() { ["expiresAt"] = (DateTimeOffset.UtcNow + from).ToString("O", CultureInfo.InvariantCulture) };

    private static async Task RecordAsync(CommissioningApp.Factory app, string correlation, TimeSpan expiresIn, DateTimeOffset accepted)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        runtime.RecordStart("engine-offer", correlation, Expiring(expiresIn), Applicant);
        runtime.RecordEvent("Accepted", correlation, at: accepted);
        await scope.ServiceProvider.GetRequiredService<CommissioningDbContext>().SaveChangesAsync();
    }
}

public sealed class WorkflowHandOverTestsOnSqlite() : WorkflowHandOverTests(DatabaseProvider.Sqlite);

public sealed class WorkflowHandOverTestsOnPostgres() : WorkflowHandOverTests(DatabaseProvider.PostgreSql);
