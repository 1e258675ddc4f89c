using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Commissioning.Workflows.Scheduling;

/// <summary>Schedules the job that fires a workflow timer; the timer's row is the source of truth, the job only wakes the engine.</summary>
public interface IWorkflowTimerScheduler
{
    Task ScheduleAsync(Guid timerId, DateTimeOffset dueAt, CancellationToken cancellationToken = default);

    Task CancelAsync(Guid timerId, CancellationToken cancellationToken = default);
}

/// <summary>
/// Workflow timers as Quartz jobs in Quartz's persistent store (keyed by the timer's id), so they survive restarts
/// and, on PostgreSQL with clustering, fire on exactly one node.
/// </summary>
public sealed class QuartzWorkflowTimerScheduler(ISchedulerFactory schedulers) : IWorkflowTimerScheduler
{
    public const string Group = "workflow-timers";

    public static JobKey KeyFor(Guid timerId) => new(timerId.ToString(), Group);

    public async Task ScheduleAsync(Guid timerId, DateTimeOffset dueAt, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = KeyFor(timerId);
        if (await scheduler.Exists(key, cancellationToken))
        {
            return;
        }

        var job = JobBuilder.Create<WorkflowTimerJob>().WithIdentity(key).UsingJobData(WorkflowTimerJob.TimerIdKey, timerId.ToString()).RequestRecovery().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(timerId.ToString(), Group).StartAt(dueAt).WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow)).Build();
        try
        {
            await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions(), cancellationToken);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another node (or the start-up check) scheduled it first: the same timer, so nothing more to do.
        }
    }

    public async Task CancelAsync(Guid timerId, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.DeleteJob(KeyFor(timerId), cancellationToken);
    }
}

/// <summary>Wakes the engine for one timer. Safe to run twice: the engine ignores a timer that already fired or whose stage was left.</summary>
[DisallowConcurrentExecution]
public sealed class WorkflowTimerJob(IServiceScopeFactory scopes) : IJob
{
    public const string TimerIdKey = "timerId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var timerId = Guid.Parse(context.MergedJobDataMap.GetString(TimerIdKey)!);
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().FireTimerAsync(timerId, cancellationToken);
        }
        catch (WorkflowFaultException)
        {
            // Recorded as an incident on the instance; an administrator retries it from there.
        }
    }
}

/// <summary>
/// At start-up, makes sure every pending timer has its job: a timer saved just before a crash, before its job was
/// scheduled, is scheduled now (and fires at once if it is already due).
/// </summary>
public sealed class WorkflowTimerReconciler(IServiceScopeFactory scopes, ILogger<WorkflowTimerReconciler> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IWorkflowDbContextAccessor>().Context;
        var scheduler = scope.ServiceProvider.GetRequiredService<IWorkflowTimerScheduler>();
        var pending = await db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.Status == TimerStatus.Pending).Select(t => new { t.Id, t.DueAt }).ToListAsync(cancellationToken);
        foreach (var timer in pending)
        {
            await scheduler.ScheduleAsync(timer.Id, timer.DueAt, cancellationToken);
        }

        logger.LogInformation("Checked {Count} pending workflow timers against the scheduler", pending.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Keeps a history of every scheduled job run (when, where, how long, what went wrong) for the admin page.</summary>
public sealed class JobRunHistoryListener(IServiceScopeFactory scopes, string node) : IJobListener
{
    public string Name => "job-run-history";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        // A frequent job that found nothing to do (it says so with a result of 0) would only bury the runs that matter.
        if (jobException is null && context.Result is 0)
        {
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IWorkflowDbContextAccessor>().Context;
        db.Add(new ScheduledJobRun
        {
            JobKey = context.JobDetail.Key.ToString(),
            Node = node,
            FiredAt = context.FireTimeUtc,
            DurationMilliseconds = context.JobRunTime.TotalMilliseconds,
            Succeeded = jobException is null,
            Error = jobException?.Message,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
