using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Domain;

/// <summary>
/// A round's settings as the office sets them: its amount within its budget line, who may apply, the lock on its
/// questions and criteria once an application exists, changes recorded with who, when and why, and copies.
/// </summary>
public class RoundSettingsTests
{
    private static readonly ChangeNote Officer = new("officer@example.org", Build.ChangedAt, null);

    [Fact]
    public void The_form_is_refused_once_an_application_has_been_started_but_dates_and_limits_can_still_change_with_a_reason()
    {
        var round = Build.PublishedRound();
        GrantApplication.Start(round, Build.Record(), "Safer routes home", Build.WhileOpen, "applicant@example.org");

        Assert.Contains("its questions and assessment criteria are fixed", Refusal.Of(() => round.ReplaceForm(Build.Form(Build.Question("new")))), StringComparison.Ordinal);
        Assert.Equal($"Applications to {Build.RoundTitle} have been started, so say why closes is changing.", Refusal.Of(() => round.Reschedule(Build.OpensAt, Build.ClosesAt.AddDays(7), Officer)));

        round.Reschedule(Build.OpensAt, Build.ClosesAt.AddDays(7), Officer with { Reason = "Extended after the website was down" });
        round.SetAwardLimits(Build.Pounds(500), Build.Pounds(20_000), Officer with { Reason = "Panel asked for smaller grants" });

        Assert.Equal(Build.ClosesAt.AddDays(7), round.ClosesAt);
        Assert.Collection(
            round.Changes,
            change => Assert.Equal(("Closes", UkTime.Describe(Build.ClosesAt), UkTime.Describe(Build.ClosesAt.AddDays(7)), "Extended after the website was down", "officer@example.org"), (change.What, change.From, change.To, change.Reason, change.By)),
            change => Assert.Equal(("Award limits changed from £1,000.00 to £25,000.00 to £500.00 to £20,000.00", "Panel asked for smaller grants"), (change.Describe(), change.Reason)));
    }

    [Fact]
    public void Weights_of_the_criteria_must_add_up_to_100()
    {
        var round = Build.Round();

        Assert.Equal("Assessment criteria weights must add up to 100%; they add up to 90%.", Refusal.Of(() => round.SetAssessment(new ScoreScale(0, 5), Build.Criteria(60, 30), 15)));

        round.SetAssessment(new ScoreScale(0, 5), Build.Criteria(60, 40), 15, Officer);
        Assert.Equal((5, 15, 2), (round.Scale.Maximum, round.ModerationThreshold, round.Criteria.Count));
    }

    [Fact]
    public void A_round_making_more_available_than_its_line_holds_beside_its_other_rounds_is_refused()
    {
        var fund = Build.Fund("Police Property Act Fund", ProgrammeKind.PolicePropertyActFund);
        var line = fund.AddLine(Build.Year, "Core", Build.Pounds(50_000), null, null, null, "officer@example.org", Build.ChangedAt);

        var message = Refusal.Of(() => FundingRound.SetUp(fund, line, Build.Pounds(30_000), Build.Pounds(25_000), "Spring round", "Small grants.", Build.OpensAt, Build.ClosesAt, Build.Pounds(500), Build.Pounds(10_000), "officer@example.org", Build.ChangedAt));

        Assert.Equal("£30,000.00 is more than Core for 2026/27 can fund: it holds £50,000.00, and its other rounds make £25,000.00 available, so at most £25,000.00 is left for this round. Make less available, or add to the line first.", message);
        var round = FundingRound.SetUp(fund, line, Build.Pounds(25_000), Build.Pounds(25_000), "Spring round", "Small grants.", Build.OpensAt, Build.ClosesAt, Build.Pounds(500), Build.Pounds(10_000), "officer@example.org", Build.ChangedAt);
        Assert.Equal((line.Id, Build.Pounds(25_000), FundingRound.DefaultMonthsBetweenAwards), (round.BudgetLineId, round.AmountAvailable, round.MonthsBetweenAwards));
        Assert.Equal(GrantTerms.Conditions(ProgrammeKind.PolicePropertyActFund).Select(c => c.Key), round.TermsFor(ProgrammeKind.PolicePropertyActFund).Conditions.Select(c => c.Key));
    }

    [Fact]
    public void The_months_between_awards_are_the_rounds_own_in_calendar_months()
    {
        var line = Build.Line(100_000m);
        var round = Build.Round(fundId: line.FundId);
        var earlier = Award.Make(Build.Applicant.Id, line, Build.Pounds(5_000), "Youth club", new DateOnly(2025, 3, 20), PriorityId.New());
        earlier.Offer();
        round.SetWhoMayApply([], false, 12, false, []);
        Assert.Empty(round.IneligibleBecause(Build.Record([earlier]), EligibilityStage.Starting));

        round.SetWhoMayApply([], false, 18, false, []);

        var reasons = round.IneligibleBecause(Build.Record([earlier]), EligibilityStage.Starting);
        Assert.Equal($"{Build.RoundTitle} takes applications only from organisations with no award from this fund in the 18 months before it closes. Our records show {Build.Applicant.Name} was awarded £5,000.00 from this fund on 20 March 2025, in the 18 months before {Build.RoundTitle} closes.", Assert.Single(reasons));
        round.SetWhoMayApply([], false, null, false, []);
        Assert.Empty(round.IneligibleBecause(Build.Record([earlier]), EligibilityStage.Starting));
    }

    [Fact]
    public void Statutory_bodies_excluded_and_delivery_areas_are_checked_against_the_list_of_local_authority_areas()
    {
        var round = Build.Round();

        Assert.Equal("'E99999999' is not the ONS code of a local-authority area the service knows. Choose the areas from the list.", Refusal.Of(() => round.SetWhoMayApply([], false, 12, true, ["E06000038", "E99999999"])));
        round.SetWhoMayApply([LegalForm.LocalAuthority, LegalForm.OtherPublicBody], false, 12, true, ["e06000038", "E07000177"]);

        Assert.Equal(["E06000038", "E07000177"], round.DeliveryAreas);
        Assert.Equal(("Reading", "Thames Valley"), (LocalAuthorityAreas.Find("E06000038")!.Name, LocalAuthorityAreas.Find("E06000038")!.PoliceForceArea));
        Assert.True(round.ExcludesCoreCosts);
        Assert.True(round.Excludes(LegalForm.LocalAuthority));
    }

    [Fact]
    public void A_copy_has_the_rounds_settings_criteria_terms_and_form_on_new_dates_and_can_change_its_criteria()
    {
        var fund = Build.Fund("Victims' Services Grant", ProgrammeKind.VictimsServicesGrant);
        var line = fund.AddLine(Build.Year, "Core", Build.Pounds(200_000), null, null, null, "officer@example.org", Build.ChangedAt);
        var round = FundingRound.SetUp(fund, line, Build.Pounds(100_000), Money.Zero, "Spring round", "Grants.", Build.OpensAt, Build.ClosesAt, Build.Pounds(500), Build.Pounds(10_000), "officer@example.org", Build.ChangedAt);
        round.SetAssessment(new ScoreScale(1, 5), Build.Criteria(70, 30), 25);
        round.ReplaceForm(Build.Form(Build.Question("need")));
        round.SetWhoMayApply([LegalForm.LocalAuthority], true, 6, true, ["E06000047"]);
        round.Publish(Build.OpensAt);
        GrantApplication.Start(round, Build.Record(), "Helpline", Build.WhileOpen, "applicant@example.org");

        var copy = round.CopyAs("Autumn round", Build.OpensAt.AddMonths(4), Build.ClosesAt.AddMonths(4), line, Build.Pounds(100_000), Build.Pounds(100_000), "officer@example.org", Build.ChangedAt);

        Assert.NotEqual(round.Id, copy.Id);
        Assert.False(copy.IsPublished, "A copy waits to be published.");
        Assert.Equal(("Autumn round", Build.ClosesAt.AddMonths(4), 6, true, 25), (copy.Title, copy.ClosesAt, copy.MonthsBetweenAwards, copy.ExcludesCoreCosts, copy.ModerationThreshold));
        Assert.Equal(round.Criteria, copy.Criteria);
        Assert.Equal(round.Form, copy.Form);
        Assert.Equal(round.ExcludedLegalForms, copy.ExcludedLegalForms);
        Assert.Equal(round.DeliveryAreas, copy.DeliveryAreas);
        Assert.Null(copy.FirstApplicationStartedAt);
        copy.SetCriteria(Build.Criteria(50, 50));
        Assert.Contains("more than Core for 2026/27 can fund", Refusal.Of(() => round.CopyAs("Too big", Build.OpensAt, Build.ClosesAt, line, Build.Pounds(100_001), Build.Pounds(100_000), "officer@example.org", Build.ChangedAt)), StringComparison.Ordinal);
    }
}
