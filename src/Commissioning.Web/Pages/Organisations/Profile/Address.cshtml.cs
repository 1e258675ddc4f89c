using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Web.Pages.Organisations.Profile;

[Authorize(Roles = Roles.Applicant)]
public sealed class AddressModel(CommissioningDbContext db, UserManager<AppUser> users, TimeProvider clock) : MemberPageModel(db, users, clock)
{
    public static IReadOnlyList<string> FieldOrder { get; } = ["Input.AddressLine1", "Input.AddressLine2", "Input.Town", "Input.Postcode"];

    [BindProperty]
    public AddressInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (Organisation.Address is { } address)
        {
            Input = new AddressInput { AddressLine1 = address.Line1, AddressLine2 = address.Line2, Town = address.Town, Postcode = address.Postcode };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var line1 = Attempt(ModelState, "Input.AddressLine1", () => PostalAddress.NormaliseLine1(Input.AddressLine1));
        var line2 = Attempt(ModelState, "Input.AddressLine2", () => PostalAddress.NormaliseLine2(Input.AddressLine2) ?? string.Empty);
        var town = Attempt(ModelState, "Input.Town", () => PostalAddress.NormaliseTown(Input.Town));
        var postcode = string.IsNullOrWhiteSpace(Input.Postcode)
            ? Refuse("Input.Postcode", "Enter the postcode")
            : Attempt(ModelState, "Input.Postcode", () => UkPostcode.Normalise(Input.Postcode));
        if (!ModelState.IsValid || line1 is null || line2 is null || town is null || postcode is null)
        {
            return Page();
        }

        Organisation.MoveTo(new PostalAddress(line1, line2, town, postcode));
        await Db.SaveChangesAsync(cancellationToken);
        TempData[Notice.Key] = "The address has been changed.";
        return Redirect($"/Organisations/{Organisation.Id}/Profile");
    }

    private string? Refuse(string key, string message)
    {
        ModelState.AddModelError(key, message);
        return null;
    }

    public sealed class AddressInput
    {
        public string? AddressLine1 { get; set; }

        public string? AddressLine2 { get; set; }

        public string? Town { get; set; }

        public string? Postcode { get; set; }
    }
}
