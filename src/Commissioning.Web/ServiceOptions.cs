namespace Commissioning.Web;

/// <summary>How this office presents the service: the OPCC's name appears beside the service name in every page header.</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    public string ServiceName { get; set; } = "Commissioning";

    public string OpccName { get; set; } = "Office of the Police and Crime Commissioner";

    /// <summary>
    /// The address people use to reach the service (https://grants.example.org), for links in e-mails. When empty,
    /// links use the scheme and host of the request that caused the e-mail; set it (or AllowedHosts) where the app
    /// can be reached under a host name an outsider chooses.
    /// </summary>
    public string? PublicAddress { get; set; }

    /// <summary>An absolute link to a path of this service, for an e-mail.</summary>
    public string LinkTo(HttpRequest request, string pathAndQuery) =>
        (string.IsNullOrWhiteSpace(PublicAddress) ? $"{request.Scheme}://{request.Host}{request.PathBase}" : PublicAddress.TrimEnd('/')) + pathAndQuery;
}
