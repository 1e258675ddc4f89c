using System.Security.Claims;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// Loads applications only for the people allowed to see them on the applicant's pages: members of the applying
/// organisation (and, where a page says so, office readers). Staff work from the case file, which decides by
/// CaseFileAccess. Anyone else gets nothing, which the pages turn into a plain 404 that reveals nothing.
/// </summary>
public static class ApplicationAccess
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static bool IsStaff(ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);

    /// <summary>The roles that may open an offer or a report: the organisation's members, and grants officers and finance, who read them.</summary>
    public const string MembersAndOfficeReaders = $"{Roles.Applicant},{Roles.GrantsOfficer},{Roles.Finance}";

    public static bool IsOfficeReader(ClaimsPrincipal user) => user.IsInRole(Roles.GrantsOfficer) || user.IsInRole(Roles.Finance);

    /// <summary>
    /// For a member of the applying organisation; when <paramref name="reading"/>, also for a grants officer or finance
    /// (ByOffice says so, and the page then offers nothing to change). Anyone else gets null.
    /// </summary>
    public static async Task<(LoadedApplication Loaded, bool ByOffice)?> ForMemberOrOfficeReaderAsync(CommissioningDbContext db, Guid id, ClaimsPrincipal user, bool reading, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(db, id, user, allowStaff: reading && IsOfficeReader(user), cancellationToken);
        return loaded is null ? null : (loaded, !loaded.Organisation.HasMember(UserId(user)!));
    }

    public static Task<LoadedApplication?> ForMemberAsync(CommissioningDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        LoadAsync(db, id, user, allowStaff: false, cancellationToken);

    public static async Task<LoadedApplication?> LoadAsync(CommissioningDbContext db, Guid id, ClaimsPrincipal user, bool allowStaff, CancellationToken cancellationToken)
    {
        var userId = UserId(user);
        if (userId is null)
        {
            return null;
        }

        return await LoadedApplication.LoadAsync(db, id, organisation => organisation.HasMember(userId) || (allowStaff && IsStaff(user)), cancellationToken);
    }

    /// <summary>The organisations the person belongs to, by name.</summary>
    public static async Task<IReadOnlyList<Organisation>> OrganisationsOfAsync(CommissioningDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = UserId(user);
        return userId is null ? [] : await db.Organisations.AsNoTracking().Where(o => o.People.Any(p => p.UserId == userId)).OrderBy(o => o.Name).ToListAsync(cancellationToken);
    }
}
