using Commissioning.Domain.Funds;

namespace Commissioning.Infrastructure.Workflows;

/// <summary>The workflow each programme's applications run in, and the events the portal publishes to it (correlated to the application's id).</summary>
public static class ApplicationWorkflows
{
    /// <summary>The same event as <see cref="GrantWorkflowContract.Events.ApplicationSubmitted"/>.</summary>
    public const string ApplicationSubmitted = GrantWorkflowContract.Events.ApplicationSubmitted;

    /// <summary>The same event as <see cref="GrantWorkflowContract.Events.ApplicationWithdrawn"/>.</summary>
    public const string ApplicationWithdrawn = GrantWorkflowContract.Events.ApplicationWithdrawn;

    /// <summary>The same event as <see cref="GrantWorkflowContract.Events.OfferAccepted"/>.</summary>
    public const string OfferAccepted = GrantWorkflowContract.Events.OfferAccepted;

    /// <summary>The same event as <see cref="GrantWorkflowContract.Events.OfferDeclined"/>.</summary>
    public const string OfferDeclined = GrantWorkflowContract.Events.OfferDeclined;

    /// <summary>The definition an application to a round of this programme starts; null when the programme takes no applications (Community Safety Fund allocations).</summary>
    public static string? DefinitionFor(ProgrammeKind programme) => programme switch
    {
        ProgrammeKind.PolicePropertyActFund => GrantWorkflowContract.Definitions.PolicePropertyActFund,
        ProgrammeKind.VictimsServicesGrant => GrantWorkflowContract.Definitions.VictimsServicesGrant,
        _ => null,
    };
}
