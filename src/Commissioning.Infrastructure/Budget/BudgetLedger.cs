using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Budget;

/// <summary>
/// Commits awards against budget lines so that no line is ever over-committed, even when many approvals arrive at
/// once on several app nodes. Each attempt reads the line, lets the domain decide, and saves the award with the
/// line's new total under the line's version; if someone else committed in between, it reads again and re-decides.
/// </summary>
public sealed class BudgetLedger(CommissioningDbContext db)
{
    private const int MaxAttempts = 100;

    /// <summary>Makes an award with <paramref name="makeAward"/> (which commits against the line it is given) and saves both in one transaction.</summary>
    public async Task<Award> CommitAsync(BudgetLineId lineId, Func<BudgetLine, Award> makeAward, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var line = await db.BudgetLines.SingleOrDefaultAsync(l => l.Id == lineId, cancellationToken)
                ?? throw new DomainException("That budget line does not exist.");
            var award = makeAward(line);
            db.Awards.Add(award);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return award;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw new DomainException("The budget is being changed by many people at once and this award could not be committed. Nothing was saved; try again.");
            }
        }
    }

    /// <summary>
    /// Changes a budget line (its amount or its over-programming margin) with <paramref name="change"/>, which asks
    /// the domain. Like a commitment, it is saved under the line's version: if an award was committed in between,
    /// the line is read again and the change decided again against what is now committed, so an amount can never be
    /// lowered below money committed at the same moment.
    /// </summary>
    public async Task<BudgetLine> ChangeLineAsync(BudgetLineId lineId, Action<BudgetLine> change, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var line = await db.BudgetLines.SingleOrDefaultAsync(l => l.Id == lineId, cancellationToken)
                ?? throw new DomainException("That budget line does not exist.");
            change(line);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return line;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw new DomainException("The budget is being changed by many people at once and this change could not be saved. Nothing was saved; try again.");
            }
        }
    }

    /// <summary>Withdraws an award and gives its money back to the budget line, in one transaction.</summary>
    public async Task WithdrawAsync(AwardId awardId, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var award = await db.Awards.Include(a => a.Instalments).SingleOrDefaultAsync(a => a.Id == awardId, cancellationToken)
                ?? throw new DomainException("That award does not exist.");
            var line = await db.BudgetLines.SingleAsync(l => l.Id == award.BudgetLineId, cancellationToken);
            award.Withdraw(line);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
            }
        }
    }
}
