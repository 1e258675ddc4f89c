using System.ComponentModel.DataAnnotations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Account;

/// <summary>The link in the reset e-mail lands here: choose a new password, or be told how to get a new link.</summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<AppUser> users, CommissioningDbContext db, AccountEmails emails, ILogger<ResetPasswordModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? UserId { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary>The link came in an invitation to a new account (<c>SetPasswordEmail</c>): the page asks to set a password, not a new one.</summary>
    [BindProperty(SupportsGet = true)]
    public bool FirstTime { get; set; }

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool LinkInvalid { get; private set; }

    public bool Done { get; private set; }

    public async Task OnGetAsync()
    {
        var (user, token) = await FromLinkAsync();
        LinkInvalid = user is null || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token!);
    }

    public void OnGetDone() => Done = true;

    public async Task<IActionResult> OnPostAsync()
    {
        var (user, token) = await FromLinkAsync();
        if (user is null)
        {
            LinkInvalid = true;
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var reset = await users.ResetPasswordAsync(user, token!, Input.Password);
        if (!reset.Succeeded)
        {
            await transaction.RollbackAsync();
            if (reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
            {
                LinkInvalid = true;
                return Page();
            }

            foreach (var error in reset.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }

            return Page();
        }

        // The link came to the address, so the person holds it; and a forgotten password is no reason to stay locked out.
        if (!user.EmailConfirmed)
        {
            user.EmailConfirmed = true;
            await users.UpdateAsync(user);
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        emails.QueuePasswordChanged(user, Request);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        logger.LogInformation("{User} reset their password", user.Id);
        return RedirectToPage("ResetPassword", "Done", new { FirstTime });
    }

    private async Task<(AppUser? User, string? Token)> FromLinkAsync()
    {
        var token = AccountEmails.Decode(Code);
        var user = token is null || string.IsNullOrWhiteSpace(UserId) ? null : await users.FindByIdAsync(UserId);
        return (user, token);
    }

    public sealed class PasswordInput
    {
        [Required(ErrorMessage = "Enter a new password")]
        [MinLength(RegisterModel.PasswordMinLength, ErrorMessage = RegisterModel.PasswordTooShort)]
        [MaxLength(RegisterModel.PasswordMaxLength, ErrorMessage = RegisterModel.PasswordTooLong)]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your new password again")]
        [Compare(nameof(Password), ErrorMessage = RegisterModel.PasswordsDiffer)]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
