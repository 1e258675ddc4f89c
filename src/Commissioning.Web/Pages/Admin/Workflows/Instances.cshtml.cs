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

/// <summary>Workflow instances, newest first, filtered by definition and status, 50 to a page.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class InstancesModel(CommissioningDbContext db, WorkflowRegistry registry) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    /// <summary>Definition ids to filter by: those loaded and those that have instances.</summary>
    public IReadOnlyList<(string Id, string Name)> Definitions { get; private set; } = [];

    public string? Definition { get; private set; }

    public int? Version { get; private set; }

    public InstanceStatus? Status { get; private set; }

    public int PageNumber { get; private set; } = 1;

    public int Total { get; private set; }

    public int LastPage => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync([FromQuery] string? definition, [FromQuery] string? version, [FromQuery] string? status, [FromQuery(Name = "page")] string? page, CancellationToken cancellationToken)
    {
        // Filters come from the address; anything that is not a known value is ignored rather than an error.
        var withInstances = await db.Set<WorkflowInstance>().AsNoTracking().Select(i => i.DefinitionId).Distinct().ToListAsync(cancellationToken);
        Definitions = [.. registry.All.Select(d => d.DefinitionId).Concat(withInstances).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(id => (id, registry.All.Where(d => d.DefinitionId == id).MaxBy(d => d.Version)?.Name ?? id))];
        Definition = Definitions.Any(d => d.Id == definition) ? definition : null;
        Version = Definition is not null && int.TryParse(version, out var v) && v > 0 ? v : null;
        Status = Enum.TryParse<InstanceStatus>(status, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(status, out _) ? s : null;
        PageNumber = int.TryParse(page, out var p) && p > 0 ? p : 1;

        var query = db.Set<WorkflowInstance>().AsNoTracking();
        if (Definition is not null)
        {
            query = query.Where(i => i.DefinitionId == Definition);
        }

        if (Version is not null)
        {
            query = query.Where(i => i.DefinitionVersion == Version);
        }

        if (Status is not null)
        {
            query = query.Where(i => i.Status == Status);
        }

        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Min(PageNumber, LastPage);
        var instances = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        var applications = await WorkflowSubject.ApplicationsAsync(db, instances.Select(i => i.CorrelationId), cancellationToken);
        Rows = [.. instances.Select(i => new Row(
            i.Id,
            WorkflowSubject.For(registry, i.DefinitionId, i.DefinitionVersion, i.CorrelationId, applications),
            i.DefinitionVersion,
            i.Status,
            WorkflowWords.ActivityName(registry.Find(i.DefinitionId, i.DefinitionVersion), i.CurrentActivityId),
            i.CreatedAt,
            i.UpdatedAt))];
    }

    /// <summary>The address of another page of the same filtered list.</summary>
    public string PageLink(int page)
    {
        var query = new List<string>();
        if (Definition is not null)
        {
            query.Add($"definition={Uri.EscapeDataString(Definition)}");
        }

        if (Version is not null)
        {
            query.Add($"version={Version}");
        }

        if (Status is not null)
        {
            query.Add($"status={Status}");
        }

        query.Add($"page={page}");
        return "/Admin/Workflows/Instances?" + string.Join("&", query);
    }

    public sealed record Row(Guid Id, WorkflowSubject About, int Version, InstanceStatus Status, string Stage, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
}
