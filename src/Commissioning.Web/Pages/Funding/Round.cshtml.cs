using Commissioning.Domain.Applications;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Pages.Applications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Funding;

/// <summary>One round's details, what the eligibility check will ask, and the way in to it.</summary>
[AllowAnonymous]
public sealed class RoundModel(CommissioningDbContext db, TimeProvider clock) : PageModel
{
    public RoundListing Listing { get; private set; } = null!;

    public PoliceAndCrimePlan? Plan { get; private set; }

    public IReadOnlyList<PlanPriority> Priorities { get; private set; } = [];

    /// <summary>The signed-in applicant's own applications to this round.</summary>
    public IReadOnlyList<GrantApplication> Mine { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid roundId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var listing = await FundingRounds.FindAsync(db, roundId, now, cancellationToken);
        if (listing is null)
        {
            return NotFound();
        }

        Listing = listing;
        (Plan, var planPriorities) = await FundingRounds.PlanInForceAsync(db, now, cancellationToken);
        Priorities = listing.Round.OfferedFrom(planPriorities);
        var organisations = (await ApplicationAccess.OrganisationsOfAsync(db, User, cancellationToken)).Select(o => o.Id).ToList();
        if (organisations.Count > 0)
        {
            Mine = await db.Applications.AsNoTracking().Where(a => a.RoundId == listing.Round.Id && organisations.Contains(a.OrganisationId)).OrderBy(a => a.StartedAt).ToListAsync(cancellationToken);
        }

        return Page();
    }
}
