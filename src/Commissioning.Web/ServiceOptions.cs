namespace Commissioning.Web;

/// <summary>How this office presents the service: the OPCC's name appears beside the service name in every page header.</summary>
public sealed class ServiceOptions
{
    public const string Section = "Service";

    public string ServiceName { get; set; } = "Commissioning";

    public string OpccName { get; set; } = "Office of the Police and Crime Commissioner";
}
