using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Commissioning.Web.Pages.Account;

/// <summary>E-mails a link to reset the password. The answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
[EnableRateLimiting(EmailRequestLimits.Policy)]
public sealed class ForgotPasswordModel(UserManager<AppUser> users, CommissioningDbContext db, AccountEmails emails, ILogger<ForgotPasswordModel> logger, EmailRequestLimits limits) : PageModel
{
    [BindProperty]
    public EmailInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        if (limits.TryRequestFor(email, HttpContext) is { } tooMany)
        {
            return tooMany;
        }

        var user = await users.FindByEmailAsync(email);
        if (user is not null)
        {
            await emails.QueuePasswordResetAsync(user, Request);
            await db.SaveChangesAsync();
            logger.LogInformation("Password reset link queued for {User}", user.Id);
        }

        TempData[CheckYourEmailModel.EmailKey] = email;
        return RedirectToPage("CheckYourEmail", new { sent = CheckYourEmailModel.PasswordReset });
    }
}
