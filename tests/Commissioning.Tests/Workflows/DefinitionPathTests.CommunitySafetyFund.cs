using System.Text.Json.Nodes;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Tests.Workflows.Support;
using Xunit.Abstractions;

namespace Commissioning.Tests.Workflows;

/// <summary>
/// Every path of workflows/community-safety-fund.v1.json, walked on SQLite for a partnership's allocation. The
/// year's return dates are next financial year's, so no deadline is due while the tests run; the tests fire them.
/// </summary>
public sealed class DefinitionPathTestsCommunitySafetyFund(DefinitionPathFixture fixture, ITestOutputHelper output)
    : DefinitionPathTestsBase(fixture, output, "community-safety-fund"), IClassFixture<DefinitionPathFixture>
{
    private static readonly FinancialYear Year = FinancialYear.Containing(UkTime.DateOf(DateTimeOffset.UtcNow)).Next;

    /// <summary>The returns of the year in order: stage, the variable holding its due date, and the chase task's name.</summary>
    private static readonly (string Stage, string DueVariable, DateTimeOffset Due, string Chase)[] Returns =
    [
        ("q1-return", "q1ReturnDue", Due(Year.StartYear, 7, 15), "Chase the overdue quarter 1 return"),
        ("q2-return", "q2ReturnDue", Due(Year.StartYear, 10, 15), "Chase the overdue quarter 2 return"),
        ("mid-year-budget-return", "midYearBudgetReturnDue", Due(Year.StartYear, 10, 30), "Chase the overdue mid-year budget return"),
        ("q3-return", "q3ReturnDue", Due(Year.StartYear + 1, 1, 15), "Chase the overdue quarter 3 return"),
        ("february-forecast", "februaryForecastDue", Due(Year.StartYear + 1, 2, 28), "Chase the overdue February forecast"),
        ("q4-return", "q4ReturnDue", Due(Year.StartYear + 1, 4, 15), "Chase the overdue quarter 4 return"),
        ("underspend-return", "underspendReturnDue", Due(Year.StartYear + 1, 5, 31), "Chase the overdue year-end underspend return"),
    ];

    private static readonly string[] ToAgreement = ["allocation", "spend-plan", "officer-review", "decision", "grant-agreement"];

    [Fact]
    public Task A_spend_plan_the_Commissioner_declines_ends_the_allocation_declined() => Scenario(async run =>
    {
        var walk = await StartAsync(run, "WOK");
        var confirm = Assert.Single(await walk.TasksHereAsync());
        Assert.Equal(("Confirm the formula allocation", Roles.GrantsOfficer), (confirm.Name, confirm.Role));
        await walk.TakeAsync("Confirmed");
        await walk.TakeAsync("Submitted");
        await walk.TakeAsync("Approved");

        await walk.TakeAsync("Declined", comment: "The plan does not address the priorities of the Police and Criminal Justice Plan.");

        await walk.AssertFinishedAsync("declined", "allocation", "spend-plan", "officer-review", "decision", "declined");
        Assert.Contains(await walk.LogAsync(), l => l.ToActivityId == "declined" && l.Actor == Staff.Commissioner.Name && l.Reason == "The plan does not address the priorities of the Police and Criminal Justice Plan.");
    });

    [Fact]
    public Task A_spend_plan_returned_for_changes_goes_back_to_the_partnership_and_a_year_of_returns_on_time_ends_with_the_underspend_returned() => Scenario(async run =>
    {
        var walk = await StartAsync(run, "RDG");
        await walk.TakeAsync("Confirmed");
        await walk.RemindAsync();
        await walk.TakeAsync("Submitted");
        await walk.TakeAsync("ReturnForChanges", comment: "Tie each project to a plan priority.");
        Assert.Equal("spend-plan", await walk.AtAsync());
        await walk.TakeAsync("Overdue");
        await walk.TakeAsync("Chased");
        Assert.Equal("spend-plan", await walk.AtAsync());
        await walk.TakeAsync("Submitted");
        await walk.TakeAsync("Approved");
        await walk.TakeAsync("Approved");
        await walk.RemindAsync();
        await walk.TakeAsync("Signed");

        foreach (var (stage, _, due, _) in Returns)
        {
            await ExpectDueAsync(walk, stage, due);
            await walk.TakeAsync("Submitted");
        }

        var reconcile = Assert.Single(await walk.TasksHereAsync());
        Assert.Equal(("Reconcile the year's spend against the allocation", Roles.Finance), (reconcile.Name, reconcile.Role));
        await walk.TakeAsync("Reconciled", data: new JsonObject { ["underspend"] = 1_500_000 });
        Assert.Equal("underspend-returned", await walk.AtAsync());
        await walk.TakeAsync("Returned", data: new JsonObject { ["returned"] = 1_500_000 });

        await walk.AssertFinishedAsync(
            "closed-after-return-of-underspend",
            [
                "allocation", "spend-plan", "officer-review", "spend-plan", "spend-plan-overdue", "spend-plan", "officer-review", "decision", "grant-agreement",
                .. Returns.Select(r => r.Stage), "reconciliation", "has-underspend", "underspend-returned", "closed-after-return-of-underspend",
            ]);
        Assert.Equal(1_500_000, (await walk.VariablesAsync())["underspendPence"]!.GetValue<long>());
        Assert.Contains(await walk.LogAsync(), l => l.FromActivityId == "officer-review" && l.ToActivityId == "spend-plan" && l.Outcome == "ReturnForChanges" && l.Reason == "Tie each project to a plan priority.");
    });

    [Fact]
    public Task A_late_spend_plan_and_returns_that_arrive_after_their_deadline_still_count_and_a_fully_spent_year_closes() => Scenario(async run =>
    {
        var walk = await StartAsync(run, "SLG");
        await walk.TakeAsync("Confirmed");
        await walk.TakeAsync("Overdue");
        Assert.Equal("Chase the overdue spend plan", Assert.Single(await walk.TasksHereAsync()).Name);
        await walk.TakeAsync("Submitted");
        await walk.TakeAsync("Approved");
        await walk.TakeAsync("Approved");
        await walk.TakeAsync("Signed");

        foreach (var (stage, _, due, chase) in Returns)
        {
            await ExpectDueAsync(walk, stage, due);
            await walk.TakeAsync("Overdue");
            Assert.Equal(chase, Assert.Single(await walk.TasksHereAsync()).Name);
            await walk.TakeAsync("Submitted");
        }

        await walk.TakeAsync("Reconciled", data: new JsonObject { ["underspend"] = 0 });

        await walk.AssertFinishedAsync(
            "closed",
            [
                "allocation", "spend-plan", "spend-plan-overdue", "officer-review", "decision", "grant-agreement",
                .. Returns.SelectMany(r => new[] { r.Stage, $"{r.Stage}-overdue" }), "reconciliation", "has-underspend", "closed",
            ]);
        Assert.Equal(7, (await walk.LogAsync()).Count(l => l.ToActivityId!.EndsWith("-overdue", StringComparison.Ordinal) && l.ToActivityId != "spend-plan-overdue" && l.Actor == "system"));
    });

    [Fact]
    public Task Returns_the_officer_waives_after_chasing_let_the_year_go_on_and_finance_reconciles_without_an_underspend_return() => Scenario(async run =>
    {
        var walk = await StartAsync(run, "OXF");
        await walk.TakeAsync("Confirmed");
        await walk.TakeAsync("Submitted");
        await walk.TakeAsync("Approved");
        await walk.TakeAsync("Approved");
        await walk.TakeAsync("Signed");

        foreach (var (stage, _, due, _) in Returns)
        {
            await ExpectDueAsync(walk, stage, due);
            await walk.TakeAsync("Overdue");
            await walk.RemindAsync();
            await walk.TakeAsync(stage == "underspend-return" ? "ReconcileWithoutReturn" : "Waived", comment: "Figures agreed by email with the partnership.");
        }

        await walk.TakeAsync("Reconciled", data: new JsonObject { ["underspend"] = 0 });

        await walk.AssertFinishedAsync(
            "closed",
            [.. ToAgreement, .. Returns.SelectMany(r => new[] { r.Stage, $"{r.Stage}-overdue" }), "reconciliation", "has-underspend", "closed"]);
        Assert.Equal(0, (await walk.VariablesAsync())["underspendPence"]!.GetValue<long>());
        Assert.Equal(7, (await walk.LogAsync()).Count(l => l.Reason == "Figures agreed by email with the partnership." && l.Actor == Staff.Officer.Name));
    });

    private async Task<DefinitionWalk> StartAsync(DefinitionPathFixture.ScenarioRun run, string partnership)
    {
        var variables = new JsonObject();
        foreach (var (_, variable, due, _) in Returns)
        {
            variables[variable] = due.ToString("O");
        }

        var walk = await run.StartAsync(DefinitionId, $"csf-{Year.StartYear}-{partnership}", variables);
        Assert.Equal("allocation", await walk.AtAsync());
        return walk;
    }

    /// <summary>The return's stage is reached and its deadline is the calendar date the year's variables give.</summary>
    private static async Task ExpectDueAsync(DefinitionWalk walk, string stage, DateTimeOffset due)
    {
        Assert.Equal(stage, await walk.AtAsync());
        Assert.Equal(due, Assert.Single(await walk.TimersHereAsync(), t => t.TimerKey == "return-due").DueAt);
    }

    private static DateTimeOffset Due(int year, int month, int day) => UkTime.ToInstant(new DateOnly(year, month, day), new TimeOnly(17, 0));
}
