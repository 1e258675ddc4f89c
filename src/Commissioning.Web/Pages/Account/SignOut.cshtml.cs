using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Account;

/// <summary>Anyone may reach this page: a person whose session has already ended is simply told they are signed out.</summary>
[AllowAnonymous]
public sealed class SignOutModel(SignInManager<AppUser> signInManager) : PageModel
{
    public bool SignedOut { get; private set; }

    public void OnGet() => SignedOut = User.Identity?.IsAuthenticated != true;

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        // A fresh request, so the page (and its header) is drawn for someone who is no longer signed in.
        return RedirectToPage();
    }
}
