using System.Diagnostics;
using Commissioning.Infrastructure.Jobs;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Persistence.Migrations;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Commissioning.Benchmarks;

/// <summary>
/// The cost of one workflow transition (a person completes a task: the task, the instance, the next stage's task and
/// the execution log entry, in one transaction) against a bare EF Core update of the same instance row, in the same
/// run and on the same database; and the time to start and drive 10,000 instances to completion.
/// </summary>
internal static class WorkflowBenchmark
{
    private const int Stages = 10;

    private static readonly WorkflowActor Officer = new("officer@bench", "officer", ["GrantsOfficer"]);

    public static async Task RunAsync(string[] args)
    {
        var transitions = Option(args, "--transitions", 2_000);
        var instances = Option(args, "--instances", 10_000);
        var rounds = Option(args, "--rounds", 5);
        var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault() ?? Environment.GetEnvironmentVariable("COMMISSIONING_TEST_POSTGRES");

        var results = new List<string>();
        await using (var sqlite = await BenchDatabase.SqliteAsync())
        {
            results.Add(await MeasureAsync("SQLite", sqlite, transitions, instances, rounds));
        }

        if (string.IsNullOrWhiteSpace(postgres))
        {
            results.Add("PostgreSQL: skipped (no --postgres connection string and no COMMISSIONING_TEST_POSTGRES)");
        }
        else
        {
            await using var pg = await BenchDatabase.PostgresAsync(postgres);
            results.Add(await MeasureAsync("PostgreSQL", pg, transitions, instances, rounds));
        }

        Console.WriteLine();
        Console.WriteLine("Summary");
        results.ForEach(Console.WriteLine);
    }

    private static async Task<string> MeasureAsync(string name, BenchDatabase database, int transitions, int instances, int rounds)
    {
        var definitions = WriteDefinitions();
        await using var services = Services(database.Database, definitions);
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
            await new SqlScriptMigrator(db, NullLogger<SqlScriptMigrator>.Instance).MigrateAsync();
            await services.GetRequiredService<WorkflowRegistry>().CheckPublishedAsync(db, DateTimeOffset.UtcNow);
        }

        Console.WriteLine($"{name}: warming up");
        await TransitionsAsync(services, 200);
        await BareUpdatesAsync(services, 200);

        var (transitionTimes, bareTimes) = await Interleaved.RunAsync(
            rounds,
            () => TransitionsAsync(services, transitions),
            () => BareUpdatesAsync(services, transitions),
            (round, transitionTime, bareTime) => Console.WriteLine($"{name}: round {round} ({Interleaved.Order(round, "transitions", "bare updates")}): transition {transitionTime:F3} ms, bare update {bareTime:F3} ms"));

        var transition = Interleaved.Median(transitionTimes);
        var bare = Interleaved.Median(bareTimes);
        var watch = Stopwatch.StartNew();
        await DriveToCompletionAsync(services, instances);
        watch.Stop();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
            var finished = await db.Set<WorkflowInstance>().CountAsync(i => i.DefinitionId == "bench-short" && i.Status == InstanceStatus.Finished);
            if (finished != instances)
            {
                throw new InvalidOperationException($"{finished} of {instances} instances finished.");
            }
        }

        Directory.Delete(definitions, recursive: true);
        return $"{name}: one transition {transition:F3} ms, bare EF Core update of the same row {bare:F3} ms, ratio {transition / bare:F2} (median of {rounds} rounds of {transitions}); " +
               $"{instances:N0} instances started and driven to completion in {watch.Elapsed.TotalSeconds:F1} s ({instances / watch.Elapsed.TotalSeconds:F0} instances/s, 2 transitions each)";
    }

    /// <summary>Milliseconds per transition: a person completes the task of one stage and the instance moves to the next.</summary>
    private static async Task<double> TransitionsAsync(ServiceProvider services, int count)
    {
        var taskIds = new Queue<Guid>();
        var instanceIds = new List<Guid>();
        for (var i = 0; i < (count / Stages) + 1; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var instance = await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().StartAsync("bench-chain", $"chain-{Guid.NewGuid()}", null, Officer);
            instanceIds.Add(instance.Id);
        }

        var watch = new Stopwatch();
        var done = 0;
        foreach (var instanceId in instanceIds)
        {
            for (var stage = 0; stage < Stages && done < count; stage++, done++)
            {
                await using var scope = services.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
                var taskId = await db.Set<HumanTask>().Where(t => t.InstanceId == instanceId && t.Status == Commissioning.Workflows.Persistence.TaskStatus.Open).Select(t => t.Id).SingleAsync();
                db.ChangeTracker.Clear();
                var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
                watch.Start();
                await runtime.CompleteTaskAsync(taskId, "Next", Officer);
                watch.Stop();
            }
        }

        return watch.Elapsed.TotalMilliseconds / count;
    }

    /// <summary>Milliseconds per bare EF Core update of a workflow instance row: read it, change it, save it.</summary>
    private static async Task<double> BareUpdatesAsync(ServiceProvider services, int count)
    {
        Guid[] ids;
        await using (var scope = services.CreateAsyncScope())
        {
            ids = await scope.ServiceProvider.GetRequiredService<CommissioningDbContext>().Set<WorkflowInstance>().Where(i => i.DefinitionId == "bench-chain").OrderBy(i => i.Id).Select(i => i.Id).Take(count).ToArrayAsync();
        }

        var watch = new Stopwatch();
        for (var i = 0; i < count; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
            watch.Start();
            var instance = await db.Set<WorkflowInstance>().SingleAsync(x => x.Id == ids[i % ids.Length]);
            instance.CurrentActivityId = instance.CurrentActivityId == "s1" ? "s2" : "s1";
            instance.UpdatedAt = DateTimeOffset.UtcNow;
            instance.Revision++;
            await db.SaveChangesAsync();
            watch.Stop();
        }

        return watch.Elapsed.TotalMilliseconds / count;
    }

    private static async Task DriveToCompletionAsync(ServiceProvider services, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await using var scope = services.CreateAsyncScope();
            var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
            var instance = await runtime.StartAsync("bench-short", $"short-{i}", null, Officer);
            var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
            var taskId = await db.Set<HumanTask>().Where(t => t.InstanceId == instance.Id).Select(t => t.Id).SingleAsync();
            await runtime.CompleteTaskAsync(taskId, "Done", Officer);
        }
    }

    private static ServiceProvider Services(ResolvedDatabase database, string definitionsFolder)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Workflows:DefinitionsFolder"] = definitionsFolder,
            ["Scheduler:NodeName"] = "benchmark",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore.Database.Command", Environment.GetEnvironmentVariable("COMMISSIONING_BENCH_TRACE") == "1" ? LogLevel.Information : LogLevel.Warning).AddSimpleConsole());
        services.AddSingleton<IConfiguration>(configuration);
        services.AddCommissioningPersistence(database);
        services.AddCommissioningWorkflows(configuration, Directory.GetCurrentDirectory());
        services.AddCommissioningScheduler(database, configuration);
        return services.BuildServiceProvider();
    }

    private static string WriteDefinitions()
    {
        var folder = Directory.CreateTempSubdirectory("commissioning-bench-workflows-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "workflows", "workflow-definition.schema.json"), Path.Combine(folder, "workflow-definition.schema.json"));
        var stages = Enumerable.Range(1, Stages).Select(i => $$"""{ "id": "s{{i}}", "type": "Grants.Stage", "name": "Stage {{i}}", "tasks": [ { "id": "t{{i}}", "name": "Task {{i}}", "role": "GrantsOfficer", "outcomes": ["Next"] } ] }""");
        var connections = Enumerable.Range(1, Stages).Select(i => $$"""{ "source": { "activity": "s{{i}}", "port": "Next" }, "target": { "activity": "{{(i == Stages ? "end" : $"s{i + 1}")}}", "port": "In" } }""");
        File.WriteAllText(Path.Combine(folder, "bench-chain.v1.json"), $$"""
            { "definitionId": "bench-chain", "version": 1, "name": "Benchmark chain",
              "root": { "type": "Flowchart", "start": "s1",
                "activities": [ {{string.Join(",\n", stages)}}, { "id": "end", "type": "Grants.End", "name": "End", "outcome": "done" } ],
                "connections": [ {{string.Join(",\n", connections)}} ] } }
            """);
        File.WriteAllText(Path.Combine(folder, "bench-short.v1.json"), """
            { "definitionId": "bench-short", "version": 1, "name": "Benchmark short",
              "root": { "type": "Flowchart", "start": "work",
                "activities": [
                  { "id": "work", "type": "Grants.Stage", "name": "Work", "tasks": [ { "id": "work", "name": "Work", "role": "GrantsOfficer", "outcomes": ["Done"] } ] },
                  { "id": "end", "type": "Grants.End", "name": "End", "outcome": "done" } ],
                "connections": [ { "source": { "activity": "work", "port": "Done" }, "target": { "activity": "end", "port": "In" } } ] } }
            """);
        return folder;
    }


    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    internal sealed class BenchDatabase(ResolvedDatabase database, Func<Task> drop) : IAsyncDisposable
    {
        public ResolvedDatabase Database => database;

        public static Task<BenchDatabase> SqliteAsync()
        {
            var folder = Directory.CreateTempSubdirectory("commissioning-bench-").FullName;
            var database = ResolvedDatabase.ForTests(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}", folder);
            return Task.FromResult(new BenchDatabase(database, () =>
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
                return Task.CompletedTask;
            }));
        }

        public static async Task<BenchDatabase> PostgresAsync(string admin)
        {
            var name = $"commissioning_bench_{Guid.NewGuid():N}";
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection).ExecuteNonQueryAsync();
            }

            var folder = Directory.CreateTempSubdirectory("commissioning-bench-").FullName;
            var database = ResolvedDatabase.ForTests(DatabaseProvider.PostgreSql, new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString(), folder);
            return new BenchDatabase(database, async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await using var connection = new NpgsqlConnection(admin);
                await connection.OpenAsync();
                await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection).ExecuteNonQueryAsync();
                Directory.Delete(folder, recursive: true);
            });
        }

        public async ValueTask DisposeAsync() => await drop();
    }
}
