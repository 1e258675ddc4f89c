using System.Globalization;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Plans;

namespace Commissioning.Domain.Rounds;

public enum RoundStatus
{
    Upcoming = 1,
    Open = 2,
    Closed = 3,
}

/// <summary>Where an organisation's eligibility is checked: before a draft is started, when it is submitted, and at due diligence.</summary>
public enum EligibilityStage
{
    Starting = 1,
    Submitting = 2,
    DueDiligence = 3,
}

/// <summary>
/// What the service's own records say about an organisation applying to a round, whatever it answered: its recorded
/// legal form, its awards from the round's fund and its applications to the round.
/// </summary>
public sealed record ApplicantRecord(Organisation Organisation, IReadOnlyCollection<Award> AwardsFromFund, IReadOnlyCollection<GrantApplication> ApplicationsToRound);

/// <summary>
/// One round of a fund for one financial year: when it opens and closes (instants, set in UK local time), the
/// award limits, who is eligible, how bids are scored, which plan priorities it funds, and the application form as data.
/// </summary>
public sealed class FundingRound
{
    /// <summary>The <see cref="EligibilityRule.CheckedBy"/> of the rule that an organisation has had no award from the fund in the 12 calendar months before the round closes.</summary>
    public const string NoAwardInLast12Months = nameof(NoAwardInLast12Months);

    /// <summary>Calendar months before the round closes in which an earlier award from the same fund stops an organisation applying, unless the round sets another number.</summary>
    public const int DefaultMonthsBetweenAwards = 12;

    /// <summary>The most calendar months a round may ask between one organisation's awards (five years).</summary>
    public const int MaxMonthsBetweenAwards = 60;

    /// <summary>The spread between assessors' weighted totals, in percentage points of the maximum, above which a bid is moderated, unless the round sets another.</summary>
    public const int DefaultModerationThreshold = 20;

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public const int TitleMaxLength = 200;

    public const int SummaryMaxLength = 4000;

    private readonly List<RoundPriority> _priorities = [];

    private readonly List<RoundChange> _changes = [];

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
        Title = Text.SingleLine(title, "round title", TitleMaxLength);
        Summary = Text.Required(summary, "round summary", SummaryMaxLength);
        Reschedule(opensAt, closesAt);
        SetAwardLimits(minimumAward, maximumAward);
        Scale = scale;
        SetCriteria(criteria);
        EligibilityRules = EligibilityRule.ValidatedList(eligibilityRules);
        Form = form;
        MonthsBetweenAwards = EligibilityRules.Any(r => r.CheckedBy == NoAwardInLast12Months) ? DefaultMonthsBetweenAwards : null;
        ModerationThreshold = DefaultModerationThreshold;
    }

    /// <summary>
    /// A round set up by an officer for a fund's year, from one of its budget lines: the amount it makes available
    /// must fit within the line (<see cref="BudgetLine.EnsureRoundFits"/>), with what other rounds of the line
    /// already make available. It starts with the programme's standard award terms, one award per organisation in
    /// <see cref="DefaultMonthsBetweenAwards"/> months, and a criterion to be replaced by the round's own.
    /// </summary>
    public static FundingRound SetUp(
        Fund fund,
        BudgetLine line,
        Money amountAvailable,
        Money otherRoundsOnLine,
        string title,
        string summary,
        DateTimeOffset opensAt,
        DateTimeOffset closesAt,
        Money minimumAward,
        Money maximumAward,
        string by,
        DateTimeOffset at)
    {
        var round = new FundingRound(
            fund.Id,
            line.Year,
            title,
            summary,
            opensAt,
            closesAt,
            minimumAward,
            maximumAward,
            new ScoreScale(0, 10),
            [new AssessmentCriterion("overall", "Overall quality of the bid", 100, "Replace this with the round's own criteria.")],
            [],
            ApplicationForm.Empty)
        {
            MonthsBetweenAwards = DefaultMonthsBetweenAwards,
            Terms = RoundTerms.Standard(fund.Programme),
        };
        round.UseBudgetLine(line, amountAvailable, otherRoundsOnLine);
        round._changes.Add(new RoundChange(round.Id, "Round", null, $"Set up with {amountAvailable} from {line.Name}", "Round set up", by, at));
        return round;
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

    /// <summary>Legal forms that cannot apply to this round, judged on the organisation's recorded legal form whatever it answers.</summary>
    public IReadOnlyList<LegalForm> ExcludedLegalForms { get; private set; } = [];

    /// <summary>Whether one organisation may have more than one application in this round; by default it may not.</summary>
    public bool AllowsSeveralApplicationsPerOrganisation { get; private set; }

    /// <summary>The plan priorities this round funds; none listed means every priority of the plan in force.</summary>
    public IReadOnlyCollection<RoundPriority> Priorities => _priorities.AsReadOnly();

    public bool SupportsEveryPriority => _priorities.Count == 0;

    /// <summary>When the round was published: before then applicants cannot see it or apply to it.</summary>
    public DateTimeOffset? PublishedAt { get; private set; }

    public bool IsPublished => PublishedAt is not null;

    /// <summary>
    /// What stops the round being published, each reason a sentence that says what to do; empty when nothing does: a
    /// form with no sections or no questions (or a section with none), criteria whose weights do not add up to 100%,
    /// or a closing time already past.
    /// </summary>
    public IReadOnlyList<string> WhyNotPublishable(DateTimeOffset now)
    {
        var reasons = new List<string>();
        if (Form.Sections.Count == 0)
        {
            reasons.Add("The application form has no sections. Add a section with the questions applicants are to answer.");
        }
        else if (!Form.Questions.Any())
        {
            reasons.Add("The application form has no questions. Add the questions applicants are to answer.");
        }
        else
        {
            reasons.AddRange(Form.Sections.Where(s => s.Questions.Count == 0).Select(s => $"The section \u2018{s.Title}\u2019 has no questions. Add a question to it, or remove it."));
        }

        if (Criteria.Count > 0 && Criteria.Sum(c => c.WeightPercent) is var total and not 100)
        {
            reasons.Add($"The assessment criteria's weights add up to {total}%; they must add up to 100%. Change the weights first.");
        }

        if (ClosesAt <= now)
        {
            reasons.Add($"The round closed at {UkTime.Describe(ClosesAt)}. Move its closing date into the future first.");
        }

        return reasons;
    }

    /// <summary>Publishes the round, so applicants see it and can apply while it is open; refused, with every reason, while <see cref="WhyNotPublishable"/> has any.</summary>
    public void Publish(DateTimeOffset now)
    {
        if (PublishedAt is { } published)
        {
            throw new DomainException($"{Title} was already published at {UkTime.Describe(published)}.");
        }

        if (WhyNotPublishable(now) is { Count: > 0 } reasons)
        {
            throw new DomainException(string.Join(" ", reasons));
        }

        PublishedAt = now.ToUniversalTime();
        Version++;
    }

    /// <summary>The budget line the round's awards come from; null for a round set up before rounds named their line.</summary>
    public BudgetLineId? BudgetLineId { get; private set; }

    /// <summary>How much the round makes available in all; within its budget line.</summary>
    public Money? AmountAvailable { get; private set; }

    /// <summary>Calendar months before the round closes in which an award from the same fund stops an organisation applying; null when the round has no such rule.</summary>
    public int? MonthsBetweenAwards { get; private set; }

    /// <summary>Whether the round refuses to pay for an organisation's core costs (running costs not tied to the project).</summary>
    public bool ExcludesCoreCosts { get; private set; }

    /// <summary>The local-authority areas (ONS codes) the round covers, which applicants pick from; empty when it covers the whole force area.</summary>
    public IReadOnlyList<string> DeliveryAreas { get; private set; } = [];

    /// <summary>The spread between assessors' weighted totals, in percentage points of the maximum, above which a bid is moderated.</summary>
    public int ModerationThreshold { get; private set; } = DefaultModerationThreshold;

    /// <summary>The terms awards from the round are offered on, copied to each award when it is offered; null means the programme's standard terms.</summary>
    public RoundTerms? Terms { get; private set; }

    /// <summary>When the first application to the round was started; from then on its questions and criteria are fixed.</summary>
    public DateTimeOffset? FirstApplicationStartedAt { get; private set; }

    /// <summary>Changes with every change to the round, so that a change and the first application started at the same moment cannot both be saved unseen.</summary>
    public long Version { get; private set; }

    /// <summary>Every change to the round's dates, limits and settings, with who made it, when and why, oldest first.</summary>
    public IReadOnlyCollection<RoundChange> Changes => _changes.AsReadOnly();

    public bool HasApplications => FirstApplicationStartedAt is not null;

    /// <summary>The terms an award from this round is offered on: the round's own, or its programme's standard ones.</summary>
    public RoundTerms TermsFor(ProgrammeKind programme) => Terms ?? RoundTerms.Standard(programme);

    /// <summary>Notes that an application to the round has been started; the first one fixes its questions and criteria.</summary>
    public void RecordApplicationStarted(DateTimeOffset at)
    {
        if (FirstApplicationStartedAt is null)
        {
            FirstApplicationStartedAt = at.ToUniversalTime();
            Version++;
        }
    }

    /// <summary>Refuses a change to the round's questions or assessment criteria once an application has been started.</summary>
    public void EnsureQuestionsAndCriteriaCanChange()
    {
        if (FirstApplicationStartedAt is { } since)
        {
            throw new DomainException($"Applications to {Title} have been started since {UkTime.Describe(since)}, so its questions and assessment criteria are fixed. Copy the round to make a new one with different questions or criteria; its dates and limits can still be changed here.");
        }
    }

    /// <summary>
    /// Names the budget line the round's awards come from and how much it makes available. The line must be of the
    /// round's fund and year, and the amount must fit within it beside what the line's other rounds make available.
    /// </summary>
    public void UseBudgetLine(BudgetLine line, Money amountAvailable, Money otherRoundsOnLine, ChangeNote? note = null)
    {
        if (line.FundId != FundId || line.Year != Year)
        {
            throw new DomainException($"{Title} is a round of its fund for {Year}; choose one of that fund's budget lines for {Year}.");
        }

        line.EnsureRoundFits(amountAvailable, otherRoundsOnLine);
        if (amountAvailable < MaximumAward)
        {
            throw new DomainException($"The amount available ({amountAvailable}) cannot be less than the maximum award ({MaximumAward}).");
        }

        var before = AmountAvailable is { } amount ? $"{amount}" : null;
        var lineChanged = BudgetLineId is { } old && old != line.Id;
        BudgetLineId = line.Id;
        AmountAvailable = amountAvailable;
        Record(note, "Amount available", before, $"{amountAvailable}{(lineChanged ? $" from {line.Name}" : string.Empty)}");
    }

    /// <summary>Changes the round's title and summary, which applicants see.</summary>
    public void ChangeDescription(string title, string summary, ChangeNote? note = null)
    {
        var newTitle = Text.SingleLine(title, "round title", TitleMaxLength);
        var newSummary = Text.Required(summary, "round summary", SummaryMaxLength);
        Record(note, "Title", Title, newTitle);
        Record(note, "Summary", Summary, newSummary);
        Title = newTitle;
        Summary = newSummary;
    }

    /// <summary>
    /// Sets who may apply: the legal forms that cannot (statutory bodies are local authorities and other public
    /// bodies), whether an organisation may have several applications, the calendar months between one
    /// organisation's awards from the fund (null: no such rule), whether core costs are excluded, and the
    /// local-authority areas the round covers (ONS codes from <see cref="LocalAuthorityAreas"/>; none: the whole force area).
    /// </summary>
    public void SetWhoMayApply(IEnumerable<LegalForm> excludedLegalForms, bool allowsSeveralApplicationsPerOrganisation, int? monthsBetweenAwards, bool excludesCoreCosts, IEnumerable<string> deliveryAreas, ChangeNote? note = null)
    {
        if (monthsBetweenAwards is < 1 or > MaxMonthsBetweenAwards)
        {
            throw new DomainException($"The months between one organisation's awards must be a whole number from 1 to {MaxMonthsBetweenAwards}, or left empty for no such rule.");
        }

        var areas = deliveryAreas.Select(a => a.Trim().ToUpperInvariant()).Distinct().ToList();
        if (areas.FirstOrDefault(a => LocalAuthorityAreas.Find(a) is null) is { } unknown)
        {
            throw new DomainException($"'{unknown}' is not the ONS code of a local-authority area the service knows. Choose the areas from the list.");
        }

        var excludedBefore = ExcludedLegalForms;
        SetApplicantLimits(excludedLegalForms, allowsSeveralApplicationsPerOrganisation);
        Record(note, "Legal forms that cannot apply", Describe(excludedBefore), Describe(ExcludedLegalForms));
        Record(note, "Months between awards", MonthsBetweenAwards?.ToString(CultureInfo.InvariantCulture) ?? "no rule", monthsBetweenAwards?.ToString(CultureInfo.InvariantCulture) ?? "no rule");
        Record(note, "Core costs", ExcludesCoreCosts ? "excluded" : "funded", excludesCoreCosts ? "excluded" : "funded");
        Record(note, "Delivery areas", Describe(DeliveryAreas), Describe(areas));
        MonthsBetweenAwards = monthsBetweenAwards;
        ExcludesCoreCosts = excludesCoreCosts;
        DeliveryAreas = areas.OrderBy(a => a, StringComparer.Ordinal).ToList().AsReadOnly();
        Version++;
    }

    /// <summary>The round's criteria, score scale and moderation threshold; the criteria and scale are fixed once an application exists.</summary>
    public void SetAssessment(ScoreScale scale, IEnumerable<AssessmentCriterion> criteria, int moderationThreshold, ChangeNote? note = null)
    {
        var list = criteria.ToList();
        if (scale != Scale || JsonText(list) != JsonText(Criteria))
        {
            EnsureQuestionsAndCriteriaCanChange();
            Scale = scale;
            SetCriteria(list);
        }

        SetModerationThreshold(moderationThreshold, note);
    }

    public void SetModerationThreshold(int percentagePoints, ChangeNote? note = null)
    {
        if (percentagePoints is < 0 or > 100)
        {
            throw new DomainException("The moderation threshold is a number of percentage points of the highest possible total, from 0 to 100.");
        }

        Record(note, "Moderation threshold", $"{ModerationThreshold} points", $"{percentagePoints} points");
        ModerationThreshold = percentagePoints;
        Version++;
    }

    /// <summary>Sets the terms awards from the round are offered on; they are copied to each award when it is offered.</summary>
    public void SetTerms(RoundTerms terms, ChangeNote? note = null)
    {
        RoundTerms.Validate(terms);
        Record(note, "Award terms", Terms is null ? "the programme's standard terms" : Terms.Describe(), terms.Describe());
        Terms = terms;
        Version++;
    }

    /// <summary>
    /// A new round with this one's settings, criteria, award terms, priorities and form, for new dates, made by an
    /// officer (for example because this one's questions are fixed). Its amount is checked against its line again.
    /// </summary>
    public FundingRound CopyAs(string title, DateTimeOffset opensAt, DateTimeOffset closesAt, BudgetLine line, Money amountAvailable, Money otherRoundsOnLine, string by, DateTimeOffset at)
    {
        var copy = new FundingRound(FundId, Year, title, Summary, opensAt, closesAt, MinimumAward, MaximumAward, Scale, Criteria, EligibilityRules, Form)
        {
            MonthsBetweenAwards = MonthsBetweenAwards,
            ExcludesCoreCosts = ExcludesCoreCosts,
            DeliveryAreas = DeliveryAreas,
            ModerationThreshold = ModerationThreshold,
            Terms = Terms,
        };
        copy.SetApplicantLimits(ExcludedLegalForms, AllowsSeveralApplicationsPerOrganisation);
        copy.LimitToPriorities(_priorities.Select(p => p.PriorityId));
        copy.UseBudgetLine(line, amountAvailable, otherRoundsOnLine);
        copy._changes.Add(new RoundChange(copy.Id, "Round", null, $"Copied from {Title}", $"Copy of {Title}", by, at));
        return copy;
    }

    private void Record(ChangeNote? note, string what, string? from, string? to)
    {
        if (note is null || from == to)
        {
            return;
        }

        if (HasApplications && string.IsNullOrWhiteSpace(note.Reason))
        {
            throw new DomainException($"Applications to {Title} have been started, so say why {what.ToLowerInvariant()} is changing.");
        }

        _changes.Add(new RoundChange(Id, what, from, to, note.Reason ?? "Changed before any application was started", note.By, note.At));
        Version++;
    }

    private static string Describe(IReadOnlyList<LegalForm> forms) => forms.Count == 0 ? "none" : string.Join(", ", forms.Select(f => f.Describe()));

    private static string Describe(IReadOnlyList<string> areas) => areas.Count == 0 ? "the whole force area" : string.Join(", ", areas.Select(a => LocalAuthorityAreas.Find(a)?.Name ?? a));

    private static string JsonText<T>(T value) => System.Text.Json.JsonSerializer.Serialize(value);
    public RoundStatus StatusAt(DateTimeOffset now) => now < OpensAt ? RoundStatus.Upcoming : now < ClosesAt ? RoundStatus.Open : RoundStatus.Closed;

    /// <summary>Refuses a new application unless the round is published and open.</summary>
    public void EnsureTakesApplications(DateTimeOffset now)
    {
        if (!IsPublished)
        {
            throw new DomainException($"{Title} is not open for applications.");
        }

        EnsureOpenForSubmission(now);
    }

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

    /// <summary>Sets when the round opens and closes; moving the closing date moves every draft's closing deadline with it (the use case moves their workflow timers).</summary>
    public void Reschedule(DateTimeOffset opensAt, DateTimeOffset closesAt, ChangeNote? note = null)
    {
        if (closesAt <= opensAt)
        {
            throw new DomainException("A round must close after it opens.");
        }

        Record(note, "Opens", OpensAt == default ? null : UkTime.Describe(OpensAt), UkTime.Describe(opensAt));
        Record(note, "Closes", ClosesAt == default ? null : UkTime.Describe(ClosesAt), UkTime.Describe(closesAt));
        OpensAt = opensAt.ToUniversalTime();
        ClosesAt = closesAt.ToUniversalTime();
        Version++;
    }

    public void SetAwardLimits(Money minimum, Money maximum, ChangeNote? note = null)
    {
        if (minimum.IsNegative)
        {
            throw new DomainException("The minimum award cannot be less than £0.00.");
        }

        if (maximum < minimum || maximum.IsZero)
        {
            throw new DomainException($"The maximum award must be more than £0.00 and at least the minimum ({minimum}).");
        }

        if (AmountAvailable is { } available && maximum > available)
        {
            throw new DomainException($"The maximum award cannot be more than the amount available for the whole round ({available}).");
        }

        Record(note, "Award limits", MaximumAward.IsZero ? null : $"{MinimumAward} to {MaximumAward}", $"{minimum} to {maximum}");
        MinimumAward = minimum;
        MaximumAward = maximum;
        Version++;
    }

    /// <summary>Replaces the round's assessment criteria, whose weights must add up to 100%; refused once an application has been started.</summary>
    public void SetCriteria(IEnumerable<AssessmentCriterion> criteria)
    {
        EnsureQuestionsAndCriteriaCanChange();
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

        if (list.FirstOrDefault(c => string.IsNullOrWhiteSpace(c.Title) || c.Title.Length > AssessmentCriterion.TitleMaxLength) is { } untitled)
        {
            throw new DomainException($"Every assessment criterion needs a name of {AssessmentCriterion.TitleMaxLength} characters or fewer ('{untitled.Key}' has none, or a longer one).");
        }

        if (list.FirstOrDefault(c => c.Guidance is { Length: > AssessmentCriterion.GuidanceMaxLength }) is { } wordy)
        {
            throw new DomainException($"The guidance for '{wordy.Title}' must be {AssessmentCriterion.GuidanceMaxLength} characters or fewer.");
        }

        Criteria = list.AsReadOnly();
        Version++;
    }

    /// <summary>Replaces the round's application form; refused once an application has been started.</summary>
    public void ReplaceForm(ApplicationForm form)
    {
        EnsureQuestionsAndCriteriaCanChange();
        Form = form;
        Version++;
    }

    /// <summary>Sets which legal forms cannot apply and whether an organisation may have several applications in the round.</summary>
    public void SetApplicantLimits(IEnumerable<LegalForm> excludedLegalForms, bool allowsSeveralApplicationsPerOrganisation)
    {
        var excluded = excludedLegalForms.Distinct().ToList();
        if (excluded.Any(f => !Enum.IsDefined(f)))
        {
            throw new DomainException("Choose only legal forms the service knows to exclude from a round.");
        }

        ExcludedLegalForms = excluded.Order().ToList().AsReadOnly();
        AllowsSeveralApplicationsPerOrganisation = allowsSeveralApplicationsPerOrganisation;
        Version++;
    }

    public bool Excludes(LegalForm legalForm) => ExcludedLegalForms.Contains(legalForm);

    /// <summary>The round's eligibility questions that the applicant's own answers ("yes" or "no", by rule key) fail; an unanswered question fails.</summary>
    public IReadOnlyList<EligibilityRule> FailedRules(IReadOnlyDictionary<string, string> answers) =>
        EligibilityRules.Where(r => !answers.TryGetValue(r.Key, out var answer) || (answer == Answers.Yes) != r.PassingAnswer).ToList();

    /// <summary>
    /// The one-award-in-12-months rule: an offered or accepted award to the organisation from this round's fund dated
    /// in the 12 calendar months before the round closes (after the same date 12 months earlier, up to and including
    /// the UK closing date), or null when there is none or the round does not have the rule.
    /// </summary>
    public Award? RecentAward(OrganisationId organisation, IEnumerable<Award> awards)
    {
        if (MonthsBetweenAwards is not { } months)
        {
            return null;
        }

        var closesOn = UkTime.DateOf(ClosesAt);
        var from = UkTime.AddMonths(closesOn, -months);
        return awards
            .Where(a => a.OrganisationId == organisation && a.FundId == FundId)
            .Where(a => a.Status is AwardStatus.Offered or AwardStatus.Accepted or AwardStatus.Active or AwardStatus.Closed)
            .Where(a => a.AwardDate > from && a.AwardDate <= closesOn)
            .OrderByDescending(a => a.AwardDate)
            .FirstOrDefault();
    }

    /// <summary>
    /// Why the service's records stop an organisation applying, each reason a sentence that says what to do; empty
    /// when nothing does. The organisation's recorded legal form is checked against the round's exclusions; the
    /// one-award-in-12-months rule (<see cref="RecentAward"/>); and one application per organisation per round unless
    /// the round allows more. A withdrawn application, or one found ineligible, does not count. Starting a draft is
    /// stopped by any other application the organisation has in the round, drafts included; submitting, and due
    /// diligence, only by one submitted before this one.
    /// </summary>
    public IReadOnlyList<string> IneligibleBecause(ApplicantRecord applicant, EligibilityStage stage, GrantApplication? applying = null)
    {
        var organisation = applicant.Organisation;
        var reasons = new List<string>();
        if (Excludes(organisation.LegalForm))
        {
            reasons.Add($"{organisation.Name} is recorded with us as: {organisation.LegalForm.Describe()}. {Title} does not take applications from that kind of organisation. If your organisation's legal form is recorded wrongly, correct it in your organisation's profile.");
        }

        if (RecentAward(organisation.Id, applicant.AwardsFromFund) is { } recent)
        {
            var rule = EligibilityRules.FirstOrDefault(r => r.CheckedBy == NoAwardInLast12Months)?.IneligibleBecause
                ?? $"{Title} takes applications only from organisations with no award from this fund in the {MonthsBetweenAwards} months before it closes.";
            reasons.Add($"{rule} Our records show {organisation.Name} was awarded {recent.Amount} from this fund on {recent.AwardDate.ToString("d MMMM yyyy", UkCulture)}, in the {MonthsBetweenAwards} months before {Title} closes.");
        }

        if (!AllowsSeveralApplicationsPerOrganisation && OtherApplication(applicant, stage, applying) is { } other)
        {
            reasons.Add(other.Status == ApplicationStatus.Draft
                ? $"{organisation.Name} already has an application to {Title}, '{other.ProjectTitle}', and can make only one. Carry on with that application, or withdraw it first."
                : $"{organisation.Name} already has an application to {Title}, '{other.ProjectTitle}' ({other.Reference}), and each organisation can make only one.");
        }

        return reasons;
    }

    /// <summary>Refuses, with every reason, an organisation the service's records make ineligible (see <see cref="IneligibleBecause"/>).</summary>
    public void EnsureEligible(ApplicantRecord applicant, EligibilityStage stage, GrantApplication? applying = null)
    {
        if (IneligibleBecause(applicant, stage, applying) is { Count: > 0 } reasons)
        {
            throw new DomainException(string.Join(" ", reasons));
        }
    }

    private GrantApplication? OtherApplication(ApplicantRecord applicant, EligibilityStage stage, GrantApplication? applying) =>
        applicant.ApplicationsToRound
            .Where(a => a.RoundId == Id && a.OrganisationId == applicant.Organisation.Id && a.Id != applying?.Id)
            .Where(a => a.Status is not (ApplicationStatus.Withdrawn or ApplicationStatus.Ineligible))
            .Where(a => stage == EligibilityStage.Starting || a.Status != ApplicationStatus.Draft)
            .Where(a => applying?.SubmittedAt is not { } submittedAt || a.SubmittedAt < submittedAt)
            .OrderBy(a => a.SubmittedAt ?? a.StartedAt)
            .FirstOrDefault();

    /// <summary>Limits the round to some priorities of the plan in force; an empty list opens it to all of them again.</summary>
    public void LimitToPriorities(IEnumerable<PriorityId> priorities, ChangeNote? note = null)
    {
        var chosen = priorities.Distinct().ToList();
        static string Describe(int count) => count == 0 ? "every priority of the plan in force" : count == 1 ? "1 priority" : $"{count} priorities";
        var before = _priorities.Select(p => p.PriorityId).ToHashSet();
        Record(note, "Plan priorities", Describe(before.Count), before.SetEquals(chosen) ? Describe(before.Count) : $"{Describe(chosen.Count)} (changed)");
        _priorities.Clear();
        _priorities.AddRange(chosen.Select(p => new RoundPriority(p)));
        Version++;
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

/// <summary>One thing assessors score a bid on: its name, its weight (the weights of a round's criteria add up to 100) and guidance for assessors.</summary>
public sealed record AssessmentCriterion(string Key, string Title, int WeightPercent, string? Guidance = null)
{
    public const int TitleMaxLength = 200;

    public const int GuidanceMaxLength = 2000;
}

/// <summary>Who changes a round, when and why; the why is required once applications to the round exist.</summary>
public sealed record ChangeNote(string By, DateTimeOffset At, string? Reason);

/// <summary>One recorded change to a round: what changed, from what, to what, who, when and why.</summary>
public sealed class RoundChange
{
    public const int WhatMaxLength = 100;

    public const int ValueMaxLength = 2000;

    public const int ReasonMaxLength = 500;

    public const int ByMaxLength = 256;

    private RoundChange()
    {
        What = string.Empty;
        Reason = string.Empty;
        By = string.Empty;
    }

    internal RoundChange(RoundId roundId, string what, string? from, string? to, string reason, string by, DateTimeOffset at)
    {
        Id = Ids.NewValue();
        RoundId = roundId;
        What = what;
        From = Clip(from);
        To = Clip(to);
        Reason = Text.Required(reason, "reason for the change", ReasonMaxLength);
        By = Text.SingleLine(by, "name of who made the change", ByMaxLength);
        At = at;
    }

    public Guid Id { get; private set; }

    public RoundId RoundId { get; private set; }

    public string What { get; private set; }

    public string? From { get; private set; }

    public string? To { get; private set; }

    public string Reason { get; private set; }

    public string By { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Describe() => From is null ? $"{What}: {To}" : $"{What} changed from {From} to {To}";

    private static string? Clip(string? value) => value is { Length: > ValueMaxLength } ? value[..(ValueMaxLength - 1)] + "…" : value;
}

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
