using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Infrastructure.Budget;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Funds;

/// <summary>
/// One budget line: what it holds and commits, its history of changes, and changing its amount or its
/// over-programming margin with a reason. Changes go through the budget ledger, so one decided at the same moment
/// as an award is decided again against what is then committed.
/// </summary>
[Authorize(Roles = FundsPages.Roles)]
public sealed class LineModel(CommissioningDbContext db, BudgetLedger ledger, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Amount { get; set; }

    [BindProperty]
    public string? AmountReason { get; set; }

    [BindProperty]
    public string? Margin { get; set; }

    [BindProperty]
    public string? MarginReason { get; set; }

    public Fund Fund { get; private set; } = null!;

    public BudgetLine Line { get; private set; } = null!;

    public IReadOnlyList<BudgetLineChange> History { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid lineId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lineId, cancellationToken))
        {
            return NotFound();
        }

        Amount = Line.Amount.ToPlainString();
        Margin = Line.OverProgrammingMargin.ToPlainString();
        MarginReason = Line.MarginReason;
        return Page();
    }

    public async Task<IActionResult> OnPostAmountAsync(Guid lineId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lineId, cancellationToken))
        {
            return NotFound();
        }

        var amount = FundForms.Amount(ModelState, nameof(Amount), Amount);
        if (amount is null)
        {
            return Page();
        }

        return await ChangeAsync(lineId, nameof(Amount), line => line.ChangeAmount(amount.Value, AmountReason ?? string.Empty, Who, clock.GetUtcNow()), cancellationToken);
    }

    public async Task<IActionResult> OnPostMarginAsync(Guid lineId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(lineId, cancellationToken))
        {
            return NotFound();
        }

        var margin = FundForms.Amount(ModelState, nameof(Margin), Margin, optional: true);
        if (margin is null)
        {
            return Page();
        }

        return await ChangeAsync(lineId, nameof(Margin), line => line.SetOverProgrammingMargin(margin.Value, MarginReason, Who, clock.GetUtcNow()), cancellationToken);
    }

    private string Who => User.Identity?.Name ?? throw new InvalidOperationException("A signed-in person has no name.");

    private async Task<IActionResult> ChangeAsync(Guid lineId, string field, Action<BudgetLine> change, CancellationToken cancellationToken)
    {
        BudgetLine changed;
        try
        {
            changed = await ledger.ChangeLineAsync(BudgetLineId.From(lineId), change, cancellationToken);
        }
        catch (DomainException refusal)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(lineId, cancellationToken);
            var key = refusal.Message.StartsWith("Enter the reason", StringComparison.Ordinal) ? $"{field}Reason" : field;
            ModelState.AddModelError(key, refusal.Message);
            return Page();
        }

        TempData[FundsPages.NoticeKey] = field == nameof(Amount)
            ? $"{changed.Name} is now {changed.Amount}."
            : $"{changed.Name}'s over-programming margin is now {changed.OverProgrammingMargin}.";
        return RedirectToPage(new { lineId });
    }

    private async Task<bool> LoadAsync(Guid lineId, CancellationToken cancellationToken)
    {
        var line = await db.BudgetLines.AsNoTracking().SingleOrDefaultAsync(l => l.Id == BudgetLineId.From(lineId), cancellationToken);
        if (line is null)
        {
            return false;
        }

        Line = line;
        Fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Id == line.FundId, cancellationToken);
        History = await db.Set<BudgetLineChange>().AsNoTracking().Where(c => c.BudgetLineId == line.Id).OrderByDescending(c => c.At).ToListAsync(cancellationToken);
        return true;
    }
}
