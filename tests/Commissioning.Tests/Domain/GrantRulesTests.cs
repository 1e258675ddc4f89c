using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Domain;

/// <summary>Showstoppers, readiness to submit and who may apply: each rule decided once, by the domain.</summary>
public class GrantRulesTests
{
    private const string NotFree = "Services paid for by the grant must be free to victims.";

    private static readonly EligibilityRule RecentAwardRule = new("recent-award", "Has your group had a grant from the fund in the last 12 months?", false, "Groups can receive only one award from the fund in any 12 months.", FundingRound.NoAwardInLast12Months);

    /// <summary>"Do you work with victims?" then, only if yes, the showstopper "Is the service free?".</summary>
    private static FundingRound RoundWithAConditionalShowstopper() => Build.Round(form: Build.Form(
        Build.Question("victims", QuestionType.YesNo),
        Build.Question("free", QuestionType.YesNo, showWhen: new ShowWhen("victims", "yes"), stopsIfNo: NotFree)));

    [Fact]
    public void A_showstopper_hidden_by_an_earlier_answer_is_not_asked_and_does_not_stop_the_application()
    {
        var round = RoundWithAConditionalShowstopper();
        var application = Build.ReadyToSubmit(round);
        application.Answer("victims", "no", Build.WhileOpen, "a@example.org");

        Assert.Empty(application.FailedShowstoppers(round));
        Assert.Empty(application.WhatStopsSubmission(round));
        application.Submit(round, Build.Record(), "VSG-2026-00001", Build.WhileOpen);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
    }

    [Fact]
    public void A_no_left_behind_by_a_showstopper_that_is_no_longer_asked_does_not_count()
    {
        var round = RoundWithAConditionalShowstopper();
        var application = Build.ReadyToSubmit(round);
        application.Answer("victims", "yes", Build.WhileOpen, "a@example.org");
        application.Answer("free", "no", Build.WhileOpen, "a@example.org");
        application.Answer("victims", "no", Build.WhileOpen, "a@example.org");

        Assert.Empty(application.FailedShowstoppers(round));
    }

    [Fact]
    public void An_asked_showstopper_fails_unless_it_is_answered_yes_and_submission_refuses_it()
    {
        var round = RoundWithAConditionalShowstopper();
        var application = Build.ReadyToSubmit(round);
        application.Answer("victims", "yes", Build.WhileOpen, "a@example.org");

        Assert.Equal("free", Assert.Single(application.FailedShowstoppers(round)).Key);
        Assert.Equal("Answer every question in \u2018Section main\u2019 before submitting.", Refusal.Of(() => application.Submit(round, Build.Record(), "VSG-2026-00001", Build.WhileOpen)));

        application.Answer("free", "no", Build.WhileOpen, "a@example.org");

        Assert.Equal([NotFree], application.WhatStopsSubmission(round).Select(p => p.Message));
        Assert.Equal($"{NotFree} before submitting.", Refusal.Of(() => application.Submit(round, Build.Record(), "VSG-2026-00001", Build.WhileOpen)));
        Assert.Equal(ApplicationStatus.Draft, application.Status);

        application.Answer("free", "yes", Build.WhileOpen, "a@example.org");

        Assert.Empty(application.FailedShowstoppers(round));
    }

    [Fact]
    public void Submission_itself_refuses_an_application_with_unanswered_questions_or_no_budget()
    {
        var round = Build.Round(form: Build.Form(Build.Question("summary", QuestionType.LongText)));
        var application = Build.Draft(round);
        application.Request(Build.Pounds(5_000m), round);
        application.SupportPriorities([], PriorityId.New());

        var message = Refusal.Of(() => application.Submit(round, Build.Record(), "CSF-2026-00042", Build.WhileOpen));

        Assert.Equal("Answer every question in \u2018Section main\u2019. Complete your budget before submitting.", message);
        Assert.Equal(ApplicationStatus.Draft, application.Status);
    }

    [Fact]
    public void An_offered_or_accepted_award_from_the_fund_in_the_12_calendar_months_before_the_round_closes_stops_an_application()
    {
        // The round closes on 12 September 2026 (UK date), so the 12 months run from after 12 September 2025.
        var line = Build.Fund().AddBudget(new FinancialYear(2025)).AddLine("General pot", Build.Pounds(100_000m));
        var round = Build.Round(eligibility: [RecentAwardRule], fundId: line.FundId);
        var inside = OfferedAward(line, new DateOnly(2025, 9, 13));
        var onTheBoundary = OfferedAward(line, new DateOnly(2025, 9, 12));
        var otherFund = OfferedAward(Build.Line(100_000m, year: new FinancialYear(2025)), new DateOnly(2026, 1, 10));
        var withdrawn = OfferedAward(line, new DateOnly(2026, 1, 10));
        withdrawn.Withdraw(line);

        Assert.Equal(inside, round.RecentAward(Build.Applicant.Id, [inside, onTheBoundary, otherFund, withdrawn]));
        Assert.Null(round.RecentAward(Build.Applicant.Id, [onTheBoundary, otherFund, withdrawn]));
        var reasons = round.IneligibleBecause(Build.Record(awards: [inside]), EligibilityStage.Starting);
        Assert.Equal(
            $"Groups can receive only one award from the fund in any 12 months. Our records show Riverside Women's Aid was awarded £1,000.00 from this fund on 13 September 2025, in the 12 months before {Build.RoundTitle} closes.",
            Assert.Single(reasons));
        var application = Build.ReadyToSubmit(round);
        Assert.StartsWith("Groups can receive only one award from the fund in any 12 months.", Refusal.Of(() => application.Submit(round, Build.Record(awards: [inside]), "PPAF-2026-00001", Build.WhileOpen)), StringComparison.Ordinal);
        Assert.Empty(Build.Round().IneligibleBecause(Build.Record(awards: [inside]), EligibilityStage.Starting));
    }

    [Fact]
    public void The_recorded_legal_form_is_checked_against_the_rounds_exclusions_whatever_was_answered()
    {
        var round = Build.PublishedRound();
        round.SetApplicantLimits([LegalForm.LocalAuthority, LegalForm.OtherPublicBody], allowsSeveralApplicationsPerOrganisation: false);
        var council = new Organisation("Reading Borough Council", LegalForm.LocalAuthority, RegistrationNumbers.Create(localAuthorityCode: "RDG"));

        var reason = Assert.Single(round.IneligibleBecause(Build.Record(organisation: council), EligibilityStage.Starting));

        Assert.Equal($"Reading Borough Council is recorded with us as: Local authority or Community Safety Partnership. {Build.RoundTitle} does not take applications from that kind of organisation. If your organisation's legal form is recorded wrongly, correct it in your organisation's profile.", reason);
        Assert.Equal(reason, Refusal.Of(() => GrantApplication.Start(round, Build.Record(organisation: council), "Safer routes", Build.WhileOpen, "a@example.org")));
        Assert.Empty(round.IneligibleBecause(Build.Record(), EligibilityStage.Starting));
    }

    [Fact]
    public void An_organisation_has_one_application_per_round_unless_the_round_allows_more_and_a_withdrawn_one_does_not_count()
    {
        var round = Build.PublishedRound();
        var first = Build.Submitted(round);

        var message = Refusal.Of(() => GrantApplication.Start(round, Build.Record(applications: [first]), "A second bid", Build.WhileOpen, "a@example.org"));
        var second = Build.ReadyToSubmit(round);
        var atSubmission = Refusal.Of(() => second.Submit(round, Build.Record(applications: [first, second]), "CSF-2026-00043", Build.WhileOpen));

        Assert.Equal($"Riverside Women's Aid already has an application to {Build.RoundTitle}, 'Safer routes home' (CSF-2026-00042), and each organisation can make only one.", message);
        Assert.Equal(message, atSubmission);
        Assert.Equal(ApplicationStatus.Draft, second.Status);

        first.Withdraw("Funded elsewhere");
        second.Submit(round, Build.Record(applications: [first, second]), "CSF-2026-00043", Build.WhileOpen);
        Assert.Equal(ApplicationStatus.Submitted, second.Status);

        var generous = Build.Round(title: "Open to several bids");
        generous.SetApplicantLimits([], allowsSeveralApplicationsPerOrganisation: true);
        Assert.Empty(generous.IneligibleBecause(Build.Record(applications: [Build.Submitted(generous)]), EligibilityStage.Starting));
    }

    [Fact]
    public void A_draft_stops_another_being_started_but_not_the_other_being_submitted_and_at_due_diligence_only_an_earlier_bid_counts()
    {
        var round = Build.Round();
        var draft = Build.Draft(round, "Still a draft");
        var submitted = Build.Submitted(round);

        Assert.Contains("'Still a draft'", Assert.Single(round.IneligibleBecause(Build.Record(applications: [draft]), EligibilityStage.Starting)), StringComparison.Ordinal);
        Assert.Empty(round.IneligibleBecause(Build.Record(applications: [draft, submitted]), EligibilityStage.DueDiligence, submitted));
    }

    private static Award OfferedAward(Commissioning.Domain.Funds.BudgetLine line, DateOnly on)
    {
        var award = Award.Make(Build.Applicant.Id, line, Build.Pounds(1_000m), "Lantern walks", on, PriorityId.New());
        award.Offer();
        return award;
    }
}
