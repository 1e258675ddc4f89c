using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Commissioning.Web.Pages.Admin.Funds;
using Commissioning.Web.Pages.Funding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Rounds;

/// <summary>The plan priorities a round funds, from the plan in force; none chosen means every priority.</summary>
[Authorize(Roles = RoundsPages.Roles)]
public sealed class PrioritiesModel(CommissioningDbContext db, ChangeRound change, TimeProvider clock) : PageModel
{
    [BindProperty]
    public List<Guid> Chosen { get; set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    public FundingRound Round { get; private set; } = null!;

    public PoliceAndCrimePlan? Plan { get; private set; }

    public IReadOnlyList<PlanPriority> Priorities { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Chosen = Round.Priorities.Select(p => p.PriorityId.Value).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var known = Priorities.Select(p => p.Id.Value).ToHashSet();
        if (Chosen.Any(c => !known.Contains(c)))
        {
            ModelState.AddModelError(nameof(Chosen), "Choose only priorities of the plan in force");
            return Page();
        }

        try
        {
            await change.RunAsync(Round.Id, User.Identity!.Name!, Reason, (round, note) => round.LimitToPriorities(Chosen.Select(PriorityId.From), note), cancellationToken);
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(nameof(Reason), refusal.Message);
            return Page();
        }

        TempData[FundsPages.NoticeKey] = "The plan priorities the round funds have been changed.";
        return RedirectToPage("Round", new { id });
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await RoundsPages.LoadAsync(db, id, cancellationToken) is not var (round, _))
        {
            return false;
        }

        Round = round;
        (Plan, Priorities) = await FundingRounds.PlanInForceAsync(db, clock.GetUtcNow(), cancellationToken);
        return true;
    }
}
