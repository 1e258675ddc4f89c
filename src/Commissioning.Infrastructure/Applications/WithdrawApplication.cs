using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Applications;

/// <summary>
/// An applicant withdraws their organisation's application: a draft, or a submitted one until an offer is made (the
/// domain says when; after an offer they decline the offer instead). The withdrawal, its reason, the confirmation
/// e-mail, the office's notice when the bid was already waiting for approval or a decision, and the workflow's
/// ApplicationWithdrawn event are saved in one transaction; the workflow ends after the commit (or, after a crash,
/// when the delivery sweep runs), and the open task of the stage it leaves goes with it. Withdrawing twice changes
/// nothing more. A workflow that started on an older definition version, whose approval and decision stages did not
/// yet take a withdrawal, finishes on that version: such an application is not offered withdrawal at those stages.
/// </summary>
public sealed class WithdrawApplication(CommissioningDbContext db, ApplicationEvents events, Outbox outbox, Letterhead letterhead, TimeProvider clock)
{
    public const int ReasonMaxLength = 2000;

    public abstract record Result;

    public sealed record Withdrawn : Result;

    public sealed record AlreadyWithdrawn : Result;

    public sealed record Refused(string Message) : Result;

    /// <summary>
    /// Why the applicant cannot withdraw the application now, or null if they can: the application's own rule, then
    /// whether its workflow, where it stands, would take the withdrawal.
    /// </summary>
    public async Task<string?> WhyNotAsync(GrantApplication application, CancellationToken cancellationToken)
    {
        if (!application.CanBeWithdrawn)
        {
            return $"It is {GrantApplication.Describe(application.Status)}. An application can be withdrawn while it is a draft, and after it is submitted until an offer is made.";
        }

        if (!await events.WouldTakeAsync(ApplicationWorkflows.ApplicationWithdrawn, application.Id, cancellationToken))
        {
            return "It is waiting for a decision that was started before applications could be withdrawn at this stage, so it cannot be withdrawn online. Contact the office to withdraw it.";
        }

        return null;
    }

    /// <param name="application">An application the person may act for (the page has checked they are a member of its organisation).</param>
    /// <param name="reason">Why, in the applicant's words; optional.</param>
    /// <param name="by">The signed-in person's e-mail address, told that it is done.</param>
    /// <param name="tellOffice">Queues the office's notice, in this unit of work; called when the bid was already shortlisted and waiting for approval or a decision, where staff have its task open.</param>
    public async Task<Result> RunAsync(GrantApplicationId application, string? reason, string by, string organisationName, CancellationToken cancellationToken, Func<GrantApplication, Task>? tellOffice = null)
    {
        var tracked = await db.Applications.SingleOrDefaultAsync(a => a.Id == application, cancellationToken);
        if (tracked is null)
        {
            return new Refused("That application does not exist.");
        }

        if (tracked.Status == ApplicationStatus.Withdrawn)
        {
            return new AlreadyWithdrawn();
        }

        if (!string.IsNullOrWhiteSpace(reason) && reason.Trim().Length > ReasonMaxLength)
        {
            return new Refused($"The reason must be {ReasonMaxLength:N0} characters or fewer; it has {reason.Trim().Length:N0}.");
        }

        if (await WhyNotAsync(tracked, cancellationToken) is { } whyNot)
        {
            return new Refused($"You cannot withdraw this application. {whyNot}");
        }

        var atDecision = tracked.Status == ApplicationStatus.Recommended;
        var now = clock.GetUtcNow();
        var recorded = $"Withdrawn by {by} at {UkTime.Describe(now)} (UK time)." + (string.IsNullOrWhiteSpace(reason) ? string.Empty : $" Their reason: {reason.Trim()}");
        try
        {
            tracked.Withdraw(recorded);
        }
        catch (DomainException ex)
        {
            return new Refused(ex.Message);
        }

        db.Touch(tracked);
        if (atDecision && tellOffice is not null)
        {
            await tellOffice(tracked);
        }

        events.Record(ApplicationWorkflows.ApplicationWithdrawn, application);
        var name = tracked.Reference is { } reference ? $"application {reference}" : "draft application";
        outbox.Enqueue(by, $"You have withdrawn your {name}: {tracked.ProjectTitle}",
            $"You have withdrawn {organisationName}'s {name}, '{tracked.ProjectTitle}', at {UkTime.Describe(now)} (UK time).\r\n\r\n" +
            "It will not be considered for funding, and it cannot be submitted again. You can start a new application while the round is open.\r\n\r\n" +
            $"{letterhead.ServiceName}\r\n{letterhead.OpccName}\r\n");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Saved a moment ago by someone else: a colleague's withdrawal, or the office moving it on. Look again.
            db.ChangeTracker.Clear();
            var current = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == application, cancellationToken);
            return current.Status == ApplicationStatus.Withdrawn
                ? new AlreadyWithdrawn()
                : new Refused($"The office changed this application a moment ago: it is now {GrantApplication.Describe(current.Status)}, so it was not withdrawn. Look at it again before deciding.");
        }

        events.AfterCommit(application);
        return new Withdrawn();
    }
}
