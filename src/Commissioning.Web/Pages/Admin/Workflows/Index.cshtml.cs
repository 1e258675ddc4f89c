using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Workflows;

/// <summary>Every published workflow definition version, with how many instances are running, finished or faulted on it.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(CommissioningDbContext db, WorkflowRegistry registry) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var counts = await db.Set<WorkflowInstance>().AsNoTracking()
            .GroupBy(i => new { i.DefinitionId, i.DefinitionVersion, i.Status })
            .Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, g.Key.Status, Count = g.Count() })
            .ToListAsync(cancellationToken);
        int Count(string id, int version, InstanceStatus status) =>
            counts.Where(c => c.DefinitionId == id && c.DefinitionVersion == version && c.Status == status).Sum(c => c.Count);

        var loaded = registry.All;
        var latest = loaded.GroupBy(d => d.DefinitionId).ToDictionary(g => g.Key, g => g.Max(d => d.Version), StringComparer.Ordinal);
        var rows = loaded
            .Select(d => new Row(d.Name, d.DefinitionId, d.Version, d.FileName, true, latest[d.DefinitionId] == d.Version,
                Count(d.DefinitionId, d.Version, InstanceStatus.Running), Count(d.DefinitionId, d.Version, InstanceStatus.Finished), Count(d.DefinitionId, d.Version, InstanceStatus.Faulted)))
            .ToList();

        // Finished instances may outlive their version's file; they are still counted here.
        rows.AddRange(counts
            .Where(c => registry.Find(c.DefinitionId, c.DefinitionVersion) is null)
            .Select(c => (c.DefinitionId, c.DefinitionVersion))
            .Distinct()
            .Select(k => new Row(k.DefinitionId, k.DefinitionId, k.DefinitionVersion, $"{k.DefinitionId}.v{k.DefinitionVersion}.json", false, false,
                Count(k.DefinitionId, k.DefinitionVersion, InstanceStatus.Running), Count(k.DefinitionId, k.DefinitionVersion, InstanceStatus.Finished), Count(k.DefinitionId, k.DefinitionVersion, InstanceStatus.Faulted))));
        Rows = [.. rows.OrderBy(r => r.DefinitionId, StringComparer.Ordinal).ThenByDescending(r => r.Version)];
    }

    public sealed record Row(string Name, string DefinitionId, int Version, string FileName, bool Loaded, bool Latest, int Running, int Finished, int Faulted);
}
