using Commissioning.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Workflows.Runtime;

/// <summary>
/// The copies of a multi-instance task (e.g. one "Score the bid" per assessor) are for different people. A person
/// who declared a conflict of interest on their copy is off that bid, so they may not take the copy that replaced
/// theirs; nor may anyone do two copies of one stage visit (which would count one person's view twice). This is the
/// one place that says who may take a copy: the engine checks it when someone takes or completes one, and when it
/// lists who an officer may assign a copy nobody has taken to.
/// </summary>
internal static class OnePersonOneCopy
{
    public static async Task EnsureAsync(DbContext db, HumanTask task, WorkflowActor actor, CancellationToken cancellationToken)
    {
        if (actor.UserId is null)
        {
            return;
        }

        var other = await OtherCopies(db, task)
            .Where(t => t.AssigneeUserId == actor.UserId)
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

    /// <summary>
    /// The people who may take this copy: those holding its role who have no other copy of it in the same stage
    /// visit (open, answered, or given up with a declared conflict).
    /// </summary>
    public static async Task<IReadOnlyList<WorkflowPerson>> WhoMayTakeAsync(DbContext db, IWorkflowPeople people, HumanTask copy, CancellationToken cancellationToken)
    {
        var holders = await people.InRoleAsync(copy.Role, cancellationToken);
        var excluded = await OtherCopies(db, copy)
            .Where(t => t.AssigneeUserId != null)
            .Select(t => t.AssigneeUserId!)
            .Distinct()
            .ToListAsync(cancellationToken);
        return [.. holders.Where(p => !excluded.Contains(p.UserId, StringComparer.Ordinal))];
    }

    /// <summary>The person who completes an unassigned copy has taken it, so later checks know whose it was.</summary>
    public static void Take(HumanTask task, WorkflowActor actor) => task.AssigneeUserId ??= actor.UserId;

    private static IQueryable<HumanTask> OtherCopies(DbContext db, HumanTask copy) =>
        db.Set<HumanTask>().AsNoTracking()
            .Where(t => t.InstanceId == copy.InstanceId && t.ActivityId == copy.ActivityId && t.Visit == copy.Visit && t.TaskKey == copy.TaskKey)
            .Where(t => t.Id != copy.Id && t.Status != TaskStatus.Cancelled);
}
