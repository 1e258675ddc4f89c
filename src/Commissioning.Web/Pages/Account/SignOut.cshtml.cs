using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Account;

/// <summary>Anyone may reach this page: a person whose session has already ended is simply told they are signed out.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<AppUser> signInManager, UserManager<AppUser> users) : PageModel
{
    public bool SignedOut { get; private set; }

    public void OnGet() => SignedOut = User.Identity?.IsAuthenticated != true;

    public async Task<IActionResult> OnPostAsync()
    {
        // A new security stamp makes every copy of the sign-in cookie worthless at once, not only this browser's.
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signInManager.SignOutAsync();
        // A fresh request, so the page (and its header) is drawn for someone who is no longer signed in.
        return RedirectToPage();
    }
}
