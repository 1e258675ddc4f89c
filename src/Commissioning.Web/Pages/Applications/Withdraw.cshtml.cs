using Commissioning.Domain.Applications;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// Withdrawing an application, with a confirmation page and an optional reason: members of the applying organisation
/// only (anyone else gets a 404). Whether it can still be withdrawn is the application's to say, and its workflow's to
/// take. When it was already waiting for approval or a decision, the office is told.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class WithdrawModel(CommissioningDbContext db, WithdrawApplication withdraw, OfficeNotices office, IOptions<ServiceOptions> service) : PageModel
{
    public LoadedApplication Loaded { get; private set; } = null!;

    /// <summary>Why it cannot be withdrawn now; null when it can.</summary>
    public string? CannotBecause { get; private set; }

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

        var organisation = Loaded.Organisation.Name;
        var result = await withdraw.RunAsync(Loaded.Application.Id, Reason, User.Identity!.Name!, organisation, cancellationToken, tellOffice: application =>
            office.QueueAsync($"Application withdrawn at decision: {application.Reference}", service.Value.LinkTo(Request, "/Tasks"),
                $"{organisation} has withdrawn its application '{application.ProjectTitle}' ({application.Reference}) while it was waiting for approval or the Police and Crime Commissioner's decision.",
                $"Its workflow has ended, and the approval or decision task for it has gone from the task lists. {application.StatusReason}"));
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
        CannotBecause = loaded.Application.Status == ApplicationStatus.Withdrawn ? null : await withdraw.WhyNotAsync(loaded.Application, cancellationToken);
        return null;
    }
}
