using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Monitoring;
using Commissioning.Infrastructure.Awards;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Applications;

/// <summary>
/// The organisation answers the offer of a grant: accepted by a named signatory (recorded with the time and the IP
/// address it came from), which accepts the award, schedules its instalments and sets the reports it owes; or declined
/// with a reason, which withdraws the award and gives its money back to the budget line. The answer, the award's
/// change, the office's e-mail and the workflow's OfferAccepted or OfferDeclined event are saved in one transaction;
/// the event is delivered after the commit. One answer per application: a second (a double click, a colleague at the
/// same moment) changes nothing. An offer that lapses unanswered withdraws its award the same way
/// (<see cref="WithdrawAwardAsync"/>, called when the workflow ends at the offer).
/// </summary>
public sealed class AnswerOffer(CommissioningDbContext db, ApplicationEvents events, OfficeNotices office)
{
    public abstract record Result;

    /// <summary>The answer was saved; or an answer saved a moment earlier, or the offer's lapse, stands instead.</summary>
    public sealed record Answered : Result;

    public sealed record Refused(string Message) : Result;

    /// <summary>Who answers: the signed-in member's id and e-mail address, and the IP address the answer came from.</summary>
    public sealed record Answerer(string UserId, string Email, string? RemoteAddress);

    /// <summary>The offer's page, which the office's e-mail links to.</summary>
    public static string OfferPath(GrantApplicationId applicationId) => $"/Applications/{applicationId}/Offer";

    /// <param name="applicationId">An application the person may answer for (the page has checked they are a member of its organisation).</param>
    /// <param name="now">The instant the caller found the offer still open; the answer is recorded at it, so the acceptance period's deadline cannot overtake it.</param>
    /// <param name="serviceAddress">The address links in e-mails start with.</param>
    public async Task<Result> AcceptAsync(GrantApplicationId applicationId, string signatoryName, string signatoryRole, DateOnly signedOn, Answerer by, DateTimeOffset now, string serviceAddress, CancellationToken cancellationToken)
    {
        var application = await db.Applications.SingleAsync(a => a.Id == applicationId, cancellationToken);
        var today = UkTime.DateOf(now);
        OfferResponse response;
        try
        {
            response = OfferResponse.Accept(application, signatoryName, signatoryRole, signedOn, today, now, by.RemoteAddress, by.UserId, by.Email);
        }
        catch (DomainException ex)
        {
            return new Refused(ex.Message);
        }

        try
        {
            var award = await AcceptAwardAsync(db, application, today, cancellationToken);
            await office.QueueAsync($"Offer accepted: {application.Reference}", serviceAddress.TrimEnd('/') + OfferPath(applicationId),
                $"{await OrganisationNameAsync(application, cancellationToken)} has accepted the offer of {award.Amount} for '{application.ProjectTitle}' ({application.Reference}).",
                $"Signed by {response.SignatoryName}, {response.SignatoryRole}, on {UkTime.DescribeDate(response.SignedOn!.Value)}; recorded at {UkTime.Describe(now)} (UK time).",
                "The conditions to meet before payment are listed on the award.");
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            return new Refused(ex.Message);
        }

        return await RecordAsync(response, ApplicationWorkflows.OfferAccepted, applicationId, now, cancellationToken);
    }

    /// <param name="applicationId">An application the person may answer for (the page has checked they are a member of its organisation).</param>
    /// <param name="now">The instant the caller found the offer still open; the answer is recorded at it.</param>
    /// <param name="serviceAddress">The address links in e-mails start with.</param>
    public async Task<Result> DeclineAsync(GrantApplicationId applicationId, string reason, Answerer by, DateTimeOffset now, string serviceAddress, CancellationToken cancellationToken)
    {
        var application = await db.Applications.SingleAsync(a => a.Id == applicationId, cancellationToken);
        OfferResponse response;
        try
        {
            response = OfferResponse.Decline(application, reason, now, by.RemoteAddress, by.UserId, by.Email);
        }
        catch (DomainException ex)
        {
            return new Refused(ex.Message);
        }

        await WithdrawAwardAsync(db, applicationId, cancellationToken);
        await office.QueueAsync($"Offer declined: {application.Reference}", serviceAddress.TrimEnd('/') + OfferPath(applicationId),
            $"{await OrganisationNameAsync(application, cancellationToken)} has declined the offer for '{application.ProjectTitle}' ({application.Reference}) at {UkTime.Describe(now)} (UK time).",
            $"Their reason: {response.DeclineReason}",
            "The award has been withdrawn and its money is back in the budget line.");
        return await RecordAsync(response, ApplicationWorkflows.OfferDeclined, applicationId, now, cancellationToken);
    }

    /// <summary>
    /// The offer was accepted: the award is accepted, its instalments scheduled and the reports it owes set, in the
    /// caller's unit of work. An offer made before awards were recorded gets its award now.
    /// </summary>
    public static async Task<Award> AcceptAwardAsync(DbContext db, GrantApplication application, DateOnly acceptedOn, CancellationToken cancellationToken)
    {
        var award = await GrantOffers.LoadAsync(db, application.Id, cancellationToken) ?? await GrantOffers.MakeOfferAsync(db, application, acceptedOn, cancellationToken);
        var programme = await db.Set<Fund>().Where(f => f.Id == award.FundId).Select(f => f.Programme).SingleAsync(cancellationToken);
        award.AcceptOffer(acceptedOn, GrantTerms.PaymentSchedule(programme, award.Amount, award.Year, acceptedOn));
        db.AddRange(GrantTerms.ReportsOwed(programme, award.Id, award.Year, acceptedOn));
        return award;
    }

    /// <summary>
    /// The offer was declined, or its acceptance period ended unanswered: the award is withdrawn and its money goes
    /// back to the budget line, in the caller's unit of work. An award already accepted or withdrawn is returned as it is.
    /// </summary>
    public static async Task<Award?> WithdrawAwardAsync(DbContext db, GrantApplicationId applicationId, CancellationToken cancellationToken)
    {
        var award = await GrantOffers.LoadAsync(db, applicationId, cancellationToken);
        if (award is null || award.Status is not (AwardStatus.Committed or AwardStatus.Offered))
        {
            return award;
        }

        var line = await db.Set<BudgetLine>().SingleAsync(l => l.Id == award.BudgetLineId, cancellationToken);
        award.Withdraw(line);
        return award;
    }

    private async Task<Result> RecordAsync(OfferResponse response, string eventName, GrantApplicationId applicationId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.OfferResponses.Add(response);
        // Recorded at the instant the offer was found open, so the acceptance period's deadline cannot overtake it.
        events.Record(eventName, applicationId, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index: the offer was answered a moment ago (a double click, a colleague). The first answer
            // stands. Or the award changed under this answer: the acceptance period ended and the offer lapsed.
            db.ChangeTracker.Clear();
            return new Answered();
        }

        events.AfterCommit(applicationId);
        return new Answered();
    }

    private async Task<string> OrganisationNameAsync(GrantApplication application, CancellationToken cancellationToken) =>
        await db.Organisations.Where(o => o.Id == application.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
}
