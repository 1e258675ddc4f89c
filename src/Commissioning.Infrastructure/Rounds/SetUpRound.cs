using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Rounds;

/// <summary>
/// A grants officer sets up a round of a fund from one of its budget lines: the round (the domain decides whether
/// the amount fits the line, beside the line's other rounds: <see cref="FundingRound.SetUp"/>) and its first entry
/// of history are saved together.
/// </summary>
public sealed class SetUpRound(CommissioningDbContext db)
{
    public sealed record Details(string Title, string Summary, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, Money MinimumAward, Money MaximumAward, BudgetLineId LineId, Money AmountAvailable);

    public async Task<FundingRound> RunAsync(FundId fundId, Details details, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var fund = await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fundId, cancellationToken)
            ?? throw new DomainException("That fund does not exist.");
        var line = await db.BudgetLines.AsNoTracking().SingleOrDefaultAsync(l => l.Id == details.LineId && l.FundId == fundId, cancellationToken)
            ?? throw new DomainException($"Choose one of {fund.Name}'s budget lines.");
        var others = await RoundBudgets.AvailableFromLineAsync(db, line.Id, except: null, cancellationToken);
        var round = FundingRound.SetUp(fund, line, details.AmountAvailable, others, details.Title, details.Summary, details.OpensAt, details.ClosesAt, details.MinimumAward, details.MaximumAward, by, at);
        db.Rounds.Add(round);
        await db.SaveChangesAsync(cancellationToken);
        return round;
    }
}

/// <summary>What a budget line's rounds make available, for the domain to judge whether another round fits the line.</summary>
public static class RoundBudgets
{
    public static async Task<Money> AvailableFromLineAsync(DbContext db, BudgetLineId lineId, RoundId? except, CancellationToken cancellationToken)
    {
        var amounts = await db.Set<FundingRound>().AsNoTracking()
            .Where(r => r.BudgetLineId == lineId && (except == null || r.Id != except))
            .Select(r => r.AmountAvailable)
            .ToListAsync(cancellationToken);
        return Money.Sum(amounts.OfType<Money>());
    }
}
