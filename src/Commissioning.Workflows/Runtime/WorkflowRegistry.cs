using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Workflows.Runtime;

/// <summary>
/// Every published definition version. New instances start on the latest version of a definition; an instance
/// keeps the version it started on for life, so publishing v2 leaves v1 instances running on v1.
/// </summary>
public sealed class WorkflowRegistry
{
    private readonly Dictionary<(string Id, int Version), WorkflowDefinition> _definitions;

    public WorkflowRegistry(IEnumerable<WorkflowDefinition> definitions)
    {
        _definitions = definitions.ToDictionary(d => (d.DefinitionId, d.Version));
    }

    public IReadOnlyList<WorkflowDefinition> All => [.. _definitions.Values.OrderBy(d => d.DefinitionId, StringComparer.Ordinal).ThenBy(d => d.Version)];

    public WorkflowDefinition Latest(string definitionId) =>
        _definitions.Values.Where(d => d.DefinitionId == definitionId).MaxBy(d => d.Version)
        ?? throw new WorkflowException($"There is no workflow called '{definitionId}'.");

    public WorkflowDefinition Get(string definitionId, int version) =>
        _definitions.TryGetValue((definitionId, version), out var definition)
            ? definition
            : throw new InvalidOperationException($"Version {version} of workflow '{definitionId}' is not loaded; instances pinned to it cannot run. Put workflows/{definitionId}.v{version}.json back.");

    public WorkflowDefinition? Find(string definitionId, int version) => _definitions.GetValueOrDefault((definitionId, version));

    /// <summary>
    /// Records the content hash of each version the first time it is seen, and refuses to start if a version already
    /// recorded has different content, or if running instances are pinned to a version that is no longer there.
    /// </summary>
    public async Task CheckPublishedAsync(DbContext db, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var recorded = await db.Set<WorkflowDefinitionRecord>().ToDictionaryAsync(r => (r.DefinitionId, r.Version), cancellationToken);
        foreach (var definition in _definitions.Values)
        {
            if (recorded.TryGetValue((definition.DefinitionId, definition.Version), out var record))
            {
                if (record.ContentHash != definition.ContentHash)
                {
                    throw new WorkflowDefinitionException(definition.FileName, "/", $"version {definition.Version} of '{definition.DefinitionId}' was published on {record.FirstUsedAt:d MMMM yyyy} and its content has changed since. A published version never changes: restore it and publish the change as version {definition.Version + 1} in {definition.DefinitionId}.v{definition.Version + 1}.json.");
                }
            }
            else
            {
                db.Add(new WorkflowDefinitionRecord { DefinitionId = definition.DefinitionId, Version = definition.Version, ContentHash = definition.ContentHash, FileName = definition.FileName, FirstUsedAt = now });
            }
        }

        var pinned = await db.Set<WorkflowInstance>().Where(i => i.Status != InstanceStatus.Finished).Select(i => new { i.DefinitionId, i.DefinitionVersion }).Distinct().ToListAsync(cancellationToken);
        var missing = pinned.FirstOrDefault(p => !_definitions.ContainsKey((p.DefinitionId, p.DefinitionVersion)));
        if (missing is not null)
        {
            throw new WorkflowDefinitionException($"{missing.DefinitionId}.v{missing.DefinitionVersion}.json", "/", "running instances are pinned to this version, but the file is missing. Put it back: published versions are never removed while instances use them.");
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
