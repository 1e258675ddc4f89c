using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Support;

/// <summary>
/// A change's workflow moves a moment after the change commits, off the request (see <see cref="WorkflowDeliveryQueue"/>).
/// Tests that go on to act as the next person (an officer opening the task the submission made) wait for it as that
/// person would, by the time they look: these wait until the app's delivery queue is empty.
/// </summary>
public static class WorkflowSettling
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits until every delivery posted so far has run.</summary>
    public static async Task WorkflowsSettledAsync(this IServiceProvider services)
    {
        var queue = services.GetRequiredService<WorkflowDeliveryQueue>();
        var until = DateTime.UtcNow + Timeout;
        while (queue.Pending > 0)
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"The workflows still had {queue.Pending} deliveries waiting after {Timeout.TotalSeconds} s.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>
    /// A client with cookies and no redirects whose requests that change something return once the workflow moves
    /// that the change set off.
    /// </summary>
    public static HttpClient NewSettlingClient(this WebApplicationFactory<Program> app) =>
        app.CreateDefaultClient(new Uri("http://localhost"), new SettleAfterChanges(app.Services), new CookieContainerHandler());

    private sealed class SettleAfterChanges(IServiceProvider services) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Get && request.Method != HttpMethod.Head)
            {
                await services.WorkflowsSettledAsync();
            }

            return response;
        }
    }
}
