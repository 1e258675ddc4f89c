using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations;

/// <summary>The organisations the signed-in applicant belongs to, their requests to join others still waiting, and the ways to add one.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class IndexModel(CommissioningDbContext db, UserManager<AppUser> users) : PageModel
{
    public IReadOnlyList<Membership> Memberships { get; private set; } = [];

    public IReadOnlyList<WaitingRequest> WaitingRequests { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        var memberships = await db.Set<OrganisationPerson>().AsNoTracking()
            .Where(p => p.UserId == userId)
            .Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new Membership(
                o.Id,
                o.Name,
                o.LegalForm,
                o.OrgId,
                p.Role,
                o.JoinRequests.Count(r => r.Status == JoinRequestStatus.Pending)))
            .ToListAsync(cancellationToken);
        Memberships = [.. memberships.OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)];
        var waiting = await db.Set<JoinRequest>().AsNoTracking()
            .Where(r => r.UserId == userId && r.Status == JoinRequestStatus.Pending)
            .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new WaitingRequest(o.Name, r.RequestedAt))
            .ToListAsync(cancellationToken);
        WaitingRequests = [.. waiting.OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    public sealed record Membership(OrganisationId Id, string Name, LegalForm LegalForm, string? OrgId, PersonRole Role, int PendingRequests);

    public sealed record WaitingRequest(string Name, DateTimeOffset RequestedAt);
}
