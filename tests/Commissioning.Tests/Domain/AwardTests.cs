using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;

namespace Commissioning.Tests.Domain;

public class AwardTests
{
    [Fact]
    public void Making_an_award_commits_its_amount_against_the_budget_line()
    {
        var line = Build.Line(50_000m);

        var award = Build.Award(line, 12_500m);

        Assert.Equal(AwardStatus.Committed, award.Status);
        Assert.Equal(Build.Pounds(12_500m), line.Committed);
        Assert.Equal(Build.Pounds(37_500m), line.Remaining);
        Assert.Equal(line.Id, award.BudgetLineId);
        Assert.Equal(line.FundId, award.FundId);
        Assert.Equal(line.Year, award.Year);
    }

    [Fact]
    public void An_award_larger_than_what_remains_on_the_line_is_refused_and_nothing_is_committed()
    {
        var line = Build.Line(10_000m);
        Build.Award(line, 9_750m);

        var message = Refusal.Of(() => Build.Award(line, 500m));

        Assert.Equal("£500.00 cannot be committed against General pot for 2026/27: only £250.00 remains.", message);
        Assert.Equal(Build.Pounds(9_750m), line.Committed);
    }

    [Fact]
    public void An_award_of_nothing_is_refused()
    {
        var line = Build.Line();

        Assert.Equal("An award must be more than £0.00.", Refusal.Of(() => Build.Award(line, 0m)));
    }

    [Fact]
    public void An_award_dated_after_the_budget_year_ends_is_refused()
    {
        var line = Build.Line();

        var message = Refusal.Of(() => Build.Award(line, 1_000m, new DateOnly(2027, 4, 1)));

        Assert.Equal("An award dated 1 April 2027 cannot be made from the 2026/27 budget, which ended on 31 March 2027.", message);
        Assert.Equal(Money.Zero, line.Committed);
    }

    [Fact]
    public void An_award_dated_on_the_last_day_of_the_budget_year_is_allowed()
    {
        var line = Build.Line();

        var award = Build.Award(line, 1_000m, new DateOnly(2027, 3, 31));

        Assert.Equal(new DateOnly(2027, 3, 31), award.AwardDate);
    }

    [Fact]
    public void An_award_without_a_purpose_is_refused_before_anything_is_committed()
    {
        var line = Build.Line();

        var message = Refusal.Of(() => Award.Make(OrganisationId.New(), line, Build.Pounds(1_000m), " ", new DateOnly(2026, 10, 1), PriorityId.New()));

        Assert.Equal("Enter the purpose of the award.", message);
        Assert.Equal(Money.Zero, line.Committed);
    }

    [Fact]
    public void An_award_supports_one_primary_priority_and_any_others_once_each()
    {
        var line = Build.Line();
        var primary = PriorityId.New();
        var other = PriorityId.New();

        var award = Award.Make(OrganisationId.New(), line, Build.Pounds(1_000m), "Youth diversion", new DateOnly(2026, 10, 1), primary, [other, primary, other]);

        Assert.Equal(primary, award.PrimaryPriority);
        Assert.Equal([(primary, true), (other, false)], award.Priorities.Select(p => (p.PriorityId, p.IsPrimary)));
    }

    [Fact]
    public void An_award_goes_from_committed_to_offered_accepted_active_and_closed()
    {
        var award = Build.Award(Build.Line());

        award.Offer();
        award.Accept();
        award.Activate();
        award.Close();

        Assert.Equal(AwardStatus.Closed, award.Status);
    }

    [Fact]
    public void Accepting_an_award_before_it_is_offered_is_refused()
    {
        var award = Build.Award(Build.Line());

        var message = Refusal.Of(award.Accept);

        Assert.Equal("An award that is committed cannot become accepted.", message);
        Assert.Equal(AwardStatus.Committed, award.Status);
    }

    [Fact]
    public void Offering_twice_activating_before_acceptance_and_closing_before_activation_are_refused()
    {
        var award = Build.Award(Build.Line());
        award.Offer();

        Assert.Equal("An award that is offered cannot become offered.", Refusal.Of(award.Offer));
        Assert.Equal("An award that is offered cannot become active.", Refusal.Of(award.Activate));
        Assert.Equal("An award that is offered cannot become closed.", Refusal.Of(award.Close));
    }

    [Fact]
    public void Instalments_must_add_up_to_the_award_exactly()
    {
        var award = Build.Award(Build.Line(), 10_000m);

        var message = Refusal.Of(() => award.ScheduleInstalments([(new DateOnly(2026, 11, 1), Build.Pounds(6_000m)), (new DateOnly(2027, 2, 1), Build.Pounds(3_000m))]));

        Assert.Equal("The instalments add up to £9,000.00 but the award is £10,000.00; make them equal.", message);
        Assert.Empty(award.Instalments);
    }

    [Fact]
    public void Instalments_one_penny_over_the_award_are_refused()
    {
        var award = Build.Award(Build.Line(), 100m);

        var message = Refusal.Of(() => award.ScheduleInstalments([(new DateOnly(2026, 11, 1), Build.Pounds(33.34m)), (new DateOnly(2026, 12, 1), Build.Pounds(33.34m)), (new DateOnly(2027, 1, 1), Build.Pounds(33.33m))]));

        Assert.Equal("The instalments add up to £100.01 but the award is £100.00; make them equal.", message);
    }

    [Fact]
    public void An_award_split_evenly_can_be_scheduled_to_the_penny()
    {
        var award = Build.Award(Build.Line(), 100m);
        var parts = award.Amount.Split(3);

        award.ScheduleInstalments([(new DateOnly(2026, 11, 1), parts[0]), (new DateOnly(2026, 12, 1), parts[1]), (new DateOnly(2027, 1, 1), parts[2])]);

        Assert.Equal(award.Amount, Money.Sum(award.Instalments.Select(i => i.Amount)));
    }

    [Fact]
    public void Instalments_are_numbered_in_date_order()
    {
        var award = Build.Award(Build.Line(), 10_000m);

        award.ScheduleInstalments([(new DateOnly(2027, 2, 1), Build.Pounds(4_000m)), (new DateOnly(2026, 11, 1), Build.Pounds(6_000m))]);

        Assert.Equal([(1, new DateOnly(2026, 11, 1)), (2, new DateOnly(2027, 2, 1))], award.Instalments.Select(i => (i.Number, i.DueOn)));
    }

    [Fact]
    public void A_schedule_with_no_instalments_or_an_empty_one_is_refused()
    {
        var award = Build.Award(Build.Line(), 10_000m);

        Assert.Equal("A payment schedule needs at least one instalment, each more than £0.00.", Refusal.Of(() => award.ScheduleInstalments([])));
        Assert.Equal(
            "A payment schedule needs at least one instalment, each more than £0.00.",
            Refusal.Of(() => award.ScheduleInstalments([(new DateOnly(2026, 11, 1), Build.Pounds(10_000m)), (new DateOnly(2026, 12, 1), Money.Zero)])));
    }

    [Fact]
    public void Paying_an_instalment_before_the_award_is_accepted_is_refused()
    {
        var award = Build.Award(Build.Line(), 10_000m);
        award.ScheduleInstalments([(new DateOnly(2026, 11, 1), Build.Pounds(10_000m))]);
        award.Offer();
        var instalment = Assert.Single(award.Instalments);

        var message = Refusal.Of(() => award.RecordInstalmentPaid(instalment.Id, new DateOnly(2026, 11, 1)));

        Assert.Equal("An award that is offered cannot be paid; it must be accepted first.", message);
        Assert.False(instalment.IsPaid);
    }

    [Fact]
    public void An_accepted_award_pays_its_instalments_once_each()
    {
        var award = Build.AcceptedAwardInTwoInstalments(Build.Line());
        var first = award.Instalments.First();

        award.RecordInstalmentPaid(first.Id, new DateOnly(2026, 11, 2));
        var message = Refusal.Of(() => award.RecordInstalmentPaid(first.Id, new DateOnly(2026, 11, 3)));

        Assert.True(first.IsPaid);
        Assert.Equal(new DateOnly(2026, 11, 2), first.PaidOn);
        Assert.Equal("Instalment 1 was already paid on 2 November 2026.", message);
    }

    [Fact]
    public void An_active_award_can_be_paid()
    {
        var award = Build.AcceptedAwardInTwoInstalments(Build.Line());
        award.Activate();

        award.RecordInstalmentPaid(award.Instalments.Last().Id, new DateOnly(2027, 2, 1));

        Assert.True(award.Instalments.Last().IsPaid);
    }

    [Fact]
    public void Paying_an_instalment_from_another_award_is_refused()
    {
        var line = Build.Line(50_000m);
        var award = Build.AcceptedAwardInTwoInstalments(line);
        var other = Build.AcceptedAwardInTwoInstalments(line);

        var message = Refusal.Of(() => award.RecordInstalmentPaid(other.Instalments.First().Id, new DateOnly(2026, 11, 2)));

        Assert.Equal("That instalment is not part of this award.", message);
    }

    [Fact]
    public void The_schedule_cannot_be_replaced_once_an_instalment_is_paid()
    {
        var award = Build.AcceptedAwardInTwoInstalments(Build.Line());
        award.RecordInstalmentPaid(award.Instalments.First().Id, new DateOnly(2026, 11, 2));

        var message = Refusal.Of(() => award.ScheduleInstalments([(new DateOnly(2026, 12, 1), Build.Pounds(10_000m))]));

        Assert.Equal("The payment schedule cannot be replaced once an instalment has been paid.", message);
        Assert.Equal(2, award.Instalments.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void Withdrawing_an_unpaid_award_gives_its_money_back_to_the_line(int stepsTaken)
    {
        var line = Build.Line(10_000m);
        var award = Build.Award(line, 7_500m);
        if (stepsTaken >= 1)
        {
            award.Offer();
        }

        if (stepsTaken >= 2)
        {
            award.Accept();
        }

        award.Withdraw(line);

        Assert.Equal(AwardStatus.Withdrawn, award.Status);
        Assert.Equal(Money.Zero, line.Committed);
        Assert.Equal(Build.Pounds(10_000m), line.Remaining);
    }

    [Fact]
    public void Withdrawing_an_award_after_a_payment_is_refused_and_keeps_the_money_committed()
    {
        var line = Build.Line(10_000m);
        var award = Build.AcceptedAwardInTwoInstalments(line);
        award.RecordInstalmentPaid(award.Instalments.First().Id, new DateOnly(2026, 11, 2));

        var message = Refusal.Of(() => award.Withdraw(line));

        Assert.Equal("This award has payments made; recover the money through a clawback rather than withdrawing the award.", message);
        Assert.Equal(AwardStatus.Accepted, award.Status);
        Assert.Equal(Build.Pounds(10_000m), line.Committed);
    }

    [Fact]
    public void Withdrawing_twice_is_refused_and_releases_the_money_only_once()
    {
        var line = Build.Line(10_000m);
        var award = Build.Award(line, 4_000m);
        Build.Award(line, 3_000m);
        award.Withdraw(line);

        var message = Refusal.Of(() => award.Withdraw(line));

        Assert.Equal("An award that is withdrawn cannot become withdrawn.", message);
        Assert.Equal(Build.Pounds(3_000m), line.Committed);
    }

    [Fact]
    public void Withdrawing_an_active_award_is_refused()
    {
        var line = Build.Line(10_000m);
        var award = Build.AcceptedAwardInTwoInstalments(line);
        award.Activate();

        Assert.Equal("An award that is active cannot become withdrawn.", Refusal.Of(() => award.Withdraw(line)));
        Assert.Equal(Build.Pounds(10_000m), line.Committed);
    }

    [Fact]
    public void An_award_gives_its_money_back_only_to_the_line_it_was_committed_against()
    {
        var line = Build.Line(10_000m);
        var otherLine = Build.Line(10_000m, "Another pot");
        otherLine.Commit(Build.Pounds(5_000m));
        var award = Build.Award(line, 5_000m);

        var message = Refusal.Of(() => award.Withdraw(otherLine));

        Assert.Equal("An award's money goes back to the budget line it was committed against.", message);
        Assert.Equal(AwardStatus.Committed, award.Status);
        Assert.Equal(Build.Pounds(5_000m), line.Committed);
        Assert.Equal(Build.Pounds(5_000m), otherLine.Committed);
    }

    [Fact]
    public void A_withdrawn_award_can_no_longer_change()
    {
        var line = Build.Line();
        var award = Build.Award(line);
        award.Withdraw(line);

        Assert.Equal("This award is withdrawn and can no longer change.", Refusal.Of(() => award.AddCondition(ConditionTiming.BeforePayment, "Provide a safeguarding policy")));
        Assert.Equal("This award is withdrawn and can no longer change.", Refusal.Of(() => award.ScheduleInstalments([(new DateOnly(2026, 11, 1), award.Amount)])));
        Assert.Equal("An award that is withdrawn cannot become offered.", Refusal.Of(award.Offer));
    }

    [Fact]
    public void A_condition_is_met_once()
    {
        var award = Build.Award(Build.Line());
        var condition = award.AddCondition(ConditionTiming.BeforePayment, "Provide a safeguarding policy");

        condition.MarkMet(new DateOnly(2026, 10, 20));
        var message = Refusal.Of(() => condition.MarkMet(new DateOnly(2026, 10, 21)));

        Assert.Equal("This condition was already marked as met on 20 October 2026.", message);
        Assert.Equal(new DateOnly(2026, 10, 20), condition.MetOn);
        Assert.Single(award.Conditions);
    }

    [Fact]
    public void A_condition_needs_its_text()
    {
        var award = Build.Award(Build.Line());

        Assert.Equal("Enter the condition.", Refusal.Of(() => award.AddCondition(ConditionTiming.DuringGrant, " ")));
    }
}
