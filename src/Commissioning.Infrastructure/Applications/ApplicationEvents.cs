using Commissioning.Domain.Common;
using Commissioning.Workflows.Runtime;

namespace Commissioning.Infrastructure.Applications;

/// <summary>
/// Tells an application's workflow what the applicant did (submitted, answered the offer, sent a report, withdrew).
/// The event is recorded in the unit of work of the change, so the two commit together or not at all, and delivered
/// after the commit, off the request. A fault in the workflow leaves what was saved in place (it is an incident an
/// administrator can retry); after a crash the delivery sweep delivers what was left, once.
/// </summary>
public sealed class ApplicationEvents(WorkflowRuntime workflows, WorkflowDeliveryQueue deliveries)
{
    /// <summary>Records the event with the change about to be saved; nothing is sent until <see cref="AfterCommit"/>.</summary>
    /// <param name="at">When the applicant acted, if the caller decided at that instant that they still could (before a deadline).</param>
    public void Record(string eventName, GrantApplicationId applicationId, DateTimeOffset? at = null) => workflows.RecordEvent(eventName, applicationId.ToString(), at: at);

    /// <summary>Whether the application's workflow, where it stands now, would take the event (see <see cref="WorkflowRuntime.WouldTakeAsync"/>).</summary>
    public Task<bool> WouldTakeAsync(string eventName, GrantApplicationId applicationId, CancellationToken cancellationToken) =>
        workflows.WouldTakeAsync(applicationId.ToString(), eventName, cancellationToken);

    /// <summary>
    /// After the commit: asks for the application's workflow to be moved on with what was recorded. It happens a moment
    /// later, off the request, so the person who acted does not wait for it (see <see cref="WorkflowDeliveryQueue"/>).
    /// </summary>
    public void AfterCommit(GrantApplicationId applicationId) => deliveries.Post(applicationId.ToString());
}
