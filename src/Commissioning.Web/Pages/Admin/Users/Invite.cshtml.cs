using System.ComponentModel.DataAnnotations;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.People;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Admin.Users;

/// <summary>Invites a member of staff with their roles; they are e-mailed a link to set a password.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class InviteModel(InviteStaffMember invite, IOptions<ServiceOptions> service) : PageModel
{
    public static readonly string[] FieldOrder = ["Input.FullName", "Input.Email", "Input.Roles"];

    [BindProperty]
    public InputModel Input { get; set; } = new();

    /// <summary>The staff account the address already has, to link to, when the invitation was not sent for that reason.</summary>
    public string? ExistingStaffId { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(Input.Email) && StaffEmail.Normalise(Input.Email) is null)
        {
            ModelState.AddModelError("Input.Email", "Enter an email address in the correct format, like name@example.org");
        }

        if (Input.Roles.Any(r => !Roles.Staff.Contains(r)))
        {
            ModelState.AddModelError("Input.Roles", "Choose from the office's roles listed");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        InviteStaffMember.Outcome outcome;
        try
        {
            outcome = await invite.InviteAsync(Input.FullName, Input.Email, Input.Roles.Distinct().ToList(), User.Identity!.Name!, path => service.Value.LinkTo(Request, path), cancellationToken);
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError("Input.Email", refusal.Message);
            return Page();
        }

        if (outcome.Invited is not { } invited)
        {
            ModelState.AddModelError("Input.Email", outcome.Problem!);
            ExistingStaffId = outcome.ExistingStaffId;
            return Page();
        }

        TempData[PeoplePages.NoticeKey] = $"An invitation has been sent to {invited.Email}.";
        return RedirectToPage("User", new { id = invited.Id });
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the person's full name")]
        [MaxLength(AppUser.FullNameMaxLength, ErrorMessage = "The full name must be 200 characters or fewer")]
        public string FullName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter the person's email address")]
        [MaxLength(StaffEmail.MaxLength, ErrorMessage = "The email address must be 256 characters or fewer")]
        public string Email { get; set; } = string.Empty;

        [MinLength(1, ErrorMessage = "Choose at least one role")]
        public List<string> Roles { get; set; } = [];
    }
}
