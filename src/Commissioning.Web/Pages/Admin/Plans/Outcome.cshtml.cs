using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Plans;

/// <summary>
/// Adds an outcome ("what success will look like") under a priority (with ?priorityId=) or at plan level, mapped to
/// the priorities that serve it; or changes one.
/// </summary>
[Authorize(Roles = PlansPages.Roles)]
public sealed class OutcomeModel(CommissioningDbContext db) : PageModel
{
    public static IReadOnlyList<string> FieldOrder { get; } = ["Input.Description", "Input.MapsTo"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PoliceAndCrimePlan Plan { get; private set; } = null!;

    public PlanOutcome? Existing { get; private set; }

    /// <summary>The priority a new or existing outcome sits under; null for one at plan level.</summary>
    public PlanPriority? Under { get; private set; }

    public bool IsPlanLevel => Under is null;

    public IReadOnlyList<PlanPriority> Priorities => [.. Plan.Priorities.OrderBy(p => p.Order)];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? outcomeId, Guid? priorityId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, outcomeId, priorityId, cancellationToken))
        {
            return NotFound();
        }

        if (Existing is not null)
        {
            Input = new InputModel { Description = Existing.Description, MapsTo = [.. Existing.MapsTo.Select(p => p.Value)] };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? outcomeId, Guid? priorityId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, outcomeId, priorityId, cancellationToken))
        {
            return NotFound();
        }

        var mapsTo = Input.MapsTo.Select(PriorityId.From).ToList();
        string key = "Input.Description";
        try
        {
            if (Existing is null)
            {
                if (Under is not null)
                {
                    Under.AddOutcome(Input.Description ?? string.Empty);
                }
                else
                {
                    Text.Required(Input.Description, "outcome", PlanOutcome.DescriptionMaxLength);
                    key = "Input.MapsTo";
                    Plan.AddOutcome(Input.Description ?? string.Empty, mapsTo);
                }
            }
            else
            {
                Existing.ChangeDescription(Input.Description ?? string.Empty);
                if (Existing.IsPlanLevel)
                {
                    key = "Input.MapsTo";
                    Plan.MapOutcome(Existing.Id, mapsTo);
                }
            }
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(key, refusal.Message);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData[PlansPages.NoticeKey] = Existing is null ? "The outcome has been added." : "The outcome has been changed.";
        return RedirectToPage("Plan", new { id });
    }

    private async Task<bool> LoadAsync(Guid id, Guid? outcomeId, Guid? priorityId, CancellationToken cancellationToken)
    {
        var plan = await PlansPages.FindAsync(db, id, cancellationToken);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        if (outcomeId is { } existing)
        {
            Existing = plan.AllOutcomes.SingleOrDefault(o => o.Id == OutcomeId.From(existing));
            if (Existing is null)
            {
                return false;
            }

            Under = Existing.PriorityId is { } parent ? plan.Priorities.Single(p => p.Id == parent) : null;
            return true;
        }

        if (priorityId is { } under)
        {
            Under = plan.Priorities.SingleOrDefault(p => p.Id == PriorityId.From(under));
            return Under is not null;
        }

        return true;
    }

    public sealed class InputModel
    {
        public string? Description { get; set; }

        public List<Guid> MapsTo { get; set; } = [];
    }
}
