using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Rounds;

/// <summary>
/// A grants officer publishes a round once its form is built: from then applicants see it and can apply while it is
/// open. The round says what stops it (<see cref="FundingRound.WhyNotPublishable"/>); the round and its audit entry
/// are saved together.
/// </summary>
public sealed class PublishRound(CommissioningDbContext db, TimeProvider clock)
{
    public abstract record Result;

    public sealed record Published(FundingRound Round) : Result;

    /// <summary>What stops the round being published, each a sentence that says what to do.</summary>
    public sealed record Refused(FundingRound Round, IReadOnlyList<string> Reasons) : Result;

    public sealed record NoSuchRound : Result;

    public async Task<Result> RunAsync(Guid roundId, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.SingleOrDefaultAsync(r => r.Id == RoundId.From(roundId), cancellationToken);
        if (round is null)
        {
            return new NoSuchRound();
        }

        var now = clock.GetUtcNow();
        if (round.WhyNotPublishable(now) is { Count: > 0 } reasons)
        {
            return new Refused(round, reasons);
        }

        try
        {
            round.Publish(now);
        }
        catch (DomainException refusal)
        {
            return new Refused(round, [refusal.Message]);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new Published(round);
    }
}
