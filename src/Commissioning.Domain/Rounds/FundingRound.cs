using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;

namespace Commissioning.Domain.Rounds;

public enum RoundStatus
{
    Upcoming = 1,
    Open = 2,
    Closed = 3,
}

/// <summary>
/// One round of a fund for one financial year: when it opens and closes (instants, set in UK local time), the
/// award limits, who is eligible, how bids are scored, which plan priorities it funds, and the application form as data.
/// </summary>
public sealed class FundingRound
{
    public const int TitleMaxLength = 200;

    public const int SummaryMaxLength = 4000;

    private readonly List<RoundPriority> _priorities = [];

    private FundingRound()
    {
        Title = string.Empty;
        Summary = string.Empty;
        Form = ApplicationForm.Empty;
        Scale = new ScoreScale(0, 1);
    }

    public FundingRound(
        FundId fundId,
        FinancialYear year,
        string title,
        string summary,
        DateTimeOffset opensAt,
        DateTimeOffset closesAt,
        Money minimumAward,
        Money maximumAward,
        ScoreScale scale,
        IEnumerable<AssessmentCriterion> criteria,
        IEnumerable<EligibilityRule> eligibilityRules,
        ApplicationForm form)
    {
        Id = RoundId.New();
        FundId = fundId;
        Year = year;
        Title = Text.Required(title, "round title", TitleMaxLength);
        Summary = Text.Required(summary, "round summary", SummaryMaxLength);
        Reschedule(opensAt, closesAt);
        SetAwardLimits(minimumAward, maximumAward);
        Scale = scale;
        SetCriteria(criteria);
        EligibilityRules = EligibilityRule.ValidatedList(eligibilityRules);
        Form = form;
    }

    public RoundId Id { get; private set; }

    public FundId FundId { get; private set; }

    public FinancialYear Year { get; private set; }

    public string Title { get; private set; }

    public string Summary { get; private set; }

    public DateTimeOffset OpensAt { get; private set; }

    public DateTimeOffset ClosesAt { get; private set; }

    public Money MinimumAward { get; private set; }

    public Money MaximumAward { get; private set; }

    public ScoreScale Scale { get; private set; }

    public IReadOnlyList<EligibilityRule> EligibilityRules { get; private set; } = [];

    public IReadOnlyList<AssessmentCriterion> Criteria { get; private set; } = [];

    public ApplicationForm Form { get; private set; }

    /// <summary>The plan priorities this round funds; none listed means every priority of the plan in force.</summary>
    public IReadOnlyCollection<RoundPriority> Priorities => _priorities.AsReadOnly();

    public bool SupportsEveryPriority => _priorities.Count == 0;

    public RoundStatus StatusAt(DateTimeOffset now) => now < OpensAt ? RoundStatus.Upcoming : now < ClosesAt ? RoundStatus.Open : RoundStatus.Closed;

    public void EnsureOpenForSubmission(DateTimeOffset now)
    {
        switch (StatusAt(now))
        {
            case RoundStatus.Upcoming:
                throw new DomainException($"{Title} opens at {UkTime.Describe(OpensAt)}; applications cannot be submitted before then.");
            case RoundStatus.Closed:
                throw new DomainException($"{Title} closed at {UkTime.Describe(ClosesAt)}. You can still read your draft, but it can no longer be submitted.");
        }
    }

    public void EnsureAmountWithinLimits(Money requested)
    {
        if (requested < MinimumAward || requested > MaximumAward)
        {
            throw new DomainException($"Ask for between {MinimumAward} and {MaximumAward}; {requested} is outside what {Title} can award.");
        }
    }

    public void Reschedule(DateTimeOffset opensAt, DateTimeOffset closesAt)
    {
        if (closesAt <= opensAt)
        {
            throw new DomainException("A round must close after it opens.");
        }

        OpensAt = opensAt.ToUniversalTime();
        ClosesAt = closesAt.ToUniversalTime();
    }

    public void SetAwardLimits(Money minimum, Money maximum)
    {
        if (minimum.IsNegative)
        {
            throw new DomainException("The minimum award cannot be less than £0.00.");
        }

        if (maximum < minimum || maximum.IsZero)
        {
            throw new DomainException($"The maximum award must be more than £0.00 and at least the minimum ({minimum}).");
        }

        MinimumAward = minimum;
        MaximumAward = maximum;
    }

    public void SetCriteria(IEnumerable<AssessmentCriterion> criteria)
    {
        var list = criteria.ToList();
        if (list.Count == 0)
        {
            throw new DomainException("A round needs at least one assessment criterion.");
        }

        if (list.Any(c => c.WeightPercent <= 0))
        {
            throw new DomainException("Every assessment criterion needs a weight above 0%.");
        }

        var total = list.Sum(c => c.WeightPercent);
        if (total != 100)
        {
            throw new DomainException($"Assessment criteria weights must add up to 100%; they add up to {total}%.");
        }

        var duplicate = list.GroupBy(c => c.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException($"Two assessment criteria share the key '{duplicate.Key}'.");
        }

        Criteria = list.AsReadOnly();
    }

    public void ReplaceForm(ApplicationForm form) => Form = form;

    /// <summary>Limits the round to some priorities of the plan in force; an empty list opens it to all of them again.</summary>
    public void LimitToPriorities(IEnumerable<PriorityId> priorities)
    {
        var chosen = priorities.Distinct().ToList();
        _priorities.Clear();
        _priorities.AddRange(chosen.Select(p => new RoundPriority(p)));
    }

    public bool Supports(PriorityId priority) => SupportsEveryPriority || _priorities.Any(p => p.PriorityId == priority);

    /// <summary>The priorities of the plan in force that an application to this round may support, in the plan's order.</summary>
    public IReadOnlyList<PlanPriority> OfferedFrom(IEnumerable<PlanPriority> planPriorities) =>
        planPriorities.Where(p => Supports(p.Id)).OrderBy(p => p.Order).ToList();

    /// <summary>Refuses priorities the round does not fund, with a message that says what to do.</summary>
    public void EnsureSupports(IEnumerable<PriorityId> priorities)
    {
        if (priorities.Any(p => !Supports(p)))
        {
            throw new DomainException($"{Title} does not fund projects for one of the priorities chosen. Choose only from the priorities listed for this round.");
        }
    }
}

/// <summary>A plan priority a funding round funds.</summary>
public sealed record RoundPriority(PriorityId PriorityId);

/// <summary>The scores an assessor may give for each criterion, e.g. 0 to 10.</summary>
public sealed record ScoreScale
{
    public ScoreScale(int minimum, int maximum)
    {
        if (minimum < 0 || maximum <= minimum)
        {
            throw new DomainException($"A score scale runs from a minimum of 0 or more to a higher maximum; {minimum} to {maximum} does not.");
        }

        Minimum = minimum;
        Maximum = maximum;
    }

    public int Minimum { get; }

    public int Maximum { get; }
}

public sealed record AssessmentCriterion(string Key, string Title, int WeightPercent, string? Guidance = null);

/// <summary>
/// One eligibility test: a question the applicant answers, the answer that passes, and what to tell someone who
/// does not. <see cref="CheckedBy"/> names a check the service also runs on its own records (e.g. an award in the
/// last 12 months).
/// </summary>
public sealed record EligibilityRule(string Key, string Question, bool PassingAnswer, string IneligibleBecause, string? CheckedBy = null)
{
    internal static IReadOnlyList<EligibilityRule> ValidatedList(IEnumerable<EligibilityRule> rules)
    {
        var list = rules.ToList();
        var duplicate = list.GroupBy(r => r.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException($"Two eligibility rules share the key '{duplicate.Key}'.");
        }

        if (list.Any(r => string.IsNullOrWhiteSpace(r.Question) || string.IsNullOrWhiteSpace(r.IneligibleBecause)))
        {
            throw new DomainException("Every eligibility rule needs a question and an explanation for those who do not pass it.");
        }

        return list.AsReadOnly();
    }
}
