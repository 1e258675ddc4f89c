using System.ComponentModel.DataAnnotations;
using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInTwoFactorModel(SignInManager<AppUser> signInManager) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("SignIn", new { ReturnUrl }) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToPage("SignIn", new { ReturnUrl });
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = Input.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        if (result.Succeeded)
        {
            return LocalRedirect(SignInModel.SafeReturnUrl(Url, ReturnUrl));
        }

        if (result.IsLockedOut)
        {
            ModelState.AddModelError(string.Empty, SignInModel.LockedOut);
            return Page();
        }

        ModelState.AddModelError("Input.Code", "The security code is not right. Enter the 6-digit code your authenticator app shows now.");
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit security code from your authenticator app")]
        [RegularExpression(@"^\s*[0-9]{3}[\s-]?[0-9]{3}\s*$", ErrorMessage = "The security code is 6 digits, like 123456")]
        public string Code { get; set; } = string.Empty;
    }
}
