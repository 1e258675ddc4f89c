using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Pages.Admin.Funds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Plans;

/// <summary>Creates a plan (no id) or changes one: its title, what it calls its priorities, and its period.</summary>
[Authorize(Roles = PlansPages.Roles)]
public sealed class EditModel(CommissioningDbContext db) : PageModel
{
    public static IReadOnlyList<string> FieldOrder { get; } = ["Input.Title", "Input.PriorityTerm", "PeriodStart", "PeriodEnd", "PublishedOn"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public PoliceAndCrimePlan? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } planId)
        {
            Existing = await PlansPages.FindAsync(db, planId, cancellationToken);
            if (Existing is null)
            {
                return NotFound();
            }

            Input = new InputModel
            {
                Title = Existing.Title,
                PriorityTerm = Existing.PriorityTerm,
                PeriodStartDay = Existing.PeriodStart.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PeriodStartMonth = Existing.PeriodStart.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PeriodStartYear = Existing.PeriodStart.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PeriodEndDay = Existing.PeriodEnd.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PeriodEndMonth = Existing.PeriodEnd.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PeriodEndYear = Existing.PeriodEnd.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PublishedOnDay = Existing.PublishedOn?.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PublishedOnMonth = Existing.PublishedOn?.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
                PublishedOnYear = Existing.PublishedOn?.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }
        else
        {
            Input.PriorityTerm = "priority";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } planId)
        {
            Existing = await PlansPages.FindAsync(db, planId, cancellationToken);
            if (Existing is null)
            {
                return NotFound();
            }
        }

        FundForms.Attempt(ModelState, "Input.Title", () => Text.SingleLine(Input.Title, "plan title", PoliceAndCrimePlan.TitleMaxLength));
        if (Input.PriorityTerm is null || !PoliceAndCrimePlan.PriorityTerms.Contains(Input.PriorityTerm))
        {
            ModelState.AddModelError("Input.PriorityTerm", "Select what the plan calls the priorities grants are linked to");
        }

        var start = FundForms.Date(ModelState, "PeriodStart", "the date the plan's period starts", Input.PeriodStartDay, Input.PeriodStartMonth, Input.PeriodStartYear, optional: false);
        var end = FundForms.Date(ModelState, "PeriodEnd", "the date the plan's period ends", Input.PeriodEndDay, Input.PeriodEndMonth, Input.PeriodEndYear, optional: false);
        if (start is { } s && end is { } e && e <= s)
        {
            ModelState.AddModelError("PeriodEnd", $"The period must end after it starts: enter an end date after {s:d MMMM yyyy}");
        }

        var publishedOn = Existing is { IsPublished: true }
            ? FundForms.Date(ModelState, "PublishedOn", "the date the plan was published", Input.PublishedOnDay, Input.PublishedOnMonth, Input.PublishedOnYear, optional: false)
            : null;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var plan = Existing;
        if (plan is null)
        {
            plan = new PoliceAndCrimePlan(Input.Title!, start!.Value, end!.Value, Input.PriorityTerm!);
            db.Plans.Add(plan);
        }
        else
        {
            plan.ChangeDetails(Input.Title!, start!.Value, end!.Value, Input.PriorityTerm!);
            if (publishedOn is { } date)
            {
                plan.CorrectPublishedOn(date);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData[PlansPages.NoticeKey] = Existing is null
            ? $"{plan.Title} has been created. Now add its {plan.PriorityTermPlural}."
            : $"{plan.Title} has been changed.";
        return RedirectToPage("Plan", new { id = plan.Id.Value });
    }

    public sealed class InputModel
    {
        public string? Title { get; set; }

        public string? PriorityTerm { get; set; }

        public string? PeriodStartDay { get; set; }

        public string? PeriodStartMonth { get; set; }

        public string? PeriodStartYear { get; set; }

        public string? PeriodEndDay { get; set; }

        public string? PeriodEndMonth { get; set; }

        public string? PeriodEndYear { get; set; }

        public string? PublishedOnDay { get; set; }

        public string? PublishedOnMonth { get; set; }

        public string? PublishedOnYear { get; set; }
    }
}
