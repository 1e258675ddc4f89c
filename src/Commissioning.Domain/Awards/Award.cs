using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;

namespace Commissioning.Domain.Awards;

public enum AwardStatus
{
    Committed = 1,
    Offered = 2,
    Accepted = 3,
    Active = 4,
    Closed = 5,
    Withdrawn = 6,
}

public enum ConditionTiming
{
    BeforePayment = 1,
    DuringGrant = 2,
}

/// <summary>
/// A grant awarded to an organisation: the money is committed against one budget line when the award is made, and
/// given back to that line if the award is withdrawn. It supports one or more plan priorities, one of them primary.
/// </summary>
public sealed class Award
{
    public const int PurposeMaxLength = 4000;

    private readonly List<AwardPriority> _priorities = [];

    private readonly List<AwardCondition> _conditions = [];

    private readonly List<Instalment> _instalments = [];

    private Award()
    {
        Purpose = string.Empty;
    }

    private Award(OrganisationId organisationId, BudgetLine line, Money amount, string purpose, DateOnly awardDate, GrantApplicationId? applicationId)
    {
        Id = AwardId.New();
        OrganisationId = organisationId;
        FundId = line.FundId;
        BudgetLineId = line.Id;
        Year = line.Year;
        Amount = amount;
        Purpose = Text.Required(purpose, "purpose of the award", PurposeMaxLength);
        AwardDate = awardDate;
        GrantApplicationId = applicationId;
        Status = AwardStatus.Committed;
    }

    public AwardId Id { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    public GrantApplicationId? GrantApplicationId { get; private set; }

    public FundId FundId { get; private set; }

    public BudgetLineId BudgetLineId { get; private set; }

    public FinancialYear Year { get; private set; }

    public Money Amount { get; private set; }

    public string Purpose { get; private set; }

    public DateOnly AwardDate { get; private set; }

    public AwardStatus Status { get; private set; }

    public IReadOnlyCollection<AwardPriority> Priorities => _priorities.AsReadOnly();

    public IReadOnlyCollection<AwardCondition> Conditions => _conditions.AsReadOnly();

    public IReadOnlyCollection<Instalment> Instalments => _instalments.AsReadOnly();

    public PriorityId PrimaryPriority => _priorities.Single(p => p.IsPrimary).PriorityId;

    /// <summary>Makes an award and commits its amount against the budget line, which refuses it if too little remains.</summary>
    public static Award Make(OrganisationId organisationId, BudgetLine line, Money amount, string purpose, DateOnly awardDate, PriorityId primaryPriority, IEnumerable<PriorityId>? otherPriorities = null, GrantApplicationId? applicationId = null)
    {
        if (awardDate > line.Year.LastDay)
        {
            throw new DomainException($"An award dated {awardDate:d MMMM yyyy} cannot be made from the {line.Year} budget, which ended on {line.Year.LastDay:d MMMM yyyy}.");
        }

        var award = new Award(organisationId, line, amount, purpose, awardDate, applicationId);
        award._priorities.Add(new AwardPriority(award.Id, primaryPriority, true));
        foreach (var other in (otherPriorities ?? []).Distinct().Where(p => p != primaryPriority))
        {
            award._priorities.Add(new AwardPriority(award.Id, other, false));
        }

        line.Commit(amount);
        return award;
    }

    /// <summary>Adds one of the programme's standard conditions, known to the service by its key.</summary>
    public AwardCondition AddCondition(StandardCondition standard) => AddCondition(standard.Timing, standard.Text, standard.Key);

    /// <summary>Adds a condition; <paramref name="key"/> names a standard one (see <see cref="ConditionKeys"/>), null a condition of this award's own.</summary>
    public AwardCondition AddCondition(ConditionTiming timing, string text, string? key = null)
    {
        EnsureNot(AwardStatus.Closed, AwardStatus.Withdrawn);
        if (key is not null && _conditions.Any(c => c.Key == key))
        {
            throw new DomainException($"This award already has the condition '{key}'.");
        }

        var condition = new AwardCondition(Id, timing, text, key);
        _conditions.Add(condition);
        return condition;
    }

    /// <summary>Sets the payment schedule; the instalments must add up to the award exactly.</summary>
    public void ScheduleInstalments(IEnumerable<(DateOnly DueOn, Money Amount)> instalments)
    {
        EnsureNot(AwardStatus.Closed, AwardStatus.Withdrawn);
        if (_instalments.Any(i => i.IsPaid))
        {
            throw new DomainException("The payment schedule cannot be replaced once an instalment has been paid.");
        }

        var list = instalments.OrderBy(i => i.DueOn).ToList();
        if (list.Count == 0 || list.Any(i => !i.Amount.IsPositive))
        {
            throw new DomainException("A payment schedule needs at least one instalment, each more than £0.00.");
        }

        var total = Money.Sum(list.Select(i => i.Amount));
        if (total != Amount)
        {
            throw new DomainException($"The instalments add up to {total} but the award is {Amount}; make them equal.");
        }

        _instalments.Clear();
        _instalments.AddRange(list.Select((i, index) => new Instalment(Id, index + 1, i.DueOn, i.Amount)));
    }

    public void RecordInstalmentPaid(InstalmentId instalmentId, DateOnly paidOn)
    {
        var instalment = _instalments.SingleOrDefault(i => i.Id == instalmentId) ?? throw new DomainException("That instalment is not part of this award.");
        if (instalment.IsPaid)
        {
            throw new DomainException($"Instalment {instalment.Number} was already paid on {instalment.PaidOn:d MMMM yyyy}.");
        }

        if (Status is not (AwardStatus.Accepted or AwardStatus.Active))
        {
            throw new DomainException($"An award that is {Status.ToString().ToLowerInvariant()} cannot be paid; it must be accepted first.");
        }

        instalment.MarkPaid(paidOn);
    }

    public void Offer() => Move(AwardStatus.Offered, AwardStatus.Committed);

    /// <summary>
    /// The organisation accepts the offer: the payment schedule is set and the signed-agreement condition is met that
    /// day (accepting in the service signs the agreement).
    /// </summary>
    public void AcceptOffer(DateOnly acceptedOn, IEnumerable<(DateOnly DueOn, Money Amount)> schedule)
    {
        Accept();
        ScheduleInstalments(schedule);
        foreach (var condition in _conditions.Where(c => c.Key == ConditionKeys.SignedAgreement && c.MetOn is null))
        {
            condition.MarkMet(acceptedOn);
        }
    }

    public Money PaidSoFar => Money.Sum(_instalments.Where(i => i.IsPaid).Select(i => i.Amount));

    public void Accept() => Move(AwardStatus.Accepted, AwardStatus.Offered);

    public void Activate() => Move(AwardStatus.Active, AwardStatus.Accepted);

    public void Close() => Move(AwardStatus.Closed, AwardStatus.Active);

    /// <summary>Withdraws an award not yet paid, giving its money back to the budget line.</summary>
    public void Withdraw(BudgetLine line)
    {
        if (line.Id != BudgetLineId)
        {
            throw new DomainException("An award's money goes back to the budget line it was committed against.");
        }

        if (_instalments.Any(i => i.IsPaid))
        {
            throw new DomainException("This award has payments made; recover the money through a clawback rather than withdrawing the award.");
        }

        Move(AwardStatus.Withdrawn, AwardStatus.Committed, AwardStatus.Offered, AwardStatus.Accepted);
        line.Release(Amount);
    }

    private void Move(AwardStatus to, params AwardStatus[] from)
    {
        if (!from.Contains(Status))
        {
            throw new DomainException($"An award that is {Status.ToString().ToLowerInvariant()} cannot become {to.ToString().ToLowerInvariant()}.");
        }

        Status = to;
    }

    private void EnsureNot(params AwardStatus[] statuses)
    {
        if (statuses.Contains(Status))
        {
            throw new DomainException($"This award is {Status.ToString().ToLowerInvariant()} and can no longer change.");
        }
    }
}

public sealed class AwardPriority
{
    private AwardPriority()
    {
    }

    internal AwardPriority(AwardId awardId, PriorityId priorityId, bool isPrimary)
    {
        AwardId = awardId;
        PriorityId = priorityId;
        IsPrimary = isPrimary;
    }

    public AwardId AwardId { get; private set; }

    public PriorityId PriorityId { get; private set; }

    public bool IsPrimary { get; private set; }
}

public sealed class AwardCondition
{
    public const int TextMaxLength = 2000;

    private AwardCondition()
    {
        Text = string.Empty;
    }

    internal AwardCondition(AwardId awardId, ConditionTiming timing, string text, string? key)
    {
        if (key is { Length: 0 or > ConditionKeys.MaxLength })
        {
            throw new DomainException($"A condition's key must be 1 to {ConditionKeys.MaxLength} characters long.");
        }

        Id = ConditionId.New();
        AwardId = awardId;
        Timing = timing;
        Text = Common.Text.Required(text, "condition", TextMaxLength);
        Key = key;
    }

    /// <summary>Names a standard condition (see <see cref="ConditionKeys"/>) whatever its wording; null for a condition of this award's own.</summary>
    public string? Key { get; private set; }

    public ConditionId Id { get; private set; }

    public AwardId AwardId { get; private set; }

    public ConditionTiming Timing { get; private set; }

    public string Text { get; private set; }

    public DateOnly? MetOn { get; private set; }

    public void MarkMet(DateOnly on)
    {
        if (MetOn is not null)
        {
            throw new DomainException($"This condition was already marked as met on {MetOn:d MMMM yyyy}.");
        }

        MetOn = on;
    }
}

public sealed class Instalment
{
    private Instalment()
    {
    }

    internal Instalment(AwardId awardId, int number, DateOnly dueOn, Money amount)
    {
        Id = InstalmentId.New();
        AwardId = awardId;
        Number = number;
        DueOn = dueOn;
        Amount = amount;
    }

    public InstalmentId Id { get; private set; }

    public AwardId AwardId { get; private set; }

    public int Number { get; private set; }

    public DateOnly DueOn { get; private set; }

    public Money Amount { get; private set; }

    public DateOnly? PaidOn { get; private set; }

    public bool IsPaid => PaidOn is not null;

    internal void MarkPaid(DateOnly on) => PaidOn = on;
}
