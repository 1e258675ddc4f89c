using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Runtime;
using Commissioning.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Rounds;

/// <summary>
/// A grants officer changes a round: its dates and limits, who may apply, its criteria, priorities or award terms.
/// The domain decides (and records the change with who, when and why); when the closing date moves, every draft
/// application's closing deadline moves with it through the workflow engine, and the round, its history and the
/// moved timers are saved in one transaction. A round or workflow changed by someone else in between (an
/// application started or submitted at that moment) makes it read everything again and decide again.
/// </summary>
public sealed class ChangeRound(CommissioningDbContext db, WorkflowRuntime workflows, IWorkflowTimerSweepTrigger sweep, TimeProvider clock)
{
    private const int MaxAttempts = 20;

    /// <summary>What the change did: the round as saved and how many drafts' closing deadlines moved.</summary>
    public sealed record Changed(FundingRound Round, int DraftDeadlinesMoved);

    /// <summary>Changes the round with <paramref name="change"/>, which is given the round (tracked) and the note to record the change under.</summary>
    public Task<Changed> RunAsync(RoundId roundId, string by, string? reason, Action<FundingRound, ChangeNote> change, CancellationToken cancellationToken) =>
        RunAsync(roundId, by, reason, (round, note) =>
        {
            change(round, note);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>Changes the round's description, dates, award limits and the amount it makes available from a budget line of its fund.</summary>
    public Task<Changed> ChangeSettingsAsync(RoundId roundId, SetUpRound.Details details, string by, string? reason, CancellationToken cancellationToken) =>
        RunAsync(roundId, by, reason, async (round, note) =>
        {
            var line = await db.BudgetLines.AsNoTracking().SingleOrDefaultAsync(l => l.Id == details.LineId, cancellationToken)
                ?? throw new DomainException("Choose one of the fund's budget lines.");
            var others = await RoundBudgets.AvailableFromLineAsync(db, line.Id, round.Id, cancellationToken);
            round.ChangeDescription(details.Title, details.Summary, note);
            round.Reschedule(details.OpensAt, details.ClosesAt, note);
            if (details.AmountAvailable >= round.AmountAvailable.GetValueOrDefault())
            {
                round.UseBudgetLine(line, details.AmountAvailable, others, note);
                round.SetAwardLimits(details.MinimumAward, details.MaximumAward, note);
            }
            else
            {
                round.SetAwardLimits(details.MinimumAward, details.MaximumAward, note);
                round.UseBudgetLine(line, details.AmountAvailable, others, note);
            }
        }, cancellationToken);

    private async Task<Changed> RunAsync(RoundId roundId, string by, string? reason, Func<FundingRound, ChangeNote, Task> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var round = await db.Rounds.Include(r => r.Changes).SingleOrDefaultAsync(r => r.Id == roundId, cancellationToken)
                ?? throw new DomainException("That round does not exist.");
            var closedAt = round.ClosesAt;
            var note = new ChangeNote(by, clock.GetUtcNow(), string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
            await change(round, note);
            var moved = round.ClosesAt == closedAt ? [] : await MoveDraftDeadlinesAsync(round, closedAt, by, note.Reason, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
                continue;
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw new DomainException("The round's applications are changing too fast for this change to be saved. Nothing was saved; try again.");
            }

            if (moved.Any(m => m.To <= clock.GetUtcNow()))
            {
                sweep.SweepNow();
            }

            return new Changed(round, moved.Count(m => m.TimerKey is not null));
        }
    }

    private async Task<IReadOnlyList<TimerMove>> MoveDraftDeadlinesAsync(FundingRound round, DateTimeOffset closedAt, string by, string? reason, CancellationToken cancellationToken)
    {
        var drafts = await db.Applications.AsNoTracking()
            .Where(a => a.RoundId == round.Id && a.Status == ApplicationStatus.Draft)
            .Select(a => a.Id)
            .ToListAsync(cancellationToken);
        if (drafts.Count == 0)
        {
            return [];
        }

        var why = $"{round.Title}'s closing date moved from {UkTime.Describe(closedAt)} to {UkTime.Describe(round.ClosesAt)}{(reason is null ? string.Empty : $" ({reason})")}";
        return await workflows.MovePendingTimersAsync(
            drafts.Select(d => d.ToString()).ToList(),
            GrantWorkflowContract.Variables.ClosesAt,
            round.ClosesAt,
            new WorkflowActor(by, null, [Roles.GrantsOfficer]),
            why,
            cancellationToken);
    }
}
