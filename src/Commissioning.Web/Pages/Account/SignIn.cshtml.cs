using System.ComponentModel.DataAnnotations;
using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<AppUser> signInManager, UserManager<AppUser> users, ILogger<SignInModel> logger, SignInLimits limits, TimeProvider clock) : PageModel
{
    /// <summary>
    /// The one answer to a failed sign-in, whether the address has no account, the password is wrong, or the account
    /// is locked or not confirmed yet: nobody learns from it which addresses have accounts.
    /// </summary>
    public const string WrongDetails = "The email address or password is not right. Check them and try again.";

    public const string ConfirmEmailFirst = "You need to confirm your email address before you can sign in. Open the link in the email we sent you when you created your account.";

    /// <summary>Shown only at the second step of a two-factor sign-in, to someone who has already given the right password.</summary>
    public const string LockedOut = "Your account is locked for 15 minutes because of too many failed attempts to sign in. Try again later, or ask an administrator to unlock it.";

    /// <summary>Shown only to someone who gives the right password for an account an administrator deactivated.</summary>
    public const string Deactivated = "Your account has been deactivated, so you cannot sign in. If you need it again, ask an administrator to reactivate it.";

    private static string? _noAccountHash;

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

        var email = Input.Email.Trim();
        if (limits.Refuse(email, HttpContext) is { } tooMany)
        {
            logger.LogWarning("Sign-in attempts for {User} from {Client} refused: too many failures", email, SignInLimits.ClientAddress(HttpContext));
            return tooMany;
        }

        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            CheckAgainstNoAccount(Input.Password);
            return await FailedAsync(email, null);
        }

        var result = await signInManager.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            logger.LogInformation("{User} signed in", Input.Email);
            return LocalRedirect(SafeReturnUrl(Url, ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToPage("SignInTwoFactor", new { ReturnUrl });
        }

        if (result.IsNotAllowed && user.IsDeactivated && await users.CheckPasswordAsync(user, Input.Password))
        {
            logger.LogWarning("{User} tried to sign in to a deactivated account", user.Id);
            ModelState.AddModelError(string.Empty, Deactivated);
            return Page();
        }

        if (result.IsNotAllowed && await RightPasswordForUnconfirmedAsync(user))
        {
            NeedsConfirmation = true;
            ModelState.AddModelError(string.Empty, ConfirmEmailFirst);
            return Page();
        }

        if (result.IsLockedOut)
        {
            // Identity refuses a locked account before it checks the password: check one anyway, so it takes as long.
            CheckAgainstNoAccount(Input.Password);
            logger.LogWarning("{User} is locked out", Input.Email);
        }

        return await FailedAsync(email, user);
    }

    /// <summary>
    /// Counts the failure against the client's address and the e-mail address, locks the account once failures from
    /// more than one address reach the lockout, and answers as for any failure.
    /// </summary>
    private async Task<IActionResult> FailedAsync(string email, AppUser? user)
    {
        if (limits.Failed(email, HttpContext) && user is not null && !await users.IsLockedOutAsync(user))
        {
            await users.SetLockoutEndDateAsync(user, clock.GetUtcNow() + SignInLimits.LockoutTime);
            logger.LogWarning("{User} locked after failed sign-ins from more than one address", user.Id);
        }

        ModelState.AddModelError("Input.Email", WrongDetails);
        return Page();
    }

    /// <summary>
    /// Without an account to check, a password is checked against a hash of nothing anyone knows, so that an address
    /// with no account takes as long to answer as one with a wrong password.
    /// </summary>
    private void CheckAgainstNoAccount(string password)
    {
        var hasher = users.PasswordHasher;
        _noAccountHash ??= hasher.HashPassword(new AppUser(), Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
        hasher.VerifyHashedPassword(new AppUser(), _noAccountHash, password);
    }

    /// <summary>
    /// Identity refuses an unconfirmed account before it checks the password; check it here, so that only the
    /// account's owner learns the address needs confirming.
    /// </summary>
    private async Task<bool> RightPasswordForUnconfirmedAsync(AppUser user) =>
        await users.CheckPasswordAsync(user, Input.Password) && !user.EmailConfirmed && !await users.IsLockedOutAsync(user);

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
