using System.ComponentModel.DataAnnotations;
using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Account;

[AllowAnonymous]
public sealed class SignInModel(SignInManager<AppUser> signInManager, ILogger<SignInModel> logger) : PageModel
{
    public const string WrongDetails = "The email address or password is not right. Check them and try again.";

    public const string LockedOut = "Your account is locked for 15 minutes because of too many failed attempts to sign in. Try again later, or ask an administrator to unlock it.";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

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

        ModelState.AddModelError("Input.Email", WrongDetails);
        return Page();
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
