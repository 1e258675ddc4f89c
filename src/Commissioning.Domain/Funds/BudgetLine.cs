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

    public Money OverProgrammingMargin { get; private set; }

    public string? MarginReason { get; private set; }

    public Money Committed { get; private set; }

    /// <summary>Changes on every commitment, so two people approving at once cannot both spend the same pound.</summary>
    public long Version { get; private set; }

    public Money Ceiling => Amount + OverProgrammingMargin;

    public Money Remaining => Ceiling - Committed;

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

    public void SetOverProgrammingMargin(Money margin, string reason)
    {
        if (margin.IsNegative)
        {
            throw new DomainException("An over-programming margin cannot be negative.");
        }

        if (Amount + margin < Committed)
        {
            throw new DomainException($"The margin cannot be {margin}: {Committed} is already committed against {Name}, which would then exceed {Amount + margin}.");
        }

        MarginReason = margin.IsZero ? null : Text.Required(reason, "reason for the over-programming margin", PurposeMaxLength);
        OverProgrammingMargin = margin;
        Version++;
    }

    public void ChangeAmount(Money amount)
    {
        if (amount.IsNegative)
        {
            throw new DomainException("A budget line cannot be less than £0.00.");
        }

        if (amount + OverProgrammingMargin < Committed)
        {
            throw new DomainException($"{Name} cannot be reduced to {amount}: {Committed} is already committed against it.");
        }

        Amount = amount;
        Version++;
    }
}
