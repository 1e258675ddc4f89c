using Commissioning.Domain.Common;

namespace Commissioning.Domain.Plans;

/// <summary>
/// A Police and Crime Plan for a period: priorities (some offices call them themes or outcomes), each with the
/// outcomes that show it is working ("what success will look like") and, per outcome, the measures funded projects
/// report. Outcomes sit under a priority (Thames Valley) or at plan level, mapped to the priorities that serve them
/// (Durham's four outcomes over twelve priorities). Grants link to the priorities. Plans change with elections, so
/// several exist over time and one is in force on any date.
/// </summary>
public sealed class PoliceAndCrimePlan
{
    public const int TitleMaxLength = 200;

    public const int PriorityTermMaxLength = 40;

    /// <summary>The words a plan may use for its top level, which grants link to.</summary>
    public static readonly IReadOnlyList<string> PriorityTerms = ["priority", "theme", "outcome"];

    private readonly List<PlanPriority> _priorities = [];

    private readonly List<PlanOutcome> _outcomes = [];

    private PoliceAndCrimePlan()
    {
        Title = string.Empty;
        PriorityTerm = string.Empty;
    }

    public PoliceAndCrimePlan(string title, DateOnly periodStart, DateOnly periodEnd, string priorityTerm = "priority")
    {
        Id = PlanId.New();
        Title = string.Empty;
        PriorityTerm = string.Empty;
        ChangeDetails(title, periodStart, periodEnd, priorityTerm);
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
    public string PriorityTermPlural => Plural(PriorityTerm);

    public IReadOnlyCollection<PlanPriority> Priorities => _priorities.AsReadOnly();

    /// <summary>Outcomes at plan level, each mapped to the priorities that serve it (outcomes under a priority are on the priority).</summary>
    public IReadOnlyCollection<PlanOutcome> Outcomes => _outcomes.AsReadOnly();

    /// <summary>Every outcome in the plan, at plan level and under its priorities.</summary>
    public IEnumerable<PlanOutcome> AllOutcomes => _outcomes.Concat(_priorities.SelectMany(p => p.Outcomes));

    /// <summary>Changes the title, period and the word the plan uses for its priorities; allowed after publishing too (the change is audited).</summary>
    public void ChangeDetails(string title, DateOnly periodStart, DateOnly periodEnd, string priorityTerm)
    {
        var checkedTitle = Text.SingleLine(title, "plan title", TitleMaxLength);
        if (periodEnd <= periodStart)
        {
            throw new DomainException($"A plan's period must end after it starts; {periodEnd:d MMMM yyyy} is not after {periodStart:d MMMM yyyy}.");
        }

        var term = priorityTerm?.Trim().ToLowerInvariant();
        if (term is null || !PriorityTerms.Contains(term))
        {
            throw new DomainException($"Choose what the plan calls its priorities: {string.Join(", ", PriorityTerms.Take(PriorityTerms.Count - 1))} or {PriorityTerms[^1]}.");
        }

        Title = checkedTitle;
        PeriodStart = periodStart;
        PeriodEnd = periodEnd;
        PriorityTerm = term;
    }

    /// <summary>Adds a priority; a published plan's priorities can be added to (a round may then fund the new one).</summary>
    public PlanPriority AddPriority(string title, string? summary = null)
    {
        var checkedTitle = Text.SingleLine(title, $"{PriorityTerm} title", PlanPriority.TitleMaxLength);
        EnsureNoOtherPriorityCalled(checkedTitle, except: null);
        var priority = new PlanPriority(Id, checkedTitle, summary, _priorities.Count == 0 ? 1 : _priorities.Max(p => p.Order) + 1);
        _priorities.Add(priority);
        return priority;
    }

    public PlanPriority Priority(PriorityId id) =>
        _priorities.SingleOrDefault(p => p.Id == id) ?? throw new DomainException($"That {PriorityTerm} is not in '{Title}'; it may have been removed.");

    public PlanOutcome Outcome(OutcomeId id) =>
        AllOutcomes.SingleOrDefault(o => o.Id == id) ?? throw new DomainException($"That outcome is not in '{Title}'; it may have been removed.");

    /// <summary>
    /// Changes a priority's wording. Allowed after publishing, as grants stay linked to the same priority; once the
    /// plan is published the wording it had is kept with who changed it and when.
    /// </summary>
    public void ChangePriorityWording(PriorityId id, string title, string? summary, string by, DateTimeOffset at)
    {
        var priority = Priority(id);
        var checkedTitle = Text.SingleLine(title, $"{PriorityTerm} title", PlanPriority.TitleMaxLength);
        EnsureNoOtherPriorityCalled(checkedTitle, except: id);
        priority.ChangeWording(checkedTitle, summary, IsPublished, by, at);
    }

    /// <summary>
    /// Removes a priority. Refused once anything is linked to it (applications, grants or rounds, which the caller
    /// counts), since grants keep the priorities they were linked to; refused too when it is a published plan's last
    /// priority, or the only priority a plan-level outcome maps to.
    /// </summary>
    public void RemovePriority(PriorityId id, PriorityLinks links)
    {
        var priority = Priority(id);
        if (links.Any)
        {
            throw new DomainException($"'{priority.Title}' cannot be removed: {links.Describe()} linked to it, and grants keep the {PriorityTermPlural} they were linked to. You can change its wording instead.");
        }

        if (IsPublished && _priorities.Count == 1)
        {
            throw new DomainException($"'{priority.Title}' is the only {PriorityTerm} of '{Title}', which is published; add another before removing it.");
        }

        var orphaned = _outcomes.FirstOrDefault(o => o.MapsTo.Count == 1 && o.MapsTo.Contains(id));
        if (orphaned is not null)
        {
            throw new DomainException($"'{priority.Title}' is the only {PriorityTerm} the outcome '{orphaned.Description}' maps to; map that outcome to another {PriorityTerm} first.");
        }

        foreach (var outcome in _outcomes)
        {
            outcome.Unmap(id);
        }

        _priorities.Remove(priority);
    }

    /// <summary>Adds an outcome at plan level, mapped to one or more of the plan's priorities.</summary>
    public PlanOutcome AddOutcome(string description, IEnumerable<PriorityId> mapsTo)
    {
        var outcome = PlanOutcome.AtPlanLevel(Id, description, _outcomes.Count == 0 ? 1 : _outcomes.Max(o => o.Order) + 1);
        outcome.MapTo(CheckedMapping(mapsTo));
        _outcomes.Add(outcome);
        return outcome;
    }

    /// <summary>Changes which priorities a plan-level outcome maps to.</summary>
    public void MapOutcome(OutcomeId id, IEnumerable<PriorityId> mapsTo)
    {
        var outcome = Outcome(id);
        if (!outcome.IsPlanLevel)
        {
            throw new DomainException($"'{outcome.Description}' sits under one {PriorityTerm}; only outcomes at plan level are mapped to {PriorityTermPlural}.");
        }

        outcome.MapTo(CheckedMapping(mapsTo));
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

    /// <summary>Corrects the date a published plan was published on (an unpublished plan is published with <see cref="Publish"/>).</summary>
    public void CorrectPublishedOn(DateOnly publishedOn)
    {
        if (!IsPublished)
        {
            throw new DomainException($"'{Title}' is not published yet; publish it to give it a publication date.");
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
        plans.Where(p => p.IsPublished && p.PeriodStart <= date)
            .OrderByDescending(p => p.PeriodStart)
            .ThenByDescending(p => p.PublishedOn)
            .FirstOrDefault();

    /// <summary>Where this plan stands on a date among the office's plans: draft, published (not yet started), in force or superseded.</summary>
    public PlanStatus StatusOn(DateOnly date, IEnumerable<PoliceAndCrimePlan> plans)
    {
        if (!IsPublished)
        {
            return PlanStatus.Draft;
        }

        if (PeriodStart > date)
        {
            return PlanStatus.Published;
        }

        return InForceOn(plans, date)?.Id == Id ? PlanStatus.InForce : PlanStatus.Superseded;
    }

    /// <summary>The published plan that took over from this one, and from when; null while nothing has.</summary>
    public PoliceAndCrimePlan? SupersededBy(IEnumerable<PoliceAndCrimePlan> plans) =>
        !IsPublished
            ? null
            : plans.Where(p => p.Id != Id && p.IsPublished && (p.PeriodStart > PeriodStart || (p.PeriodStart == PeriodStart && p.PublishedOn > PublishedOn)))
                .OrderBy(p => p.PeriodStart)
                .FirstOrDefault();

    private static string Plural(string term) =>
        term.Length > 1 && term.EndsWith('y') && !"aeiou".Contains(char.ToLowerInvariant(term[^2]), StringComparison.Ordinal)
            ? string.Concat(term[..^1], "ies")
            : string.Concat(term, "s");

    private void EnsureNoOtherPriorityCalled(string title, PriorityId? except)
    {
        if (_priorities.Any(p => p.Id != except && string.Equals(p.Title, title, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException($"'{Title}' already has a {PriorityTerm} called '{title}'.");
        }
    }

    private List<PriorityId> CheckedMapping(IEnumerable<PriorityId> mapsTo)
    {
        var chosen = mapsTo.Distinct().ToList();
        if (chosen.Count == 0)
        {
            throw new DomainException(_priorities.Count == 0
                ? $"Add the plan's {PriorityTermPlural} first; an outcome at plan level is mapped to the {PriorityTermPlural} that serve it."
                : $"Choose at least one {PriorityTerm} this outcome maps to.");
        }

        if (chosen.Any(id => _priorities.All(p => p.Id != id)))
        {
            throw new DomainException($"An outcome can only map to {PriorityTermPlural} of '{Title}'.");
        }

        return chosen;
    }
}

/// <summary>Where a plan stands on a date.</summary>
public enum PlanStatus
{
    Draft = 0,

    /// <summary>Published, but its period has not started yet.</summary>
    Published = 1,

    InForce = 2,

    /// <summary>Published and started, but a newer plan has taken over; grants linked to it keep their priorities.</summary>
    Superseded = 3,
}

/// <summary>How many applications, grants and rounds are linked to a priority, counted by whoever asks to remove it.</summary>
public sealed record PriorityLinks(int Applications, int Grants, int Rounds)
{
    public static PriorityLinks None { get; } = new(0, 0, 0);

    public bool Any => Applications > 0 || Grants > 0 || Rounds > 0;

    public string Describe()
    {
        var parts = new[] { Count(Applications, "application"), Count(Grants, "grant"), Count(Rounds, "funding round") }.OfType<string>().ToList();
        var list = parts.Count == 1 ? parts[0] : $"{string.Join(", ", parts.Take(parts.Count - 1))} and {parts[^1]}";
        return $"{list} {(Applications + Grants + Rounds == 1 ? "is" : "are")}";
    }

    private static string? Count(int count, string noun) => count switch
    {
        0 => null,
        1 => $"1 {noun}",
        _ => $"{count} {noun}s",
    };
}

public sealed class PlanPriority
{
    public const int TitleMaxLength = 200;

    public const int SummaryMaxLength = 2000;

    private readonly List<PlanOutcome> _outcomes = [];

    private readonly List<PlanPriorityWordingChange> _wordingChanges = [];

    private PlanPriority()
    {
        Title = string.Empty;
    }

    internal PlanPriority(PlanId planId, string title, string? summary, int order)
    {
        Id = PriorityId.New();
        PlanId = planId;
        Title = Text.SingleLine(title, "priority title", TitleMaxLength);
        Summary = Text.Optional(summary, "priority summary", SummaryMaxLength);
        Order = order;
    }

    public PriorityId Id { get; private set; }

    public PlanId PlanId { get; private set; }

    public string Title { get; private set; }

    public string? Summary { get; private set; }

    public int Order { get; private set; }

    /// <summary>What success will look like.</summary>
    public IReadOnlyCollection<PlanOutcome> Outcomes => _outcomes.AsReadOnly();

    /// <summary>The wording it had before each change made after its plan was published.</summary>
    public IReadOnlyCollection<PlanPriorityWordingChange> WordingChanges => _wordingChanges.AsReadOnly();

    public PlanOutcome AddOutcome(string description)
    {
        var outcome = PlanOutcome.UnderPriority(Id, description, _outcomes.Count == 0 ? 1 : _outcomes.Max(o => o.Order) + 1);
        _outcomes.Add(outcome);
        return outcome;
    }

    internal void ChangeWording(string title, string? summary, bool planPublished, string by, DateTimeOffset at)
    {
        var checkedSummary = Text.Optional(summary, "summary", SummaryMaxLength);
        if (title == Title && checkedSummary == Summary)
        {
            return;
        }

        if (planPublished)
        {
            _wordingChanges.Add(new PlanPriorityWordingChange(Id, Title, Summary, by, at));
        }

        Title = title;
        Summary = checkedSummary;
    }
}

/// <summary>A priority's wording before a change made after its plan was published, with who changed it and when.</summary>
public sealed class PlanPriorityWordingChange
{
    public const int ByMaxLength = 256;

    private PlanPriorityWordingChange()
    {
        PreviousTitle = string.Empty;
        By = string.Empty;
    }

    internal PlanPriorityWordingChange(PriorityId priorityId, string previousTitle, string? previousSummary, string by, DateTimeOffset at)
    {
        Id = Ids.NewValue();
        PriorityId = priorityId;
        PreviousTitle = previousTitle;
        PreviousSummary = previousSummary;
        By = Text.SingleLine(by, "name of who made the change", ByMaxLength);
        At = at;
    }

    public Guid Id { get; private set; }

    public PriorityId PriorityId { get; private set; }

    public string PreviousTitle { get; private set; }

    public string? PreviousSummary { get; private set; }

    public string By { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>
/// What success will look like: an outcome under one priority, or at plan level mapped to the priorities that serve
/// it; with the measures the office asks funded projects to report.
/// </summary>
public sealed class PlanOutcome
{
    public const int DescriptionMaxLength = 500;

    private readonly List<OutcomePriority> _mappings = [];

    private readonly List<OutcomeMeasure> _measures = [];

    private PlanOutcome()
    {
        Description = string.Empty;
    }

    private PlanOutcome(PlanId? planId, PriorityId? priorityId, string description, int order)
    {
        Id = OutcomeId.New();
        PlanId = planId;
        PriorityId = priorityId;
        Description = Text.Required(description, "outcome", DescriptionMaxLength);
        Order = order;
    }

    public OutcomeId Id { get; private set; }

    /// <summary>The plan, for an outcome at plan level; null for one under a priority.</summary>
    public PlanId? PlanId { get; private set; }

    /// <summary>The priority it sits under; null for an outcome at plan level.</summary>
    public PriorityId? PriorityId { get; private set; }

    public string Description { get; private set; }

    public int Order { get; private set; }

    public bool IsPlanLevel => PlanId is not null;

    /// <summary>For an outcome at plan level, the priorities that serve it.</summary>
    public IReadOnlyCollection<PriorityId> MapsTo => _mappings.Select(m => m.PriorityId).ToList();

    /// <summary>The rows behind <see cref="MapsTo"/>.</summary>
    public IReadOnlyCollection<OutcomePriority> Mappings => _mappings.AsReadOnly();

    public IReadOnlyCollection<OutcomeMeasure> Measures => _measures.AsReadOnly();

    internal static PlanOutcome AtPlanLevel(PlanId planId, string description, int order) => new(planId, null, description, order);

    internal static PlanOutcome UnderPriority(PriorityId priorityId, string description, int order) => new(null, priorityId, description, order);

    public void ChangeDescription(string description) =>
        Description = Text.Required(description, "outcome", DescriptionMaxLength);

    public OutcomeMeasure AddMeasure(string name, string unit, MeasureDirection direction)
    {
        var measure = new OutcomeMeasure(Id, name, unit, direction, _measures.Count == 0 ? 1 : _measures.Max(m => m.Order) + 1);
        EnsureNoOtherMeasureCalled(measure.Name, except: null);
        _measures.Add(measure);
        return measure;
    }

    public OutcomeMeasure Measure(MeasureId id) =>
        _measures.SingleOrDefault(m => m.Id == id) ?? throw new DomainException($"That measure is not under '{Description}'; it may have been removed.");

    public void ChangeMeasure(MeasureId id, string name, string unit, MeasureDirection direction)
    {
        var measure = Measure(id);
        EnsureNoOtherMeasureCalled(Text.SingleLine(name, "measure name", OutcomeMeasure.NameMaxLength), except: id);
        measure.Change(name, unit, direction);
    }

    public void RemoveMeasure(MeasureId id) => _measures.Remove(Measure(id));

    internal void MapTo(IReadOnlyCollection<PriorityId> priorities)
    {
        _mappings.RemoveAll(m => !priorities.Contains(m.PriorityId));
        _mappings.AddRange(priorities.Where(p => _mappings.All(m => m.PriorityId != p)).Select(p => new OutcomePriority(p)));
    }

    internal void Unmap(PriorityId priority) => _mappings.RemoveAll(m => m.PriorityId == priority);

    private void EnsureNoOtherMeasureCalled(string name, MeasureId? except)
    {
        if (_measures.Any(m => m.Id != except && string.Equals(m.Name, name.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException($"'{Description}' already has a measure called '{name.Trim()}'.");
        }
    }
}

/// <summary>A priority a plan-level outcome maps to.</summary>
public sealed record OutcomePriority(PriorityId PriorityId);

/// <summary>Whether a measure's figure should go up or down.</summary>
public enum MeasureDirection
{
    HigherIsBetter = 1,
    LowerIsBetter = 2,
}

/// <summary>A figure the office asks funded projects to report against an outcome, such as "People supported" in "people", higher is better.</summary>
public sealed class OutcomeMeasure
{
    public const int NameMaxLength = 200;

    public const int UnitMaxLength = 60;

    private OutcomeMeasure()
    {
        Name = string.Empty;
        Unit = string.Empty;
    }

    internal OutcomeMeasure(OutcomeId outcomeId, string name, string unit, MeasureDirection direction, int order)
    {
        Id = MeasureId.New();
        OutcomeId = outcomeId;
        Order = order;
        Name = string.Empty;
        Unit = string.Empty;
        Change(name, unit, direction);
    }

    public MeasureId Id { get; private set; }

    public OutcomeId OutcomeId { get; private set; }

    public string Name { get; private set; }

    /// <summary>What is counted, such as "people", "referrals", "%" or "days".</summary>
    public string Unit { get; private set; }

    public MeasureDirection Direction { get; private set; }

    public int Order { get; private set; }

    internal void Change(string name, string unit, MeasureDirection direction)
    {
        var checkedName = Text.SingleLine(name, "measure name", NameMaxLength);
        var checkedUnit = Text.SingleLine(unit, "unit", UnitMaxLength);
        if (!Enum.IsDefined(direction))
        {
            throw new DomainException("Choose whether a higher or a lower figure is better.");
        }

        Name = checkedName;
        Unit = checkedUnit;
        Direction = direction;
    }
}
