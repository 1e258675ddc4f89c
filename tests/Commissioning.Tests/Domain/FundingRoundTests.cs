using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Domain;

public class FundingRoundTests
{
    [Fact]
    public void A_round_keeps_its_times_as_utc_instants()
    {
        var opensAt = new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(1));
        var closesAt = new DateTimeOffset(2026, 9, 12, 12, 0, 0, TimeSpan.FromHours(1));

        var round = Build.Round(opensAt, closesAt);

        Assert.Equal(TimeSpan.Zero, round.OpensAt.Offset);
        Assert.Equal(TimeSpan.Zero, round.ClosesAt.Offset);
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 8, 0, 0, TimeSpan.Zero), round.OpensAt);
        Assert.Equal(new DateTimeOffset(2026, 9, 12, 11, 0, 0, TimeSpan.Zero), round.ClosesAt);
    }

    [Fact]
    public void A_round_is_upcoming_before_it_opens_open_from_the_opening_instant_and_closed_from_the_closing_instant()
    {
        var round = Build.Round();

        Assert.Equal(RoundStatus.Upcoming, round.StatusAt(Build.OpensAt.AddTicks(-1)));
        Assert.Equal(RoundStatus.Open, round.StatusAt(Build.OpensAt));
        Assert.Equal(RoundStatus.Open, round.StatusAt(Build.ClosesAt.AddSeconds(-1)));
        Assert.Equal(RoundStatus.Closed, round.StatusAt(Build.ClosesAt));
    }

    [Fact]
    public void A_round_that_closes_before_it_opens_is_refused()
    {
        var message = Refusal.Of(() => Build.Round(opensAt: Build.ClosesAt, closesAt: Build.OpensAt));

        Assert.Equal("A round must close after it opens.", message);
    }

    [Fact]
    public void A_round_that_closes_the_moment_it_opens_is_refused()
    {
        Assert.Equal("A round must close after it opens.", Refusal.Of(() => Build.Round(opensAt: Build.OpensAt, closesAt: Build.OpensAt)));
    }

    [Fact]
    public void Rescheduling_to_close_before_opening_is_refused_and_keeps_the_old_times()
    {
        var round = Build.Round();

        var message = Refusal.Of(() => round.Reschedule(Build.ClosesAt, Build.OpensAt));

        Assert.Equal("A round must close after it opens.", message);
        Assert.Equal(Build.OpensAt, round.OpensAt);
        Assert.Equal(Build.ClosesAt, round.ClosesAt);
    }

    [Fact]
    public void Rescheduling_moves_the_deadline()
    {
        var round = Build.Round();
        var extended = UkTime.ToInstant(new DateOnly(2026, 9, 19), new TimeOnly(12, 0));

        round.Reschedule(Build.OpensAt, extended);

        Assert.Equal(RoundStatus.Open, round.StatusAt(Build.ClosesAt));
        Assert.Equal(extended, round.ClosesAt);
    }

    [Fact]
    public void A_minimum_award_above_the_maximum_is_refused()
    {
        var message = Refusal.Of(() => Build.Round(minimumPounds: 5_000m, maximumPounds: 4_999.99m));

        Assert.Equal("The maximum award must be more than £0.00 and at least the minimum (£5,000.00).", message);
    }

    [Fact]
    public void A_maximum_award_of_nothing_is_refused()
    {
        var message = Refusal.Of(() => Build.Round(minimumPounds: 0m, maximumPounds: 0m));

        Assert.Equal("The maximum award must be more than £0.00 and at least the minimum (£0.00).", message);
    }

    [Fact]
    public void A_negative_minimum_award_is_refused()
    {
        Assert.Equal("The minimum award cannot be less than £0.00.", Refusal.Of(() => Build.Round(minimumPounds: -1m)));
    }

    [Fact]
    public void The_minimum_and_maximum_award_may_be_the_same()
    {
        var round = Build.Round(minimumPounds: 5_000m, maximumPounds: 5_000m);

        Assert.Equal(round.MinimumAward, round.MaximumAward);
    }

    [Fact]
    public void Changing_the_award_limits_wrongly_keeps_the_old_limits()
    {
        var round = Build.Round(minimumPounds: 1_000m, maximumPounds: 25_000m);

        Refusal.Of(() => round.SetAwardLimits(Build.Pounds(30_000m), Build.Pounds(20_000m)));

        Assert.Equal(Build.Pounds(1_000m), round.MinimumAward);
        Assert.Equal(Build.Pounds(25_000m), round.MaximumAward);
    }

    [Theory]
    [InlineData("1000")]
    [InlineData("25000")]
    [InlineData("12345.67")]
    public void Amounts_within_the_award_limits_inclusive_are_accepted(string pounds)
    {
        var round = Build.Round(minimumPounds: 1_000m, maximumPounds: 25_000m);
        var requested = Build.Pounds(decimal.Parse(pounds, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Null(Record.Exception(() => round.EnsureAmountWithinLimits(requested)));
    }

    [Theory]
    [InlineData("999.99", "£999.99")]
    [InlineData("25000.01", "£25,000.01")]
    public void Amounts_outside_the_award_limits_are_refused_with_the_limits_in_the_message(string pounds, string shown)
    {
        var round = Build.Round(minimumPounds: 1_000m, maximumPounds: 25_000m);

        var message = Refusal.Of(() => round.EnsureAmountWithinLimits(Build.Pounds(decimal.Parse(pounds, System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal($"Ask for between £1,000.00 and £25,000.00; {shown} is outside what Safer Streets Small Grants can award.", message);
    }

    [Fact]
    public void Criteria_weights_that_do_not_add_up_to_one_hundred_are_refused_with_their_total()
    {
        var message = Refusal.Of(() => Build.Round(criteria: Build.Criteria(60, 30)));

        Assert.Equal("Assessment criteria weights must add up to 100%; they add up to 90%.", message);
    }

    [Fact]
    public void Criteria_weights_over_one_hundred_are_refused_with_their_total()
    {
        var message = Refusal.Of(() => Build.Round(criteria: Build.Criteria(50, 30, 25)));

        Assert.Equal("Assessment criteria weights must add up to 100%; they add up to 105%.", message);
    }

    [Fact]
    public void A_criterion_with_no_weight_is_refused_even_if_the_rest_add_up()
    {
        var message = Refusal.Of(() => Build.Round(criteria: Build.Criteria(100, 0)));

        Assert.Equal("Every assessment criterion needs a weight above 0%.", message);
    }

    [Fact]
    public void A_round_needs_at_least_one_criterion()
    {
        Assert.Equal("A round needs at least one assessment criterion.", Refusal.Of(() => Build.Round(criteria: [])));
    }

    [Fact]
    public void Two_criteria_with_the_same_key_whatever_the_case_are_refused()
    {
        AssessmentCriterion[] criteria = [new("need", "Need", 50), new("NEED", "Evidence of need", 50)];

        var message = Refusal.Of(() => Build.Round(criteria: criteria));

        Assert.Equal("Two assessment criteria share the key 'need'.", message);
    }

    [Fact]
    public void Replacing_the_criteria_with_bad_weights_keeps_the_old_criteria()
    {
        var round = Build.Round(criteria: Build.Criteria(50, 50));

        Refusal.Of(() => round.SetCriteria(Build.Criteria(70, 20)));

        Assert.Equal([50, 50], round.Criteria.Select(c => c.WeightPercent));
    }

    [Fact]
    public void A_single_criterion_weighted_one_hundred_percent_is_accepted()
    {
        var round = Build.Round(criteria: Build.Criteria(100));

        Assert.Equal(100, Assert.Single(round.Criteria).WeightPercent);
    }

    [Theory]
    [InlineData(-1, 10)]
    [InlineData(5, 5)]
    [InlineData(10, 0)]
    public void A_score_scale_must_run_upwards_from_zero_or_more(int minimum, int maximum)
    {
        var message = Refusal.Of(() => new ScoreScale(minimum, maximum));

        Assert.Equal($"A score scale runs from a minimum of 0 or more to a higher maximum; {minimum} to {maximum} does not.", message);
    }

    [Fact]
    public void Two_eligibility_rules_with_the_same_key_are_refused()
    {
        EligibilityRule[] rules =
        [
            new("in_area", "Do you work in the force area?", true, "The fund only supports work in the force area."),
            new("IN_AREA", "Are you based in the area?", true, "The fund only supports local groups."),
        ];

        Assert.Equal("Two eligibility rules share the key 'in_area'.", Refusal.Of(() => Build.Round(eligibility: rules)));
    }

    [Fact]
    public void An_eligibility_rule_must_explain_why_someone_is_not_eligible()
    {
        EligibilityRule[] rules = [new("in_area", "Do you work in the force area?", true, " ")];

        Assert.Equal("Every eligibility rule needs a question and an explanation for those who do not pass it.", Refusal.Of(() => Build.Round(eligibility: rules)));
    }

    [Fact]
    public void A_round_needs_a_title_and_a_summary()
    {
        Assert.Equal("Enter the round title.", Refusal.Of(() => Build.Round(title: "")));
        Assert.Equal("The round title must be 200 characters or fewer; it has 201.", Refusal.Of(() => Build.Round(title: new string('a', 201))));
    }

    [Fact]
    public void A_round_keeps_its_rules_criteria_and_form()
    {
        var form = Build.Form(Build.Question("project_title"));

        var round = Build.Round(form: form, criteria: Build.Criteria(40, 60));

        Assert.Same(form, round.Form);
        Assert.Equal(["criterion1", "criterion2"], round.Criteria.Select(c => c.Key));
        Assert.Equal("based_in_area", Assert.Single(round.EligibilityRules).Key);
        Assert.Equal(Build.Year, round.Year);
    }
}
