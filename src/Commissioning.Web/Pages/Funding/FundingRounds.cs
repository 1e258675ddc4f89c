using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Plans;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Funding;

/// <summary>A round as people looking for funding see it.</summary>
public sealed record RoundListing(FundingRound Round, Fund Fund, RoundStatus Status)
{
    public string WhoCanApply => Fund.Programme.WhoCanApply();

    public bool TakesApplications => Infrastructure.Workflows.ApplicationWorkflows.DefinitionFor(Fund.Programme) is not null;
}

public static class FundingRounds
{
    /// <summary>Published rounds open now or opening later, soonest closing first.</summary>
    public static async Task<IReadOnlyList<RoundListing>> OpenAndUpcomingAsync(CommissioningDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.PublishedAt != null && r.ClosesAt > now).OrderBy(r => r.ClosesAt).ToListAsync(cancellationToken);
        var funds = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, cancellationToken);
        return rounds.Select(r => new RoundListing(r, funds[r.FundId], r.StatusAt(now))).ToList();
    }

    /// <summary>A published round, as applicants see it; null for one not (yet) published, as for one that does not exist.</summary>
    public static async Task<RoundListing?> FindAsync(CommissioningDbContext db, Guid roundId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = RoundId.From(roundId);
        var round = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id && r.PublishedAt != null, cancellationToken);
        if (round is null)
        {
            return null;
        }

        var fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Id == round.FundId, cancellationToken);
        return new RoundListing(round, fund, round.StatusAt(now));
    }

    /// <summary>The priorities of the Police and Crime Plan in force today (UK date), which every round's projects are to support.</summary>
    public static async Task<(PoliceAndCrimePlan? Plan, IReadOnlyList<PlanPriority> Priorities)> PlanInForceAsync(CommissioningDbContext db, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking().Include(p => p.Priorities).ToListAsync(cancellationToken);
        var plan = PoliceAndCrimePlan.InForceOn(plans, UkTime.DateOf(now));
        return (plan, plan?.Priorities.OrderBy(p => p.Order).ToList() ?? []);
    }
}
