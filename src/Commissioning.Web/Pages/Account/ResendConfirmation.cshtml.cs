using System.ComponentModel.DataAnnotations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Commissioning.Web.Pages.Account;

/// <summary>Sends the confirmation link again. The answer is the same whether or not the address has an account.</summary>
[AllowAnonymous]
[EnableRateLimiting(EmailRequestLimits.Policy)]
public sealed class ResendConfirmationModel(UserManager<AppUser> users, CommissioningDbContext db, AccountEmails emails, EmailRequestLimits limits) : PageModel
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
        if (user is { EmailConfirmed: false })
        {
            await emails.QueueConfirmationAsync(user, Request, returnUrl: null);
            await db.SaveChangesAsync();
        }

        TempData[CheckYourEmailModel.EmailKey] = email;
        return RedirectToPage("CheckYourEmail", new { sent = CheckYourEmailModel.Confirmation });
    }
}

public sealed class EmailInput
{
    [Required(ErrorMessage = "Enter your email address")]
    [StringLength(254, ErrorMessage = "Your email address must be 254 characters or fewer")]
    [EmailAddress(ErrorMessage = "Enter an email address in the correct format, like name@example.org")]
    public string Email { get; set; } = string.Empty;
}
