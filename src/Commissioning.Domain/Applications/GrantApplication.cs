using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;

namespace Commissioning.Domain.Applications;

public enum ApplicationStatus
{
    Draft = 1,
    Submitted = 2,
    Withdrawn = 3,
    Ineligible = 4,
    InAssessment = 5,
    Recommended = 6,
    NotRecommended = 7,
    Approved = 8,
    Declined = 9,
}

/// <summary>
/// An organisation's application to a round. Answers can change only while it is a draft; once submitted they are
/// frozen. Each status change is only allowed from the statuses that lead to it.
/// </summary>
public sealed class GrantApplication
{
    public const int ProjectTitleMaxLength = 200;

    public const int MaxBudgetLines = 60;

    private static readonly Dictionary<ApplicationStatus, ApplicationStatus[]> AllowedFrom = new()
    {
        [ApplicationStatus.Submitted] = [ApplicationStatus.Draft],
        [ApplicationStatus.Withdrawn] = [ApplicationStatus.Draft, ApplicationStatus.Submitted, ApplicationStatus.InAssessment],
        [ApplicationStatus.Ineligible] = [ApplicationStatus.Submitted],
        [ApplicationStatus.InAssessment] = [ApplicationStatus.Submitted],
        [ApplicationStatus.Recommended] = [ApplicationStatus.InAssessment],
        [ApplicationStatus.NotRecommended] = [ApplicationStatus.InAssessment],
        [ApplicationStatus.Approved] = [ApplicationStatus.Recommended],
        [ApplicationStatus.Declined] = [ApplicationStatus.Recommended, ApplicationStatus.NotRecommended],
    };

    private readonly List<ApplicationAnswer> _answers = [];

    private readonly List<SupportedPriority> _priorities = [];

    private readonly List<ApplicationBudgetLine> _budget = [];

    private GrantApplication()
    {
        ProjectTitle = string.Empty;
    }

    public GrantApplication(RoundId roundId, OrganisationId organisationId, string projectTitle, DateTimeOffset startedAt, string startedBy)
    {
        Id = GrantApplicationId.New();
        RoundId = roundId;
        OrganisationId = organisationId;
        ProjectTitle = Text.Required(projectTitle, "project title", ProjectTitleMaxLength);
        Status = ApplicationStatus.Draft;
        StartedAt = startedAt;
        StartedBy = startedBy;
    }

    public GrantApplicationId Id { get; private set; }

    public RoundId RoundId { get; private set; }

    public OrganisationId OrganisationId { get; private set; }

    /// <summary>Given on submission, e.g. PPAF-2026-00042; quoted in every letter.</summary>
    public string? Reference { get; private set; }

    public string ProjectTitle { get; private set; }

    public ApplicationStatus Status { get; private set; }

    public Money? RequestedAmount { get; private set; }

    public DateTimeOffset StartedAt { get; private set; }

    public string StartedBy { get; private set; } = string.Empty;

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? StatusReason { get; private set; }

    public IReadOnlyCollection<ApplicationAnswer> Answers => _answers.AsReadOnly();

    public IReadOnlyCollection<SupportedPriority> Priorities => _priorities.AsReadOnly();

    /// <summary>What the project costs, and the other and match funding towards it, in the order the applicant gave them.</summary>
    public IReadOnlyCollection<ApplicationBudgetLine> Budget => _budget.OrderBy(l => l.Number).ToList().AsReadOnly();

    public Money TotalCosts => Money.Sum(_budget.Where(l => l.Kind == BudgetLineKind.Cost).Select(l => l.Amount));

    public Money OtherFunding => Money.Sum(_budget.Where(l => l.Kind == BudgetLineKind.OtherFunding).Select(l => l.Amount));

    public Money MatchFunding => Money.Sum(_budget.Where(l => l.Kind == BudgetLineKind.MatchFunding).Select(l => l.Amount));

    /// <summary>What the budget leaves for the fund to pay: the costs less other funding and match funding.</summary>
    public Money AskedOfFund => TotalCosts - OtherFunding - MatchFunding;

    /// <summary>A budget has been given and asks the fund for exactly the amount requested.</summary>
    public bool BudgetBalances => _budget.Count > 0 && RequestedAmount == AskedOfFund;

    public void Answer(string questionKey, string? value, DateTimeOffset at, string by)
    {
        EnsureDraft();
        var existing = _answers.SingleOrDefault(a => a.QuestionKey == questionKey);
        if (existing is null)
        {
            _answers.Add(new ApplicationAnswer(Id, questionKey, value, at, by));
        }
        else
        {
            existing.Change(value, at, by);
        }
    }

    public void Request(Money amount, FundingRound round)
    {
        EnsureDraft();
        round.EnsureAmountWithinLimits(amount);
        RequestedAmount = amount;
    }

    /// <summary>Chooses the priorities the project supports, only from those the application's round funds.</summary>
    public void SupportPriorities(IEnumerable<PriorityId> priorities, PriorityId primary, FundingRound round)
    {
        if (round.Id != RoundId)
        {
            throw new DomainException("This application belongs to a different round.");
        }

        var chosen = priorities.ToList();
        EnsureDraft();
        round.EnsureSupports(chosen.Append(primary));
        SupportPriorities(chosen, primary);
    }

    public void SupportPriorities(IEnumerable<PriorityId> priorities, PriorityId primary)
    {
        EnsureDraft();
        var chosen = priorities.Distinct().ToList();
        if (!chosen.Contains(primary))
        {
            chosen.Insert(0, primary);
        }

        _priorities.Clear();
        _priorities.AddRange(chosen.Select(p => new SupportedPriority(p, p == primary)));
    }

    /// <summary>
    /// Replaces the budget. Every line needs a description and an amount above £0.00; there must be at least one
    /// cost, and other and match funding together must leave something for the fund to pay.
    /// </summary>
    public void SetBudget(IEnumerable<BudgetItem> items)
    {
        EnsureDraft();
        var list = items.ToList();
        if (list.Count > MaxBudgetLines)
        {
            throw new DomainException($"A budget can have at most {MaxBudgetLines} lines; this one has {list.Count}. Combine some of them.");
        }

        if (!list.Any(i => i.Kind == BudgetLineKind.Cost))
        {
            throw new DomainException("Enter at least one cost in your budget.");
        }

        var lines = list.Select((item, index) => new ApplicationBudgetLine(index + 1, item.Kind, item.Description, item.Amount)).ToList();
        var costs = Money.Sum(lines.Where(l => l.Kind == BudgetLineKind.Cost).Select(l => l.Amount));
        var contributions = Money.Sum(lines.Where(l => l.Kind != BudgetLineKind.Cost).Select(l => l.Amount));
        if (contributions >= costs)
        {
            throw new DomainException($"Other funding and match funding ({contributions}) cover all of the costs ({costs}), so there is nothing left to ask the fund for.");
        }

        _budget.Clear();
        _budget.AddRange(lines);
    }

    /// <summary>The showstopper questions (see <see cref="FormQuestion.StopsApplicationIfNo"/>) this application answered no.</summary>
    public IReadOnlyList<FormQuestion> FailedShowstoppers(FundingRound round) =>
        round.Form.Questions
            .Where(q => q.StopsApplicationIfNo is not null)
            .Where(q => string.Equals(_answers.SingleOrDefault(a => a.QuestionKey == q.Key)?.Value, "no", StringComparison.OrdinalIgnoreCase))
            .ToList();

    public string? AnswerTo(string questionKey) => _answers.SingleOrDefault(a => a.QuestionKey == questionKey)?.Value;

    public void Submit(FundingRound round, string reference, DateTimeOffset now)
    {
        if (round.Id != RoundId)
        {
            throw new DomainException("This application belongs to a different round.");
        }

        MoveTo(ApplicationStatus.Submitted, null);
        round.EnsureOpenForSubmission(now);
        if (RequestedAmount is null)
        {
            throw new DomainException("Enter how much you are asking for before submitting.");
        }

        if (!_priorities.Any(p => p.IsPrimary))
        {
            throw new DomainException("Choose the plan priority your project mainly supports before submitting.");
        }

        if (_budget.Count > 0 && AskedOfFund != RequestedAmount)
        {
            throw new DomainException($"Your budget asks the fund for {AskedOfFund} but you are asking for {RequestedAmount}. Make them the same before submitting.");
        }

        Reference = Text.Required(reference, "application reference", 40);
        SubmittedAt = now;
        Status = ApplicationStatus.Submitted;
    }

    /// <summary>The applicant can withdraw it: while it is a draft, and after submission until the shortlist is decided (after an offer they decline the offer instead).</summary>
    public bool CanBeWithdrawn => AllowedFrom[ApplicationStatus.Withdrawn].Contains(Status);

    /// <summary>Withdraws the application; withdrawing it again changes nothing (the workflow records the withdrawal the applicant made).</summary>
    public void Withdraw(string reason)
    {
        if (Status == ApplicationStatus.Withdrawn)
        {
            return;
        }

        Transition(ApplicationStatus.Withdrawn, Text.Required(reason, "reason for withdrawing", 2000));
    }

    public void MarkIneligible(string reason) => Transition(ApplicationStatus.Ineligible, Text.Required(reason, "reason the application is ineligible", 2000));

    public void StartAssessment() => Transition(ApplicationStatus.InAssessment, null);

    public void Recommend(string? reason) => Transition(ApplicationStatus.Recommended, reason);

    public void NotRecommend(string reason) => Transition(ApplicationStatus.NotRecommended, reason);

    public void Approve() => Transition(ApplicationStatus.Approved, null);

    public void Decline(string reason) => Transition(ApplicationStatus.Declined, reason);

    private void Transition(ApplicationStatus to, string? reason)
    {
        MoveTo(to, reason);
        Status = to;
        StatusReason = reason;
    }

    private void MoveTo(ApplicationStatus to, string? reason)
    {
        _ = reason;
        if (!AllowedFrom[to].Contains(Status))
        {
            throw new DomainException($"An application that is {Describe(Status)} cannot become {Describe(to)}.");
        }
    }

    private void EnsureDraft()
    {
        if (Status != ApplicationStatus.Draft)
        {
            throw new DomainException($"This application was {Describe(Status)} and can no longer be changed.");
        }
    }

    public static string Describe(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "a draft",
        ApplicationStatus.Submitted => "submitted",
        ApplicationStatus.Withdrawn => "withdrawn",
        ApplicationStatus.Ineligible => "found ineligible",
        ApplicationStatus.InAssessment => "in assessment",
        ApplicationStatus.Recommended => "recommended",
        ApplicationStatus.NotRecommended => "not recommended",
        ApplicationStatus.Approved => "approved",
        ApplicationStatus.Declined => "declined",
        _ => status.ToString(),
    };
}

public sealed class ApplicationAnswer
{
    public const int ValueMaxLength = 20_000;

    private ApplicationAnswer()
    {
        QuestionKey = string.Empty;
        UpdatedBy = string.Empty;
    }

    internal ApplicationAnswer(GrantApplicationId applicationId, string questionKey, string? value, DateTimeOffset at, string by)
    {
        GrantApplicationId = applicationId;
        QuestionKey = Text.Required(questionKey, "question key", 100);
        UpdatedBy = by;
        Change(value, at, by);
    }

    public GrantApplicationId GrantApplicationId { get; private set; }

    public string QuestionKey { get; private set; }

    public string? Value { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public string UpdatedBy { get; private set; }

    internal void Change(string? value, DateTimeOffset at, string by)
    {
        if (value is { Length: > ValueMaxLength })
        {
            throw new DomainException($"An answer can be at most {ValueMaxLength:N0} characters long.");
        }

        Value = value;
        UpdatedAt = at;
        UpdatedBy = by;
    }
}

public enum BudgetLineKind
{
    Cost = 1,
    OtherFunding = 2,
    MatchFunding = 3,
}

/// <summary>One line of a budget as the applicant gives it.</summary>
public sealed record BudgetItem(BudgetLineKind Kind, string Description, Money Amount);

/// <summary>One line of an application's budget: a cost, or money from elsewhere towards the project.</summary>
public sealed class ApplicationBudgetLine
{
    public const int DescriptionMaxLength = 200;

    private ApplicationBudgetLine()
    {
        Description = string.Empty;
    }

    internal ApplicationBudgetLine(int number, BudgetLineKind kind, string description, Money amount)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Say whether each budget line is a cost, other funding or match funding.");
        }

        if (!amount.IsPositive)
        {
            throw new DomainException($"Each amount in the budget must be more than £0.00; '{description}' is {amount}.");
        }

        Number = number;
        Kind = kind;
        Description = Text.Required(description, "description of the budget line", DescriptionMaxLength);
        Amount = amount;
    }

    public int Number { get; private set; }

    public BudgetLineKind Kind { get; private set; }

    public string Description { get; private set; }

    public Money Amount { get; private set; }
}

/// <summary>A plan priority an application or award supports; exactly one is the primary.</summary>
public sealed record SupportedPriority(PriorityId PriorityId, bool IsPrimary);
