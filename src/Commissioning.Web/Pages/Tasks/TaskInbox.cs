using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Web.Pages.Tasks;

/// <summary>Whose tasks are whose: a person's own tasks, and the unclaimed tasks of their roles.</summary>
public static class TaskInbox
{
    public static IQueryable<HumanTask> OpenFor(DbContext db, WorkflowActor actor)
    {
        var roles = actor.Roles.ToArray();
        var userId = actor.UserId;
        return db.Set<HumanTask>().AsNoTracking()
            .Where(t => t.Status == TaskStatus.Open && ((userId != null && t.AssigneeUserId == userId) || (t.AssigneeUserId == null && roles.Contains(t.Role))));
    }

    /// <summary>
    /// A person may see a task that is theirs, or that nobody has taken yet in one of their roles. Anything else
    /// answers 404, so a task's existence is not revealed to people who may not act on it. Someone answering a task
    /// of their role that a colleague completed in the meantime is told so, rather than shown a missing page.
    /// </summary>
    public static bool MaySee(HumanTask task, WorkflowActor actor, bool answering = false) =>
        (task.AssigneeUserId is not null && task.AssigneeUserId == actor.UserId)
        || (task.AssigneeUserId is null && actor.Roles.Contains(task.Role))
        || (answering && task.Status != TaskStatus.Open && actor.Roles.Contains(task.Role));
}
