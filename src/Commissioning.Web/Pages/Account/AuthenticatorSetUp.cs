using System.Globalization;
using System.Text;
using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace Commissioning.Web.Pages.Account;

/// <summary>
/// What a person needs to add this service to their authenticator app: the key to type in (grouped in fours), the
/// otpauth link some apps open, and the same link as a QR code to scan. Shown by the account page and by the set-up
/// page a member of staff is sent to when signing in (the partial _AuthenticatorSetUp).
/// </summary>
public sealed record AuthenticatorSetUp(string Issuer, string GroupedKey, string Link, string QrCodeSvg)
{
    /// <summary>The person's authenticator key (made now if they have none yet) and its link and QR code.</summary>
    /// <remarks>
    /// A first key is stored without renewing the account's security stamp (Identity's ResetAuthenticatorKeyAsync
    /// renews it): no session can hold a key that did not exist, and every request checks the stamp, so renewing it
    /// would end the person's own session, or the half-finished sign-in of staff sent here to set up their app.
    /// </remarks>
    public static async Task<AuthenticatorSetUp> ForAsync(UserManager<AppUser> users, IUserStore<AppUser> keys, AppUser user, ServiceOptions service)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            var store = keys as IUserAuthenticatorKeyStore<AppUser> ?? throw new InvalidOperationException("The user store cannot keep authenticator keys.");
            key = users.GenerateNewAuthenticatorKey();
            await store.SetAuthenticatorKeyAsync(user, key, CancellationToken.None);
            var saved = await users.UpdateAsync(user);
            if (!saved.Succeeded)
            {
                throw new InvalidOperationException($"The authenticator key could not be saved: {string.Join("; ", saved.Errors.Select(e => e.Description))}");
            }
        }

        var issuer = $"{service.ServiceName} ({service.OpccName})";
        var escaped = Uri.EscapeDataString(issuer);
        var link = $"otpauth://totp/{escaped}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={escaped}&digits=6";
        return new AuthenticatorSetUp(issuer, Grouped(key), link, QrCode(link));
    }

    /// <summary>Codes typed with spaces or a hyphen (123 456) are read as the six digits.</summary>
    public static string Compact(string code) => code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    /// <summary>
    /// The link as an SVG QR code: one path of black squares on white, drawn here from QRCoder's module matrix (with
    /// its quiet zone), so the page holds no inline style and no image the content security policy would have to allow.
    /// </summary>
    private static string QrCode(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var path = new StringBuilder();
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                if (modules[y][x])
                {
                    path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h1v1h-1z");
                }
            }
        }

        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-qr-code\" viewBox=\"0 0 {size} {size}\" width=\"{size * 5}\" height=\"{size * 5}\" shape-rendering=\"crispEdges\" role=\"img\" aria-labelledby=\"qr-code-title\">"
            + "<title id=\"qr-code-title\">QR code to scan with your authenticator app</title>"
            + $"<rect width=\"{size}\" height=\"{size}\" fill=\"#ffffff\"/><path fill=\"#000000\" d=\"{path}\"/></svg>";
    }
}
