using System.ComponentModel.DataAnnotations;
using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<AppUser> signInManager, UserManager<AppUser> users, ILogger<SignInModel> logger) : PageModel
{
    public const string WrongDetails = "The email address or password is not right. Check them and try again.";

    public const string ConfirmEmailFirst = "You need to confirm your email address before you can sign in. Open the link in the email we sent you when you created your account.";

    public const string LockedOut = "Your account is locked for 15 minutes because of too many failed attempts to sign in. Try again later, or ask an administrator to unlock it.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Registering keeps the return address, so a person invited to an organisation comes back to the invitation.</summary>
    public string RegisterLink => Url.IsLocalUrl(ReturnUrl) ? $"/Account/Register?ReturnUrl={Uri.EscapeDataString(ReturnUrl!)}" : "/Account/Register";

    /// <summary>The password was right but the email address is not confirmed yet: offer to send the link again.</summary>
    public bool NeedsConfirmation { get; private set; }

    /// <summary>The person came from an invitation to join an organisation, and will go back to it.</summary>
    public bool ForInvitation => Url.IsLocalUrl(ReturnUrl) && ReturnUrl!.StartsWith("/Organisations/Invitation", StringComparison.OrdinalIgnoreCase);

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SafeReturnUrl(Url, ReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await signInManager.PasswordSignInAsync(Input.Email.Trim(), Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("{User} signed in", Input.Email);
            return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl });
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("{User} is locked out", Input.Email);
            ModelState.AddModelError(string.Empty, LockedOut);
            return Page();
        }

        if (result.IsNotAllowed && await RightPasswordForUnconfirmedAsync())
        {
            NeedsConfirmation = true;
            ModelState.AddModelError(string.Empty, ConfirmEmailFirst);
            return Page();
        }

        ModelState.AddModelError("Input.Email", WrongDetails);
        return Page();
    }

    /// <summary>
    /// Identity refuses an unconfirmed account before it checks the password; check it here, so that only the
    /// account's owner learns the address needs confirming. A wrong password still counts towards the lockout.
    /// </summary>
    private async Task<bool> RightPasswordForUnconfirmedAsync()
    {
        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null || user.EmailConfirmed || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        if (await users.CheckPasswordAsync(user, Input.Password))
        {
            return true;
        }

        await users.AccessFailedAsync(user);
        return false;
    }

    internal static string SafeReturnUrl(IUrlHelper url, string? returnUrl) => url.IsLocalUrl(returnUrl) ? returnUrl! : "/";

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.org")]
        [Display(Name = "Email address")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;
    }
}
