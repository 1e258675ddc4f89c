using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Funds;

/// <summary>Creates a fund (no id) or changes one: its name, programme (on creation only), funding source, the org-id its grants are published as, and its finance codes.</summary>
[Authorize(Roles = FundsPages.Roles)]
public sealed class EditModel(CommissioningDbContext db) : PageModel
{
    public static IReadOnlyList<string> FieldOrder { get; } =
        ["Input.Name", "Input.Programme", "Input.FundingSource", "Input.PublishesAs", "Input.CostCentre", "Input.NominalCode", "Input.FundCode"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Fund? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } fundId)
        {
            Existing = await db.Funds.AsNoTracking().SingleOrDefaultAsync(f => f.Id == FundId.From(fundId), cancellationToken);
            if (Existing is null)
            {
                return NotFound();
            }

            Input = new InputModel
            {
                Name = Existing.Name,
                Programme = Existing.Programme.ToString(),
                FundingSource = Existing.FundingSource,
                PublishesAs = Existing.PublishesAs,
                CostCentre = Existing.CostCentre,
                NominalCode = Existing.NominalCode,
                FundCode = Existing.FundCode,
            };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken cancellationToken)
    {
        if (id is { } fundId)
        {
            Existing = await db.Funds.SingleOrDefaultAsync(f => f.Id == FundId.From(fundId), cancellationToken);
            if (Existing is null)
            {
                return NotFound();
            }
        }

        var name = FundForms.Attempt(ModelState, "Input.Name", () => Text.SingleLine(Input.Name, "fund name", Fund.NameMaxLength));
        ProgrammeKind? programme = Existing?.Programme;
        if (Existing is null)
        {
            programme = Enum.TryParse<ProgrammeKind>(Input.Programme, out var chosen) && Enum.IsDefined(chosen) ? chosen : null;
            if (programme is null)
            {
                ModelState.AddModelError("Input.Programme", "Select the programme this fund belongs to");
            }
        }

        var source = FundForms.Attempt(ModelState, "Input.FundingSource", () => Text.SingleLine(Input.FundingSource, "funding source", Fund.FundingSourceMaxLength));
        var orgId = FundForms.Attempt(ModelState, "Input.PublishesAs", () => PublisherOrgId.Normalise(Input.PublishesAs));
        var costCentre = RequiredCode("Input.CostCentre", Input.CostCentre, "cost centre");
        var nominal = RequiredCode("Input.NominalCode", Input.NominalCode, "nominal code");
        var fundCode = RequiredCode("Input.FundCode", Input.FundCode, "fund code");
        if (!ModelState.IsValid || name is null || source is null || orgId is null || programme is null)
        {
            return Page();
        }

        var codes = new FinanceCodes(costCentre, nominal, fundCode);
        if (await db.Funds.AnyAsync(f => f.Name == name && (Existing == null || f.Id != Existing.Id), cancellationToken))
        {
            ModelState.AddModelError("Input.Name", $"There is already a fund called {name}. Give this one a different name");
            return Page();
        }

        var fund = Existing;
        if (fund is null)
        {
            fund = new Fund(name, programme.Value, source, orgId, codes);
            db.Funds.Add(fund);
        }
        else
        {
            fund.ChangeDetails(name, source, orgId, codes);
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData[FundsPages.NoticeKey] = Existing is null ? $"{fund.Name} has been created. Now add its budget for a financial year." : $"{fund.Name} has been changed.";
        return RedirectToPage("Fund", new { id = fund.Id.Value });
    }

    private string? RequiredCode(string key, string? value, string what)
    {
        var code = FundForms.Attempt(ModelState, key, () => FinanceCodes.Code(value, what) ?? string.Empty);
        if (code is { Length: 0 })
        {
            ModelState.AddModelError(key, $"Enter the fund's {what}, as finance books it");
            return null;
        }

        return code;
    }

    public sealed class InputModel
    {
        public string? Name { get; set; }

        public string? Programme { get; set; }

        public string? FundingSource { get; set; }

        public string? PublishesAs { get; set; }

        public string? CostCentre { get; set; }

        public string? NominalCode { get; set; }

        public string? FundCode { get; set; }
    }
}
