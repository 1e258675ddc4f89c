using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Workflows;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Workflows;

/// <summary>Faults in workflow instances: the open ones with a Retry button, and the recently resolved ones.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IncidentsModel(CommissioningDbContext db, WorkflowRegistry registry, WorkflowRuntime runtime) : PageModel
{
    public const int RecentlyResolved = 20;

    public IReadOnlyList<Row> Open { get; private set; } = [];

    public IReadOnlyList<Row> Resolved { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Runs the failed operation again, as the administrator; on success the incident is resolved and the instance runs on.</summary>
    public async Task<IActionResult> OnPostRetryAsync(Guid incidentId, CancellationToken cancellationToken)
    {
        var incident = await db.Set<WorkflowIncident>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken);
        if (incident is null)
        {
            return NotFound();
        }

        try
        {
            await runtime.RetryIncidentAsync(incidentId, WorkflowPeople.ActorFor(User), cancellationToken);
        }
        catch (WorkflowFaultException)
        {
            var again = await db.Set<WorkflowIncident>().AsNoTracking().SingleAsync(i => i.Id == incidentId, cancellationToken);
            ModelState.AddModelError(string.Empty, $"The retry of ‘{WorkflowWords.Humanise(incident.Operation)}’ failed again (attempt {again.Attempts}): {again.Message} The incident stays open; fix the cause, then retry.");
            await LoadAsync(cancellationToken);
            return Page();
        }
        catch (Exception ex) when (ex is WorkflowException or DomainException)
        {
            ModelState.AddModelError(string.Empty, $"The retry of ‘{WorkflowWords.Humanise(incident.Operation)}’ was refused: {ex.Message}");
            await LoadAsync(cancellationToken);
            return Page();
        }

        Notice = $"The retry of ‘{WorkflowWords.Humanise(incident.Operation)}’ worked: the incident is resolved and the instance is running again.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var open = await db.Set<WorkflowIncident>().AsNoTracking().Where(i => i.ResolvedAt == null).OrderByDescending(i => i.At).ToListAsync(cancellationToken);
        var resolved = await db.Set<WorkflowIncident>().AsNoTracking().Where(i => i.ResolvedAt != null).OrderByDescending(i => i.ResolvedAt).Take(RecentlyResolved).ToListAsync(cancellationToken);
        var instanceIds = open.Concat(resolved).Select(i => i.InstanceId).Distinct().ToList();
        var instances = await db.Set<WorkflowInstance>().AsNoTracking().Where(i => instanceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, cancellationToken);
        var applications = await WorkflowSubject.ApplicationsAsync(db, instances.Values.Select(i => i.CorrelationId), cancellationToken);
        Row ToRow(WorkflowIncident incident)
        {
            var instance = instances[incident.InstanceId];
            var definition = registry.Find(instance.DefinitionId, instance.DefinitionVersion);
            return new Row(incident, WorkflowSubject.For(registry, instance.DefinitionId, instance.DefinitionVersion, instance.CorrelationId, applications), WorkflowWords.ActivityName(definition, incident.ActivityId));
        }

        Open = [.. open.Select(ToRow)];
        Resolved = [.. resolved.Select(ToRow)];
    }

    public sealed record Row(WorkflowIncident Incident, WorkflowSubject About, string Activity);
}
