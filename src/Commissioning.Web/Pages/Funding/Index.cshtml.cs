using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Funding;

/// <summary>Finding funding: the rounds open now or opening soon, for anyone.</summary>
[AllowAnonymous]
public sealed class IndexModel(CommissioningDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<RoundListing> Rounds { get; private set; } = [];

    public PoliceAndCrimePlan? Plan { get; private set; }

    public IReadOnlyList<PlanPriority> Priorities { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Rounds = await FundingRounds.OpenAndUpcomingAsync(db, now, cancellationToken);
        (Plan, Priorities) = await FundingRounds.PlanInForceAsync(db, now, cancellationToken);
    }
}
