using System.Security.Cryptography;

namespace Commissioning.Web;

/// <summary>
/// The Content-Security-Policy every answer carries. Pages run only the service's own script files and the one
/// inline script of the GOV.UK page template, which carries a nonce made afresh for each request; no inline style,
/// no plugins, no other site's forms or frames. The Hangfire Dashboard, a third-party tool with inline scripts and
/// styles of its own, gets a looser policy on its own path, still never framed.
/// </summary>
public static class ContentSecurityPolicy
{
    private const string NonceKey = "Commissioning.ContentSecurityPolicy.Nonce";

    private const string Common = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The policy of the Hangfire Dashboard (<c>/Admin/Jobs</c>), for administrators only.</summary>
    public const string ForJobsDashboard = $"{Common}; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'";

    /// <summary>The policy of every other answer, allowing the inline script that carries <paramref name="nonce"/>.</summary>
    public static string ForPages(string nonce) => $"{Common}; script-src 'self' 'nonce-{nonce}'; style-src 'self'";

    /// <summary>The nonce of this request, for the <c>nonce</c> attribute of the page template's inline script.</summary>
    public static string Nonce(HttpContext context) =>
        context.Items[NonceKey] as string ?? throw new InvalidOperationException("No Content-Security-Policy nonce was made for this request: UseCommissioning sets one before any page runs.");

    /// <summary>Makes a new nonce for the request and sets the policy that names it (or the dashboard's policy).</summary>
    public static void Apply(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(JobsDashboard.Path, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Headers.ContentSecurityPolicy = ForJobsDashboard;
            return;
        }

        // Made again when an error page is run for the same request, so the header and the page always agree.
        var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        context.Response.Headers.ContentSecurityPolicy = ForPages(nonce);
    }
}
