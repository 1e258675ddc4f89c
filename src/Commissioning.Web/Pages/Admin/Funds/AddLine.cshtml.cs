using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Funds;

/// <summary>
/// Adds a line to a fund's budget for a year (starting that year's budget), or an in-year uplift with the date it
/// arrived, why, and the date it must be spent by. The fund decides what is allowed (victims' services money by 31 March).
/// </summary>
[Authorize(Roles = FundsPages.Roles)]
public sealed class AddLineModel(CommissioningDbContext db, TimeProvider clock) : PageModel
{
    public static IReadOnlyList<string> FieldOrder { get; } =
        ["Input.Year", "Input.Name", "Input.Amount", "Input.RingFencedFor", "ReceivedOn", "Input.Reason", "SpendBy", "Input.CostCentre", "Input.NominalCode", "Input.FundCode"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Uplift { get; set; }

    public Fund Fund { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input.Year = (Fund.Budgets.OrderByDescending(b => b.Year).FirstOrDefault()?.Year ?? FinancialYear.Containing(UkTime.DateOf(clock.GetUtcNow()))).ToString();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var year = FundForms.Year(ModelState, "Input.Year", Input.Year);
        var name = FundForms.Attempt(ModelState, "Input.Name", () => Text.SingleLine(Input.Name, "budget line name", BudgetLine.NameMaxLength));
        var amount = FundForms.Amount(ModelState, "Input.Amount", Input.Amount);
        var ringFence = FundForms.Attempt(ModelState, "Input.RingFencedFor", () => Text.OptionalSingleLine(Input.RingFencedFor, "ring-fenced purpose", BudgetLine.PurposeMaxLength) ?? string.Empty);
        var receivedOn = Uplift ? FundForms.Date(ModelState, "ReceivedOn", "the date the uplift arrived", Input.ReceivedOnDay, Input.ReceivedOnMonth, Input.ReceivedOnYear, optional: false) : null;
        var spendBy = FundForms.Date(ModelState, "SpendBy", "the date the money must be spent by", Input.SpendByDay, Input.SpendByMonth, Input.SpendByYear, optional: !Uplift);
        var codes = FundForms.Attempt(ModelState, "Input.CostCentre", () => new FinanceCodes(Input.CostCentre, null, null)) is not null
            & FundForms.Attempt(ModelState, "Input.NominalCode", () => new FinanceCodes(null, Input.NominalCode, null)) is not null
            & FundForms.Attempt(ModelState, "Input.FundCode", () => new FinanceCodes(null, null, Input.FundCode)) is not null
            ? new FinanceCodes(Input.CostCentre, Input.NominalCode, Input.FundCode)
            : null;
        if (!ModelState.IsValid || year is null || name is null || amount is null || ringFence is null || codes is null)
        {
            return Page();
        }

        var by = User.Identity?.Name ?? throw new InvalidOperationException("A signed-in person has no name.");
        BudgetLine line;
        try
        {
            line = Uplift
                ? Fund.AddUplift(year.Value, name, amount.Value, receivedOn!.Value, spendBy!.Value, Input.Reason ?? string.Empty, ringFence, codes, by, clock.GetUtcNow())
                : Fund.AddLine(year.Value, name, amount.Value, ringFence, codes, spendBy, by, clock.GetUtcNow());
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(KeyFor(refusal.Message), refusal.Message);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData[FundsPages.NoticeKey] = $"{line.Name} ({line.Amount}) has been added to the {line.Year} budget.";
        return RedirectToPage("Fund", new { id });
    }

    /// <summary>Which field a refusal from the fund is about, so the message sits beside it.</summary>
    private static string KeyFor(string message) =>
        message.Contains("spent", StringComparison.Ordinal) ? "SpendBy"
        : message.Contains("must arrive", StringComparison.Ordinal) ? "ReceivedOn"
        : message.Contains("reason", StringComparison.Ordinal) ? "Input.Reason"
        : message.Contains("already has a line", StringComparison.Ordinal) ? "Input.Name"
        : message.Contains("£0.00", StringComparison.Ordinal) ? "Input.Amount"
        : message.Contains("no budget", StringComparison.Ordinal) ? "Input.Year"
        : string.Empty;

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var fund = await db.Funds.Include(f => f.Budgets).ThenInclude(b => b.Lines).SingleOrDefaultAsync(f => f.Id == FundId.From(id), cancellationToken);
        if (fund is null)
        {
            return false;
        }

        Fund = fund;
        return true;
    }

    public sealed class InputModel
    {
        public string? Year { get; set; }

        public string? Name { get; set; }

        public string? Amount { get; set; }

        public string? RingFencedFor { get; set; }

        public string? ReceivedOnDay { get; set; }

        public string? ReceivedOnMonth { get; set; }

        public string? ReceivedOnYear { get; set; }

        public string? Reason { get; set; }

        public string? SpendByDay { get; set; }

        public string? SpendByMonth { get; set; }

        public string? SpendByYear { get; set; }

        public string? CostCentre { get; set; }

        public string? NominalCode { get; set; }

        public string? FundCode { get; set; }
    }
}
