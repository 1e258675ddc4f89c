using System.Text.Json;
using Commissioning.Domain.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commissioning.Infrastructure.Persistence;

/// <summary>
/// Writes an audit entry for every change to a domain record, in the same transaction as the change itself.
/// Sign-in records (password hashes, security stamps) and the audit log itself are left out.
/// </summary>
public sealed class AuditInterceptor(ICurrentActor actor, TimeProvider clock) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        AddAuditEntries(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        AddAuditEntries(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private void AddAuditEntries(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        var entries = context.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && IsAudited(e))
            .Select(e => new AuditEntry(now, actor.Name, e.Metadata.ClrType.Name, KeyOf(e), e.State.ToString(), ChangesOf(e)))
            .ToList();
        context.AddRange(entries);
    }

    private static bool IsAudited(EntityEntry entry)
    {
        var type = entry.Metadata.ClrType;
        return !entry.Metadata.IsOwned()
            && type != typeof(AuditEntry)
            && type != typeof(DataProtectionKey)
            && type.Namespace?.StartsWith("Commissioning.Domain", StringComparison.Ordinal) == true
            && !typeof(IdentityUser).IsAssignableFrom(type);
    }

    private static string KeyOf(EntityEntry entry) =>
        string.Join("/", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => entry.Property(p.Name).CurrentValue?.ToString()));

    private static string ChangesOf(EntityEntry entry)
    {
        var changes = new Dictionary<string, object?>();
        foreach (var property in entry.Properties)
        {
            switch (entry.State)
            {
                case EntityState.Added:
                    changes[property.Metadata.Name] = Plain(property.CurrentValue);
                    break;
                case EntityState.Deleted:
                    changes[property.Metadata.Name] = Plain(property.OriginalValue);
                    break;
                case EntityState.Modified when property.IsModified && !Equals(property.OriginalValue, property.CurrentValue):
                    changes[property.Metadata.Name] = new { from = Plain(property.OriginalValue), to = Plain(property.CurrentValue) };
                    break;
            }
        }

        return JsonSerializer.Serialize(changes);
    }

    private static object? Plain(object? value) => value switch
    {
        null => null,
        string or bool or int or long or Guid or DateOnly or DateTimeOffset => value,
        Enum e => e.ToString(),
        _ => value.ToString(),
    };
}
