using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commissioning.Workflows.Scheduling;

/// <summary>
/// Asks for a timer sweep at once, after a transition made a timer that is already due, instead of leaving it to the
/// next scheduled sweep. The host supplies it with its job system; without one, the scheduled sweep fires the timer.
/// </summary>
public interface IWorkflowTimerSweepTrigger
{
    void SweepNow();
}

/// <summary>The default: no immediate sweep; the host's scheduled sweep fires every due timer.</summary>
public sealed class ScheduledSweepOnly : IWorkflowTimerSweepTrigger
{
    public void SweepNow()
    {
    }
}

/// <summary>
/// Fires every workflow timer that is due. Timers are rows in the database and are the truth; the host runs this
/// every minute (and once at start-up, for timers that fell due while the service was down). Safe to run twice, and
/// on several nodes at once: a timer fires in the same transaction that marks it fired and moves its instance, so a
/// second node loses on the instance's revision, finds the timer no longer pending and does nothing. Timers fall due
/// by the machine's clock, as a scheduler's do, even where the service's own clock is set to another day for a test
/// of dates.
/// </summary>
public sealed class WorkflowTimerSweep(IServiceScopeFactory scopes, ILogger<WorkflowTimerSweep> logger)
{
    /// <summary>How many due timers one round claims; a sweep goes on while rounds come back full.</summary>
    public const int BatchSize = 200;

    private const int MaxRounds = 50;

    /// <summary>Fires the timers due now, the longest overdue first; returns how many it looked at.</summary>
    public async Task<int> FireDueAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        var seen = new HashSet<Guid>();
        for (var round = 0; round < MaxRounds; round++)
        {
            var due = await DueTimersAsync(cancellationToken);
            var fresh = due.Where(seen.Add).ToList();
            foreach (var timerId in fresh)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using var scope = scopes.CreateAsyncScope();
                try
                {
                    await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().FireTimerAsync(timerId, cancellationToken);
                }
                catch (WorkflowFaultException)
                {
                    // Recorded as an incident; its instance is no longer running, so later sweeps leave the timer to
                    // the administrator's retry.
                }

                handled++;
            }

            if (due.Count < BatchSize || fresh.Count == 0)
            {
                break;
            }
        }

        if (handled > 0)
        {
            logger.LogInformation("Fired {Count} due workflow timers", handled);
        }

        return handled;
    }

    /// <summary>
    /// Pending timers that are due, on running instances only: a faulted instance keeps its timer pending for the
    /// administrator's retry of the incident.
    /// </summary>
    private async Task<List<Guid>> DueTimersAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IWorkflowDbContextAccessor>().Context;
        var now = TimeProvider.System.GetUtcNow();
        return await db.Set<WorkflowTimer>().AsNoTracking()
            .Where(t => t.Status == TimerStatus.Pending && t.DueAt <= now)
            .Where(t => db.Set<WorkflowInstance>().Any(i => i.Id == t.InstanceId && i.Status == InstanceStatus.Running))
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id)
            .Select(t => t.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
    }
}
