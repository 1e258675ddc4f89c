using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Commissioning.Web.Pages.Admin.Funds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Rounds;

/// <summary>
/// The terms a round's awards are offered on: how they are paid, the reports owed, and the conditions before payment
/// and during the grant. They start as the programme's standard terms and are copied to each award when it is offered.
/// </summary>
[Authorize(Roles = RoundsPages.Roles)]
public sealed class TermsModel(CommissioningDbContext db, ChangeRound change) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FundingRound Round { get; private set; } = null!;

    public Fund Fund { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var terms = Round.TermsFor(Fund.Programme);
        Input = new InputModel
        {
            Payment = terms.Payment.ToString(),
            Reports = terms.Reports.ToString(),
            Conditions = terms.Conditions.Select(c => new ConditionRow { Key = c.Key, Timing = c.Timing.ToString(), Text = c.Text }).ToList(),
        };
        return Page();
    }

    /// <summary>Another empty condition to fill in; nothing is saved until the terms are saved.</summary>
    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        Input.Conditions.Add(new ConditionRow { Timing = ConditionTiming.DuringGrant.ToString() });
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var payment = Parse<PaymentTerms>("Input.Payment", Input.Payment, "Select how awards are paid");
        var reports = Parse<ReportsOwed>("Input.Reports", Input.Reports, "Select the reports grant holders owe");
        var conditions = new List<RoundCondition>();
        for (var i = 0; i < Input.Conditions.Count; i++)
        {
            var row = Input.Conditions[i];
            if (row.Remove || string.IsNullOrWhiteSpace(row.Text) && row.Key is null)
            {
                continue;
            }

            var timing = Parse<ConditionTiming>($"Input.Conditions[{i}].Timing", row.Timing, "Select when the condition applies");
            var text = FundForms.Attempt(ModelState, $"Input.Conditions[{i}].Text", () => Text.Required(row.Text, "condition", AwardCondition.TextMaxLength));
            if (timing is { } when && text is not null)
            {
                conditions.Add(new RoundCondition(when, text, string.IsNullOrWhiteSpace(row.Key) ? null : row.Key));
            }
        }

        if (!ModelState.IsValid || payment is null || reports is null)
        {
            return Page();
        }

        try
        {
            await change.RunAsync(Round.Id, User.Identity!.Name!, Input.Reason, (round, note) => round.SetTerms(new RoundTerms(payment.Value, reports.Value, conditions), note), cancellationToken);
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(refusal.Message.Contains("say why", StringComparison.Ordinal) ? "Input.Reason" : string.Empty, refusal.Message);
            return Page();
        }

        TempData[FundsPages.NoticeKey] = $"The award terms of {Round.Title} have been changed. Awards already offered keep theirs.";
        return RedirectToPage("Round", new { id });
    }

    private T? Parse<T>(string key, string? value, string message)
        where T : struct, Enum
    {
        if (Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed))
        {
            return parsed;
        }

        ModelState.AddModelError(key, message);
        return null;
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await RoundsPages.LoadAsync(db, id, cancellationToken) is not var (round, fund))
        {
            return false;
        }

        (Round, Fund) = (round, fund);
        return true;
    }

    public sealed class InputModel
    {
        public string? Payment { get; set; }

        public string? Reports { get; set; }

        public List<ConditionRow> Conditions { get; set; } = [];

        public string? Reason { get; set; }
    }

    public sealed class ConditionRow
    {
        public string? Key { get; set; }

        public string? Timing { get; set; }

        public string? Text { get; set; }

        public bool Remove { get; set; }
    }
}
