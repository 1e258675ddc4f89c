using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// Tells an application's workflow what the applicant did (submitted, answered the offer, sent a report), after it is
/// saved. A fault in the workflow leaves what was saved in place: it is an incident an administrator can retry. After
/// a crash between the save and telling the workflow, <see cref="EnsureToldAsync"/> tells it on the next visit, so the
/// workflow hears an event as many times as it happened.
/// </summary>
public sealed class ApplicationEvents(CommissioningDbContext db, WorkflowRuntime workflows, ILogger<ApplicationEvents> logger)
{
    public async Task TellAsync(string eventName, GrantApplicationId applicationId, CancellationToken cancellationToken)
    {
        try
        {
            await workflows.PublishEventAsync(eventName, applicationId.ToString(), cancellationToken: cancellationToken);
        }
        catch (WorkflowFaultException ex)
        {
            logger.LogError(ex, "The workflow of application {Application} could not take {Event}", applicationId, eventName);
        }
    }

    /// <summary>Tells the workflow again if it has heard <paramref name="eventName"/> fewer times than it <paramref name="happened"/>.</summary>
    public async Task EnsureToldAsync(string eventName, GrantApplicationId applicationId, int happened, CancellationToken cancellationToken)
    {
        var correlation = applicationId.ToString();
        if (await db.Set<WorkflowEvent>().CountAsync(e => e.CorrelationId == correlation && e.EventName == eventName, cancellationToken) < happened)
        {
            await TellAsync(eventName, applicationId, cancellationToken);
        }
    }
}
