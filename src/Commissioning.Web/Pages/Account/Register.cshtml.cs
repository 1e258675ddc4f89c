using System.ComponentModel.DataAnnotations;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Commissioning.Web.Pages.Account;

/// <summary>
/// Creates an applicant's account and e-mails a link to confirm the address. An address that already has an
/// account gets the same answer on screen, and its owner gets an e-mail instead, so nobody learns who has an account.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(EmailRequestLimits.Policy)]
public sealed class RegisterModel(UserManager<AppUser> users, CommissioningDbContext db, AccountEmails emails, ILogger<RegisterModel> logger, EmailRequestLimits limits) : PageModel
{
    public const int PasswordMinLength = 12;

    public const int PasswordMaxLength = 200;

    public const string PasswordTooShort = "Your password must be 12 characters or more";

    public const string PasswordTooLong = "Your password must be 200 characters or fewer";

    /// <summary>The hint under every new-password field: how long, and how hard to guess (<see cref="Infrastructure.Identity.PasswordStrength"/>).</summary>
    public const string PasswordHint = "Your password must be 12 characters or more. It must be hard to guess, so do not use your name, your email address or a common password. Three or four random words together make a password that is easy to remember and hard to guess.";

    public const string PasswordsDiffer = "The passwords do not match. Enter the same password in both fields";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string SignInLink => Url.IsLocalUrl(ReturnUrl) ? $"/Account/SignIn?ReturnUrl={Uri.EscapeDataString(ReturnUrl!)}" : "/Account/SignIn";

    public IActionResult OnGet() => User.Identity?.IsAuthenticated == true ? LocalRedirect(SignInModel.SafeReturnUrl(Url, ReturnUrl)) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (Text.HasLineBreakOrControl(Input.FullName))
        {
            ModelState.AddModelError("Input.FullName", "Your full name must be on one line: remove any line breaks, tabs or other control characters");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        if (limits.TryRequestFor(email, HttpContext) is { } tooMany)
        {
            return tooMany;
        }

        // The password is judged before anything is looked up, so a weak one is refused alike whether or not the
        // address has an account, and the answer tells nobody which addresses do.
        var candidate = new AppUser { UserName = email, Email = email, FullName = Input.FullName.Trim() };
        foreach (var validator in users.PasswordValidators)
        {
            var judged = await validator.ValidateAsync(users, candidate, Input.Password);
            foreach (var error in judged.Errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var existing = await users.FindByEmailAsync(email);
        if (existing is not null)
        {
            return await AlreadyRegisteredAsync(existing, email);
        }

        await using var transaction = await db.Database.BeginTransactionAsync();
        var user = new AppUser { UserName = email, Email = email, FullName = Input.FullName.Trim() };
        var created = await users.CreateAsync(user, Input.Password);
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync();
            if (created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName)))
            {
                db.ChangeTracker.Clear();
                return await AlreadyRegisteredAsync(await users.FindByEmailAsync(email), email);
            }

            foreach (var error in created.Errors)
            {
                ModelState.AddModelError(error.Code.Contains("Password", StringComparison.Ordinal) ? "Input.Password" : "Input.Email", error.Description);
            }

            return Page();
        }

        var role = await users.AddToRoleAsync(user, Roles.Applicant);
        if (!role.Succeeded)
        {
            throw new InvalidOperationException($"Could not give {email} the Applicant role: {string.Join("; ", role.Errors.Select(e => e.Description))}");
        }

        await emails.QueueConfirmationAsync(user, Request, SafeReturnUrl());
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        logger.LogInformation("{User} registered; confirmation email queued", user.Id);
        return CheckYourEmail(email);
    }

    private async Task<IActionResult> AlreadyRegisteredAsync(AppUser? existing, string email)
    {
        if (existing is not null)
        {
            emails.QueueAlreadyRegistered(existing, Request);
            await db.SaveChangesAsync();
            logger.LogInformation("Someone tried to register the address of {User}; its owner has been told", existing.Id);
        }

        return CheckYourEmail(email);
    }

    private RedirectToPageResult CheckYourEmail(string email)
    {
        TempData[CheckYourEmailModel.EmailKey] = email;
        return RedirectToPage("CheckYourEmail", new { sent = CheckYourEmailModel.Confirmation });
    }

    private string? SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your full name")]
        [StringLength(AppUser.FullNameMaxLength, ErrorMessage = "Your full name must be 200 characters or fewer")]
        public string FullName { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your email address")]
        [StringLength(254, ErrorMessage = "Your email address must be 254 characters or fewer")]
        [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.org")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter a password")]
        [MinLength(PasswordMinLength, ErrorMessage = PasswordTooShort)]
        [MaxLength(PasswordMaxLength, ErrorMessage = PasswordTooLong)]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password again")]
        [Compare(nameof(Password), ErrorMessage = PasswordsDiffer)]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}

/// <summary>A new-password field for _PasswordField: its form name ("Input.Password"), label and hint.</summary>
public sealed record PasswordField(string Name, string Label, string? Hint = null);
