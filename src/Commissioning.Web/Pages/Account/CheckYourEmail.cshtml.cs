using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Account;

/// <summary>
/// "Check your email", after registering, asking for the confirmation link again or asking to reset a password.
/// It reads the same whether or not the address has an account.
/// </summary>
[AllowAnonymous]
public sealed class CheckYourEmailModel : PageModel
{
    public const string EmailKey = "CheckYourEmail.Email";

    public const string Confirmation = "confirmation";

    public const string PasswordReset = "reset";

    /// <summary>The address the person typed, carried in TempData so that it never appears in a URL.</summary>
    public string? Email { get; private set; }

    public bool ForPasswordReset { get; private set; }

    public void OnGet(string? sent)
    {
        Email = TempData.Peek(EmailKey) as string;
        ForPasswordReset = sent == PasswordReset;
    }
}
