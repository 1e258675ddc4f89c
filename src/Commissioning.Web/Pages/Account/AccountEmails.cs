using System.Text;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Account;

/// <summary>
/// The e-mails about a person's account, queued in the outbox in the caller's unit of work (the caller saves).
/// Tokens travel Base64Url-encoded in the links; links are absolute, to this service.
/// </summary>
public sealed class AccountEmails(Outbox outbox, UserManager<AppUser> users, IOptions<ServiceOptions> service)
{
    /// <summary>How long Identity's e-mail tokens work (its default token provider's lifespan).</summary>
    public const string LinkLifetime = "24 hours";

    private ServiceOptions Service => service.Value;

    public async Task QueueConfirmationAsync(AppUser user, HttpRequest request, string? returnUrl)
    {
        var code = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = Service.LinkTo(request, $"/Account/ConfirmEmail?userId={Uri.EscapeDataString(user.Id)}&code={code}{ReturnUrlParameter(returnUrl)}");
        outbox.Enqueue(user.Email!, $"Confirm your email address for {Service.ServiceName}", Letter(user.FullName,
            $"To finish creating your account for {Service.ServiceName}, confirm your email address by opening this link:",
            link,
            $"The link works for {LinkLifetime}. If you did not create an account, you can ignore this email."));
    }

    /// <summary>Someone tried to register with an address that already has an account: tell its owner, not the person registering.</summary>
    public void QueueAlreadyRegistered(AppUser user, HttpRequest request)
    {
        outbox.Enqueue(user.Email!, $"Someone tried to create an account with your email address", Letter(user.FullName,
            $"Someone tried to create an account for {Service.ServiceName} with this email address. You already have an account.",
            $"If it was you, sign in: {Service.LinkTo(request, "/Account/SignIn")}",
            $"If you have forgotten your password, reset it: {Service.LinkTo(request, "/Account/ForgotPassword")}",
            "If it was not you, you do not need to do anything: your account has not changed."));
    }

    public async Task QueuePasswordResetAsync(AppUser user, HttpRequest request)
    {
        var code = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = Service.LinkTo(request, $"/Account/ResetPassword?userId={Uri.EscapeDataString(user.Id)}&code={code}");
        outbox.Enqueue(user.Email!, $"Reset your password for {Service.ServiceName}", Letter(user.FullName,
            $"Someone asked to reset the password of your account for {Service.ServiceName}. To choose a new password, open this link:",
            link,
            $"The link works for {LinkLifetime}, once. If you did not ask to reset your password, you can ignore this email: your password has not changed."));
    }

    public void QueuePasswordChanged(AppUser user, HttpRequest request)
    {
        outbox.Enqueue(user.Email!, $"Your password for {Service.ServiceName} has been changed", Letter(user.FullName,
            $"The password of your account for {Service.ServiceName} has just been changed.",
            $"If you did not change it, reset it now and tell {Service.OpccName}: {Service.LinkTo(request, "/Account/ForgotPassword")}"));
    }

    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    /// <summary>The token inside a link, or null if the link was mangled.</summary>
    public static string? Decode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    public string Letter(string fullName, params string[] paragraphs) =>
        $"Dear {fullName},\r\n\r\n{string.Join("\r\n\r\n", paragraphs)}\r\n\r\n{Service.ServiceName}\r\n{Service.OpccName}\r\n";

    private static string ReturnUrlParameter(string? returnUrl) =>
        IsLocal(returnUrl) ? $"&returnUrl={Uri.EscapeDataString(returnUrl!)}" : string.Empty;

    /// <summary>A path on this site (as Url.IsLocalUrl judges it), so a link can never send someone elsewhere.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains("\\", StringComparison.Ordinal);
}
