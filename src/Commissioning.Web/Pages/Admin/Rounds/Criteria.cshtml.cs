using System.Text.RegularExpressions;
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
/// How a round's bids are scored: its criteria (name, guidance and weight; the weights must add up to 100, which the
/// round decides), the score scale, and the moderation threshold. Criteria are added, changed and removed here
/// until the first application is started; from then on only the moderation threshold can change.
/// </summary>
[Authorize(Roles = RoundsPages.Roles)]
public sealed partial class CriteriaModel(CommissioningDbContext db, ChangeRound change) : PageModel
{
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
            ScaleMinimum = Round.Scale.Minimum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ScaleMaximum = Round.Scale.Maximum.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ModerationThreshold = Round.ModerationThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Rows = Round.Criteria.Select(c => new CriterionRow { Key = c.Key, Title = c.Title, Weight = c.WeightPercent.ToString(System.Globalization.CultureInfo.InvariantCulture), Guidance = c.Guidance }).ToList(),
        };
        return Page();
    }

    /// <summary>Another empty row to fill in; nothing is saved until the criteria are saved.</summary>
    public async Task<IActionResult> OnPostAddAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        ModelState.Clear();
        Input.Rows.Add(new CriterionRow());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var threshold = RoundsPages.WholeNumber(ModelState, "Input.ModerationThreshold", Input.ModerationThreshold, "the moderation threshold", 0, 100);
        ScoreScale? scale = Round.Scale;
        List<AssessmentCriterion> criteria = [.. Round.Criteria];
        if (!Round.HasApplications || Input.Rows.Count > 0)
        {
            scale = Scale();
            criteria = Criteria();
        }

        if (!ModelState.IsValid || threshold is null || scale is null)
        {
            return Page();
        }

        try
        {
            await change.RunAsync(Round.Id, User.Identity!.Name!, Input.Reason, (round, note) => round.SetAssessment(scale, criteria, threshold.Value, note), cancellationToken);
        }
        catch (DomainException refusal)
        {
            var key = refusal.Message.Contains("say why", StringComparison.Ordinal) ? "Input.Reason"
                : refusal.Message.Contains("moderation threshold", StringComparison.Ordinal) ? "Input.ModerationThreshold"
                : refusal.Message.Contains("weights must add up", StringComparison.Ordinal) && Input.Rows.Count > 0 ? $"Input.Rows[{Input.Rows.FindIndex(r => !r.Remove)}].Weight"
                : string.Empty;
            ModelState.AddModelError(key, refusal.Message);
            return Page();
        }

        TempData[FundsPages.NoticeKey] = $"How bids to {Round.Title} are scored has been changed.";
        return RedirectToPage("Round", new { id });
    }

    private ScoreScale? Scale()
    {
        var minimum = RoundsPages.WholeNumber(ModelState, "Input.ScaleMinimum", Input.ScaleMinimum, "the lowest score", 0, 1000);
        var maximum = RoundsPages.WholeNumber(ModelState, "Input.ScaleMaximum", Input.ScaleMaximum, "the highest score", 1, 1000);
        if (minimum is null || maximum is null)
        {
            return null;
        }

        if (maximum <= minimum)
        {
            ModelState.AddModelError("Input.ScaleMaximum", "The highest score must be more than the lowest");
            return null;
        }

        return new ScoreScale(minimum.Value, maximum.Value);
    }

    private List<AssessmentCriterion> Criteria()
    {
        var criteria = new List<AssessmentCriterion>();
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Input.Rows.Count; i++)
        {
            var row = Input.Rows[i];
            if (row.Remove || (string.IsNullOrWhiteSpace(row.Key) && string.IsNullOrWhiteSpace(row.Title) && string.IsNullOrWhiteSpace(row.Weight) && string.IsNullOrWhiteSpace(row.Guidance)))
            {
                continue;
            }

            var title = FundForms.Attempt(ModelState, $"Input.Rows[{i}].Title", () => Text.SingleLine(row.Title, "criterion's name", AssessmentCriterion.TitleMaxLength));
            var guidance = FundForms.Attempt(ModelState, $"Input.Rows[{i}].Guidance", () => Text.Optional(row.Guidance, "guidance", AssessmentCriterion.GuidanceMaxLength) ?? string.Empty);
            var weight = RoundsPages.WholeNumber(ModelState, $"Input.Rows[{i}].Weight", row.Weight, "the weight", 1, 100);
            if (title is null || guidance is null || weight is null)
            {
                continue;
            }

            var key = string.IsNullOrWhiteSpace(row.Key) ? KeyFrom(title, keys) : row.Key.Trim();
            keys.Add(key);
            criteria.Add(new AssessmentCriterion(key, title, weight.Value, guidance.Length == 0 ? null : guidance));
        }

        if (criteria.Count == 0 && ModelState.IsValid)
        {
            ModelState.AddModelError("Input.Rows[0].Title", "Enter at least one criterion");
        }

        return criteria;
    }

    private static string KeyFrom(string title, HashSet<string> taken)
    {
        var slug = NotLetterOrDigit().Replace(title.ToLowerInvariant(), "-").Trim('-');
        slug = slug.Length == 0 ? "criterion" : slug[..Math.Min(slug.Length, 40)];
        var key = slug;
        for (var n = 2; taken.Contains(key); n++)
        {
            key = $"{slug}-{n}";
        }

        return key;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NotLetterOrDigit();

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
        public string? ScaleMinimum { get; set; }

        public string? ScaleMaximum { get; set; }

        public string? ModerationThreshold { get; set; }

        public List<CriterionRow> Rows { get; set; } = [];

        public string? Reason { get; set; }
    }

    public sealed class CriterionRow
    {
        public string? Key { get; set; }

        public string? Title { get; set; }

        public string? Weight { get; set; }

        public string? Guidance { get; set; }

        public bool Remove { get; set; }
    }
}
