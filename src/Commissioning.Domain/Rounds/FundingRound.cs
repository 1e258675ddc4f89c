using System.Globalization;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
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

    /// <summary>Calendar months before the round closes in which an earlier award from the same fund stops an organisation applying.</summary>
    public const int MonthsBetweenAwards = 12;

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

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
        Title = Text.SingleLine(title, "round title", TitleMaxLength);
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
    }

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
        if (!EligibilityRules.Any(r => r.CheckedBy == NoAwardInLast12Months))
        {
            return null;
        }

        var closesOn = UkTime.DateOf(ClosesAt);
        var from = UkTime.AddMonths(closesOn, -MonthsBetweenAwards);
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
            var rule = EligibilityRules.First(r => r.CheckedBy == NoAwardInLast12Months);
            reasons.Add($"{rule.IneligibleBecause} Our records show {organisation.Name} was awarded {recent.Amount} from this fund on {recent.AwardDate.ToString("d MMMM yyyy", UkCulture)}, in the {MonthsBetweenAwards} months before {Title} closes.");
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
