using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Domain;

public class ApplicationBudgetTests
{
    [Fact]
    public void A_budget_totals_its_costs_and_contributions_in_whole_pence()
    {
        var round = Build.Round();
        var application = Build.Draft(round);

        application.SetBudget(
        [
            new BudgetItem(BudgetLineKind.Cost, "Sessional youth worker", Build.Pence(4_000_10)),
            new BudgetItem(BudgetLineKind.Cost, "Minibus hire", Build.Pence(2_500_05)),
            new BudgetItem(BudgetLineKind.OtherFunding, "Town council grant", Build.Pounds(1_000m)),
            new BudgetItem(BudgetLineKind.MatchFunding, "Our reserves", Build.Pence(500_15)),
        ]);

        Assert.Equal(Build.Pence(6_500_15), application.TotalCosts);
        Assert.Equal(Build.Pounds(1_000m), application.OtherFunding);
        Assert.Equal(Build.Pence(500_15), application.MatchFunding);
        Assert.Equal(Build.Pounds(5_000m), application.AskedOfFund);
        Assert.Equal([1, 2, 3, 4], application.Budget.Select(l => l.Number));
    }

    [Fact]
    public void A_budget_balances_only_when_it_asks_the_fund_for_the_amount_requested()
    {
        var round = Build.Round();
        var application = Build.Draft(round);
        application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Equipment", Build.Pounds(5_000m))]);

        application.Request(Build.Pounds(6_000m), round);
        Assert.False(application.BudgetBalances);

        application.Request(Build.Pounds(5_000m), round);
        Assert.True(application.BudgetBalances);
    }

    [Fact]
    public void A_budget_needs_at_least_one_cost()
    {
        var application = Build.Draft(Build.Round());

        var message = Refusal.Of(() => application.SetBudget([new BudgetItem(BudgetLineKind.MatchFunding, "Reserves", Build.Pounds(100m))]));

        Assert.Equal("Enter at least one cost in your budget.", message);
        Assert.Empty(application.Budget);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Every_budget_amount_must_be_more_than_nothing(long pence)
    {
        var application = Build.Draft(Build.Round());

        var message = Refusal.Of(() => application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Equipment", Build.Pence(pence))]));

        Assert.StartsWith("Each amount in the budget must be more than £0.00", message);
    }

    [Fact]
    public void Every_budget_line_needs_a_description()
    {
        var application = Build.Draft(Build.Round());

        var message = Refusal.Of(() => application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "  ", Build.Pounds(10m))]));

        Assert.Equal("Enter the description of the budget line.", message);
    }

    [Fact]
    public void Contributions_that_cover_all_the_costs_leave_nothing_to_ask_for()
    {
        var application = Build.Draft(Build.Round());

        var message = Refusal.Of(() => application.SetBudget(
        [
            new BudgetItem(BudgetLineKind.Cost, "Equipment", Build.Pounds(1_000m)),
            new BudgetItem(BudgetLineKind.OtherFunding, "Council grant", Build.Pounds(1_000m)),
        ]));

        Assert.Equal("Other funding and match funding (£1,000.00) cover all of the costs (£1,000.00), so there is nothing left to ask the fund for.", message);
    }

    [Fact]
    public void A_refused_budget_leaves_the_one_saved_before()
    {
        var application = Build.Draft(Build.Round());
        application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Equipment", Build.Pounds(2_000m))]);

        Refusal.Of(() => application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Equipment", Build.Pence(-5))]));

        Assert.Equal(Build.Pounds(2_000m), application.TotalCosts);
    }

    [Fact]
    public void A_budget_can_be_replaced_with_lines_in_a_new_order()
    {
        var application = Build.Draft(Build.Round());
        application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Equipment", Build.Pounds(2_000m)), new BudgetItem(BudgetLineKind.Cost, "Venue", Build.Pounds(500m))]);

        application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Venue", Build.Pounds(600m))]);

        var line = Assert.Single(application.Budget);
        Assert.Equal(("Venue", Build.Pounds(600m), 1), (line.Description, line.Amount, line.Number));
    }

    [Fact]
    public void A_submitted_application_s_budget_is_frozen()
    {
        var round = Build.Round();
        var application = Build.Submitted(round);

        var message = Refusal.Of(() => application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Equipment", Build.Pounds(2_000m))]));

        Assert.Equal("This application was submitted and can no longer be changed.", message);
    }

    [Fact]
    public void Submitting_with_a_budget_that_does_not_match_the_request_is_refused()
    {
        var round = Build.Round();
        var application = Build.ReadyToSubmit(round, requestedPounds: 10_000m);
        application.SetBudget([new BudgetItem(BudgetLineKind.Cost, "Equipment", Build.Pounds(9_500m))]);

        var message = Refusal.Of(() => application.Submit(round, Build.Record(), "CSF-2026-00042", Build.WhileOpen));

        Assert.Equal("Your budget asks the fund for £9,500.00 but you are asking for £10,000.00. Change your budget or the amount you are asking for so that they are the same before submitting.", message);
        Assert.Equal(ApplicationStatus.Draft, application.Status);
    }

    [Fact]
    public void A_showstopper_answered_no_is_reported_with_its_explanation()
    {
        var round = Build.Round(form: Build.Form(
            Build.Question("cope", QuestionType.YesNo, stopsIfNo: "The grant only pays for services that help victims cope and recover."),
            Build.Question("free", QuestionType.YesNo, stopsIfNo: "Services must be free to victims."),
            Build.Question("name")));
        var application = Build.Draft(round);
        application.Answer("cope", "yes", Build.WhileOpen, "a@example.org");
        application.Answer("free", "no", Build.WhileOpen, "a@example.org");

        var failed = application.FailedShowstoppers(round);

        Assert.Equal(["free"], failed.Select(q => q.Key));
    }
}
