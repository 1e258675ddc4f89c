using System.ComponentModel.DataAnnotations;
using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInTwoFactorModel(StaffSignInManager signInManager, UserManager<AppUser> users, OneUseAuthenticatorTokenProvider codes) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnGetAsync() => await NextStepAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await NextStepAsync() is { } elsewhere)
        {
            return elsewhere;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var code = AuthenticatorSetUp.Compact(Input.Code);
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

        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        ModelState.AddModelError("Input.Code", user is not null && await codes.WasUsedBeforeAsync(code, users, user) ? SecurityModel.CodeAlreadyUsed : SecurityModel.WrongCode);
        return Page();
    }

    /// <summary>
    /// Back to the password when nobody has just given one; on to set-up when the person must use two-factor sign-in
    /// but has no authenticator app yet; null when this page is the right one.
    /// </summary>
    private async Task<IActionResult?> NextStepAsync()
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is not { } user)
        {
            return RedirectToPage("SignIn", new { ReturnUrl });
        }

        return await signInManager.MustSetUpTwoFactorAsync(user) ? RedirectToPage("SetUpTwoFactor", new { ReturnUrl }) : null;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit security code from your authenticator app")]
        [RegularExpression(@"^\s*[0-9]{3}[\s-]?[0-9]{3}\s*$", ErrorMessage = "The security code is 6 digits, like 123456")]
        public string Code { get; set; } = string.Empty;
    }
}
