using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Monitoring;
using Commissioning.Domain.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Awards;

/// <summary>
/// The award behind an offer, through its life in the portal: made (and its money committed against the budget) when
/// the decision maker approves the application. Answering the offer (accepting it, declining it, or letting it lapse)
/// is <see cref="Applications.AnswerOffer"/>'s. Every method works in the caller's unit of work, which saves the
/// award and the budget line together (the line's version stops two approvals over-committing it).
/// </summary>
public static class GrantOffers
{
    /// <summary>
    /// Makes the award for an approved application: the amount asked for, from the fund's budget line for the round's
    /// year, supporting the application's plan priorities, with the conditions of the round's award terms (copied to the award), offered at once. Refuses
    /// (and nothing is saved) when the line has too little left. Calling it again returns the award already made.
    /// </summary>
    public static async Task<Award> MakeOfferAsync(DbContext db, GrantApplication application, DateOnly today, CancellationToken cancellationToken)
    {
        var existing = await db.Set<Award>().SingleOrDefaultAsync(a => a.GrantApplicationId == application.Id, cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var round = await db.Set<FundingRound>().AsNoTracking().SingleAsync(r => r.Id == application.RoundId, cancellationToken);
        // Tracked with the year's budget lines, so that the award's commitment and the line are saved together.
        var fund = await db.Set<Fund>().Include(f => f.Budgets.Where(b => b.Year == round.Year)).ThenInclude(b => b.Lines)
            .SingleAsync(f => f.Id == round.FundId, cancellationToken);
        var line = fund.LineForAnAward(round.Year);
        var amount = application.RequestedAmount ?? throw new DomainException($"Application {application.Reference} does not say how much it asks for, so no offer can be made.");
        var primary = application.Priorities.SingleOrDefault(p => p.IsPrimary)?.PriorityId
            ?? throw new DomainException($"Application {application.Reference} has no primary plan priority, so no award can be made from it.");
        var award = Award.Make(
            application.OrganisationId,
            line,
            amount,
            $"{application.ProjectTitle} ({application.Reference})",
            today,
            primary,
            application.Priorities.Where(p => !p.IsPrimary).Select(p => p.PriorityId),
            application.Id);
        // The round's award terms are copied to the award as it is offered: later changes to the round's terms leave it as it is.
        foreach (var condition in round.TermsFor(fund.Programme).Conditions)
        {
            award.AddCondition(condition.Timing, condition.Text, condition.Key);
        }

        award.Offer();
        db.Add(award);
        return award;
    }

    public static Task<Award?> LoadAsync(DbContext db, GrantApplicationId applicationId, CancellationToken cancellationToken) =>
        db.Set<Award>().Include(a => a.Conditions).Include(a => a.Instalments).Include(a => a.Priorities)
            .SingleOrDefaultAsync(a => a.GrantApplicationId == applicationId, cancellationToken);
}
