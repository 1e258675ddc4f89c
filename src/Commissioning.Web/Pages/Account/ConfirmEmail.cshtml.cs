using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Account;

/// <summary>The link in the confirmation e-mail lands here: it confirms the address, or says how to get a new link.</summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(UserManager<AppUser> users, ILogger<ConfirmEmailModel> logger) : PageModel
{
    public bool Confirmed { get; private set; }

    public string SignInLink { get; private set; } = "/Account/SignIn";

    public async Task OnGetAsync(string? userId, string? code, string? returnUrl)
    {
        if (Url.IsLocalUrl(returnUrl))
        {
            SignInLink = $"/Account/SignIn?ReturnUrl={Uri.EscapeDataString(returnUrl!)}";
        }

        var token = AccountEmails.Decode(code);
        var user = string.IsNullOrWhiteSpace(userId) || token is null ? null : await users.FindByIdAsync(userId);
        if (user is null || token is null)
        {
            return;
        }

        Confirmed = (await users.ConfirmEmailAsync(user, token)).Succeeded;
        if (Confirmed)
        {
            logger.LogInformation("{User} confirmed their email address", user.Id);
        }
    }
}
