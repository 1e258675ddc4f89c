using Commissioning.Domain.Audit;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.People;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Admin.Users;

/// <summary>
/// One member of staff: their roles given and removed, their account deactivated or reactivated, their two-factor
/// sign-in reset, their invitation sent again, and the history of all of it.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class UserModel(CommissioningDbContext db, UserManager<AppUser> users, ChangeRoles changeRoles, DeactivateAccount deactivate, ResetTwoFactor resetTwoFactor, InviteStaffMember invite, IOptions<ServiceOptions> service) : PageModel
{
    [BindProperty]
    public List<string> SelectedRoles { get; set; } = [];

    internal PeoplePages.Person Person { get; private set; } = null!;

    public IReadOnlyList<AuditEntry> History { get; private set; } = [];

    public bool IsYou { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        SelectedRoles = [.. Person.StaffRoles];
        return Page();
    }

    public Task<IActionResult> OnPostRolesAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, nameof(SelectedRoles), async () =>
        {
            var changed = await changeRoles.ChangeAsync(id, SelectedRoles.Distinct().ToList(), Who, cancellationToken);
            return changed.Given.Count == 0 && changed.Removed.Count == 0
                ? $"{changed.FullName}'s roles have not changed."
                : $"{changed.FullName}'s roles have been changed.";
        }, cancellationToken);

    public Task<IActionResult> OnPostDeactivateAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, string.Empty, async () =>
        {
            var user = await deactivate.DeactivateAsync(id, Who, users.GetUserId(User)!, cancellationToken);
            return $"{user.FullName}'s account has been deactivated. They have been signed out and cannot sign in.";
        }, cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, string.Empty, async () =>
        {
            var user = await deactivate.ReactivateAsync(id, Who, cancellationToken);
            return $"{user.FullName}'s account has been reactivated. They can sign in again.";
        }, cancellationToken);

    public Task<IActionResult> OnPostResetTwoFactorAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, string.Empty, async () =>
        {
            var user = await resetTwoFactor.ResetAsync(id, Who, cancellationToken);
            return $"{user.FullName}'s two-factor sign-in has been reset. They will set up an authenticator app again when they next sign in.";
        }, cancellationToken);

    public Task<IActionResult> OnPostInviteAgainAsync(string id, CancellationToken cancellationToken) =>
        ChangeAsync(id, string.Empty, async () =>
        {
            await invite.SendAgainAsync(id, Who, path => service.Value.LinkTo(Request, path), cancellationToken);
            return $"The invitation has been sent again to {Person.User.Email}.";
        }, cancellationToken);

    private string Who => User.Identity?.Name ?? throw new InvalidOperationException("A signed-in person has no name.");

    private async Task<IActionResult> ChangeAsync(string id, string errorKey, Func<Task<string>> change, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (errorKey.Length > 0 && SelectedRoles.Any(r => !Roles.Staff.Contains(r)))
        {
            ModelState.AddModelError(errorKey, "Choose from the office's roles listed");
            return Page();
        }

        try
        {
            TempData[PeoplePages.NoticeKey] = await change();
        }
        catch (DomainException refusal)
        {
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError(errorKey, refusal.Message);
            return Page();
        }

        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        if ((await PeoplePages.StaffAsync(db, id, cancellationToken)).SingleOrDefault() is not { } person)
        {
            return false;
        }

        Person = person;
        IsYou = person.User.Id == users.GetUserId(User);
        History = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == AccountHistory.EntityType && e.EntityId == id)
            .OrderByDescending(e => e.At)
            .ToListAsync(cancellationToken);
        return true;
    }
}
