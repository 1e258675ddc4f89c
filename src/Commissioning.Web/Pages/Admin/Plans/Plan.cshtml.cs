using System.Globalization;
using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Plans;
using Commissioning.Web.Pages.Admin.Funds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Plans;

/// <summary>
/// One plan: its details and status, its priorities with their outcomes and measures, its plan-level outcomes and
/// the priorities they map to; removing a priority nothing is linked to, and publishing.
/// </summary>
[Authorize(Roles = PlansPages.Roles)]
public sealed class PlanModel(CommissioningDbContext db, RemovePlanPriority removePriority, TimeProvider clock) : PageModel
{
    [BindProperty]
    public PublishInput Input { get; set; } = new();

    public PoliceAndCrimePlan Plan { get; private set; } = null!;

    public PlanStatus Status { get; private set; }

    public PoliceAndCrimePlan? SupersededBy { get; private set; }

    public IReadOnlyList<PlanPriority> Priorities => [.. Plan.Priorities.OrderBy(p => p.Order)];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var today = UkTime.DateOf(clock.GetUtcNow());
        Input = new PublishInput
        {
            PublishedOnDay = today.Day.ToString(CultureInfo.InvariantCulture),
            PublishedOnMonth = today.Month.ToString(CultureInfo.InvariantCulture),
            PublishedOnYear = today.Year.ToString(CultureInfo.InvariantCulture),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var publishedOn = FundForms.Date(ModelState, "PublishedOn", "the date the plan was published", Input.PublishedOnDay, Input.PublishedOnMonth, Input.PublishedOnYear, optional: false);
        if (publishedOn is null)
        {
            return Page();
        }

        var plan = (await PlansPages.FindAsync(db, id, cancellationToken))!;
        if (FundForms.Attempt(ModelState, "PublishedOn", () => { plan.Publish(publishedOn.Value); return plan; }) is null)
        {
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData[PlansPages.NoticeKey] = $"{plan.Title} has been published. It is in force from {plan.PeriodStart:d MMMM yyyy} until a newer plan starts.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemovePriorityAsync(Guid id, Guid priorityId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        string title;
        try
        {
            title = await removePriority.RemoveAsync(PlanId.From(id), PriorityId.From(priorityId), cancellationToken);
        }
        catch (DomainException refusal)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, refusal.Message);
            return Page();
        }

        TempData[PlansPages.NoticeKey] = $"'{title}' has been removed.";
        return RedirectToPage(new { id });
    }

    public string PriorityTitle(PriorityId id) => Plan.Priorities.SingleOrDefault(p => p.Id == id)?.Title ?? "(removed)";

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var plans = await db.Plans.AsNoTracking().ToListAsync(cancellationToken);
        var plan = plans.SingleOrDefault(p => p.Id == PlanId.From(id));
        if (plan is null)
        {
            return false;
        }

        Plan = plan;
        Status = plan.StatusOn(UkTime.DateOf(clock.GetUtcNow()), plans);
        SupersededBy = plan.SupersededBy(plans);
        return true;
    }

    /// <summary>The date the office published the plan, as a GOV.UK date input.</summary>
    public sealed class PublishInput
    {
        public string? PublishedOnDay { get; set; }

        public string? PublishedOnMonth { get; set; }

        public string? PublishedOnYear { get; set; }
    }
}
