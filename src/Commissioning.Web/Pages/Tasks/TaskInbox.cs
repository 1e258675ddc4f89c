using Commissioning.Web.Workflows;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Web.Pages.Tasks;

/// <summary>Whose tasks are whose: a person's own tasks, and the unclaimed tasks of their roles.</summary>
public static class TaskInbox
{
    /// <summary>
    /// The person's open tasks and their roles' unclaimed ones, less any copy of a task they already have or answered
    /// in the same stage (an assessor who declared a conflict does not see the copy that replaced theirs).
    /// </summary>
    public static IQueryable<HumanTask> OpenFor(DbContext db, WorkflowActor actor)
    {
        var roles = actor.Roles.ToArray();
        var userId = actor.UserId;
        var tasks = db.Set<HumanTask>();
        return tasks.AsNoTracking()
            .Where(t => t.Status == TaskStatus.Open && ((userId != null && t.AssigneeUserId == userId) || (t.AssigneeUserId == null && roles.Contains(t.Role))))
            .Where(t => userId == null || t.AssigneeUserId != null || !tasks.Any(o => o.InstanceId == t.InstanceId && o.ActivityId == t.ActivityId && o.Visit == t.Visit && o.TaskKey == t.TaskKey
                && o.Id != t.Id && o.AssigneeUserId == userId && o.Status != TaskStatus.Cancelled));
    }

    /// <summary>The inbox as the person sees it, soonest due first: the task list and the home page both show this.</summary>
    public static async Task<IReadOnlyList<Row>> RowsAsync(Commissioning.Infrastructure.Persistence.CommissioningDbContext db, WorkflowRegistry registry, WorkflowActor actor, CancellationToken cancellationToken)
    {
        var tasks = await OpenFor(db, actor)
            .Join(db.Set<WorkflowInstance>(), t => t.InstanceId, i => i.Id, (t, i) => new { Task = t, i.DefinitionId, i.DefinitionVersion, i.CorrelationId })
            .ToListAsync(cancellationToken);
        var applications = await WorkflowSubject.ApplicationsAsync(db, tasks.Select(t => t.CorrelationId), cancellationToken);
        return tasks
            .Select(t => new Row(
                t.Task.Id,
                t.Task.Name,
                WorkflowSubject.For(registry, t.DefinitionId, t.DefinitionVersion, t.CorrelationId, applications),
                WorkflowWords.ActivityName(registry.Find(t.DefinitionId, t.DefinitionVersion), t.Task.ActivityId),
                t.Task.Role,
                t.Task.CreatedAt,
                t.Task.DueAt,
                t.Task.AssigneeUserId is null,
                HrefOf(t.Task)))
            .OrderBy(r => r.DueAt is null)
            .ThenBy(r => r.DueAt)
            .ThenBy(r => r.CreatedAt)
            .ToList();
    }

    public sealed record Row(Guid TaskId, string Name, WorkflowSubject About, string Stage, string Role, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, bool Unclaimed, string Href)
    {
        /// <summary>A task asking for someone to be assigned to a copy nobody may take (answered on its own page).</summary>
        public bool AssignsSomeone => Href.EndsWith("/Assign", StringComparison.Ordinal);
    }

    /// <summary>Where the task is answered: a task asking for someone to be assigned to another has its own page.</summary>
    public static string HrefOf(HumanTask task) => task.ForTaskId is null ? $"/Tasks/{task.Id}" : $"/Tasks/{task.Id}/Assign";

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
