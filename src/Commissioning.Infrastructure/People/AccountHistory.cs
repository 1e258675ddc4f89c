using System.Text.Json;
using Commissioning.Domain.Audit;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;

namespace Commissioning.Infrastructure.People;

/// <summary>
/// What administrators do to people's accounts (invitations, roles, deactivation, two-factor resets), written to the
/// audit log in the same save as the change: who did it, when, what, and to whom. Sign-in records themselves are left
/// out of the automatic audit (they hold password hashes), so these entries are the accounts' history.
/// </summary>
public static class AccountHistory
{
    public const string EntityType = "StaffAccount";

    public const string CreatedFirstAdministrator = nameof(CreatedFirstAdministrator);
    public const string Invited = nameof(Invited);
    public const string InvitedAgain = nameof(InvitedAgain);
    public const string RoleGiven = nameof(RoleGiven);
    public const string RoleRemoved = nameof(RoleRemoved);
    public const string Deactivated = nameof(Deactivated);
    public const string Reactivated = nameof(Reactivated);
    public const string TwoFactorReset = nameof(TwoFactorReset);

    public static void Record(CommissioningDbContext db, DateTimeOffset at, string actor, AppUser user, string action, IEnumerable<string>? roles = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        var changes = new Dictionary<string, object?> { ["email"] = user.Email };
        if (roles is not null)
        {
            changes["roles"] = roles.ToArray();
        }

        db.AuditEntries.Add(new AuditEntry(at, actor, EntityType, user.Id, action, JsonSerializer.Serialize(changes)));
    }

    /// <summary>An entry of an account's history in words, as its page shows it.</summary>
    public static string Describe(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var roles = RolesIn(entry.Changes);
        return entry.Action switch
        {
            CreatedFirstAdministrator => "Created as the first administrator",
            Invited => $"Invited with the {Plural(roles)} {Listed(roles)}",
            InvitedAgain => "Invitation sent again",
            RoleGiven => $"Given the {Plural(roles)} {Listed(roles)}",
            RoleRemoved => $"{Capitalised(Plural(roles))} {Listed(roles)} removed",
            Deactivated => "Account deactivated",
            Reactivated => "Account reactivated",
            TwoFactorReset => "Two-factor sign-in reset: the authenticator app must be set up again",
            _ => entry.Action,
        };
    }

    private static IReadOnlyList<string> RolesIn(string changes)
    {
        using var json = JsonDocument.Parse(changes);
        return json.RootElement.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array
            ? [.. roles.EnumerateArray().Select(r => r.GetString() ?? string.Empty)]
            : [];
    }

    private static string Plural(IReadOnlyList<string> roles) => roles.Count == 1 ? "role" : "roles";

    private static string Capitalised(string text) => string.Concat(text[..1].ToUpperInvariant(), text[1..]);

    private static string Listed(IReadOnlyList<string> roles) => roles.Count == 0 ? "(none)" : string.Join(", ", roles.Select(Roles.Describe));
}
