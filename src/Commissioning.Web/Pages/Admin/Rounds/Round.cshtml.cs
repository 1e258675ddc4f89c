using Commissioning.Domain.Funds;
using Commissioning.Domain.Plans;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Rounds;

/// <summary>One round as staff set it up: its settings, who may apply, priorities, assessment, award terms and form, each with a link to change it, and whether applications have fixed its questions and criteria.</summary>
[Authorize(Roles = RoundsPages.Roles)]
public sealed class RoundModel(CommissioningDbContext db, TimeProvider clock) : PageModel
{
    public FundingRound Round { get; private set; } = null!;

    public Fund Fund { get; private set; } = null!;

    public BudgetLine? Line { get; private set; }

    public IReadOnlyList<PlanPriority> Priorities { get; private set; } = [];

    public RoundStatus Status { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await RoundsPages.LoadAsync(db, id, cancellationToken) is not var (round, fund))
        {
            return NotFound();
        }

        (Round, Fund) = (round, fund);
        Status = round.StatusAt(clock.GetUtcNow());
        Line = round.BudgetLineId is { } lineId ? await db.BudgetLines.AsNoTracking().SingleOrDefaultAsync(l => l.Id == lineId, cancellationToken) : null;
        var chosen = round.Priorities.Select(p => p.PriorityId).ToList();
        Priorities = await db.PlanPriorities.AsNoTracking().Where(p => chosen.Contains(p.Id)).OrderBy(p => p.Order).ToListAsync(cancellationToken);
        return Page();
    }
}
