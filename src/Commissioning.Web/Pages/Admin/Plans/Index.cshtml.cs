using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Plans;

/// <summary>The office's Police and Crime Plans, newest first, each with where it stands today.</summary>
[Authorize(Roles = PlansPages.Roles)]
public sealed class IndexModel(CommissioningDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(PoliceAndCrimePlan Plan, PlanStatus Status, PoliceAndCrimePlan? SupersededBy)> Plans { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking().ToListAsync(cancellationToken);
        var today = UkTime.DateOf(clock.GetUtcNow());
        Plans = [.. plans.OrderByDescending(p => p.PeriodStart).Select(p => (p, p.StatusOn(today, plans), p.SupersededBy(plans)))];
    }
}
