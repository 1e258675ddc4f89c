using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Commissioning.Web.Pages.Admin.Funds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Rounds;

/// <summary>
/// Who may apply to a round: the legal forms that cannot (statutory bodies among them), one or several applications
/// per organisation, the calendar months between one organisation's awards from the fund, whether core costs are
/// excluded, and the local-authority areas the round covers (by ONS code).
/// </summary>
[Authorize(Roles = RoundsPages.Roles)]
public sealed class ApplicantsModel(CommissioningDbContext db, ChangeRound change) : PageModel
{
    public static IReadOnlyList<string> FieldOrder { get; } = ["Input.ExcludedLegalForms", "Input.SeveralApplications", "Input.MonthsBetweenAwards", "Input.ExcludesCoreCosts", "Input.DeliveryAreas", "Input.Reason"];

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

        Input = new InputModel
        {
            ExcludedLegalForms = Round.ExcludedLegalForms.Select(f => f.ToString()).ToList(),
            SeveralApplications = Round.AllowsSeveralApplicationsPerOrganisation ? "yes" : "no",
            MonthsBetweenAwards = Round.MonthsBetweenAwards?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ExcludesCoreCosts = Round.ExcludesCoreCosts,
            DeliveryAreas = [.. Round.DeliveryAreas],
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var forms = new List<LegalForm>();
        foreach (var chosen in Input.ExcludedLegalForms)
        {
            if (Enum.TryParse<LegalForm>(chosen, out var form) && Enum.IsDefined(form))
            {
                forms.Add(form);
            }
            else
            {
                ModelState.AddModelError("Input.ExcludedLegalForms", "Choose only the legal forms listed");
            }
        }

        if (Input.SeveralApplications is not ("yes" or "no"))
        {
            ModelState.AddModelError("Input.SeveralApplications", "Select whether an organisation may make more than one application to the round");
        }

        var months = RoundsPages.WholeNumber(ModelState, "Input.MonthsBetweenAwards", Input.MonthsBetweenAwards, "the number of months between one organisation's awards", 1, FundingRound.MaxMonthsBetweenAwards, optional: true);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            await change.RunAsync(Round.Id, User.Identity!.Name!, Input.Reason, (round, note) =>
                round.SetWhoMayApply(forms, Input.SeveralApplications == "yes", months, Input.ExcludesCoreCosts, Input.DeliveryAreas, note), cancellationToken);
        }
        catch (DomainException refusal)
        {
            var key = refusal.Message.Contains("say why", StringComparison.Ordinal) ? "Input.Reason"
                : refusal.Message.Contains("ONS code", StringComparison.Ordinal) ? "Input.DeliveryAreas"
                : refusal.Message.Contains("months", StringComparison.Ordinal) ? "Input.MonthsBetweenAwards"
                : "Input.ExcludedLegalForms";
            ModelState.AddModelError(key, refusal.Message);
            return Page();
        }

        TempData[FundsPages.NoticeKey] = $"Who may apply to {Round.Title} has been changed.";
        return RedirectToPage("Round", new { id });
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
        public List<string> ExcludedLegalForms { get; set; } = [];

        public string? SeveralApplications { get; set; }

        public string? MonthsBetweenAwards { get; set; }

        public bool ExcludesCoreCosts { get; set; }

        public List<string> DeliveryAreas { get; set; } = [];

        public string? Reason { get; set; }
    }
}
