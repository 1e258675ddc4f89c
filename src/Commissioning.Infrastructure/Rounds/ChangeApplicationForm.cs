using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Rounds;

/// <summary>
/// A grants officer changes a round's application form in the form builder: adds, changes, moves or removes a section
/// or a question. The change makes a new, checked form from the round's current one and gives it to the round
/// (<see cref="FundingRound.ReplaceForm"/>), which decides whether its form may still change; the round and its audit
/// entry are saved together.
/// </summary>
public sealed class ChangeApplicationForm(CommissioningDbContext db)
{
    public abstract record Result;

    public sealed record Changed(FundingRound Round) : Result;

    /// <summary>The form or the round refused the change; the message says why and what to do.</summary>
    public sealed record Refused(FundingRound Round, string Message) : Result;

    public sealed record NoSuchRound : Result;

    public async Task<Result> RunAsync(Guid roundId, Func<ApplicationForm, ApplicationForm> change, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Id == RoundId.From(roundId), cancellationToken);
        if (round is null)
        {
            return new NoSuchRound();
        }

        try
        {
            round.ReplaceForm(change(round.Form));
        }
        catch (DomainException refusal)
        {
            return new Refused(round, refusal.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Changed(round);
    }
}
