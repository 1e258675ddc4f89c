using Commissioning.Domain.Common;
using Commissioning.Infrastructure.CaseFiles;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Workflows;
using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Staff.Applications;

/// <summary>
/// The staff case file of one application: the one place staff work from. It shows only what the person's roles may
/// see (<see cref="CaseFileAccess"/>); the loader never reads the rest. Anyone who may not open it gets a 404.
/// </summary>
[Authorize(Roles = CaseFileAccess.CaseFileRoles)]
public sealed class CaseFileModel(OpenCaseFile open, CommissioningDbContext db, WorkflowRegistry registry, TimeProvider clock) : PageModel
{
    public CaseFile Case { get; private set; } = null!;

    public WorkflowDefinition? Definition { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>Who holds each open task, by user id (their e-mail address).</summary>
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = WorkflowPeople.ActorFor(User);
        Today = UkTime.DateOf(clock.GetUtcNow());
        if (actor.UserId is null || await open.RunAsync(id, actor.UserId, actor.Roles, Today, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        Case = file;
        if (file.Workflow is { } workflow)
        {
            Definition = registry.Find(workflow.Instance.DefinitionId, workflow.Instance.DefinitionVersion);
            var assignees = workflow.OpenTasks.Select(t => t.AssigneeUserId).OfType<string>().Distinct().ToList();
            People = await db.Users.AsNoTracking().Where(u => assignees.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);
        }

        return Page();
    }

    /// <summary>One line of the workflow's history in words.</summary>
    public string Describe(WorkflowLogEntry entry)
    {
        var outcome = WorkflowWords.Humanise(entry.Outcome);
        var move = entry.FromActivityId is null ? $"Started at ‘{WorkflowWords.ActivityName(Definition, entry.ToActivityId)}’"
            : entry.FromActivityId == entry.ToActivityId ? $"{outcome} at ‘{WorkflowWords.ActivityName(Definition, entry.ToActivityId)}’"
            : $"{outcome}: from ‘{WorkflowWords.ActivityName(Definition, entry.FromActivityId)}’ to ‘{WorkflowWords.ActivityName(Definition, entry.ToActivityId)}’";
        return entry.Reason is null ? move : $"{move} ({entry.Reason})";
    }

    public string HolderOf(HumanTask task) =>
        task.AssigneeUserId is { } userId ? People.GetValueOrDefault(userId, "a member of staff") : $"Any {Infrastructure.Identity.Roles.Describe(task.Role).ToLowerInvariant()}";
}
