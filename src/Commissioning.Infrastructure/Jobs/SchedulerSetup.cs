using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Scheduling;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commissioning.Infrastructure.Jobs;

/// <summary>The settings of the "Scheduler" section: how this process takes part in running background jobs.</summary>
public sealed class SchedulerOptions
{
    public const string Section = "Scheduler";

    /// <summary>This node's name among the job servers; by default the machine name and process id.</summary>
    public string? NodeName { get; set; }

    /// <summary>
    /// Whether this process runs a job server. On SQLite only one process per database runs one whatever this says
    /// (a lock file beside the database decides); on PostgreSQL every node that says true runs one.
    /// </summary>
    public bool RunJobServer { get; set; } = true;

    /// <summary>How many jobs one job server runs at once.</summary>
    public int WorkerCount { get; set; } = 4;

    public string Node => NodeName is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Environment.ProcessId}";
}

public static class SchedulerSetup
{
    /// <summary>How often an idle job server looks for work; work a person waits for is queued, so this is the delay they see.</summary>
    public static readonly TimeSpan QueuePollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Hangfire for background jobs: on SQLite its own file beside the service's database (so the two never wait for
    /// one writer), on PostgreSQL the "hangfire" schema of the service's database. The storage, job activator and
    /// clients are this container's own, never Hangfire's process-wide defaults, so several apps can share a process.
    /// The recurring jobs are listed in <see cref="ScheduledJobs"/>.
    /// </summary>
    public static IServiceCollection AddCommissioningScheduler(this IServiceCollection services, ResolvedDatabase database, IConfiguration configuration)
    {
        var options = configuration.GetSection(SchedulerOptions.Section).Get<SchedulerOptions>() ?? new SchedulerOptions();
        services.AddSingleton(options);
        services.AddSingleton<JobStorage>(_ => database.Provider == DatabaseProvider.PostgreSql ? PostgresStorage(database) : SqliteStorage(database));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, hangfire) =>
        {
            HangfireLogs.WriteTo(provider.GetRequiredService<ILoggerFactory>());
            hangfire
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(new HangfireLogs());
        });
        services.AddScoped<OutboxDispatchJob>();
        services.AddSingleton<IWorkflowTimerSweepTrigger, QueuedTimerSweep>();
        services.AddHostedService<ScheduledJobs>();
        services.AddSingleton<JobServer>();
        services.AddHostedService(provider => provider.GetRequiredService<JobServer>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    /// <summary>The SQLite file of the job storage: hangfire.db beside the service's database file.</summary>
    public static string SqliteStoragePath(ResolvedDatabase database)
    {
        var dataSource = new SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        var folder = Path.IsPathRooted(dataSource) ? Path.GetDirectoryName(dataSource)! : database.DataFolder;
        return Path.Combine(folder, "hangfire.db");
    }

    private static SQLiteStorage SqliteStorage(ResolvedDatabase database) => new(SqliteStoragePath(database), new SQLiteStorageOptions
    {
        QueuePollInterval = QueuePollInterval,
        JournalMode = SQLiteStorageOptions.JournalModes.WAL,
    });

    private static PostgreSqlStorage PostgresStorage(ResolvedDatabase database)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = QueuePollInterval,
        };
        // A connection pool of the job storage's own (a different Application Name is a different pool): a request that
        // holds one of the service's connections and queues a job after its commit must never wait for a connection
        // that other requests, themselves waiting, hold. With one shared pool a closing-day surge starved it.
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "Commissioning jobs" };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connection.ConnectionString, options), options);
    }
}

/// <summary>Queues a timer sweep to run at once, for a timer that was already due when its transition committed.</summary>
internal sealed class QueuedTimerSweep(IBackgroundJobClient jobs) : IWorkflowTimerSweepTrigger
{
    public void SweepNow() => jobs.Enqueue<WorkflowTimerSweep>(sweep => sweep.FireDueAsync(CancellationToken.None));
}
