using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Pages.Admin.Funds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Plans;

/// <summary>Adds a priority to a plan (no priority id) or changes one's wording; after publishing, the earlier wording is kept with who changed it and when.</summary>
[Authorize(Roles = PlansPages.Roles)]
public sealed class PriorityModel(CommissioningDbContext db, TimeProvider clock) : PageModel
{
    public static IReadOnlyList<string> FieldOrder { get; } = ["Input.Title", "Input.Summary"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PoliceAndCrimePlan Plan { get; private set; } = null!;

    public PlanPriority? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? priorityId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, priorityId, cancellationToken))
        {
            return NotFound();
        }

        if (Existing is not null)
        {
            Input = new InputModel { Title = Existing.Title, Summary = Existing.Summary };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid? priorityId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, priorityId, cancellationToken))
        {
            return NotFound();
        }

        FundForms.Attempt(ModelState, "Input.Summary", () => Text.Optional(Input.Summary, "summary", PlanPriority.SummaryMaxLength) ?? string.Empty);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        PlanPriority done;
        try
        {
            if (Existing is null)
            {
                done = Plan.AddPriority(Input.Title ?? string.Empty, Input.Summary);
            }
            else
            {
                Plan.ChangePriorityWording(Existing.Id, Input.Title ?? string.Empty, Input.Summary, User.Identity?.Name ?? "unknown", clock.GetUtcNow());
                done = Existing;
            }
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError("Input.Title", refusal.Message);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData[PlansPages.NoticeKey] = Existing is null ? $"'{done.Title}' has been added." : $"'{done.Title}' has been changed.";
        return RedirectToPage("Plan", new { id });
    }

    private async Task<bool> LoadAsync(Guid id, Guid? priorityId, CancellationToken cancellationToken)
    {
        var plan = await PlansPages.FindAsync(db, id, cancellationToken);
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        if (priorityId is { } existing)
        {
            Existing = plan.Priorities.SingleOrDefault(p => p.Id == PriorityId.From(existing));
            return Existing is not null;
        }

        return true;
    }

    public sealed class InputModel
    {
        public string? Title { get; set; }

        public string? Summary { get; set; }
    }
}
