using System.Text.Json;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations;

/// <summary>
/// The first step of creating an organisation: its name, legal form, registered number and address, each checked
/// by the domain and every problem shown beside its field. The answers are kept (in TempData, never in a URL) for
/// the check-your-answers page, which creates it.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class CreateModel(CommissioningDbContext db) : PageModel
{
    public const string DraftKey = "Organisations.Create.Draft";

    /// <summary>Each legal form, as the radios show it, with the registered numbers its conditional reveal asks for.</summary>
    public static IReadOnlyList<LegalFormChoice> LegalForms { get; } =
    [
        new(LegalForm.RegisteredCharity, null, [new(nameof(InputModel.CharityNumber), NumberKind.Charity, Optional: false)]),
        new(LegalForm.CharitableIncorporatedOrganisation, null, [new(nameof(InputModel.CioCharityNumber), NumberKind.Charity, Optional: false)]),
        new(LegalForm.CompanyLimitedByGuarantee, null, [new(nameof(InputModel.CompanyNumber), NumberKind.Company, Optional: false), new(nameof(InputModel.CompanyCharityNumber), NumberKind.Charity, Optional: true)]),
        new(LegalForm.CommunityInterestCompany, null, [new(nameof(InputModel.CicCompanyNumber), NumberKind.Company, Optional: false)]),
        new(LegalForm.ConstitutedUnincorporatedGroup, "A group with a written constitution or set of rules, but no registered number", []),
        new(LegalForm.LocalAuthority, null, [new(nameof(InputModel.LocalAuthorityCode), NumberKind.LocalAuthority, Optional: false)]),
        new(LegalForm.OtherPublicBody, "For example a health body, a school or a fire and rescue service", []),
    ];

    /// <summary>The fields in the order the page shows them, for the error summary.</summary>
    public static IReadOnlyList<string> FieldOrder { get; } =
        ["Input.Name", "Input.LegalForm", .. LegalForms.SelectMany(c => c.Numbers).Select(n => n.Key), "Input.AddressLine1", "Input.AddressLine2", "Input.Town", "Input.Postcode"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet() => Input = ReadDraft(TempData) ?? new InputModel();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var organisation = TryBuild(Input, ModelState);
        if (organisation is null || !await IsNewAsync(db, organisation, ModelState, cancellationToken))
        {
            return Page();
        }

        TempData[DraftKey] = JsonSerializer.Serialize(Input);
        return RedirectToPage("CheckAnswers");
    }

    public static InputModel? ReadDraft(ITempDataDictionary tempData) =>
        tempData.Peek(DraftKey) is string json ? JsonSerializer.Deserialize<InputModel>(json) : null;

    /// <summary>
    /// Builds the organisation the answers describe, or adds a message for every problem to the field it belongs to.
    /// The rules are the domain's: each part is checked on its own first, so that every problem shows at once.
    /// </summary>
    public static Organisation? TryBuild(InputModel input, ModelStateDictionary modelState)
    {
        var name = Attempt(modelState, "Input.Name", () => Organisation.NormaliseName(input.Name));
        var choice = LegalForms.FirstOrDefault(c => c.Form.ToString() == input.LegalForm);
        if (choice is null)
        {
            modelState.AddModelError("Input.LegalForm", "Select the organisation's legal form");
        }

        RegistrationNumbers? numbers = null;
        if (choice is not null)
        {
            var wellFormed = true;
            var values = new Dictionary<NumberKind, string?>();
            foreach (var field in choice.Numbers)
            {
                try
                {
                    values[field.Kind] = field.Check(input.Value(field.Property));
                }
                catch (DomainException refusal)
                {
                    modelState.AddModelError(field.Key, refusal.Message);
                    wellFormed = false;
                }
            }

            if (wellFormed)
            {
                numbers = RegistrationNumbers.Create(values.GetValueOrDefault(NumberKind.Charity), values.GetValueOrDefault(NumberKind.Company), values.GetValueOrDefault(NumberKind.LocalAuthority));
                // The rule between the legal form and its numbers ("Enter the charity number: ..."), checked even
                // when another answer has a problem, so that it shows at the same time.
                var mainNumber = choice.Numbers.FirstOrDefault(n => !n.Optional)?.Key ?? "Input.LegalForm";
                if (Attempt(modelState, mainNumber, () => new Organisation(name ?? choice.Form.Describe(), choice.Form, numbers).Name) is null)
                {
                    numbers = null;
                }
            }
        }

        var line1 = Attempt(modelState, "Input.AddressLine1", () => PostalAddress.NormaliseLine1(input.AddressLine1));
        var line2 = Attempt(modelState, "Input.AddressLine2", () => PostalAddress.NormaliseLine2(input.AddressLine2) ?? string.Empty);
        var town = Attempt(modelState, "Input.Town", () => PostalAddress.NormaliseTown(input.Town));
        var postcode = string.IsNullOrWhiteSpace(input.Postcode)
            ? AddError(modelState, "Input.Postcode", "Enter the postcode")
            : Attempt(modelState, "Input.Postcode", () => UkPostcode.Normalise(input.Postcode));
        if (!modelState.IsValid || name is null || choice is null || numbers is null || line1 is null || line2 is null || town is null || postcode is null)
        {
            return null;
        }

        try
        {
            return new Organisation(name, choice.Form, numbers, new PostalAddress(line1, line2, town, postcode));
        }
        catch (DomainException refusal)
        {
            // What is left is the rule between the legal form and its numbers: "Enter the charity number: ...".
            modelState.AddModelError(choice.Numbers.FirstOrDefault(n => !n.Optional)?.Key ?? "Input.LegalForm", refusal.Message);
            return null;
        }
    }

    /// <summary>An org-id is unique: a second organisation with the same registered number is refused with a message, not a database error.</summary>
    public static async Task<bool> IsNewAsync(CommissioningDbContext db, Organisation organisation, ModelStateDictionary modelState, CancellationToken cancellationToken)
    {
        if (organisation.OrgId is null || !await db.Organisations.AnyAsync(o => o.OrgId == organisation.OrgId, cancellationToken))
        {
            return true;
        }

        var choice = LegalForms.Single(c => c.Form == organisation.LegalForm);
        var (kind, number) = organisation.CharityNumber is { } charity ? (NumberKind.Charity, charity)
            : organisation.CompanyNumber is { } company ? (NumberKind.Company, company)
            : (NumberKind.LocalAuthority, organisation.LocalAuthorityCode!);
        var field = choice.Numbers.FirstOrDefault(n => n.Kind == kind)?.Key ?? string.Empty;
        modelState.AddModelError(field, AlreadyRegistered(kind, number));
        return false;
    }

    public static string AlreadyRegistered(NumberKind kind, string number) =>
        $"An organisation with {NumberField.Describe(kind)} {number} is already registered. Ask to join it instead.";

    private static string? Attempt(ModelStateDictionary modelState, string key, Func<string?> check)
    {
        try
        {
            return check();
        }
        catch (DomainException refusal)
        {
            modelState.AddModelError(key, refusal.Message);
            return null;
        }
    }

    private static string? AddError(ModelStateDictionary modelState, string key, string message)
    {
        modelState.AddModelError(key, message);
        return null;
    }

    public sealed class InputModel
    {
        public string? Name { get; set; }

        public string? LegalForm { get; set; }

        public string? CharityNumber { get; set; }

        public string? CioCharityNumber { get; set; }

        public string? CompanyNumber { get; set; }

        public string? CompanyCharityNumber { get; set; }

        public string? CicCompanyNumber { get; set; }

        public string? LocalAuthorityCode { get; set; }

        public string? AddressLine1 { get; set; }

        public string? AddressLine2 { get; set; }

        public string? Town { get; set; }

        public string? Postcode { get; set; }

        public string? Value(string property) => property switch
        {
            nameof(CharityNumber) => CharityNumber,
            nameof(CioCharityNumber) => CioCharityNumber,
            nameof(CompanyNumber) => CompanyNumber,
            nameof(CompanyCharityNumber) => CompanyCharityNumber,
            nameof(CicCompanyNumber) => CicCompanyNumber,
            nameof(LocalAuthorityCode) => LocalAuthorityCode,
            _ => throw new ArgumentOutOfRangeException(nameof(property), property, "Not a registered number field."),
        };
    }
}

public enum NumberKind
{
    Charity,
    Company,
    LocalAuthority,
}

public sealed record LegalFormChoice(LegalForm Form, string? Hint, IReadOnlyList<NumberField> Numbers);

/// <summary>A registered number asked for in a legal form's conditional reveal; each reveal has fields of its own, as hidden fields are still sent.</summary>
public sealed record NumberField(string Property, NumberKind Kind, bool Optional)
{
    public string Key => $"Input.{Property}";

    public string Id => $"Input_{Property}";

    public string Label => Kind switch
    {
        NumberKind.Charity => Optional ? "Charity number, if it is also a registered charity (optional)" : "Charity number",
        NumberKind.Company => "Companies House number",
        _ => "Local authority code",
    };

    public string Hint => Kind switch
    {
        NumberKind.Charity => "As it appears on the register, like 1234567 (England and Wales), SC012345 (Scotland) or NIC100002 (Northern Ireland)",
        NumberKind.Company => "8 characters, like 01234567 or SC123456",
        _ => "The 3 or 4 letter code from the register of English local authorities, like RDG for Reading",
    };

    public static string Describe(NumberKind kind) => kind switch
    {
        NumberKind.Charity => "charity number",
        NumberKind.Company => "Companies House number",
        _ => "local authority code",
    };

    /// <summary>The number as the domain holds it, or null if left empty; a malformed number throws with the domain's message.</summary>
    public string? Check(string? value) => Kind switch
    {
        NumberKind.Charity => RegistrationNumbers.Create(charityNumber: value).CharityNumber,
        NumberKind.Company => RegistrationNumbers.Create(companyNumber: value).CompanyNumber,
        _ => RegistrationNumbers.Create(localAuthorityCode: value).LocalAuthorityCode,
    };
}
