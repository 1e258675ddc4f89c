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
    public IReadOnlyList<TaskInbox.Row> Rows { get; private set; } = [];

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
        Rows = await TaskInbox.RowsAsync(db, registry, actor, cancellationToken);
    }

}
