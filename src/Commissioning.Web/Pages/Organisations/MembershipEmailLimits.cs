using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Pages.Account;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations;

/// <summary>
/// Invitations and requests to join carry an e-mail from the service with text or an address the sender chose, so how
/// many one person, and one organisation, can cause in 24 hours is limited (the "RateLimits" settings). They are
/// counted from the stored invitations and requests, so the limits hold across restarts and on every node. Over a
/// limit, the request is answered with the 429 page, which says when the person can try again.
/// </summary>
public sealed class MembershipEmailLimits(CommissioningDbContext db, RateLimitOptions options, TimeProvider clock)
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>Null if the person may invite someone to the organisation now; otherwise the 429 answer to give.</summary>
    public async Task<IActionResult?> RefuseInvitationAsync(OrganisationId organisation, string userId, HttpContext http, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - Window;
        var byPerson = Within(await db.Set<Invitation>().AsNoTracking().Where(i => i.InvitedBy == userId).Select(i => i.InvitedAt).ToListAsync(cancellationToken), since);
        var byOrganisation = Within(await db.Set<Invitation>().AsNoTracking().Where(i => i.OrganisationId == organisation).Select(i => i.InvitedAt).ToListAsync(cancellationToken), since);
        return Refuse(http, (byPerson, options.InvitationsPerPersonPerDay, TooManyRequests.Limit.InvitationsByPerson), (byOrganisation, options.InvitationsPerOrganisationPerDay, TooManyRequests.Limit.InvitationsByOrganisation));
    }

    /// <summary>Null if the person may ask to join the organisation now; otherwise the 429 answer to give.</summary>
    public async Task<IActionResult?> RefuseJoinRequestAsync(OrganisationId organisation, string userId, HttpContext http, CancellationToken cancellationToken)
    {
        var since = clock.GetUtcNow() - Window;
        var byPerson = Within(await db.Set<JoinRequest>().AsNoTracking().Where(r => r.UserId == userId).Select(r => r.RequestedAt).ToListAsync(cancellationToken), since);
        var toOrganisation = Within(await db.Set<JoinRequest>().AsNoTracking().Where(r => r.OrganisationId == organisation).Select(r => r.RequestedAt).ToListAsync(cancellationToken), since);
        return Refuse(http, (byPerson, options.JoinRequestsPerPersonPerDay, TooManyRequests.Limit.JoinRequestsByPerson), (toOrganisation, options.JoinRequestsPerOrganisationPerDay, TooManyRequests.Limit.JoinRequestsToOrganisation));
    }

    // Instants are compared here rather than in the query: SQLite stores them as text with their offsets.
    private static List<DateTimeOffset> Within(List<DateTimeOffset> sent, DateTimeOffset since) => [.. sent.Where(at => at > since).Order()];

    private IActionResult? Refuse(HttpContext http, params (List<DateTimeOffset> Sent, int Limit, TooManyRequests.Limit Which)[] limits)
    {
        foreach (var (sent, limit, which) in limits)
        {
            if (sent.Count >= limit)
            {
                // The next one may go when the oldest that counts is 24 hours old.
                var wait = sent[sent.Count - limit] + Window - clock.GetUtcNow();
                EmailRequestLimits.Refuse(http, which, wait > TimeSpan.Zero ? wait : TimeSpan.FromMinutes(1), clock);
                return new StatusCodeResult(StatusCodes.Status429TooManyRequests);
            }
        }

        return null;
    }
}
