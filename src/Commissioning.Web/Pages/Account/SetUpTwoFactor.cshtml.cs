using System.ComponentModel.DataAnnotations;
using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Account;

/// <summary>
/// Where a member of staff who must use two-factor sign-in, and has not set it up, is sent after giving the right
/// password: they add the service to an authenticator app, enter the code it shows, and only then are signed in.
/// </summary>
[AllowAnonymous]
public sealed class SetUpTwoFactorModel(StaffSignInManager signInManager, UserManager<AppUser> users, IUserStore<AppUser> keys, OneUseAuthenticatorTokenProvider codes, IOptions<ServiceOptions> service) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public AuthenticatorSetUp SetUp { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await PendingUserAsync() is not { } user)
        {
            return RedirectToPage("SignIn", new { ReturnUrl });
        }

        if (!await signInManager.MustSetUpTwoFactorAsync(user))
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl });
        }

        SetUp = await AuthenticatorSetUp.ForAsync(users, keys, user, service.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await PendingUserAsync() is not { } user)
        {
            return RedirectToPage("SignIn", new { ReturnUrl });
        }

        if (!await signInManager.MustSetUpTwoFactorAsync(user))
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl });
        }

        SetUp = await AuthenticatorSetUp.ForAsync(users, keys, user, service.Value);
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var check = await codes.CheckAsync(AuthenticatorSetUp.Compact(Input.Code), users, user);
        if (check != AuthenticatorCodeCheck.Accepted)
        {
            await users.AccessFailedAsync(user);
            if (await users.IsLockedOutAsync(user))
            {
                ModelState.AddModelError(string.Empty, SignInModel.LockedOut);
                return Page();
            }

            ModelState.AddModelError("Input.Code", check == AuthenticatorCodeCheck.AlreadyUsed ? SecurityModel.CodeAlreadyUsed : SecurityModel.WrongCode);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        await signInManager.SignInAfterSetUpAsync(user);
        return LocalRedirect(SignInModel.SafeReturnUrl(Url, ReturnUrl));
    }

    /// <summary>The person who gave the right password moments ago, still within Identity's few minutes for the second step, and not locked out.</summary>
    private async Task<AppUser?> PendingUserAsync() =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is { IsDeactivated: false } user && !await users.IsLockedOutAsync(user) ? user : null;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the 6-digit security code from your authenticator app")]
        [RegularExpression(@"^\s*[0-9]{3}[\s-]?[0-9]{3}\s*$", ErrorMessage = "The security code is 6 digits, like 123456")]
        public string Code { get; set; } = string.Empty;
    }
}
