using System.Threading.Channels;
using Commissioning.Infrastructure.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commissioning.Infrastructure.Mail;

/// <summary>
/// Sends the outbox at once after a commit that saved an e-mail, in the process that runs the job server. Requests
/// made while a dispatch is waiting or running are answered by one more dispatch, not one each, so a burst of
/// commits (two hundred submissions on closing day) costs a few dispatches rather than a job per commit. A process
/// without the job server queues a Hangfire job instead (see <see cref="OutboxDispatchOnCommit"/>), and the
/// minute's recurring dispatch sends whatever either missed.
/// </summary>
public sealed class OutboxDispatcher(JobServer jobServer, IServiceScopeFactory scopes, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private readonly Channel<bool> _requests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Whether this process sends its own e-mails straight after the commit.</summary>
    public bool IsActive => jobServer.IsRunning;

    /// <summary>Asks for a dispatch; a request already waiting covers this one.</summary>
    public void Request() => _requests.Writer.TryWrite(true);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await _requests.Reader.ReadAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxDispatchJob>().DispatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "The outbox dispatch after a commit failed; the minute's dispatch sends what is waiting");
            }
        }
    }
}
