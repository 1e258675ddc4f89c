using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Commissioning.Workflows.Runtime;

/// <summary>
/// Delivers whatever a change recorded for the workflow and nobody delivered: instances still starting and events
/// kept for an instance that waits for them. A change and its event commit together, and the event is normally
/// delivered straight after the commit; this catches the ones a crash (or a fault) left behind. Safe to run twice and
/// on several nodes at once: each start and each event is taken once.
/// </summary>
public sealed class WorkflowDeliverySweep(IServiceScopeFactory scopes, ILogger<WorkflowDeliverySweep> logger)
{
    /// <summary>Delivers everything undelivered; returns how many correlation ids had something to deliver.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var runtime = scope.ServiceProvider.GetRequiredService<WorkflowRuntime>();
        var undelivered = await runtime.UndeliveredAsync(cancellationToken);
        foreach (var correlationId in undelivered)
        {
            try
            {
                await runtime.DeliverAsync(correlationId, cancellationToken);
            }
            catch (Exception ex) when (ex is WorkflowFaultException or WorkflowException)
            {
                // A fault is an incident on the instance for an administrator; the rest is delivered all the same.
                logger.LogError(ex, "Could not deliver what was recorded for {Correlation}", correlationId);
            }
        }

        if (undelivered.Count > 0)
        {
            logger.LogInformation("Delivered what was recorded and undelivered for {Count} workflow correlation ids", undelivered.Count);
        }

        return undelivered.Count;
    }
}
