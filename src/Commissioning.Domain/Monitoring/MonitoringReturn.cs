using Commissioning.Domain.Common;

namespace Commissioning.Domain.Monitoring;

public enum ReturnKind
{
    Quarterly = 1,
    MidYearBudget = 2,
    FebruaryForecast = 3,
    YearEndUnderspend = 4,
    EndOfGrant = 5,
}

public enum ReturnStatus
{
    Due = 1,
    Submitted = 2,
    Accepted = 3,
    ReturnedForChanges = 4,
}

/// <summary>A report a grant holder owes: a quarterly return, a budget return, or the end-of-grant report.</summary>
public sealed class MonitoringReturn
{
    public const int NarrativeMaxLength = 10_000;

    private MonitoringReturn()
    {
        Title = string.Empty;
    }

    public MonitoringReturn(AwardId awardId, ReturnKind kind, string title, DateOnly periodStart, DateOnly periodEnd, DateOnly dueOn, bool asksVictimFigures = false)
    {
        if (periodEnd < periodStart)
        {
            throw new DomainException("A return's period must end on or after it starts.");
        }

        Id = MonitoringReturnId.New();
        AwardId = awardId;
        Kind = kind;
        Title = Text.SingleLine(title, "return title", 200);
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        DueOn = dueOn;
        AsksVictimFigures = asksVictimFigures;
        Status = ReturnStatus.Due;
    }

    public MonitoringReturnId Id { get; private set; }

    public AwardId AwardId { get; private set; }

    public ReturnKind Kind { get; private set; }

    public string Title { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    public DateOnly DueOn { get; private set; }

    public ReturnStatus Status { get; private set; }

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? SubmittedBy { get; private set; }

    public Money? SpendToDate { get; private set; }

    public string? Narrative { get; private set; }

    public string? ReviewerComment { get; private set; }

    /// <summary>A victims' services return, which also counts referrals, victims supported and victims helped to cope and recover.</summary>
    public bool AsksVictimFigures { get; private set; }

    public VictimFigures? Figures { get; private set; }

    /// <summary>The title as it reads inside a sentence: "your end-of-grant report", "the quarter 3 return (October to December 2026)".</summary>
    public string TitleInSentence() => char.ToLowerInvariant(Title[0]) + Title[1..];

    public bool IsOverdueOn(DateOnly today) => Status is ReturnStatus.Due or ReturnStatus.ReturnedForChanges && today > DueOn;

    public void Submit(Money spendToDate, string narrative, string by, DateTimeOffset at, VictimFigures? figures = null)
    {
        if (Status is not (ReturnStatus.Due or ReturnStatus.ReturnedForChanges))
        {
            throw new DomainException($"'{Title}' was already {Status.ToString().ToLowerInvariant()}; it cannot be submitted again.");
        }

        if (spendToDate.IsNegative)
        {
            throw new DomainException("Spend to date cannot be less than £0.00.");
        }

        if (AsksVictimFigures && figures is null)
        {
            throw new DomainException($"'{Title}' needs the numbers of referrals, victims supported and victims helped to cope and recover.");
        }

        if (!AsksVictimFigures && figures is not null)
        {
            throw new DomainException($"'{Title}' does not ask for victims' figures.");
        }

        var summary = Text.Required(narrative, "summary of progress", NarrativeMaxLength);
        Figures = figures;
        SpendToDate = spendToDate;
        Narrative = summary;
        SubmittedBy = by;
        SubmittedAt = at;
        Status = ReturnStatus.Submitted;
    }

    public void Accept() => Review(ReturnStatus.Accepted, null);

    public void ReturnForChanges(string comment) => Review(ReturnStatus.ReturnedForChanges, Text.Required(comment, "changes needed", 4000));

    private void Review(ReturnStatus to, string? comment)
    {
        if (Status != ReturnStatus.Submitted)
        {
            throw new DomainException($"Only a submitted return can be reviewed; '{Title}' is {Status.ToString().ToLowerInvariant()}.");
        }

        Status = to;
        ReviewerComment = comment;
    }
}

/// <summary>
/// What a victims' services provider counts each quarter for the Ministry of Justice return: referrals received,
/// victims supported, and of those the number helped to cope and recover.
/// </summary>
public sealed record VictimFigures
{
    public VictimFigures(int referrals, int victimsSupported, int helpedToCopeAndRecover)
    {
        if (referrals < 0 || victimsSupported < 0 || helpedToCopeAndRecover < 0)
        {
            throw new DomainException("Referrals, victims supported and victims helped to cope and recover cannot be less than 0.");
        }

        if (helpedToCopeAndRecover > victimsSupported)
        {
            throw new DomainException($"Victims helped to cope and recover ({helpedToCopeAndRecover:N0}) cannot be more than victims supported ({victimsSupported:N0}).");
        }

        Referrals = referrals;
        VictimsSupported = victimsSupported;
        HelpedToCopeAndRecover = helpedToCopeAndRecover;
    }

    public int Referrals { get; }

    public int VictimsSupported { get; }

    public int HelpedToCopeAndRecover { get; }
}
