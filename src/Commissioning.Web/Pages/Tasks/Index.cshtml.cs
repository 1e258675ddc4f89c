using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Workflows;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Tasks;

/// <summary>The task inbox: the signed-in person's open tasks and the unclaimed tasks of their roles, soonest due first.</summary>
[Authorize]
public sealed class IndexModel(CommissioningDbContext db, WorkflowRegistry registry, WorkflowRuntime runtime, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Takes an unclaimed task, so colleagues see who is working on it.</summary>
    public async Task<IActionResult> OnPostClaimAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var actor = WorkflowPeople.ActorFor(User);
        var task = await db.Set<HumanTask>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || !TaskInbox.MaySee(task, actor))
        {
            return NotFound();
        }

        try
        {
            await runtime.ClaimTaskAsync(taskId, actor, cancellationToken);
        }
        catch (WorkflowException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            await LoadAsync(cancellationToken);
            return Page();
        }

        Notice = $"You have taken ‘{task.Name}’. It is now in your tasks, and nobody else can take it.";
        return RedirectToPage("/Tasks/Details", new { id = taskId });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var actor = WorkflowPeople.ActorFor(User);
        var tasks = await TaskInbox.OpenFor(db, actor)
            .Join(db.Set<WorkflowInstance>(), t => t.InstanceId, i => i.Id, (t, i) => new { Task = t, i.DefinitionId, i.DefinitionVersion, i.CorrelationId })
            .ToListAsync(cancellationToken);
        var applications = await WorkflowSubject.ApplicationsAsync(db, tasks.Select(t => t.CorrelationId), cancellationToken);
        Rows = tasks
            .Select(t => new Row(
                t.Task.Id,
                t.Task.Name,
                WorkflowSubject.For(registry, t.DefinitionId, t.DefinitionVersion, t.CorrelationId, applications),
                WorkflowWords.ActivityName(registry.Find(t.DefinitionId, t.DefinitionVersion), t.Task.ActivityId),
                t.Task.Role,
                t.Task.CreatedAt,
                t.Task.DueAt,
                t.Task.AssigneeUserId is null))
            .OrderBy(r => r.DueAt is null)
            .ThenBy(r => r.DueAt)
            .ThenBy(r => r.CreatedAt)
            .ToList();
    }

    public sealed record Row(Guid TaskId, string Name, WorkflowSubject About, string Stage, string Role, DateTimeOffset CreatedAt, DateTimeOffset? DueAt, bool Unclaimed);
}
