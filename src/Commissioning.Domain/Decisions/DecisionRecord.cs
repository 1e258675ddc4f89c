using Commissioning.Domain.Common;

namespace Commissioning.Domain.Decisions;

/// <summary>
/// A numbered record of a decision by the Police and Crime Commissioner: what was decided, why, who led on it, and
/// whether it can be published. Offices number them in their own formats (WPCC3-0124, 050/2021, 04/2025-26).
/// </summary>
public sealed class DecisionRecord
{
    public const int ReferenceMaxLength = 40;

    private DecisionRecord()
    {
        Reference = string.Empty;
        Title = string.Empty;
        Decision = string.Empty;
        Reasons = string.Empty;
        DecisionMaker = string.Empty;
        LeadOfficer = string.Empty;
    }

    public DecisionRecord(string reference, string title, string decision, string reasons, DateOnly decidedOn, string decisionMaker, string leadOfficer, bool registerOfInterestsUpToDate, string? confidentialBecause = null)
    {
        if (!registerOfInterestsUpToDate)
        {
            throw new DomainException("Confirm that the register of interests is up to date before recording the decision.");
        }

        Id = DecisionRecordId.New();
        Reference = Text.SingleLine(reference, "decision reference", ReferenceMaxLength);
        Title = Text.SingleLine(title, "decision title", 300);
        Decision = Text.Required(decision, "decision", 10_000);
        Reasons = Text.Required(reasons, "reasons for the decision", 20_000);
        DecidedOn = decidedOn;
        DecisionMaker = Text.SingleLine(decisionMaker, "decision maker", 200);
        LeadOfficer = Text.SingleLine(leadOfficer, "lead officer", 200);
        RegisterOfInterestsConfirmed = true;
        ConfidentialBecause = Text.Optional(confidentialBecause, "reason the decision is confidential", 2000);
    }

    public DecisionRecordId Id { get; private set; }

    public string Reference { get; private set; }

    public string Title { get; private set; }

    public string Decision { get; private set; }

    public string Reasons { get; private set; }

    public DateOnly DecidedOn { get; private set; }

    public string DecisionMaker { get; private set; }

    public string LeadOfficer { get; private set; }

    public bool RegisterOfInterestsConfirmed { get; private set; }

    public string? ConfidentialBecause { get; private set; }

    public bool IsConfidential => ConfidentialBecause is not null;

    public DateOnly? PublishedOn { get; private set; }

    public void Publish(DateOnly on)
    {
        if (IsConfidential)
        {
            throw new DomainException($"Decision {Reference} is confidential ({ConfidentialBecause}) and cannot be published.");
        }

        if (PublishedOn is not null)
        {
            throw new DomainException($"Decision {Reference} was already published on {PublishedOn:d MMMM yyyy}.");
        }

        PublishedOn = on;
    }
}
