using Commissioning.Domain.Common;

namespace Commissioning.Domain.Funds;

/// <summary>
/// A line of a fund's budget for one year: the general pot, or money ring-fenced for a purpose (e.g. domestic abuse
/// and sexual violence services). Awards are committed against one line. The line never commits more than its
/// amount plus an over-programming margin that someone has recorded with a reason.
/// </summary>
public sealed class BudgetLine
{
    public const int NameMaxLength = 200;

    public const int PurposeMaxLength = 500;

    public const int ReasonMaxLength = 500;

    private readonly List<BudgetLineChange> _changes = [];

    private BudgetLine()
    {
        Name = string.Empty;
    }

    internal BudgetLine(BudgetId budgetId, FundId fundId, FinancialYear year, string name, Money amount, string? ringFencedFor)
    {
        if (amount.IsNegative)
        {
            throw new DomainException("A budget line cannot be less than £0.00.");
        }

        Id = BudgetLineId.New();
        BudgetId = budgetId;
        FundId = fundId;
        Year = year;
        Name = Text.SingleLine(name, "budget line name", NameMaxLength);
        Amount = amount;
        RingFencedFor = Text.OptionalSingleLine(ringFencedFor, "ring-fenced purpose", PurposeMaxLength);
    }

    public BudgetLineId Id { get; private set; }

    public BudgetId BudgetId { get; private set; }

    public FundId FundId { get; private set; }

    public FinancialYear Year { get; private set; }

    public string Name { get; private set; }

    public Money Amount { get; private set; }

    public string? RingFencedFor { get; private set; }

    public bool IsRingFenced => RingFencedFor is not null;

    /// <summary>The line's own cost centre, where it differs from its fund's.</summary>
    public string? CostCentre { get; private set; }

    public string? NominalCode { get; private set; }

    public string? FundCode { get; private set; }

    /// <summary>The line's own finance codes (any left empty are its fund's).</summary>
    public FinanceCodes OwnCodes => new(CostCentre, NominalCode, FundCode);

    /// <summary>The last day the line's money may be spent, where it has one (victims' services money: 31 March; an uplift: its own end date).</summary>
    public DateOnly? SpendBy { get; private set; }

    /// <summary>For an in-year uplift, the day the money arrived; null for the year's own budget lines.</summary>
    public DateOnly? UpliftReceivedOn { get; private set; }

    public string? UpliftReason { get; private set; }

    public bool IsUplift => UpliftReceivedOn is not null;

    /// <summary>Every change to the line's amount or margin, with who made it, when and why, oldest first.</summary>
    public IReadOnlyCollection<BudgetLineChange> Changes => _changes.AsReadOnly();

    public Money OverProgrammingMargin { get; private set; }

    public string? MarginReason { get; private set; }

    public Money Committed { get; private set; }

    /// <summary>Changes on every commitment, so two people approving at once cannot both spend the same pound.</summary>
    public long Version { get; private set; }

    public Money Ceiling => Amount + OverProgrammingMargin;

    public Money Remaining => Ceiling - Committed;

    /// <summary>
    /// Refuses a round that would make more available from the line than it holds: the amounts the line's rounds
    /// make available (this one's and <paramref name="otherRounds"/>) may not add up to more than the line's amount
    /// plus its over-programming margin.
    /// </summary>
    public void EnsureRoundFits(Money amountAvailable, Money otherRounds)
    {
        if (!amountAvailable.IsPositive)
        {
            throw new DomainException("The amount available for a round must be more than £0.00.");
        }

        var left = Ceiling - otherRounds;
        if (amountAvailable > left)
        {
            var margin = OverProgrammingMargin.IsZero ? string.Empty : $" with its {OverProgrammingMargin} over-programming margin";
            var others = otherRounds.IsZero ? string.Empty : $", and its other rounds make {otherRounds} available";
            throw new DomainException($"{amountAvailable} is more than {Name} for {Year} can fund: it holds {Amount}{margin}{others}, so at most {(left.IsNegative ? Money.Zero : left)} is left for this round. Make less available, or add to the line first.");
        }
    }

    public void Commit(Money amount)
    {
        if (!amount.IsPositive)
        {
            throw new DomainException("An award must be more than £0.00.");
        }

        if (Committed + amount > Ceiling)
        {
            var margin = OverProgrammingMargin.IsZero ? string.Empty : $" (including the {OverProgrammingMargin} over-programming margin)";
            throw new DomainException($"{amount} cannot be committed against {Name} for {Year}: only {Remaining} remains{margin}.");
        }

        Committed += amount;
        Version++;
    }

    /// <summary>Gives money back to the line: an award withdrawn, reduced, or unspent money returned.</summary>
    public void Release(Money amount)
    {
        if (!amount.IsPositive)
        {
            throw new DomainException("The amount released must be more than £0.00.");
        }

        if (amount > Committed)
        {
            throw new DomainException($"{amount} cannot be released from {Name}: only {Committed} is committed.");
        }

        Committed -= amount;
        Version++;
    }

    /// <summary>
    /// Sets how far beyond its amount the line may commit (over-programming, expecting underspend), with the reason
    /// it is recorded for. A zero margin needs no reason and clears it. Never below what is already committed.
    /// </summary>
    public void SetOverProgrammingMargin(Money margin, string? reason, string by, DateTimeOffset at)
    {
        if (margin.IsNegative)
        {
            throw new DomainException("An over-programming margin cannot be negative.");
        }

        if (Amount + margin < Committed)
        {
            var shortBy = Committed - (Amount + margin);
            var lowest = Committed - Amount;
            throw new DomainException($"{Committed} is already committed from {Name}, so its amount plus margin cannot go below that: a margin of {margin} would leave it {shortBy} short. Lower the margin by at most {OverProgrammingMargin - lowest} (to no less than {lowest}).");
        }

        var newReason = margin.IsZero ? null : Text.Required(reason, "reason for the over-programming margin", PurposeMaxLength);
        var changeReason = newReason ?? Text.Optional(reason, "reason for removing the margin", ReasonMaxLength) ?? "Margin removed";
        _changes.Add(new BudgetLineChange(Id, BudgetLineChangeKind.Margin, OverProgrammingMargin, margin, changeReason, by, at));
        MarginReason = newReason;
        OverProgrammingMargin = margin;
        Version++;
    }

    /// <summary>
    /// Changes the line's amount, recording who, when and why. Refused, saying by how much, when the amount plus the
    /// margin would fall below what is already committed from the line.
    /// </summary>
    public void ChangeAmount(Money amount, string reason, string by, DateTimeOffset at)
    {
        if (amount.IsNegative)
        {
            throw new DomainException("A budget line cannot be less than £0.00.");
        }

        if (amount + OverProgrammingMargin < Committed)
        {
            var shortBy = Committed - (amount + OverProgrammingMargin);
            var lowest = Committed - OverProgrammingMargin;
            var margin = OverProgrammingMargin.IsZero ? string.Empty : $" with its {OverProgrammingMargin} margin";
            throw new DomainException($"{Committed} is already committed from {Name}, so its amount plus margin cannot go below that: {amount}{margin} would leave it {shortBy} short. Lower the amount by at most {Amount - lowest} (to no less than {lowest}).");
        }

        var because = Text.Required(reason, "reason for the change", ReasonMaxLength);
        if (amount == Amount)
        {
            return;
        }

        _changes.Add(new BudgetLineChange(Id, BudgetLineChangeKind.Amount, Amount, amount, because, by, at));
        Amount = amount;
        Version++;
    }

    /// <summary>The line's codes, end date and uplift details, checked by its fund; starts its history.</summary>
    internal void SetUp(FinanceCodes? codes, DateOnly? spendBy, DateOnly? upliftReceivedOn, string? upliftReason, string by, DateTimeOffset at)
    {
        CostCentre = codes?.CostCentre;
        NominalCode = codes?.NominalCode;
        FundCode = codes?.FundCode;
        SpendBy = spendBy;
        UpliftReceivedOn = upliftReceivedOn;
        UpliftReason = upliftReason;
        _changes.Add(new BudgetLineChange(Id, BudgetLineChangeKind.SetUp, Money.Zero, Amount, upliftReason ?? "Line set up", by, at));
    }
}

public enum BudgetLineChangeKind
{
    SetUp = 1,
    Amount = 2,
    Margin = 3,
}

/// <summary>One change to a budget line's amount or over-programming margin: from what, to what, who, when and why.</summary>
public sealed class BudgetLineChange
{
    public const int ByMaxLength = 256;

    private BudgetLineChange()
    {
        Reason = string.Empty;
        By = string.Empty;
    }

    internal BudgetLineChange(BudgetLineId lineId, BudgetLineChangeKind kind, Money from, Money to, string reason, string by, DateTimeOffset at)
    {
        Id = Ids.NewValue();
        BudgetLineId = lineId;
        Kind = kind;
        From = from;
        To = to;
        Reason = reason;
        By = Text.SingleLine(by, "name of who made the change", ByMaxLength);
        At = at;
    }

    public Guid Id { get; private set; }

    public BudgetLineId BudgetLineId { get; private set; }

    public BudgetLineChangeKind Kind { get; private set; }

    public Money From { get; private set; }

    public Money To { get; private set; }

    public string Reason { get; private set; }

    public string By { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Describe() => Kind switch
    {
        BudgetLineChangeKind.SetUp => $"Set up at {To}",
        BudgetLineChangeKind.Amount => $"Amount changed from {From} to {To}",
        BudgetLineChangeKind.Margin => $"Over-programming margin changed from {From} to {To}",
        _ => Kind.ToString(),
    };
}
