using Commissioning.Domain.Applications;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// Withdrawing an application, with a confirmation page and an optional reason: members of the applying organisation
/// only (anyone else gets a 404). Whether it can still be withdrawn is the application's to say.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class WithdrawModel(CommissioningDbContext db, WithdrawApplication withdraw) : PageModel
{
    public LoadedApplication Loaded { get; private set; } = null!;

    [BindProperty]
    public string? Reason { get; set; }

    public static string Href(GrantApplication application) => $"/Applications/{application.Id}/Withdraw";

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        var result = await withdraw.RunAsync(Loaded.Application.Id, Reason, User.Identity!.Name!, Loaded.Organisation.Name, cancellationToken);
        if (result is WithdrawApplication.Refused refused)
        {
            ModelState.AddModelError(nameof(Reason), refused.Message);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return Redirect(Href(Loaded.Application));
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.ForMemberAsync(db, id, User, cancellationToken);
        if (loaded is null)
        {
            return NotFound();
        }

        Loaded = loaded;
        return null;
    }
}
