using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Commissioning.Infrastructure.Applications;

/// <summary>
/// An applicant submits their organisation's application, once. The round's closing instant is checked here, on the
/// server; the reference is the next in its programme's sequence for the year, taken from a counter row in the same
/// transaction (submissions at the same moment queue on that row rather than clash); the confirmation e-mail and the
/// workflow's ApplicationSubmitted event are saved in the same transaction, and the event is delivered after the
/// commit. Submitting again (a double click, a retried request, two at once) changes nothing and ends on the same
/// confirmation.
/// </summary>
public sealed class SubmitApplication(CommissioningDbContext db, ApplicationEvents events, Outbox outbox, Letterhead letterhead, TimeProvider clock, ILogger<SubmitApplication> logger)
{
    private const int MaxAttempts = 10;

    /// <summary>The crash point (see <see cref="CrashPoints"/>) between the submission's commit and the delivery of its event.</summary>
    public const string AfterCommitCrashPoint = "after-submission-committed";

    public abstract record Result;

    public sealed record Submitted(string Reference) : Result;

    public sealed record AlreadySubmitted(string? Reference) : Result;

    /// <summary>What stops the submission, in the words shown to the applicant.</summary>
    public sealed record Refused(IReadOnlyList<string> Problems) : Result;

    /// <summary>No such application, or the person is not a member of the organisation applying.</summary>
    public sealed record NotFound : Result;

    /// <param name="applicationId">The application to submit.</param>
    /// <param name="userId">The signed-in person's id: they must be a member of the applying organisation.</param>
    /// <param name="by">The signed-in person's e-mail address, sent the confirmation.</param>
    /// <param name="confirmationLink">Where the confirmation e-mail says the application can be seen.</param>
    public Task<Result> RunAsync(Guid applicationId, string userId, string by, string confirmationLink, CancellationToken cancellationToken) =>
        RunAsync(GrantApplicationId.From(applicationId), null, userId, by, confirmationLink, cancellationToken);

    /// <summary>
    /// As <see cref="RunAsync(Guid, string, string, string, CancellationToken)"/>, for a caller that has just loaded the
    /// application, tracked, with this use case's database context (the check answers page): the first attempt uses
    /// it instead of reading the application, round, fund and organisation again; a retry reads them afresh.
    /// </summary>
    public Task<Result> RunAsync(LoadedApplication loaded, string userId, string by, string confirmationLink, CancellationToken cancellationToken) =>
        RunAsync(loaded.Application.Id, loaded, userId, by, confirmationLink, cancellationToken);

    private async Task<Result> RunAsync(GrantApplicationId applicationId, LoadedApplication? justLoaded, string userId, string by, string confirmationLink, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var loaded = attempt == 1 && justLoaded is not null && db.Entry(justLoaded.Application).State != EntityState.Detached
                ? (justLoaded.Organisation.HasMember(userId) ? (justLoaded.Application, justLoaded.Round, justLoaded.Fund, justLoaded.Organisation) : null)
                : await LoadAfreshAsync(applicationId, userId, cancellationToken);
            if (loaded is null)
            {
                return new NotFound();
            }

            var (application, round, fund, organisation) = loaded.Value;
            if (application.Status != ApplicationStatus.Draft)
            {
                return new AlreadySubmitted(application.Reference);
            }

            if (application.WhatStopsSubmission(round) is { Count: > 0 } problems)
            {
                return new Refused([.. problems.Select(p => p.Message)]);
            }

            var now = clock.GetUtcNow();
            var applicant = await ApplicantRecords.LoadAsync(db, round, organisation, cancellationToken);
            var prefix = ApplicationReference.Prefix(fund.Programme, round.Year);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var number = await ReferenceCounter.NextAsync(db, prefix, cancellationToken);
                application.Submit(round, applicant, ApplicationReference.Format(fund.Programme, round.Year, checked((int)number)), now);
            }
            catch (DomainException ex)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return new Refused([ex.Message]);
            }

            db.Touch(application);
            QueueConfirmation(application, round, fund, organisation, by, confirmationLink);
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

    private async Task<(GrantApplication Application, FundingRound Round, Fund Fund, Organisation Organisation)?> LoadAfreshAsync(GrantApplicationId id, string userId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var application = await db.Applications.Include(a => a.Answers).SingleOrDefaultAsync(a => a.Id == id, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var organisation = await db.Organisations.SingleAsync(o => o.Id == application.OrganisationId, cancellationToken);
        if (!organisation.HasMember(userId))
        {
            return null;
        }

        var round = await db.Rounds.SingleAsync(r => r.Id == application.RoundId, cancellationToken);
        var fund = await db.Funds.SingleAsync(f => f.Id == round.FundId, cancellationToken);
        return (application, round, fund, organisation);
    }

    private void QueueConfirmation(GrantApplication application, FundingRound round, Fund fund, Organisation organisation, string to, string link)
    {
        var body = $"""
            Thank you. We have received your application.

            Reference number: {application.Reference}
            Project: {application.ProjectTitle}
            Organisation: {organisation.Name}
            Funding round: {round.Title} ({fund.Name})
            Amount asked for: {application.RequestedAmount}
            Submitted: {UkTime.Describe(application.SubmittedAt!.Value)} (UK time), by {to}

            Quote your reference number if you contact us about this application.

            You can see what you submitted, and download a PDF copy of it, at:
            {link}

            What happens next: we check each application's eligibility, then assessors score the eligible ones against the
            round's criteria. We will tell you the outcome by e-mail.

            {letterhead.OpccName}
            """;
        outbox.Enqueue(to, $"Application {application.Reference} received: {application.ProjectTitle}", body);
    }
}
