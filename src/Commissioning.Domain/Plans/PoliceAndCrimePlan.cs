using Commissioning.Domain.Common;

namespace Commissioning.Domain.Plans;

/// <summary>
/// A Police and Crime Plan for a period: priorities (some offices call them themes or outcomes), each with the
/// outcomes or success measures that show it is working. Plans change with elections, so several exist over time
/// and one is in force on any date.
/// </summary>
public sealed class PoliceAndCrimePlan
{
    public const int TitleMaxLength = 200;

    private readonly List<PlanPriority> _priorities = [];

    private PoliceAndCrimePlan()
    {
        Title = string.Empty;
        PriorityTerm = string.Empty;
    }

    public PoliceAndCrimePlan(string title, DateOnly periodStart, DateOnly periodEnd, string priorityTerm = "priority")
    {
        Id = PlanId.New();
        Title = Text.SingleLine(title, "plan title", TitleMaxLength);
        if (periodEnd <= periodStart)
        {
            throw new DomainException($"A plan's period must end after it starts; {periodEnd:d MMMM yyyy} is not after {periodStart:d MMMM yyyy}.");
        }

        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        PriorityTerm = Text.SingleLine(priorityTerm, "word the plan uses for a priority", 40);
    }

    public PlanId Id { get; private set; }

    public string Title { get; private set; }

    public DateOnly PeriodStart { get; private set; }

    public DateOnly PeriodEnd { get; private set; }

    public DateOnly? PublishedOn { get; private set; }

    /// <summary>The plan's own word for its top level: "priority", "theme" or "outcome".</summary>
    public string PriorityTerm { get; private set; }

    public bool IsPublished => PublishedOn is not null;

    /// <summary>The plural for messages: "priorities", "themes", "outcomes".</summary>
    private string PriorityTermPlural =>
        PriorityTerm.Length > 1 && PriorityTerm.EndsWith('y') && !"aeiou".Contains(char.ToLowerInvariant(PriorityTerm[^2]), StringComparison.Ordinal)
            ? string.Concat(PriorityTerm[..^1], "ies")
            : string.Concat(PriorityTerm, "s");

    public IReadOnlyCollection<PlanPriority> Priorities => _priorities.AsReadOnly();

    public PlanPriority AddPriority(string title, string? summary = null)
    {
        if (IsPublished)
        {
            throw new DomainException($"'{Title}' is published; its {PriorityTermPlural} can no longer change. Start a new plan instead.");
        }

        if (_priorities.Any(p => string.Equals(p.Title, title.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException($"'{Title}' already has a {PriorityTerm} called '{title.Trim()}'.");
        }

        var priority = new PlanPriority(Id, title, summary, _priorities.Count + 1);
        _priorities.Add(priority);
        return priority;
    }

    public void Publish(DateOnly publishedOn)
    {
        if (IsPublished)
        {
            throw new DomainException($"'{Title}' was already published on {PublishedOn:d MMMM yyyy}.");
        }

        if (_priorities.Count == 0)
        {
            throw new DomainException($"'{Title}' has no {PriorityTermPlural} yet; add at least one before publishing it.");
        }

        PublishedOn = publishedOn;
    }

    /// <summary>Whether the date falls within the plan's own period (see <see cref="InForceOn"/> for the plan that applies on a date).</summary>
    public bool Covers(DateOnly date) => date >= PeriodStart && date <= PeriodEnd;

    /// <summary>
    /// The published plan in force on a date: of the published plans that had started by then, the one that started
    /// last. Where periods overlap (a new plan adopted early) the newer one wins; after a plan's period ends it stays
    /// in force until a newer plan is published, as a commissioner's plan does until it is replaced.
    /// </summary>
    public static PoliceAndCrimePlan? InForceOn(IEnumerable<PoliceAndCrimePlan> plans, DateOnly date) =>
        plans.Where(p => p.IsPublished && p.PeriodStart <= date).OrderByDescending(p => p.PeriodStart).FirstOrDefault();
}

public sealed class PlanPriority
{
    public const int TitleMaxLength = 200;

    private readonly List<PlanOutcome> _outcomes = [];

    private PlanPriority()
    {
        Title = string.Empty;
    }

    internal PlanPriority(PlanId planId, string title, string? summary, int order)
    {
        Id = PriorityId.New();
        PlanId = planId;
        Title = Text.SingleLine(title, "priority title", TitleMaxLength);
        Summary = Text.Optional(summary, "priority summary", 2000);
        Order = order;
    }

    public PriorityId Id { get; private set; }

    public PlanId PlanId { get; private set; }

    public string Title { get; private set; }

    public string? Summary { get; private set; }

    public int Order { get; private set; }

    /// <summary>What success will look like.</summary>
    public IReadOnlyCollection<PlanOutcome> Outcomes => _outcomes.AsReadOnly();

    public PlanOutcome AddOutcome(string description)
    {
        var outcome = new PlanOutcome(Id, description, _outcomes.Count + 1);
        _outcomes.Add(outcome);
        return outcome;
    }
}

public sealed class PlanOutcome
{
    public const int DescriptionMaxLength = 500;

    private PlanOutcome()
    {
        Description = string.Empty;
    }

    internal PlanOutcome(PriorityId priorityId, string description, int order)
    {
        Id = OutcomeId.New();
        PriorityId = priorityId;
        Description = Text.Required(description, "outcome", DescriptionMaxLength);
        Order = order;
    }

    public OutcomeId Id { get; private set; }

    public PriorityId PriorityId { get; private set; }

    public string Description { get; private set; }

    public int Order { get; private set; }
}
