using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Pages.Funding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// The priorities of the Police and Crime Plan in force that the project supports, and the one it mainly supports:
/// only those the round funds (all of the plan's, unless the round names some). Any other posted priority is refused
/// and nothing is saved, so the choice saved before stays.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class PrioritiesModel(CommissioningDbContext db, TimeProvider clock) : PageModel
{
    public LoadedApplication Loaded { get; private set; } = null!;

    public PoliceAndCrimePlan? Plan { get; private set; }

    public IReadOnlyList<PlanPriority> Choices { get; private set; } = [];

    [BindProperty]
    public List<Guid> Supported { get; set; } = [];

    [BindProperty]
    public Guid? Primary { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!Loaded.IsEditable(clock.GetUtcNow()))
        {
            return Redirect(ApplicationProgress.Href(Loaded, "CheckAnswers"));
        }

        Supported = Loaded.Application.Priorities.Select(p => p.PriorityId.Value).ToList();
        Primary = Loaded.Application.Priorities.SingleOrDefault(p => p.IsPrimary)?.PriorityId.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromForm] Guid? roundId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (roundId != Loaded.Application.RoundId.Value)
        {
            ModelState.AddModelError(string.Empty, "This form was for a different funding round, so nothing was saved. Go back to your application and try again.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (Loaded.WhyReadOnly(clock.GetUtcNow()) is { } readOnly)
        {
            ModelState.AddModelError(string.Empty, readOnly);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var offered = Choices.Select(p => p.Id.Value).ToHashSet();
        if (Supported.Any(p => !offered.Contains(p)) || (Primary is { } chosen && !offered.Contains(chosen)))
        {
            ModelState.AddModelError(nameof(Supported), "Select only from the priorities listed for this round. Nothing was saved");
        }
        else if (Supported.Count == 0 && Primary is null)
        {
            ModelState.AddModelError(nameof(Supported), "Select the priorities your project supports");
        }

        if (Primary is null)
        {
            ModelState.AddModelError(nameof(Primary), "Select the priority your project mainly supports");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            Loaded.Application.SupportPriorities(Supported.Select(PriorityId.From), PriorityId.From(Primary!.Value), Loaded.Round);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(nameof(Supported), ex.Message.TrimEnd('.'));
            return Page();
        }

        db.Touch(Loaded.Application);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "Someone else saved this application a moment ago, so your choice was not saved. Check the priorities below and save again.");
            return Page();
        }

        TempData["Notice"] = "Your plan priorities have been saved.";
        return Redirect(ApplicationProgress.Href(Loaded));
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.ForMemberAsync(db, id, User, cancellationToken);
        if (loaded is null)
        {
            return NotFound();
        }

        Loaded = loaded;
        (Plan, var planPriorities) = await FundingRounds.PlanInForceAsync(db, clock.GetUtcNow(), cancellationToken);
        Choices = loaded.Round.OfferedFrom(planPriorities);
        return null;
    }
}
