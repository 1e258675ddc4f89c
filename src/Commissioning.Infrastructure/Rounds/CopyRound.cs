using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Rounds;

/// <summary>
/// A grants officer copies a round (for example because applications have fixed its questions and criteria): a new
/// round with the same settings, criteria, award terms, priorities and form, on new dates, from the same budget
/// line, whose amount must still fit the line beside its other rounds (<see cref="FundingRound.CopyAs"/>).
/// </summary>
public sealed class CopyRound(CommissioningDbContext db)
{
    public async Task<FundingRound> RunAsync(RoundId roundId, string title, DateTimeOffset opensAt, DateTimeOffset closesAt, Money amountAvailable, string by, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var original = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken)
            ?? throw new DomainException("That round does not exist.");
        if (original.BudgetLineId is not { } lineId)
        {
            throw new DomainException($"{original.Title} does not name the budget line its awards come from. Set its budget line and amount available first, then copy it.");
        }

        var line = await db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == lineId, cancellationToken);
        var others = await RoundBudgets.AvailableFromLineAsync(db, lineId, except: null, cancellationToken);
        var copy = original.CopyAs(title, opensAt, closesAt, line, amountAvailable, others, by, at);
        db.Rounds.Add(copy);
        await db.SaveChangesAsync(cancellationToken);
        return copy;
    }
}
