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
    private MonitoringReturn()
    {
        Title = string.Empty;
    }

    public MonitoringReturn(AwardId awardId, ReturnKind kind, string title, DateOnly periodStart, DateOnly periodEnd, DateOnly dueOn)
    {
        if (periodEnd < periodStart)
        {
            throw new DomainException("A return's period must end on or after it starts.");
        }

        Id = MonitoringReturnId.New();
        AwardId = awardId;
        Kind = kind;
        Title = Text.Required(title, "return title", 200);
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        DueOn = dueOn;
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

    public bool IsOverdueOn(DateOnly today) => Status is ReturnStatus.Due or ReturnStatus.ReturnedForChanges && today > DueOn;

    public void Submit(Money spendToDate, string narrative, string by, DateTimeOffset at)
    {
        if (Status is not (ReturnStatus.Due or ReturnStatus.ReturnedForChanges))
        {
            throw new DomainException($"'{Title}' was already {Status.ToString().ToLowerInvariant()}; it cannot be submitted again.");
        }

        if (spendToDate.IsNegative)
        {
            throw new DomainException("Spend to date cannot be less than £0.00.");
        }

        var summary = Text.Required(narrative, "summary of progress", 10_000);
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
