using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Commissioning.Web;

/// <summary>
/// The reverse proxies (a TLS-terminating load balancer, nginx) whose X-Forwarded-For and X-Forwarded-Proto headers
/// the service believes: only those named in configuration (<c>ForwardedHeaders:KnownProxies</c>, addresses, and
/// <c>ForwardedHeaders:KnownNetworks</c>, CIDR ranges), not even the machine itself by default, so nobody else can
/// claim to be on HTTPS or to come from another address. A request a proxy says came over HTTPS is HTTPS to the
/// service (its cookies are Secure); one it says came over HTTP is sent to HTTPS.
/// </summary>
public static class TrustedProxies
{
    public const string Section = "ForwardedHeaders";

    /// <summary>The port browsers are sent to for HTTPS when behind a proxy, unless <c>HTTPS_PORT</c> says otherwise.</summary>
    private const int DefaultHttpsPort = 443;

    public static void Register(WebApplicationBuilder builder)
    {
        var proxies = Addresses(builder.Configuration, "KnownProxies").Select(value => IPAddress.TryParse(value, out var address)
            ? address
            : throw new InvalidOperationException($"{Section}:KnownProxies has '{value}', which is not an IP address. Give each proxy's address, such as 10.0.0.5, or use {Section}:KnownNetworks for a range.")).ToList();
        var networks = Addresses(builder.Configuration, "KnownNetworks").Select(value => System.Net.IPNetwork.TryParse(value, out var network)
            ? network
            : throw new InvalidOperationException($"{Section}:KnownNetworks has '{value}', which is not a network in CIDR form. Give a network address and prefix length, such as 10.0.0.0/8.")).ToList();

        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // ASP.NET Core trusts the loopback addresses unless told otherwise; here only what is configured counts.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            proxies.ForEach(options.KnownProxies.Add);
            networks.ForEach(options.KnownIPNetworks.Add);
        });

        if (proxies.Count > 0 || networks.Count > 0)
        {
            // Behind a proxy the app itself listens on HTTP only, so the HTTPS port it redirects to is the proxy's.
            var httpsPort = builder.Configuration.GetValue<int?>("HTTPS_PORT") ?? DefaultHttpsPort;
            builder.Services.AddHttpsRedirection(options => options.HttpsPort = httpsPort);
        }
    }

    private static IEnumerable<string> Addresses(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection($"{Section}:{key}");
        // A list (KnownProxies:0, KnownProxies:1, as from JSON or KnownProxies__0) or one value separated by ; or ,.
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value);
        return values
            .SelectMany(v => (v ?? string.Empty).Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(v => v.Length > 0);
    }
}
