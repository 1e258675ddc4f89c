using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;

namespace Commissioning.Tests.Domain;

public class BudgetLedgerTests
{
    [Fact]
    public void A_new_line_has_nothing_committed_and_all_of_its_amount_remaining()
    {
        var line = Build.Line(10_000m);

        Assert.Equal(Money.Zero, line.Committed);
        Assert.Equal(Build.Pounds(10_000m), line.Ceiling);
        Assert.Equal(Build.Pounds(10_000m), line.Remaining);
        Assert.Equal(Build.Year, line.Year);
        Assert.False(line.IsRingFenced);
    }

    [Fact]
    public void Committing_exactly_up_to_the_ceiling_is_allowed()
    {
        var line = Build.Line(10_000m);

        line.Commit(Build.Pounds(9_750m));
        line.Commit(Build.Pounds(250m));

        Assert.Equal(Build.Pounds(10_000m), line.Committed);
        Assert.Equal(Money.Zero, line.Remaining);
    }

    [Fact]
    public void Committing_one_penny_beyond_the_ceiling_is_refused_and_names_what_remains()
    {
        var line = Build.Line(10_000m);
        line.Commit(Build.Pounds(9_750m));

        var message = Refusal.Of(() => line.Commit(Build.Pounds(250.01m)));

        Assert.Equal("£250.01 cannot be committed against General pot for 2026/27: only £250.00 remains.", message);
        Assert.Equal(Build.Pounds(9_750m), line.Committed);
    }

    [Fact]
    public void A_refused_commitment_does_not_change_the_line_version()
    {
        var line = Build.Line(100m);
        var version = line.Version;

        Refusal.Of(() => line.Commit(Build.Pounds(100.01m)));

        Assert.Equal(version, line.Version);
        Assert.Equal(Money.Zero, line.Committed);
    }

    [Fact]
    public void Every_commitment_and_release_changes_the_version_so_concurrent_approvals_collide()
    {
        var line = Build.Line(10_000m);
        var before = line.Version;

        line.Commit(Build.Pounds(100m));
        var afterCommit = line.Version;
        line.Release(Build.Pounds(100m));

        Assert.True(afterCommit > before);
        Assert.True(line.Version > afterCommit);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Committing_nothing_or_a_negative_amount_is_refused(long pence)
    {
        var line = Build.Line();

        Assert.Equal("An award must be more than £0.00.", Refusal.Of(() => line.Commit(Build.Pence(pence))));
    }

    [Fact]
    public void A_recorded_margin_allows_over_programming_up_to_the_margin()
    {
        var line = Build.Line(10_000m);
        line.SetOverProgrammingMargin(Build.Pounds(1_000m), "Historic underspend of 10% on this fund", Build.Officer, Build.ChangedAt);

        line.Commit(Build.Pounds(11_000m));

        Assert.Equal(Build.Pounds(11_000m), line.Ceiling);
        Assert.Equal(Build.Pounds(11_000m), line.Committed);
        Assert.Equal(Money.Zero, line.Remaining);
        Assert.Equal("Historic underspend of 10% on this fund", line.MarginReason);
    }

    [Fact]
    public void Committing_beyond_the_margin_is_refused_and_says_the_margin_is_included()
    {
        var line = Build.Line(10_000m);
        line.SetOverProgrammingMargin(Build.Pounds(1_000m), "Historic underspend of 10% on this fund", Build.Officer, Build.ChangedAt);
        line.Commit(Build.Pounds(10_500m));

        var message = Refusal.Of(() => line.Commit(Build.Pounds(500.01m)));

        Assert.Equal("£500.01 cannot be committed against General pot for 2026/27: only £500.00 remains (including the £1,000.00 over-programming margin).", message);
    }

    [Fact]
    public void The_margin_cannot_be_set_below_what_is_already_committed_beyond_the_amount()
    {
        var line = Build.Line(10_000m);
        line.SetOverProgrammingMargin(Build.Pounds(2_000m), "Historic underspend", Build.Officer, Build.ChangedAt);
        line.Commit(Build.Pounds(11_500m));

        var message = Refusal.Of(() => line.SetOverProgrammingMargin(Build.Pounds(1_000m), "Smaller margin", Build.Officer, Build.ChangedAt));

        Assert.Equal("£11,500.00 is already committed from General pot, so its amount plus margin cannot go below that: a margin of £1,000.00 would leave it £500.00 short. Lower the margin by at most £500.00 (to no less than £1,500.00).", message);
        Assert.Equal(Build.Pounds(2_000m), line.OverProgrammingMargin);
        Assert.Equal("Historic underspend", line.MarginReason);
    }

    [Fact]
    public void The_margin_can_shrink_to_exactly_what_the_commitments_need()
    {
        var line = Build.Line(10_000m);
        line.SetOverProgrammingMargin(Build.Pounds(2_000m), "Historic underspend", Build.Officer, Build.ChangedAt);
        line.Commit(Build.Pounds(11_500m));

        line.SetOverProgrammingMargin(Build.Pounds(1_500m), "Reduced after the mid-year review", Build.Officer, Build.ChangedAt);

        Assert.Equal(Money.Zero, line.Remaining);
    }

    [Fact]
    public void A_margin_needs_a_reason()
    {
        var line = Build.Line();

        var message = Refusal.Of(() => line.SetOverProgrammingMargin(Build.Pounds(500m), " ", Build.Officer, Build.ChangedAt));

        Assert.Equal("Enter the reason for the over-programming margin.", message);
        Assert.Equal(Money.Zero, line.OverProgrammingMargin);
    }

    [Fact]
    public void Removing_the_margin_clears_its_reason()
    {
        var line = Build.Line();
        line.SetOverProgrammingMargin(Build.Pounds(500m), "Historic underspend", Build.Officer, Build.ChangedAt);

        line.SetOverProgrammingMargin(Money.Zero, "", Build.Officer, Build.ChangedAt);

        Assert.Equal(Money.Zero, line.OverProgrammingMargin);
        Assert.Null(line.MarginReason);
    }

    [Fact]
    public void A_negative_margin_is_refused()
    {
        var line = Build.Line();

        Assert.Equal("An over-programming margin cannot be negative.", Refusal.Of(() => line.SetOverProgrammingMargin(Build.Pence(-1), "Typo", Build.Officer, Build.ChangedAt)));
    }

    [Fact]
    public void Releasing_money_gives_it_back_to_the_line()
    {
        var line = Build.Line(10_000m);
        line.Commit(Build.Pounds(4_000m));

        line.Release(Build.Pounds(1_500m));

        Assert.Equal(Build.Pounds(2_500m), line.Committed);
        Assert.Equal(Build.Pounds(7_500m), line.Remaining);
    }

    [Fact]
    public void Releasing_more_than_is_committed_is_refused()
    {
        var line = Build.Line(10_000m);
        line.Commit(Build.Pounds(500m));

        var message = Refusal.Of(() => line.Release(Build.Pounds(600m)));

        Assert.Equal("£600.00 cannot be released from General pot: only £500.00 is committed.", message);
        Assert.Equal(Build.Pounds(500m), line.Committed);
    }

    [Fact]
    public void Releasing_nothing_is_refused()
    {
        var line = Build.Line();
        line.Commit(Build.Pounds(500m));

        Assert.Equal("The amount released must be more than £0.00.", Refusal.Of(() => line.Release(Money.Zero)));
    }

    [Fact]
    public void A_line_cannot_be_reduced_below_what_is_committed_against_it()
    {
        var line = Build.Line(10_000m);
        line.Commit(Build.Pounds(8_000m));

        var message = Refusal.Of(() => line.ChangeAmount(Build.Pounds(7_999.99m), "Budget revised", Build.Officer, Build.ChangedAt));

        Assert.Equal("£8,000.00 is already committed from General pot, so its amount plus margin cannot go below that: £7,999.99 would leave it £0.01 short. Lower the amount by at most £2,000.00 (to no less than £8,000.00).", message);
        Assert.Equal(Build.Pounds(10_000m), line.Amount);
    }

    [Fact]
    public void A_line_can_be_reduced_to_its_commitments_less_its_margin()
    {
        var line = Build.Line(10_000m);
        line.SetOverProgrammingMargin(Build.Pounds(1_000m), "Historic underspend", Build.Officer, Build.ChangedAt);
        line.Commit(Build.Pounds(8_000m));

        line.ChangeAmount(Build.Pounds(7_000m), "Budget revised", Build.Officer, Build.ChangedAt);

        Assert.Equal(Build.Pounds(7_000m), line.Amount);
        Assert.Equal(Money.Zero, line.Remaining);
    }

    [Fact]
    public void A_line_cannot_be_negative()
    {
        var line = Build.Line();

        Assert.Equal("A budget line cannot be less than £0.00.", Refusal.Of(() => Build.Line(-0.01m)));
        Assert.Equal("A budget line cannot be less than £0.00.", Refusal.Of(() => line.ChangeAmount(Build.Pence(-1), "Budget revised", Build.Officer, Build.ChangedAt)));
    }

    [Fact]
    public void A_ring_fenced_line_keeps_its_money_apart_from_the_general_pot()
    {
        var budget = Build.Fund("Victims' Services Grant", ProgrammeKind.VictimsServicesGrant).AddBudget(Build.Year);
        var general = budget.AddLine("General victims' services", Build.Pounds(600_000m));
        var ringFenced = budget.AddLine("Domestic abuse and sexual violence", Build.Pounds(400_000m), "Domestic abuse and sexual violence support services");

        general.Commit(Build.Pounds(600_000m));
        var message = Refusal.Of(() => general.Commit(Build.Pounds(0.01m)));
        ringFenced.Commit(Build.Pounds(150_000m));

        Assert.True(ringFenced.IsRingFenced);
        Assert.Equal("Domestic abuse and sexual violence support services", ringFenced.RingFencedFor);
        Assert.False(general.IsRingFenced);
        Assert.Equal("£0.01 cannot be committed against General victims' services for 2026/27: only £0.00 remains.", message);
        Assert.Equal(Build.Pounds(250_000m), ringFenced.Remaining);
        Assert.Equal(Build.Pounds(1_000_000m), budget.Total);
        Assert.Equal(Build.Pounds(750_000m), budget.Committed);
    }

    [Fact]
    public void A_ring_fenced_line_refuses_commitments_beyond_its_own_ceiling()
    {
        var line = Build.Line(400_000m, "Domestic abuse and sexual violence", "Domestic abuse and sexual violence support services");
        line.Commit(Build.Pounds(399_000m));

        var message = Refusal.Of(() => line.Commit(Build.Pounds(1_500m)));

        Assert.Equal("£1,500.00 cannot be committed against Domestic abuse and sexual violence for 2026/27: only £1,000.00 remains.", message);
    }

    [Fact]
    public void A_blank_ring_fence_purpose_means_the_line_is_not_ring_fenced()
    {
        var line = Build.Line(ringFencedFor: "   ");

        Assert.False(line.IsRingFenced);
        Assert.Null(line.RingFencedFor);
    }

    [Fact]
    public void Two_lines_with_the_same_name_in_one_budget_are_refused()
    {
        var budget = Build.Fund().AddBudget(Build.Year);
        budget.AddLine("General pot", Build.Pounds(1_000m));

        var message = Refusal.Of(() => budget.AddLine(" general POT ", Build.Pounds(1_000m)));

        Assert.Equal("The 2026/27 budget already has a line called 'general POT'.", message);
        Assert.Single(budget.Lines);
    }

    [Fact]
    public void A_line_needs_a_name()
    {
        Assert.Equal("Enter the budget line name.", Refusal.Of(() => Build.Line(name: "  ")));
    }

    [Fact]
    public void A_line_knows_its_fund_budget_and_year()
    {
        var fund = Build.Fund();
        var budget = fund.AddBudget(new FinancialYear(2027));

        var line = budget.AddLine("General pot", Build.Pounds(1_000m));

        Assert.Equal(fund.Id, line.FundId);
        Assert.Equal(budget.Id, line.BudgetId);
        Assert.Equal(new FinancialYear(2027), line.Year);
        Assert.Equal(fund.Id, budget.FundId);
    }

    [Fact]
    public void A_fund_has_one_budget_per_financial_year()
    {
        var fund = Build.Fund("Community Safety Fund");
        var budget = fund.AddBudget(Build.Year);

        var message = Refusal.Of(() => fund.AddBudget(new FinancialYear(2026)));

        Assert.Equal("Community Safety Fund already has a budget for 2026/27.", message);
        Assert.Same(budget, fund.BudgetFor(Build.Year));
    }

    [Fact]
    public void Asking_for_a_year_the_fund_has_no_budget_for_is_refused()
    {
        var fund = Build.Fund("Community Safety Fund");
        fund.AddBudget(Build.Year);

        Assert.Equal("Community Safety Fund has no budget for 2027/28.", Refusal.Of(() => fund.BudgetFor(new FinancialYear(2027))));
    }

    [Fact]
    public void A_fund_must_belong_to_a_known_programme()
    {
        var message = Refusal.Of(() => new Fund("Mystery fund", (ProgrammeKind)99, "Unknown"));

        Assert.Equal("Choose the programme this fund belongs to.", message);
    }

    [Fact]
    public void A_fund_needs_a_name_and_a_funding_source()
    {
        Assert.Equal("Enter the fund name.", Refusal.Of(() => new Fund(" ", ProgrammeKind.CommunitySafetyFund, "PCC budget")));
        Assert.Equal("Enter the funding source.", Refusal.Of(() => new Fund("Community Safety Fund", ProgrammeKind.CommunitySafetyFund, "")));
    }

    [Theory]
    [InlineData(ProgrammeKind.CommunitySafetyFund, "Community Safety Fund")]
    [InlineData(ProgrammeKind.VictimsServicesGrant, "Victims' Services Grant")]
    [InlineData(ProgrammeKind.PolicePropertyActFund, "Police Property Act Fund")]
    public void Programmes_have_their_everyday_names(ProgrammeKind programme, string expected)
    {
        Assert.Equal(expected, programme.Describe());
    }

    [Fact]
    public void An_award_comes_from_the_budget_s_only_line_even_when_it_is_ring_fenced()
    {
        var fund = Build.Fund("Victims' Services Grant", ProgrammeKind.VictimsServicesGrant);
        var only = fund.AddBudget(Build.Year).AddLine("Domestic abuse and sexual violence", Build.Pounds(500_000m), "Domestic abuse and sexual violence services");

        Assert.Same(only, fund.LineForAnAward(Build.Year));
    }

    [Fact]
    public void An_award_comes_from_the_budget_s_only_line_that_is_not_ring_fenced()
    {
        var fund = Build.Fund("Victims' Services Grant", ProgrammeKind.VictimsServicesGrant);
        var budget = fund.AddBudget(Build.Year);
        budget.AddLine("Domestic abuse and sexual violence", Build.Pounds(500_000m), "Domestic abuse and sexual violence services");
        var general = budget.AddLine("Core victims' services", Build.Pounds(2_200_000m));

        Assert.Same(general, fund.LineForAnAward(Build.Year));
    }

    [Fact]
    public void An_award_from_a_budget_with_several_lines_that_are_not_ring_fenced_is_refused_rather_than_guessed()
    {
        var fund = Build.Fund("Community Safety Fund");
        var budget = fund.AddBudget(Build.Year);
        budget.AddLine("Reading", Build.Pounds(300_000m));
        budget.AddLine("Oxford", Build.Pounds(300_000m));
        budget.AddLine("Youth diversion", Build.Pounds(50_000m), "Youth diversion schemes");

        Assert.Equal(
            "Community Safety Fund has 2 budget lines for 2026/27 that are not ring-fenced, so the service cannot tell which one this award should come from.",
            Refusal.Of(() => fund.LineForAnAward(Build.Year)));
    }

    [Fact]
    public void An_award_from_a_year_with_no_budget_is_refused_with_what_to_do()
    {
        var fund = Build.Fund("Community Safety Fund");
        fund.AddBudget(Build.Year);

        Assert.Equal(
            "Community Safety Fund has no budget for 2027/28, so no award can be made from it. Set the budget first.",
            Refusal.Of(() => fund.LineForAnAward(new FinancialYear(2027))));
        Assert.Equal(
            "Community Safety Fund has no budget for 2026/27, so no award can be made from it. Set the budget first.",
            Refusal.Of(() => fund.LineForAnAward(Build.Year)));
    }
}
