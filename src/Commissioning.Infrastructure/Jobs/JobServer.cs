using Commissioning.Infrastructure.Persistence;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commissioning.Infrastructure.Jobs;

/// <summary>
/// Runs this process's Hangfire job server, if it should have one. Hangfire's SQLite storage does not promise that a
/// job runs once when two processes share its file, so on SQLite the first process to take the lock file
/// (hangfire.db.server-lock, beside the storage) runs the server and any other only queues jobs. On PostgreSQL every
/// node runs one. Either way each job is safe to run twice.
/// </summary>
public sealed class JobServer(JobStorage storage, JobActivator activator, IJobFilterProvider filters, SchedulerOptions options, ResolvedDatabase database, ILogger<JobServer> logger) : IHostedService, IDisposable
{
    private BackgroundJobServer? _server;

    private FileStream? _lock;

    /// <summary>Whether a job server is running in this process.</summary>
    public bool IsRunning => _server is not null;

    public string Node => options.Node;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.RunJobServer)
        {
            logger.LogInformation("Scheduler:RunJobServer is off: this process queues jobs but does not run them");
            return Task.CompletedTask;
        }

        if (database.Provider == DatabaseProvider.Sqlite && !TakeSqliteLock())
        {
            return Task.CompletedTask;
        }

        _server = new BackgroundJobServer(
            new BackgroundJobServerOptions
            {
                ServerName = options.Node,
                WorkerCount = options.WorkerCount,
                Activator = activator,
                FilterProvider = filters,
                SchedulePollingInterval = TimeSpan.FromSeconds(5),
            },
            storage);
        logger.LogInformation("Job server {Node} started with {Workers} workers", options.Node, options.WorkerCount);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            server.SendStop();
            await server.WaitForShutdownAsync(cancellationToken);
            server.Dispose();
            _server = null;
        }

        _lock?.Dispose();
        _lock = null;
    }

    public void Dispose()
    {
        _server?.Dispose();
        _lock?.Dispose();
    }

    private bool TakeSqliteLock()
    {
        var path = SchedulerSetup.SqliteStoragePath(database) + ".server-lock";
        try
        {
            _lock = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return true;
        }
        catch (IOException)
        {
            logger.LogInformation("Another process runs the job server on {Path}; this one queues jobs for it", path);
            return false;
        }
    }
}
