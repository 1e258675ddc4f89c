using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Workflows;
using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Web.Pages.Tasks;

/// <summary>
/// A grants officer assigns a task copy nobody could take (a scoring copy that replaced a declared conflict, with no
/// other assessor free to score) to one of the people who may take it now: the engine says who (the same rule that
/// stops the person who declared the conflict taking it), read afresh on every visit, so someone given the Assessor
/// role a moment ago is listed.
/// </summary>
[Authorize(Roles = Roles.GrantsOfficer)]
public sealed class AssignModel(CommissioningDbContext db, WorkflowRegistry registry, WorkflowRuntime runtime) : PageModel
{
    public HumanTask Current { get; private set; } = new();

    public HumanTask Copy { get; private set; } = new();

    public WorkflowSubject About { get; private set; } = new(string.Empty, string.Empty, null, null);

    public string Stage { get; private set; } = string.Empty;

    /// <summary>Who gave up a copy of this task in this stage visit, e.g. by declaring a conflict of interest.</summary>
    public IReadOnlyList<GivenUp> GaveUp { get; private set; } = [];

    /// <summary>The people who may take the copy now.</summary>
    public IReadOnlyList<WorkflowPerson> MayTake { get; private set; } = [];

    /// <summary>The chosen person's user id.</summary>
    [BindProperty]
    public string? Person { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public bool IsOpen => Current.Status == TaskStatus.Open && Copy.Status == TaskStatus.Open && Copy.AssigneeUserId is null;

    public string RoleName => Roles.Describe(Copy.Role).ToLowerInvariant();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, answering: false, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, answering: true, cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Person))
        {
            ModelState.AddModelError(nameof(Person), MayTake.Count == 0
                ? $"There is nobody to choose: an administrator must first give someone the {RoleName} role"
                : $"Select the {RoleName} to give this task to");
            return Page();
        }

        var chosen = MayTake.FirstOrDefault(p => p.UserId == Person)?.Name;
        try
        {
            await runtime.AssignCopyAsync(id, Person, WorkflowPeople.ActorFor(User), cancellationToken);
        }
        catch (Exception ex) when (ex is WorkflowException or WorkflowFaultException or DomainException)
        {
            ModelState.AddModelError(nameof(Person), ex.Message);
            await LoadAsync(id, answering: true, cancellationToken);
            return Page();
        }

        Notice = $"‘{Copy.Name}’ for {About.Summary} is now {chosen ?? "the chosen person"}’s task, in their task list.";
        return RedirectToPage("/Tasks/Index");
    }

    private async Task<bool> LoadAsync(Guid id, bool answering, CancellationToken cancellationToken)
    {
        var actor = WorkflowPeople.ActorFor(User);
        var task = await db.Set<HumanTask>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task?.ForTaskId is not { } copyId || !TaskInbox.MaySee(task, actor, answering || task.Status != TaskStatus.Open))
        {
            return false;
        }

        Current = task;
        Copy = await db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.Id == copyId, cancellationToken);
        var instance = await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == task.InstanceId, cancellationToken);
        var definition = registry.Find(instance.DefinitionId, instance.DefinitionVersion);
        var applications = await WorkflowSubject.ApplicationsAsync(db, [instance.CorrelationId], cancellationToken);
        About = WorkflowSubject.For(registry, instance.DefinitionId, instance.DefinitionVersion, instance.CorrelationId, applications);
        Stage = WorkflowWords.ActivityName(definition, Copy.ActivityId);

        var replacedBy = definition?.Root.Activities.FirstOrDefault(a => a.Id == Copy.ActivityId)?.Tasks?.FirstOrDefault(t => t.Id == Copy.TaskKey)?.MultiInstance?.Replaced ?? [];
        var given = await db.Set<HumanTask>().AsNoTracking()
            .Where(t => t.InstanceId == Copy.InstanceId && t.ActivityId == Copy.ActivityId && t.Visit == Copy.Visit && t.TaskKey == Copy.TaskKey && t.Status == TaskStatus.Completed)
            .ToListAsync(cancellationToken);
        var names = await NamesAsync(given.Select(t => t.AssigneeUserId), cancellationToken);
        GaveUp = [.. given
            .Where(t => t.Outcome is not null && replacedBy.Contains(t.Outcome))
            .OrderBy(t => t.CompletedAt)
            .Select(t => new GivenUp(t.AssigneeUserId is { } userId && names.TryGetValue(userId, out var name) ? name : t.CompletedBy ?? "Someone", WorkflowWords.Humanise(t.Outcome), t.CompletedAt!.Value))];
        MayTake = IsOpen ? await runtime.WhoMayTakeAsync(Copy.Id, cancellationToken) : [];
        return true;
    }

    private async Task<Dictionary<string, string>> NamesAsync(IEnumerable<string?> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.FullName, u.Email }).ToListAsync(cancellationToken);
        return users.ToDictionary(u => u.Id, u => string.IsNullOrWhiteSpace(u.FullName) ? u.Email ?? u.Id : u.FullName);
    }

    public sealed record GivenUp(string Name, string Outcome, DateTimeOffset At);
}
