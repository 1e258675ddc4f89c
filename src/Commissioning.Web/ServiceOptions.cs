namespace Commissioning.Web;

/// <summary>How this office presents the service: the OPCC's name appears beside the service name in every page header.</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    public string ServiceName { get; set; } = "Commissioning";

    public string OpccName { get; set; } = "Office of the Police and Crime Commissioner";

    /// <summary>
    /// The office's grants mailbox, told when an organisation accepts or declines an offer or sends a report. When
    /// empty, every grants officer's sign-in is told instead.
    /// </summary>
    public string? OfficeEmail { get; set; }

    /// <summary>
    /// The address people use to reach the service (https://grants.example.org), for links in e-mails. When empty,
    /// links use the scheme and host of the request that caused the e-mail; set it (or AllowedHosts) where the app
    /// can be reached under a host name an outsider chooses. Production refuses to start with neither set.
    /// </summary>
    public string? PublicAddress { get; set; }

    /// <summary>
    /// An absolute link to a path of this service, for an e-mail: every link in an e-mail sent while answering a request
    /// is built here (scheduled e-mails use <see cref="AddressForBackgroundMail"/>), so none follows a forged Host header
    /// when the public address is set.
    /// </summary>
    public string LinkTo(HttpRequest request, string pathAndQuery) =>
        (string.IsNullOrWhiteSpace(PublicAddress) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : PublicAddress.TrimEnd('/')) + pathAndQuery;

    /// <summary>
    /// What is wrong with the settings that decide where links in e-mails point, in words naming the settings; null
    /// when nothing is. A password-reset link built from a forged Host header would send its token to the forger, so
    /// Production needs either a public address or a list of allowed host names.
    /// </summary>
    public static string? ProblemWithLinks(string? publicAddress, string? allowedHosts, bool isProduction)
    {
        if (!string.IsNullOrWhiteSpace(publicAddress))
        {
            return IsAbsoluteWebAddress(publicAddress.Trim())
                ? null
                : $"Service:PublicAddress is '{publicAddress}', which is not an absolute http or https address. Set it to the address people reach the service at, like https://grants.example.org, with no query or fragment.";
        }

        if (isProduction && AllowsAnyHost(allowedHosts))
        {
            return "Service:PublicAddress is empty and AllowedHosts is '*' or empty, so links in e-mails (password resets, invitations) would point at whatever host a request names, "
                + "and a forged Host header could send them elsewhere. Set Service:PublicAddress to the address people reach the service at (like https://grants.example.org), "
                + "or AllowedHosts to the service's host names separated by semicolons (like grants.example.org).";
        }

        return null;
    }

    /// <summary>
    /// The address links in e-mails sent without a request (scheduled reminders) start with: the public address, or
    /// else the first allowed host name over https, or else http://localhost (development only: Production refuses
    /// to start without one of the first two).
    /// </summary>
    public static string AddressForBackgroundMail(string? publicAddress, string? allowedHosts)
    {
        if (!string.IsNullOrWhiteSpace(publicAddress))
        {
            return publicAddress.Trim().TrimEnd('/');
        }

        var host = (allowedHosts ?? string.Empty).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault(h => !h.Contains('*', StringComparison.Ordinal));
        return host is null ? "http://localhost" : $"https://{host}";
    }

    private static bool IsAbsoluteWebAddress(string address) =>
        Uri.TryCreate(address, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo)
        && string.IsNullOrEmpty(uri.Query)
        && string.IsNullOrEmpty(uri.Fragment);

    private static bool AllowsAnyHost(string? allowedHosts) =>
        string.IsNullOrWhiteSpace(allowedHosts)
        || allowedHosts.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Any(h => h == "*");
}
