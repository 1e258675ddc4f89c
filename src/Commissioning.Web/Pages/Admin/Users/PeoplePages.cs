using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Users;

/// <summary>What the people and roles pages (administrators only) share: the notice after a change, and who counts as staff.</summary>
internal static class PeoplePages
{
    public const string NoticeKey = "People.Notice";

    /// <summary>One account as the pages show it.</summary>
    public sealed record Person(AppUser User, IReadOnlyList<string> Roles)
    {
        public IReadOnlyList<string> StaffRoles => [.. Infrastructure.Identity.Roles.Staff.Where(Roles.Contains)];

        /// <summary>Invited, but has not set a password yet (setting it confirms the address).</summary>
        public bool InvitationPending => !User.EmailConfirmed;
    }

    /// <summary>
    /// Office staff: accounts that hold a staff role, or no role at all (staff whose roles were all removed). Applicants'
    /// accounts are not listed.
    /// </summary>
    public static async Task<IReadOnlyList<Person>> StaffAsync(CommissioningDbContext db, string? onlyUserId, CancellationToken cancellationToken)
    {
        var held = await (from userRole in db.UserRoles
                          join role in db.Roles on userRole.RoleId equals role.Id
                          where onlyUserId == null || userRole.UserId == onlyUserId
                          select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var rolesOf = held.GroupBy(h => h.UserId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(h => h.Name!)]);
        var staffIds = rolesOf.Where(r => r.Value.Any(Infrastructure.Identity.Roles.Staff.Contains)).Select(r => r.Key).ToList();
        var users = await db.Users.AsNoTracking()
            .Where(u => (onlyUserId == null || u.Id == onlyUserId) && (staffIds.Contains(u.Id) || !db.UserRoles.Any(ur => ur.UserId == u.Id)))
            .ToListAsync(cancellationToken);
        return [.. users.Select(u => new Person(u, rolesOf.GetValueOrDefault(u.Id, [])))
            .OrderBy(p => p.User.IsDeactivated)
            .ThenBy(p => p.User.FullName, StringComparer.OrdinalIgnoreCase)];
    }
}
