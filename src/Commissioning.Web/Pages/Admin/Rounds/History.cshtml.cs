using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Rounds;

/// <summary>Every recorded change to a round, newest first: what changed, from what, to what, who, when and why.</summary>
[Authorize(Roles = RoundsPages.Roles)]
public sealed class HistoryModel(CommissioningDbContext db) : PageModel
{
    public FundingRound Round { get; private set; } = null!;

    public IReadOnlyList<RoundChange> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await RoundsPages.LoadAsync(db, id, cancellationToken) is not var (round, _))
        {
            return NotFound();
        }

        Round = round;
        Changes = round.Changes.OrderByDescending(c => c.At).ToList();
        return Page();
    }
}
