using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations.Profile;

/// <summary>Changes the legal form and registered numbers, checked by the domain; a number another organisation holds is refused with a message.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class LegalFormModel(CommissioningDbContext db, UserManager<AppUser> users, TimeProvider clock, ILogger<LegalFormModel> logger) : MemberPageModel(db, users, clock)
{
    public static IReadOnlyList<string> FieldOrder { get; } =
        ["Input.LegalForm", .. CreateModel.LegalForms.SelectMany(c => c.Numbers).Select(n => n.Key)];

    [BindProperty]
    public CreateModel.InputModel Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Input = new CreateModel.InputModel { LegalForm = Organisation.LegalForm.ToString() };
        foreach (var field in CreateModel.LegalForms.Single(c => c.Form == Organisation.LegalForm).Numbers)
        {
            var value = field.Kind switch
            {
                NumberKind.Charity => Organisation.CharityNumber,
                NumberKind.Company => Organisation.CompanyNumber,
                _ => Organisation.LocalAuthorityCode,
            };
            typeof(CreateModel.InputModel).GetProperty(field.Property)!.SetValue(Input, value);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var choice = CreateModel.LegalForms.FirstOrDefault(c => c.Form.ToString() == Input.LegalForm);
        if (choice is null)
        {
            ModelState.AddModelError("Input.LegalForm", "Select the organisation's legal form");
            return Page();
        }

        var values = new Dictionary<NumberKind, string?>();
        foreach (var field in choice.Numbers)
        {
            try
            {
                values[field.Kind] = field.Check(Input.Value(field.Property));
            }
            catch (DomainException refusal)
            {
                ModelState.AddModelError(field.Key, refusal.Message);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var numbers = RegistrationNumbers.Create(values.GetValueOrDefault(NumberKind.Charity), values.GetValueOrDefault(NumberKind.Company), values.GetValueOrDefault(NumberKind.LocalAuthority));
        var mainKey = choice.Numbers.FirstOrDefault(n => !n.Optional)?.Key ?? "Input.LegalForm";
        if (numbers.OrgId is { } orgId && await Db.Organisations.AnyAsync(o => o.OrgId == orgId && o.Id != Organisation.Id, cancellationToken))
        {
            var (kind, number) = numbers.CharityNumber is { } charity && choice.Numbers.Any(n => n.Kind == NumberKind.Charity && !n.Optional) ? (NumberKind.Charity, charity)
                : numbers.CompanyNumber is { } company ? (NumberKind.Company, company)
                : numbers.CharityNumber is { } otherCharity ? (NumberKind.Charity, otherCharity)
                : (NumberKind.LocalAuthority, numbers.LocalAuthorityCode!);
            var key = choice.Numbers.FirstOrDefault(n => n.Kind == kind)?.Key ?? mainKey;
            ModelState.AddModelError(key, $"Another organisation is already registered with {NumberField.Describe(kind)} {number}. Check the number, or contact the office if you think it is yours.");
            return Page();
        }

        if (Attempt(ModelState, mainKey, () => { Organisation.ChangeLegalForm(choice.Form, numbers); return true; }) is false)
        {
            return Page();
        }

        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another organisation took the same org-id at the same moment (the org-id is unique).
            ModelState.AddModelError(mainKey, "Another organisation has just been registered with this number. Check the number, or contact the office.");
            return Page();
        }

        logger.LogInformation("{User} changed the legal form of organisation {Organisation}", UserId(), Organisation.Id);
        TempData[Notice.Key] = "The legal form and registered numbers have been changed.";
        return Redirect($"/Organisations/{Organisation.Id}/Profile");
    }
}
