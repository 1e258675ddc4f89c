using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Commissioning.Infrastructure.People;

/// <summary>
/// The e-mail that gives a new member of staff (or a new office's first administrator) their account: a link to set a
/// password, on the page the password-reset link opens, with Identity's reset token (it works for 24 hours, once).
/// Setting the password confirms the address, as only its owner receives the link.
/// </summary>
internal static class SetPasswordEmail
{
    public const string LinkLifetime = "24 hours";

    public static async Task QueueAsync(Outbox outbox, UserManager<AppUser> users, Letterhead letterhead, Func<string, string> linkTo, AppUser user, IEnumerable<string> roles, string? invitedBy)
    {
        var token = WebEncoders.Base64UrlEncode(System.Text.Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = linkTo($"/Account/ResetPassword?userId={Uri.EscapeDataString(user.Id)}&code={token}&firstTime=true");
        var what = string.Join(", ", roles.Select(Roles.Describe));
        outbox.Enqueue(user.Email!, $"Set your password for {letterhead.ServiceName}", letterhead.Letter(
            string.IsNullOrWhiteSpace(user.FullName) ? user.Email! : user.FullName,
            invitedBy is null
                ? $"An account has been made for you as the first administrator of {letterhead.ServiceName} at {letterhead.OpccName}."
                : $"{invitedBy} has given you an account for {letterhead.ServiceName} at {letterhead.OpccName}, as {what}.",
            "To set your password, open this link:",
            link,
            $"The link works for {LinkLifetime}, once. If it has expired, ask for a new one with \"Forgotten your password?\" on the sign-in page: {linkTo("/Account/ForgotPassword")}",
            "Office staff sign in with a code from an authenticator app as well as their password: the first time you sign in, you will be asked to set one up."));
    }
}
