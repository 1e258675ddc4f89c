using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Plans;

/// <summary>Adds a measure funded projects report against an outcome (name, unit, and whether higher or lower is better), or changes one.</summary>
[Authorize(Roles = PlansPages.Roles)]
public sealed class MeasureModel(CommissioningDbContext db) : PageModel
{
    public static IReadOnlyList<string> FieldOrder { get; } = ["Input.Name", "Input.Unit", "Input.Direction"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PoliceAndCrimePlan Plan { get; private set; } = null!;

    public PlanOutcome Outcome { get; private set; } = null!;

    public OutcomeMeasure? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid outcomeId, Guid? measureId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, outcomeId, measureId, cancellationToken))
        {
            return NotFound();
        }

        if (Existing is not null)
        {
            Input = new InputModel { Name = Existing.Name, Unit = Existing.Unit, Direction = Existing.Direction.ToString() };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid outcomeId, Guid? measureId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, outcomeId, measureId, cancellationToken))
        {
            return NotFound();
        }

        Check("Input.Name", () => Text.SingleLine(Input.Name, "measure name", OutcomeMeasure.NameMaxLength));
        Check("Input.Unit", () => Text.SingleLine(Input.Unit, "unit", OutcomeMeasure.UnitMaxLength));
        MeasureDirection? direction = Enum.TryParse<MeasureDirection>(Input.Direction, out var chosen) && Enum.IsDefined(chosen) ? chosen : null;
        if (direction is null)
        {
            ModelState.AddModelError("Input.Direction", "Select whether a higher or a lower figure is better");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            if (Existing is null)
            {
                Outcome.AddMeasure(Input.Name!, Input.Unit!, direction!.Value);
            }
            else
            {
                Outcome.ChangeMeasure(Existing.Id, Input.Name!, Input.Unit!, direction!.Value);
            }
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError("Input.Name", refusal.Message);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData[PlansPages.NoticeKey] = Existing is null ? $"The measure '{Input.Name!.Trim()}' has been added." : $"The measure '{Input.Name!.Trim()}' has been changed.";
        return RedirectToPage("Plan", new { id });
    }

    private void Check(string key, Action check)
    {
        try
        {
            check();
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(key, refusal.Message);
        }
    }

    private async Task<bool> LoadAsync(Guid id, Guid outcomeId, Guid? measureId, CancellationToken cancellationToken)
    {
        var plan = await PlansPages.FindAsync(db, id, cancellationToken);
        var outcome = plan?.AllOutcomes.SingleOrDefault(o => o.Id == OutcomeId.From(outcomeId));
        if (plan is null || outcome is null)
        {
            return false;
        }

        Plan = plan;
        Outcome = outcome;
        if (measureId is { } existing)
        {
            Existing = outcome.Measures.SingleOrDefault(m => m.Id == MeasureId.From(existing));
            return Existing is not null;
        }

        return true;
    }

    public sealed class InputModel
    {
        public string? Name { get; set; }

        public string? Unit { get; set; }

        public string? Direction { get; set; }
    }
}
