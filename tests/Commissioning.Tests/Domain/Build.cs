using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Decisions;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Monitoring;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Payments;
using Commissioning.Domain.Plans;
using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Domain;

/// <summary>Small builders for the domain tests: sensible defaults, and only what a test cares about is named.</summary>
internal static class Build
{
    public const string RoundTitle = "Safer Streets Small Grants";

    public static FinancialYear Year { get; } = new(2026);

    /// <summary>9am on Monday 1 June 2026 (BST).</summary>
    public static DateTimeOffset OpensAt { get; } = UkTime.ToInstant(new DateOnly(2026, 6, 1), new TimeOnly(9, 0));

    /// <summary>12pm (midday) on Saturday 12 September 2026 (BST).</summary>
    public static DateTimeOffset ClosesAt { get; } = UkTime.ToInstant(new DateOnly(2026, 9, 12), new TimeOnly(12, 0));

    /// <summary>An instant while the default round is open.</summary>
    public static DateTimeOffset WhileOpen { get; } = UkTime.ToInstant(new DateOnly(2026, 7, 15), new TimeOnly(14, 30));

    /// <summary>Who changes budgets in these tests.</summary>
    public const string Officer = "officer@example.org";

    /// <summary>When a budget change is made in these tests.</summary>
    public static DateTimeOffset ChangedAt { get; } = new(2026, 10, 5, 9, 30, 0, TimeSpan.Zero);

    public static Money Pounds(decimal pounds) => Money.FromPounds(pounds);

    public static Money Pence(long pence) => Money.FromPence(pence);

    public static Fund Fund(string name = "Community Safety Fund", ProgrammeKind programme = ProgrammeKind.CommunitySafetyFund) =>
        new(name, programme, "Police and Crime Commissioner's community safety budget");

    /// <summary>A budget line on a fresh fund's budget for 2026/27 (or the year given).</summary>
    public static BudgetLine Line(decimal pounds = 10_000m, string name = "General pot", string? ringFencedFor = null, FinancialYear? year = null) =>
        Fund().AddBudget(year ?? Year).AddLine(name, Money.FromPounds(pounds), ringFencedFor);

    public static AssessmentCriterion[] Criteria(params int[] weights) =>
        weights.Select((weight, index) => new AssessmentCriterion($"criterion{index + 1}", $"Criterion {index + 1}", weight)).ToArray();

    public static FundingRound Round(
        DateTimeOffset? opensAt = null,
        DateTimeOffset? closesAt = null,
        decimal minimumPounds = 1_000m,
        decimal maximumPounds = 25_000m,
        IEnumerable<AssessmentCriterion>? criteria = null,
        IEnumerable<EligibilityRule>? eligibility = null,
        ApplicationForm? form = null,
        string title = RoundTitle,
        FundId? fundId = null) =>
        new(
            fundId ?? FundId.New(),
            Year,
            title,
            "Small grants for projects that make streets and public spaces safer.",
            opensAt ?? OpensAt,
            closesAt ?? ClosesAt,
            Money.FromPounds(minimumPounds),
            Money.FromPounds(maximumPounds),
            new ScoreScale(0, 10),
            criteria ?? Criteria(40, 30, 30),
            eligibility ?? [new EligibilityRule("based_in_area", "Do you work in the force area?", true, "The fund only supports work in the force area.")],
            form ?? ApplicationForm.Empty);

    /// <summary>
    /// A round applicants can apply to: published when it opened. It is published with a form of one question, which
    /// is then taken away again, so that the builders' applications need no answers, as for <see cref="Round"/>.
    /// </summary>
    public static FundingRound PublishedRound()
    {
        var round = Round(form: new ApplicationForm([new FormSection("about", "About your project", [new FormQuestion("summary", "Summarise your project", QuestionType.ShortText)])]));
        round.Publish(round.OpensAt);
        round.ReplaceForm(ApplicationForm.Empty);
        return round;
    }

    public static FormQuestion Question(string key, QuestionType type = QuestionType.ShortText, IReadOnlyList<string>? options = null, ShowWhen? showWhen = null, string? stopsIfNo = null) =>
        new(key, $"Question {key}", type, Options: options, ShowWhen: showWhen, StopsApplicationIfNo: stopsIfNo);

    public static FormSection Section(string key, params FormQuestion[] questions) => new(key, $"Section {key}", questions);

    public static ApplicationForm Form(params FormQuestion[] questions) => new([Section("main", questions)]);

    /// <summary>The organisation the builders' applications come from: a registered charity with no other awards or applications.</summary>
    public static Organisation Applicant { get; } = Charity();

    /// <summary>What the service's records say about <see cref="Applicant"/>: nothing that stops it applying, unless awards or applications are given.</summary>
    public static ApplicantRecord Record(IEnumerable<Award>? awards = null, IEnumerable<GrantApplication>? applications = null, Organisation? organisation = null) =>
        new(organisation ?? Applicant, [.. awards ?? []], [.. applications ?? []]);

    public static GrantApplication Draft(FundingRound round, string projectTitle = "Safer routes home", Organisation? organisation = null) =>
        new(round.Id, (organisation ?? Applicant).Id, projectTitle, round.OpensAt, "applicant@example.org");

    /// <summary>A draft with an amount, a budget asking for it and a primary priority: everything it needs to be submitted.</summary>
    public static GrantApplication ReadyToSubmit(FundingRound round, decimal requestedPounds = 10_000m, Organisation? organisation = null)
    {
        var application = Draft(round, organisation: organisation);
        application.Request(Money.FromPounds(requestedPounds), round);
        application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Project costs", Money.FromPounds(requestedPounds))]);
        application.SupportPriorities([], PriorityId.New());
        return application;
    }

    public static GrantApplication Submitted(FundingRound round)
    {
        var application = ReadyToSubmit(round);
        application.Submit(round, Record(), "CSF-2026-00042", WhileOpen);
        return application;
    }

    public static GrantApplication InAssessment(FundingRound round)
    {
        var application = Submitted(round);
        application.StartAssessment();
        return application;
    }

    public static GrantApplication Recommended(FundingRound round)
    {
        var application = InAssessment(round);
        application.Recommend("Strong fit with the plan.");
        return application;
    }

    public static Award Award(BudgetLine line, decimal pounds = 10_000m, DateOnly? awardDate = null) =>
        global::Commissioning.Domain.Awards.Award.Make(OrganisationId.New(), line, Money.FromPounds(pounds), "Safer routes home for night-time economy workers", awardDate ?? new DateOnly(2026, 10, 1), PriorityId.New());

    /// <summary>An award of £10,000 in two instalments (£6,000 then £4,000), offered and accepted.</summary>
    public static Award AcceptedAwardInTwoInstalments(BudgetLine line)
    {
        var award = Award(line, 10_000m);
        award.ScheduleInstalments([(new DateOnly(2026, 11, 1), Money.FromPounds(6_000m)), (new DateOnly(2027, 2, 1), Money.FromPounds(4_000m))]);
        award.Offer();
        award.Accept();
        return award;
    }

    public static Payment Payment(decimal pounds = 6_000m) =>
        new(AwardId.New(), InstalmentId.New(), OrganisationId.New(), Money.FromPounds(pounds), new DateOnly(2026, 11, 1));

    public static MonitoringReturn QuarterOneReturn() =>
        new(AwardId.New(), ReturnKind.Quarterly, "Quarter 1 return 2026/27", new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30), new DateOnly(2026, 7, 31));

    public static DecisionRecord Decision(bool registerOfInterestsUpToDate = true, string? confidentialBecause = null, string reference = "04/2025-26") =>
        new(
            reference,
            "Community Safety Fund awards 2026/27",
            "To award £312,000 to 14 organisations as set out in the annex.",
            "The bids were assessed against the published criteria and support the Police and Crime Plan.",
            new DateOnly(2026, 3, 18),
            "Police and Crime Commissioner",
            "Head of Commissioning",
            registerOfInterestsUpToDate,
            confidentialBecause);

    public static PoliceAndCrimePlan Plan(string title = "Safer Together 2025-2029", DateOnly? start = null, DateOnly? end = null, string priorityTerm = "priority") =>
        new(title, start ?? new DateOnly(2025, 4, 1), end ?? new DateOnly(2029, 3, 31), priorityTerm);

    public static PoliceAndCrimePlan PublishedPlan(DateOnly start, DateOnly end, string title)
    {
        var plan = Plan(title, start, end);
        plan.AddPriority("Tackling violence against women and girls");
        plan.Publish(start);
        return plan;
    }

    public static Organisation Charity(string charityNumber = "1234567") =>
        new("Riverside Women's Aid", LegalForm.RegisteredCharity, RegistrationNumbers.Create(charityNumber: charityNumber));
}

/// <summary>Runs something the domain should refuse and gives back the message a user would see.</summary>
internal static class Refusal
{
    public static string Of(Action action) => Assert.Throws<DomainException>(action).Message;
}
