using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Commissioning.Web.Pages.Admin.Funds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Rounds;

/// <summary>
/// Copies a round into a new one with the same settings, criteria, award terms, priorities and form, on new dates:
/// the way to change the questions or criteria of a round that applications have fixed.
/// </summary>
[Authorize(Roles = RoundsPages.Roles)]
public sealed class CopyModel(CommissioningDbContext db, CopyRound copy, TimeProvider clock) : PageModel
{
    public static IReadOnlyList<string> FieldOrder { get; } = ["Input.Title", "Opens", "Input.OpensTime", "Closes", "Input.ClosesTime", "Input.AmountAvailable"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FundingRound Round { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new InputModel
        {
            Title = $"{Round.Title} (copy)"[..Math.Min(Round.Title.Length + 7, FundingRound.TitleMaxLength)],
            OpensTime = RoundsPages.Parts(Round.OpensAt).Time,
            ClosesTime = RoundsPages.Parts(Round.ClosesAt).Time,
            AmountAvailable = Round.AmountAvailable?.ToPlainString(),
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var title = FundForms.Attempt(ModelState, "Input.Title", () => Text.SingleLine(Input.Title, "round title", FundingRound.TitleMaxLength));
        var opens = RoundsPages.UkInstant(ModelState, "Opens", "when the new round opens", Input.OpensDay, Input.OpensMonth, Input.OpensYear, Input.OpensTime);
        var closes = RoundsPages.UkInstant(ModelState, "Closes", "when the new round closes", Input.ClosesDay, Input.ClosesMonth, Input.ClosesYear, Input.ClosesTime);
        var amount = FundForms.Amount(ModelState, "Input.AmountAvailable", Input.AmountAvailable);
        if (!ModelState.IsValid || title is null || opens is null || closes is null || amount is null)
        {
            return Page();
        }

        try
        {
            var made = await copy.RunAsync(Round.Id, title, opens.Value, closes.Value, amount.Value, User.Identity!.Name!, clock.GetUtcNow(), cancellationToken);
            TempData[FundsPages.NoticeKey] = $"{made.Title} has been made as a copy of {Round.Title}. Its questions and criteria can be changed until someone starts an application.";
            return RedirectToPage("Round", new { id = made.Id.Value });
        }
        catch (DomainException refusal)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(refusal.Message.Contains("close after it opens", StringComparison.Ordinal) ? "Closes" : "Input.AmountAvailable", refusal.Message);
            return Page();
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await RoundsPages.LoadAsync(db, id, cancellationToken) is not var (round, _))
        {
            return false;
        }

        Round = round;
        return true;
    }

    public sealed class InputModel
    {
        public string? Title { get; set; }

        public string? OpensDay { get; set; }

        public string? OpensMonth { get; set; }

        public string? OpensYear { get; set; }

        public string? OpensTime { get; set; }

        public string? ClosesDay { get; set; }

        public string? ClosesMonth { get; set; }

        public string? ClosesYear { get; set; }

        public string? ClosesTime { get; set; }

        public string? AmountAvailable { get; set; }
    }
}
