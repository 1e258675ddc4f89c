using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Monitoring;

namespace Commissioning.Tests.Domain;

public class GrantTermsTests
{
    private static readonly AwardId AnAward = AwardId.New();

    [Fact]
    public void A_small_grant_is_paid_in_one_go_on_acceptance()
    {
        var schedule = GrantTerms.PaymentSchedule(ProgrammeKind.PolicePropertyActFund, Build.Pounds(4_500m), Build.Year, new DateOnly(2026, 11, 22));

        Assert.Equal([(new DateOnly(2026, 11, 22), Build.Pounds(4_500m))], schedule);
    }

    [Fact]
    public void A_small_grant_owes_one_end_of_grant_report_three_months_after_twelve_months_to_spend_it()
    {
        var report = Assert.Single(GrantTerms.ReportsOwed(ProgrammeKind.PolicePropertyActFund, AnAward, Build.Year, new DateOnly(2026, 11, 22)));

        Assert.Equal((ReturnKind.EndOfGrant, "End-of-grant report"), (report.Kind, report.Title));
        Assert.Equal((new DateOnly(2026, 11, 22), new DateOnly(2027, 11, 21), new DateOnly(2028, 2, 22)), (report.PeriodStart, report.PeriodEnd, report.DueOn));
        Assert.False(report.AsksVictimFigures);
        Assert.Equal(AnAward, report.AwardId);
    }

    [Fact]
    public void A_victims_services_grant_accepted_in_the_third_quarter_is_paid_in_two_instalments_that_add_up_to_the_penny()
    {
        var schedule = GrantTerms.PaymentSchedule(ProgrammeKind.VictimsServicesGrant, Build.Pence(1_000_001), Build.Year, new DateOnly(2026, 11, 22));

        Assert.Equal(
            [(new DateOnly(2026, 11, 22), Build.Pence(500_001)), (new DateOnly(2027, 1, 1), Build.Pence(500_000))],
            schedule);
    }

    [Fact]
    public void A_victims_services_grant_accepted_before_its_year_starts_is_paid_quarterly_in_advance_from_1_April()
    {
        var schedule = GrantTerms.PaymentSchedule(ProgrammeKind.VictimsServicesGrant, Build.Pounds(80_000m), Build.Year, new DateOnly(2026, 3, 10));

        Assert.Equal([new DateOnly(2026, 4, 1), new DateOnly(2026, 7, 1), new DateOnly(2026, 10, 1), new DateOnly(2027, 1, 1)], schedule.Select(s => s.DueOn));
        Assert.All(schedule, s => Assert.Equal(Build.Pounds(20_000m), s.Amount));
    }

    [Fact]
    public void A_victims_services_grant_owes_a_return_for_each_quarter_left_due_by_the_end_of_the_next_month_with_victims_figures()
    {
        var reports = GrantTerms.ReportsOwed(ProgrammeKind.VictimsServicesGrant, AnAward, Build.Year, new DateOnly(2026, 11, 22));

        Assert.Equal(["Quarter 3 return (October to December 2026)", "Quarter 4 return (January to March 2027)"], reports.Select(r => r.Title));
        Assert.Equal("quarter 3 return (October to December 2026)", reports[0].TitleInSentence());
        Assert.Equal((new DateOnly(2026, 11, 22), new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 31)), (reports[0].PeriodStart, reports[0].PeriodEnd, reports[0].DueOn));
        Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 31), new DateOnly(2027, 4, 30)), (reports[1].PeriodStart, reports[1].PeriodEnd, reports[1].DueOn));
        Assert.All(reports, r => Assert.True(r.AsksVictimFigures));
        Assert.All(reports, r => Assert.Equal(ReturnKind.Quarterly, r.Kind));
    }

    [Fact]
    public void A_victims_services_grant_accepted_after_its_year_ended_is_paid_at_once_and_owes_the_last_quarters_return()
    {
        var acceptedOn = new DateOnly(2027, 4, 10);

        var schedule = GrantTerms.PaymentSchedule(ProgrammeKind.VictimsServicesGrant, Build.Pounds(9_000m), Build.Year, acceptedOn);
        var report = Assert.Single(GrantTerms.ReportsOwed(ProgrammeKind.VictimsServicesGrant, AnAward, Build.Year, acceptedOn));

        Assert.Equal([(acceptedOn, Build.Pounds(9_000m))], schedule);
        Assert.Equal((new DateOnly(2027, 1, 1), new DateOnly(2027, 3, 31)), (report.PeriodStart, report.PeriodEnd));
    }

    [Fact]
    public void Every_offer_asks_for_a_signed_agreement_and_verified_bank_details_before_payment()
    {
        foreach (var programme in new[] { ProgrammeKind.PolicePropertyActFund, ProgrammeKind.VictimsServicesGrant })
        {
            var before = GrantTerms.Conditions(programme).Where(c => c.Timing == ConditionTiming.BeforePayment).Select(c => c.Key).ToList();
            Assert.Contains(ConditionKeys.SignedAgreement, before);
            Assert.Contains(ConditionKeys.VerifiedBankDetails, before);
        }

        Assert.Contains(GrantTerms.Conditions(ProgrammeKind.VictimsServicesGrant), c => c.Text.Contains("free to victims", StringComparison.Ordinal));
    }

    [Fact]
    public void Conditions_read_in_the_offers_order_and_others_come_last()
    {
        var standard = GrantTerms.Conditions(ProgrammeKind.PolicePropertyActFund);
        var shuffled = standard.Reverse().Select(c => c.Key).Append(null).ToList();

        var ordered = shuffled.OrderBy(k => GrantTerms.OrderOf(ProgrammeKind.PolicePropertyActFund, k)).ToList();

        Assert.Equal(standard.Select(c => (string?)c.Key).Append(null), ordered);
        Assert.Equal(int.MaxValue, GrantTerms.OrderOf(ProgrammeKind.CommunitySafetyFund, ConditionKeys.SignedAgreement));
    }

    [Fact]
    public void Community_safety_fund_allocations_are_not_offered_through_the_portal()
    {
        Assert.Equal(
            "Community Safety Fund allocations are made under a grant agreement, not an offer through the portal.",
            Refusal.Of(() => GrantTerms.Conditions(ProgrammeKind.CommunitySafetyFund)));
        Assert.Contains("grant agreement", Refusal.Of(() => GrantTerms.PaymentSchedule(ProgrammeKind.CommunitySafetyFund, Build.Pounds(1m), Build.Year, new DateOnly(2026, 5, 1))), StringComparison.Ordinal);
    }

    [Fact]
    public void Accepting_an_offer_schedules_the_payments_and_meets_the_signed_agreement_condition_that_day()
    {
        var line = Build.Line(50_000m);
        var award = Build.Award(line, 4_500m);
        foreach (var condition in GrantTerms.Conditions(ProgrammeKind.PolicePropertyActFund))
        {
            award.AddCondition(condition);
        }

        award.Offer();
        var acceptedOn = new DateOnly(2026, 11, 22);

        award.AcceptOffer(acceptedOn, GrantTerms.PaymentSchedule(ProgrammeKind.PolicePropertyActFund, award.Amount, award.Year, acceptedOn));

        Assert.Equal(AwardStatus.Accepted, award.Status);
        var instalment = Assert.Single(award.Instalments);
        Assert.Equal((acceptedOn, Build.Pounds(4_500m)), (instalment.DueOn, instalment.Amount));
        Assert.Equal(acceptedOn, award.Conditions.Single(c => c.Key == ConditionKeys.SignedAgreement).MetOn);
        Assert.All(award.Conditions.Where(c => c.Key != ConditionKeys.SignedAgreement), c => Assert.Null(c.MetOn));
        Assert.Equal(Money.Zero, award.PaidSoFar);

        award.RecordInstalmentPaid(instalment.Id, acceptedOn.AddDays(5));
        Assert.Equal(Build.Pounds(4_500m), award.PaidSoFar);
    }

    [Fact]
    public void An_offer_not_yet_made_cannot_be_accepted()
    {
        var award = Build.Award(Build.Line(50_000m), 4_500m);

        Assert.Equal("An award that is committed cannot become accepted.", Refusal.Of(() => award.AcceptOffer(new DateOnly(2026, 11, 22), [(new DateOnly(2026, 11, 22), award.Amount)])));
    }

    [Fact]
    public void Victims_figures_cannot_be_negative_and_helped_cannot_exceed_supported()
    {
        Assert.Equal("Victims helped to cope and recover (41) cannot be more than victims supported (40).", Refusal.Of(() => new VictimFigures(50, 40, 41)));
        Assert.Equal("Referrals, victims supported and victims helped to cope and recover cannot be less than 0.", Refusal.Of(() => new VictimFigures(-1, 0, 0)));
        Assert.Equal(new VictimFigures(50, 40, 31), new VictimFigures(50, 40, 31));
    }

    [Fact]
    public void A_victims_services_return_needs_its_figures_and_another_report_refuses_them()
    {
        var at = DateTimeOffset.UtcNow;
        var quarterly = new MonitoringReturn(AnAward, ReturnKind.Quarterly, "Quarter 3 return", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), new DateOnly(2027, 1, 31), asksVictimFigures: true);
        var endOfGrant = new MonitoringReturn(AnAward, ReturnKind.EndOfGrant, "End-of-grant report", new DateOnly(2026, 10, 1), new DateOnly(2027, 9, 30), new DateOnly(2027, 12, 31));

        Assert.Equal("'Quarter 3 return' needs the numbers of referrals, victims supported and victims helped to cope and recover.", Refusal.Of(() => quarterly.Submit(Build.Pounds(100m), "Going well.", "a@example.org", at)));
        Assert.Equal("'End-of-grant report' does not ask for victims' figures.", Refusal.Of(() => endOfGrant.Submit(Build.Pounds(100m), "Done.", "a@example.org", at, new VictimFigures(1, 1, 1))));

        quarterly.Submit(Build.Pounds(100m), "Going well.", "a@example.org", at, new VictimFigures(12, 10, 8));
        Assert.Equal((ReturnStatus.Submitted, new VictimFigures(12, 10, 8)), (quarterly.Status, quarterly.Figures));
    }

    [Fact]
    public void The_signed_agreement_is_found_by_its_key_after_its_wording_changes()
    {
        var award = Build.Award(Build.Line(50_000m), 4_500m);
        award.AddCondition(ConditionTiming.BeforePayment, "Our grant agreement, signed (accepting the offer signs it).", ConditionKeys.SignedAgreement);
        award.AddCondition(ConditionTiming.BeforePayment, GrantTerms.SignedAgreementText);
        award.Offer();
        var acceptedOn = new DateOnly(2026, 10, 15);

        award.AcceptOffer(acceptedOn, GrantTerms.PaymentSchedule(ProgrammeKind.PolicePropertyActFund, award.Amount, award.Year, acceptedOn));

        Assert.Equal(acceptedOn, award.Conditions.Single(c => c.Key == ConditionKeys.SignedAgreement).MetOn);
        Assert.Null(award.Conditions.Single(c => c.Key is null).MetOn);
    }

    [Theory]
    [InlineData("2026-10-15", "2027-10-14", "2028-01-15")]
    [InlineData("2027-01-31", "2028-01-30", "2028-04-30")]
    [InlineData("2026-08-31", "2027-08-30", "2027-11-30")]
    [InlineData("2028-02-29", "2029-02-27", "2029-05-28")]
    [InlineData("2027-02-28", "2028-02-27", "2028-05-28")]
    public void A_small_grants_spending_period_and_report_due_date_are_calendar_months_from_acceptance(string accepted, string spendingEnds, string reportDue)
    {
        var deadlines = GrantTerms.SmallGrant(DateOnly.Parse(accepted, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(DateOnly.Parse(spendingEnds, System.Globalization.CultureInfo.InvariantCulture), deadlines.SpendingEndsOn);
        Assert.Equal(DateOnly.Parse(reportDue, System.Globalization.CultureInfo.InvariantCulture), deadlines.ReportDueOn);
        Assert.Equal(UkTime.ToInstant(deadlines.ReportDueOn, new TimeOnly(23, 59)), deadlines.ReportDueBy);
    }

    [Fact]
    public void A_report_due_on_15_january_2028_is_due_by_23_59_uk_time_that_day()
    {
        var report = Assert.Single(GrantTerms.ReportsOwed(ProgrammeKind.PolicePropertyActFund, AnAward, Build.Year, new DateOnly(2026, 10, 15)));

        Assert.Equal(new DateOnly(2028, 1, 15), report.DueOn);
        Assert.Equal(new DateTimeOffset(2028, 1, 15, 23, 59, 0, TimeSpan.Zero), GrantTerms.SmallGrant(new DateOnly(2026, 10, 15)).ReportDueBy);
        Assert.Equal(new DateOnly(2026, 11, 12), GrantTerms.OfferExpiresOn(ProgrammeKind.PolicePropertyActFund, new DateOnly(2026, 10, 15)));
    }
}
