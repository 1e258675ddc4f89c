using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Applications;

/// <summary>
/// An applicant withdraws their organisation's application: a draft, or a submitted one until the shortlist is
/// decided (the domain says when; after an offer they decline the offer instead). The withdrawal, its reason, the
/// confirmation e-mail and the workflow's ApplicationWithdrawn event are saved in one transaction; the workflow ends
/// after the commit (or, after a crash, when the delivery sweep runs). Withdrawing twice changes nothing more.
/// </summary>
public sealed class WithdrawApplication(CommissioningDbContext db, ApplicationEvents events, Outbox outbox, Letterhead letterhead, TimeProvider clock)
{
    public const int ReasonMaxLength = 2000;

    public abstract record Result;

    public sealed record Withdrawn : Result;

    public sealed record AlreadyWithdrawn : Result;

    public sealed record Refused(string Message) : Result;

    /// <param name="application">An application the person may act for (the page has checked they are a member of its organisation).</param>
    /// <param name="reason">Why, in the applicant's words; optional.</param>
    /// <param name="by">The signed-in person's e-mail address, told that it is done.</param>
    public async Task<Result> RunAsync(GrantApplicationId application, string? reason, string by, string organisationName, CancellationToken cancellationToken)
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
