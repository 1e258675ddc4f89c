using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Commissioning.Web.Pages.Admin.Funds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Rounds;

/// <summary>
/// Sets up a round (no id) from a budget line of a fund, or changes one: its title and summary, when it opens and
/// closes (UK time), its award limits and the amount it makes available. Once applications exist a change needs a
/// reason; moving the closing date moves every draft's closing deadline with it.
/// </summary>
[Authorize(Roles = RoundsPages.Roles)]
public sealed class EditModel(CommissioningDbContext db, SetUpRound setUp, ChangeRound change, TimeProvider clock) : PageModel
{
    public static IReadOnlyList<string> FieldOrder { get; } =
        ["Input.LineId", "Input.Title", "Input.Summary", "Opens", "Input.OpensTime", "Closes", "Input.ClosesTime", "Input.AmountAvailable", "Input.MinimumAward", "Input.MaximumAward", "Input.Reason"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FundingRound? Existing { get; private set; }

    public IReadOnlyList<(Fund Fund, BudgetLine Line)> Lines { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Existing is { } round)
        {
            var (openDay, openMonth, openYear, openTime) = RoundsPages.Parts(round.OpensAt);
            var (closeDay, closeMonth, closeYear, closeTime) = RoundsPages.Parts(round.ClosesAt);
            Input = new InputModel
            {
                LineId = round.BudgetLineId?.Value,
                Title = round.Title,
                Summary = round.Summary,
                OpensDay = openDay,
                OpensMonth = openMonth,
                OpensYear = openYear,
                OpensTime = openTime,
                ClosesDay = closeDay,
                ClosesMonth = closeMonth,
                ClosesYear = closeYear,
                ClosesTime = closeTime,
                AmountAvailable = round.AmountAvailable?.ToPlainString(),
                MinimumAward = round.MinimumAward.ToPlainString(),
                MaximumAward = round.MaximumAward.ToPlainString(),
            };
        }
        else
        {
            Input = new InputModel { OpensTime = "09:00", ClosesTime = "12:00" };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var line = Lines.FirstOrDefault(l => l.Line.Id.Value == Input.LineId);
        if (line.Line is null)
        {
            ModelState.AddModelError("Input.LineId", "Choose the budget line the round's awards come from");
        }

        var opens = RoundsPages.UkInstant(ModelState, "Opens", "when the round opens", Input.OpensDay, Input.OpensMonth, Input.OpensYear, Input.OpensTime);
        var closes = RoundsPages.UkInstant(ModelState, "Closes", "when the round closes", Input.ClosesDay, Input.ClosesMonth, Input.ClosesYear, Input.ClosesTime);
        var available = FundForms.Amount(ModelState, "Input.AmountAvailable", Input.AmountAvailable);
        var minimum = FundForms.Amount(ModelState, "Input.MinimumAward", Input.MinimumAward);
        var maximum = FundForms.Amount(ModelState, "Input.MaximumAward", Input.MaximumAward);
        FundForms.Attempt(ModelState, "Input.Title", () => Text.SingleLine(Input.Title, "round title", FundingRound.TitleMaxLength));
        FundForms.Attempt(ModelState, "Input.Summary", () => Text.Required(Input.Summary, "round summary", FundingRound.SummaryMaxLength));
        if (!ModelState.IsValid || opens is null || closes is null || available is null || minimum is null || maximum is null || line.Line is null)
        {
            return Page();
        }

        var details = new SetUpRound.Details(Input.Title!, Input.Summary!, opens.Value, closes.Value, minimum.Value, maximum.Value, line.Line.Id, available.Value);
        var who = User.Identity?.Name ?? throw new InvalidOperationException("A signed-in person has no name.");
        try
        {
            if (Existing is null)
            {
                var round = await setUp.RunAsync(line.Fund.Id, details, who, clock.GetUtcNow(), cancellationToken);
                TempData[FundsPages.NoticeKey] = $"{round.Title} has been set up. Now say who may apply, how bids are scored and the award terms.";
                return RedirectToPage("Round", new { id = round.Id.Value });
            }

            var changed = await change.ChangeSettingsAsync(Existing.Id, details, who, Input.Reason, cancellationToken);
            TempData[FundsPages.NoticeKey] = changed.DraftDeadlinesMoved > 0
                ? $"{changed.Round.Title} has been changed. The closing deadline of {changed.DraftDeadlinesMoved} draft application{(changed.DraftDeadlinesMoved == 1 ? "" : "s")} moved with it."
                : $"{changed.Round.Title} has been changed.";
            return RedirectToPage("Round", new { id = changed.Round.Id.Value });
        }
        catch (DomainException refusal)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(KeyFor(refusal.Message), refusal.Message);
            return Page();
        }
    }

    private static string KeyFor(string message) =>
        message.Contains("say why", StringComparison.Ordinal) ? "Input.Reason"
        : message.Contains("close after it opens", StringComparison.Ordinal) ? "Closes"
        : message.Contains("maximum award", StringComparison.Ordinal) || message.Contains("minimum award", StringComparison.Ordinal) ? "Input.MaximumAward"
        : message.Contains("budget line", StringComparison.Ordinal) && !message.Contains("can fund", StringComparison.Ordinal) ? "Input.LineId"
        : message.Contains("title", StringComparison.Ordinal) ? "Input.Title"
        : message.Contains("summary", StringComparison.Ordinal) ? "Input.Summary"
        : "Input.AmountAvailable";

    private async Task<bool> LoadAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } roundId)
        {
            Existing = await db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == RoundId.From(roundId), cancellationToken);
            if (Existing is null)
            {
                return false;
            }
        }

        var funds = await db.Funds.AsNoTracking().Include(f => f.Budgets).ThenInclude(b => b.Lines).OrderBy(f => f.Name).ToListAsync(cancellationToken);
        Lines = funds
            .Where(f => Existing is null || f.Id == Existing.FundId)
            .SelectMany(f => f.Budgets.Where(b => Existing is null || b.Year == Existing.Year).OrderByDescending(b => b.Year).SelectMany(b => b.Lines.OrderBy(l => l.Name).Select(l => (f, l))))
            .ToList();
        return true;
    }

    public sealed class InputModel
    {
        public Guid? LineId { get; set; }

        public string? Title { get; set; }

        public string? Summary { get; set; }

        public string? OpensDay { get; set; }

        public string? OpensMonth { get; set; }

        public string? OpensYear { get; set; }

        public string? OpensTime { get; set; }

        public string? ClosesDay { get; set; }

        public string? ClosesMonth { get; set; }

        public string? ClosesYear { get; set; }

        public string? ClosesTime { get; set; }

        public string? AmountAvailable { get; set; }

        public string? MinimumAward { get; set; }

        public string? MaximumAward { get; set; }

        public string? Reason { get; set; }
    }
}
