using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Plans;

/// <summary>
/// Removes a priority from a plan: counts the applications, grants and rounds linked to it and lets the plan decide
/// (<see cref="PoliceAndCrimePlan.RemovePriority"/>), so a priority a grant was linked to stays. The removal and its
/// audit are saved together.
/// </summary>
public sealed class RemovePlanPriority(CommissioningDbContext db)
{
    /// <summary>Removes it and returns its title; a refusal is a <see cref="DomainException"/> saying what to do instead.</summary>
    public async Task<string> RemoveAsync(PlanId planId, PriorityId priorityId, CancellationToken cancellationToken)
    {
        var plan = await db.Plans.SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
            ?? throw new DomainException("That plan no longer exists.");
        var title = plan.Priority(priorityId).Title;
        var links = await LinksAsync(priorityId, cancellationToken);
        plan.RemovePriority(priorityId, links);
        await db.SaveChangesAsync(cancellationToken);
        return title;
    }

    /// <summary>How many applications, grants and rounds are linked to a priority.</summary>
    public async Task<PriorityLinks> LinksAsync(PriorityId priorityId, CancellationToken cancellationToken) =>
        new(
            await db.Applications.CountAsync(a => a.Priorities.Any(p => p.PriorityId == priorityId), cancellationToken),
            await db.Set<AwardPriority>().CountAsync(p => p.PriorityId == priorityId, cancellationToken),
            await db.Rounds.CountAsync(r => r.Priorities.Any(p => p.PriorityId == priorityId), cancellationToken));
}
