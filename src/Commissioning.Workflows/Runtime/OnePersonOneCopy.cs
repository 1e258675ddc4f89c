using Commissioning.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Workflows.Runtime;

/// <summary>
/// The copies of a multi-instance task (e.g. one "Score the bid" per assessor) are for different people. A person
/// who declared a conflict of interest on their copy is off that bid, so they may not take the copy that replaced
/// theirs; nor may anyone do two copies of one stage visit (which would count one person's view twice).
/// </summary>
internal static class OnePersonOneCopy
{
    public static async Task EnsureAsync(DbContext db, HumanTask task, WorkflowActor actor, CancellationToken cancellationToken)
    {
        if (actor.UserId is null)
        {
            return;
        }

        var other = await db.Set<HumanTask>().AsNoTracking()
            .Where(t => t.InstanceId == task.InstanceId && t.ActivityId == task.ActivityId && t.Visit == task.Visit && t.TaskKey == task.TaskKey)
            .Where(t => t.Id != task.Id && t.AssigneeUserId == actor.UserId && t.Status != TaskStatus.Cancelled)
            .OrderBy(t => t.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (other is null)
        {
            return;
        }

        throw new WorkflowException(other.Status == TaskStatus.Open
            ? $"You already have your own '{other.Name}' task here; complete that one instead."
            : $"You already answered '{other.Name}' here ({other.Outcome}, {other.CompletedAt:d MMMM yyyy}), so someone else must take this one.");
    }

    /// <summary>The person who completes an unassigned copy has taken it, so later checks know whose it was.</summary>
    public static void Take(HumanTask task, WorkflowActor actor) => task.AssigneeUserId ??= actor.UserId;
}
