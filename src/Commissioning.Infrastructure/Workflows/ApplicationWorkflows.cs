using Commissioning.Domain.Funds;

namespace Commissioning.Infrastructure.Workflows;

/// <summary>The workflow each programme's applications run in, and the events the portal publishes to it (correlated to the application's id).</summary>
public static class ApplicationWorkflows
{
    public const string ApplicationSubmitted = nameof(ApplicationSubmitted);

    public const string ApplicationWithdrawn = nameof(ApplicationWithdrawn);

    public const string OfferAccepted = nameof(OfferAccepted);

    public const string OfferDeclined = nameof(OfferDeclined);

    /// <summary>The definition an application to a round of this programme starts; null when the programme takes no applications (Community Safety Fund allocations).</summary>
    public static string? DefinitionFor(ProgrammeKind programme) => programme switch
    {
        ProgrammeKind.PolicePropertyActFund => "police-property-act-fund",
        ProgrammeKind.VictimsServicesGrant => "victims-services-grant",
        _ => null,
    };
}
