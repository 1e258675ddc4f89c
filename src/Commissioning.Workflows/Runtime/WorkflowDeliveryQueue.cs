using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commissioning.Workflows.Runtime;

/// <summary>
/// Hands what a committed change recorded for the workflow (an instance to start, an event) to this process's
/// delivery workers, so the request that made the change returns as soon as it commits and the workflow moves a moment
/// later. A correlation id waits in the queue once however often it is posted. Nothing is lost if the process stops
/// with the queue full: what was recorded is in the database and <see cref="WorkflowDeliverySweep"/> delivers it.
/// </summary>
public sealed class WorkflowDeliveryQueue
{
    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });

    private readonly ConcurrentDictionary<string, byte> _waiting = new(StringComparer.Ordinal);

    private int _inFlight;

    /// <summary>Asks for delivery of whatever is recorded for the correlation id; call it after the commit.</summary>
    public void Post(string correlationId)
    {
        if (_waiting.TryAdd(correlationId, 0))
        {
            Interlocked.Increment(ref _inFlight);
            _queue.Writer.TryWrite(correlationId);
        }
    }

    /// <summary>How many correlation ids are queued or being delivered now.</summary>
    public int Pending => Volatile.Read(ref _inFlight);

    internal async ValueTask<string> TakeAsync(CancellationToken cancellationToken)
    {
        var correlationId = await _queue.Reader.ReadAsync(cancellationToken);

        // Posted again from here on, it is queued again: whatever is recorded after this point is delivered too.
        _waiting.TryRemove(correlationId, out _);
        return correlationId;
    }

    internal void Done() => Interlocked.Decrement(ref _inFlight);
}

/// <summary>
/// The delivery workers of <see cref="WorkflowDeliveryQueue"/>: each takes a correlation id and delivers what is
/// recorded for it in a scope of its own. Delivery is safe to run twice and beside the sweep; a fault is an incident
/// on the instance, and anything left over is the sweep's.
/// </summary>
public sealed class WorkflowDeliveryWorkers(WorkflowDeliveryQueue queue, IServiceScopeFactory scopes, WorkflowOptions options, ILogger<WorkflowDeliveryWorkers> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.DeliveryWorkers)).Select(_ => Task.Run(() => WorkAsync(stoppingToken), CancellationToken.None)));

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            string correlationId;
            try
            {
                correlationId = await queue.TakeAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<WorkflowRuntime>().DeliverAsync(correlationId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "Could not deliver what was recorded for {Correlation}; the delivery sweep tries again", correlationId);
            }
            finally
            {
                queue.Done();
            }
        }
    }
}
