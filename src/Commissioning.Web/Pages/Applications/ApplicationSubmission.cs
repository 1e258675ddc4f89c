using System.Security.Claims;
using Commissioning.Infrastructure.Applications;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// Submits an application, once. The round's closing instant is checked here, on the server; the reference is the
/// next in its programme's sequence for the year, taken from a counter row in the same transaction (submissions at
/// the same moment queue on that row rather than clash); the confirmation e-mail and the workflow's ApplicationSubmitted event are saved in the same
/// transaction, and the event is delivered after the commit. Submitting again (a double click, a retried request, two at once) changes
/// nothing and ends on the same confirmation.
/// </summary>
public sealed class ApplicationSubmission(CommissioningDbContext db, ApplicationEvents events, Outbox outbox, TimeProvider clock, IOptions<ServiceOptions> service, ILogger<ApplicationSubmission> logger)
{
    private const int MaxAttempts = 10;

    /// <summary>The crash point (see <see cref="CrashPoints"/>) between the submission's commit and the delivery of its event.</summary>
    public const string AfterCommitCrashPoint = "after-submission-committed";

    public abstract record Result;

    public sealed record Submitted(string Reference) : Result;

    public sealed record AlreadySubmitted(string? Reference) : Result;

    public sealed record Refused(IReadOnlyList<ReadinessProblem> Problems) : Result;

    public sealed record NotFound : Result;

    public async Task<Result> SubmitAsync(Guid applicationId, ClaimsPrincipal user, string confirmationLink, CancellationToken cancellationToken)
    {
                for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var loaded = await ApplicationAccess.ForMemberAsync(db, applicationId, user, cancellationToken);
            if (loaded is null)
            {
                return new NotFound();
            }

            var application = loaded.Application;
            if (application.Status != ApplicationStatus.Draft)
            {
                return new AlreadySubmitted(application.Reference);
            }

            var problems = ApplicationProgress.Problems(loaded);
            if (problems.Count > 0)
            {
                return new Refused(problems);
            }

            var now = clock.GetUtcNow();
            var applicant = await ApplicantRecords.LoadAsync(db, loaded.Round, loaded.Organisation, cancellationToken);
            var prefix = ApplicationReference.Prefix(loaded.Fund.Programme, loaded.Round.Year);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var number = await ReferenceCounter.NextAsync(db, prefix, cancellationToken);
                application.Submit(loaded.Round, applicant, ApplicationReference.Format(loaded.Fund.Programme, loaded.Round.Year, checked((int)number)), now);
            }
            catch (DomainException ex)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return new Refused([new ReadinessProblem(ex.Message, ApplicationProgress.Href(loaded, "CheckAnswers"))]);
            }

            db.Touch(application);
            QueueConfirmation(loaded, user, confirmationLink);
            // Recorded at the instant the submission was found in time, so the round's closing deadline cannot overtake it.
            events.Record(ApplicationWorkflows.ApplicationSubmitted, application.Id, now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Someone saved this application a moment ago: most likely the same submission sent twice at once.
                await transaction.RollbackAsync(CancellationToken.None);
                continue;
            }
            catch (DbUpdateException ex) when (attempt < MaxAttempts)
            {
                // The reference was given outside the sequence (it should not be): take the next one.
                await transaction.RollbackAsync(CancellationToken.None);
                logger.LogWarning(ex, "Reference {Reference} was already taken; trying the next one", application.Reference);
                continue;
            }

            CrashPoints.Reach(AfterCommitCrashPoint);
            events.AfterCommit(application.Id);
            return new Submitted(application.Reference!);
        }
    }

    private void QueueConfirmation(LoadedApplication loaded, ClaimsPrincipal user, string link)
    {
        var application = loaded.Application;
        var to = user.Identity!.Name!;
        var office = service.Value.OpccName;
        var body = $"""
            Thank you. We have received your application.

            Reference number: {application.Reference}
            Project: {application.ProjectTitle}
            Organisation: {loaded.Organisation.Name}
            Funding round: {loaded.Round.Title} ({loaded.Fund.Name})
            Amount asked for: {application.RequestedAmount}
            Submitted: {UkTime.Describe(application.SubmittedAt!.Value)} (UK time), by {to}

            Quote your reference number if you contact us about this application.

            You can see what you submitted, and download a PDF copy of it, at:
            {link}

            What happens next: we check each application's eligibility, then assessors score the eligible ones against the
            round's criteria. We will tell you the outcome by e-mail.

            {office}
            """;
        outbox.Enqueue(to, $"Application {application.Reference} received: {application.ProjectTitle}", body);
    }
}
