using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations;

internal static class OrganisationAccess
{
    /// <summary>
    /// The organisation with its people, requests to join and invitations, if the person signed in as
    /// <paramref name="userId"/> is one of its members; otherwise null, so that the page answers 404 and shows
    /// nobody else even that the organisation exists.
    /// </summary>
    public static async Task<Organisation?> ForMemberAsync(this CommissioningDbContext db, Guid id, string userId, CancellationToken cancellationToken = default)
    {
        var organisationId = OrganisationId.From(id);
        if (!await db.Set<OrganisationPerson>().AnyAsync(p => p.OrganisationId == organisationId && p.UserId == userId, cancellationToken))
        {
            return null;
        }

        return await db.Organisations
            .Include(o => o.JoinRequests)
            .Include(o => o.Invitations)
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
    }
}
