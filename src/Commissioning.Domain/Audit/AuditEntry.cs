using Commissioning.Domain.Common;

namespace Commissioning.Domain.Audit;

/// <summary>An append-only record of a change: who, when, which record, and what changed.</summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        Actor = string.Empty;
        EntityType = string.Empty;
        EntityId = string.Empty;
        Action = string.Empty;
        Changes = string.Empty;
    }

    public AuditEntry(DateTimeOffset at, string actor, string entityType, string entityId, string action, string changes)
    {
        Id = AuditEntryId.New();
        At = at;
        Actor = actor;
        EntityType = entityType;
        EntityId = entityId;
        Action = action;
        Changes = changes;
    }

    public AuditEntryId Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Actor { get; private set; }

    public string EntityType { get; private set; }

    public string EntityId { get; private set; }

    public string Action { get; private set; }

    /// <summary>The changed properties as JSON: {"Amount": {"from": ..., "to": ...}}.</summary>
    public string Changes { get; private set; }
}
