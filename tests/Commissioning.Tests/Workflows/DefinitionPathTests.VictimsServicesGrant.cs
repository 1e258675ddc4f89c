using System.Text.Json.Nodes;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Tests.Workflows.Support;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Tests.Workflows;

/// <summary>Every path of workflows/victims-services-grant.v1.json, walked on SQLite with a real bid to a round with showstopper questions.</summary>
public sealed class DefinitionPathTestsVictimsServicesGrant(DefinitionPathFixture fixture, ITestOutputHelper output)
    : DefinitionPathTestsBase(fixture, output, "victims-services-grant"), IClassFixture<DefinitionPathFixture>
{
    private static readonly string[] ToEligibility = ["draft", "showstoppers", "eligibility"];

    private static readonly string[] ToPanel = [.. ToEligibility, "assessment", "scores-diverge", "panel"];

    private static readonly string[] ToOffer = [.. ToPanel, "pcc-decision", "offer"];

    /// <summary>One quarter's return sent on time and accepted, then the count of accepted returns is checked.</summary>
    private static readonly string[] AcceptedOnTime = ["quarterly-return", "review-return", "all-returns-accepted"];

    [Fact]
    public Task A_draft_not_submitted_when_the_round_closes_ends_not_submitted_and_stays_a_draft() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        Assert.Equal((await Fixture.VictimsRoundAsync()).ClosesAt, Assert.Single(await walk.TimersHereAsync()).DueAt);

        await walk.TakeAsync("Closed");

        await walk.AssertFinishedAsync("not-submitted", "draft", "not-submitted");
        Assert.Equal(ApplicationStatus.Draft, (await Fixture.ApplicationAsync(id)).Status);
    });

    [Fact]
    public Task A_draft_the_provider_withdraws_ends_withdrawn_and_the_application_is_withdrawn() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", "draft", "withdrawn");
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
    });

    [Fact]
    public Task A_bid_answering_no_to_a_showstopper_is_ineligible_at_once_with_the_showstoppers_explanation() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await Fixture.SubmitAsync(id);
        // The portal no longer submits a bid with a showstopper answered no; the workflow's own check is for an answer
        // corrected in the records after submission.
        await Fixture.CorrectSubmittedAnswerAsync(id, "free-and-accessible", "no");

        await walk.TakeAsync("Submitted");

        await walk.AssertFinishedAsync("ineligible", "draft", "showstoppers", "ineligible");
        var application = await Fixture.ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Ineligible, application.Status);
        Assert.Equal(DefinitionPathFixture.ShowstopperFree, application.StatusReason);
        Assert.Contains(await walk.LogAsync(), l => l.FromActivityId == "showstoppers" && l.ToActivityId == "ineligible" && l.Reason == "PassesShowstoppers is false");
        Assert.Empty(await walk.QueryAsync(db => db.Set<HumanTask>().Where(t => t.InstanceId == walk.InstanceId).ToListAsync()));
    });

    [Fact]
    public Task A_bid_the_officer_finds_ineligible_after_passing_the_showstoppers_is_marked_ineligible() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await SubmitAsync(walk, id);
        Assert.Equal("eligibility", await walk.AtAsync());
        await walk.RemindAsync();

        await walk.TakeAsync("Ineligible");

        await walk.AssertFinishedAsync("ineligible", [.. ToEligibility, "ineligible"]);
        var application = await Fixture.ApplicationAsync(id);
        Assert.Equal((ApplicationStatus.Ineligible, DefinitionWalk.ReasonForApplicant), (application.Status, application.StatusReason));
    });

    [Fact]
    public Task A_bid_withdrawn_during_the_eligibility_check_is_withdrawn() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await SubmitAsync(walk, id);

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", [.. ToEligibility, "withdrawn"]);
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
    });

    [Fact]
    public Task A_bid_withdrawn_after_an_assessor_declared_a_conflict_is_withdrawn_and_the_replacement_task_cancelled() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToAssessmentAsync(walk, id);
        await walk.DeclareConflictAsync(Staff.Ben);
        var replacement = Assert.Single(await walk.TasksHereAsync(), t => t.Status == TaskStatus.Open && t.AssigneeUserId is null);

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", [.. ToEligibility, "assessment", "withdrawn"]);
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
        Assert.Equal(TaskStatus.Cancelled, (await walk.QueryAsync(db => db.Set<HumanTask>().SingleAsync(t => t.Id == replacement.Id))).Status);
    });

    [Fact]
    public Task Diverging_scores_go_to_moderation_and_a_bid_withdrawn_there_is_withdrawn() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToAssessmentAsync(walk, id);
        await walk.ScoreAsync(Staff.Anne, 90);
        await walk.ScoreAsync(Staff.Ben, 40);

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", [.. ToEligibility, "assessment", "scores-diverge", "moderation", "withdrawn"]);
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
    });

    [Fact]
    public Task A_bid_withdrawn_while_the_panel_meets_is_withdrawn() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToPanelAsync(walk, id);

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", [.. ToPanel, "withdrawn"]);
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
    });

    [Fact]
    public Task A_bid_the_panel_does_not_shortlist_is_declined() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToPanelAsync(walk, id);

        await walk.TakeAsync("NotShortlisted");

        await walk.AssertFinishedAsync("not-shortlisted", [.. ToPanel, "not-shortlisted"]);
        var application = await Fixture.ApplicationAsync(id);
        Assert.Equal((ApplicationStatus.Declined, DefinitionWalk.ReasonForApplicant), (application.Status, application.StatusReason));
    });

    [Fact]
    public Task A_shortlisted_bid_withdrawn_while_the_Commissioner_decides_is_withdrawn_and_the_decision_task_goes() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToPanelAsync(walk, id);
        await walk.TakeAsync("Shortlisted");
        Assert.Equal(ApplicationStatus.Recommended, (await Fixture.ApplicationAsync(id)).Status);
        var decide = Assert.Single(await walk.TasksHereAsync());

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", [.. ToPanel, "pcc-decision", "withdrawn"]);
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
        Assert.Equal(TaskStatus.Cancelled, (await walk.QueryAsync(db => db.Set<HumanTask>().SingleAsync(t => t.Id == decide.Id))).Status);
    });

    [Fact]
    public Task A_shortlisted_bid_the_Commissioner_declines_is_declined_after_being_recommended() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToPanelAsync(walk, id);
        await walk.TakeAsync("Shortlisted");
        Assert.Equal(ApplicationStatus.Recommended, (await Fixture.ApplicationAsync(id)).Status);

        await walk.TakeAsync("Declined", comment: "The service duplicates one already funded in the area.");

        await walk.AssertFinishedAsync("declined", [.. ToPanel, "pcc-decision", "declined"]);
        var application = await Fixture.ApplicationAsync(id);
        Assert.Equal((ApplicationStatus.Declined, "The service duplicates one already funded in the area."), (application.Status, application.StatusReason));
    });

    [Fact]
    public Task An_offer_the_provider_declines_ends_offer_declined() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToOfferAsync(walk, id);

        await walk.TakeAsync("Declined");

        await walk.AssertFinishedAsync("offer-declined", [.. ToOffer, "offer-declined"]);
        Assert.Equal(ApplicationStatus.Approved, (await Fixture.ApplicationAsync(id)).Status);
    });

    [Fact]
    public Task An_offer_not_accepted_within_the_acceptance_period_expires() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToOfferAsync(walk, id);
        await walk.RemindAsync();

        await walk.TakeAsync("Expired");

        await walk.AssertFinishedAsync("offer-expired", [.. ToOffer, "offer-expired"]);
        Assert.Equal(ApplicationStatus.Approved, (await Fixture.ApplicationAsync(id)).Status);
    });

    [Fact]
    public Task Quarterly_returns_loop_until_four_are_accepted_including_one_returned_for_changes_and_one_late_and_a_fully_spent_grant_closes() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToAssessmentAsync(walk, id);
        await walk.ScoreAsync(Staff.Anne, 20);
        await walk.ScoreAsync(Staff.Ben, 75);
        await walk.TakeAsync("Moderated", data: new JsonObject { ["score"] = 55 });
        await walk.TakeAsync("Shortlisted");
        await walk.TakeAsync("Approved");
        await walk.TakeAsync("Accepted");

        await walk.RemindAsync();
        await walk.TakeAsync("Submitted");
        await walk.TakeAsync("ReturnForChanges", comment: "The demographics table is missing.");
        await walk.TakeAsync("Submitted");
        await AcceptReturnAsync(walk, expectedSoFar: 1);

        await walk.TakeAsync("Overdue");
        await walk.TakeAsync("Submitted");
        await AcceptReturnAsync(walk, expectedSoFar: 2);

        await walk.TakeAsync("Submitted");
        await AcceptReturnAsync(walk, expectedSoFar: 3);
        await walk.TakeAsync("Submitted");
        await AcceptReturnAsync(walk, expectedSoFar: 4);

        Assert.Equal("year-end-reconciliation", await walk.AtAsync());
        var reconcile = Assert.Single(await walk.TasksHereAsync());
        Assert.Equal(("Reconcile spend to 31 March", Roles.Finance), (reconcile.Name, reconcile.Role));
        await walk.TakeAsync("Reconciled", data: new JsonObject { ["underspend"] = 0 });

        await walk.AssertFinishedAsync(
            "closed",
            [
                .. ToEligibility, "assessment", "scores-diverge", "moderation", "panel", "pcc-decision", "offer",
                "quarterly-return", "review-return", "quarterly-return", "review-return", "all-returns-accepted",
                "quarterly-return", "quarterly-return-overdue", "review-return", "all-returns-accepted",
                .. AcceptedOnTime, .. AcceptedOnTime,
                "year-end-reconciliation", "has-underspend", "closed",
            ]);
        Assert.Equal(4, (await walk.VariablesAsync())["returnsAccepted"]!.GetValue<long>());
        Assert.Equal(0, (await walk.VariablesAsync())["underspendPence"]!.GetValue<long>());
        var log = await walk.LogAsync();
        Assert.Equal(["False", "False", "False", "True"], log.Where(l => l.FromActivityId == "all-returns-accepted").Select(l => l.Outcome));
        Assert.Contains(log, l => l.FromActivityId == "review-return" && l.Outcome == "ReturnForChanges" && l.Reason == "The demographics table is missing.");
    });

    [Fact]
    public Task An_overdue_quarterly_return_is_chased_and_grant_unspent_at_31_March_is_returned() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToOfferAsync(walk, id);
        await walk.TakeAsync("Accepted");
        var due = Assert.Single(await walk.TimersHereAsync(), t => t.TimerKey == "return-due");
        // No return recorded for this award: due 3 calendar months on, by 23:59 UK time, never 90 days.
        Assert.Equal(UkTime.DueBy(UkTime.AddMonths(UkTime.DateOf((await walk.InstanceAsync()).UpdatedAt), 3)), due.DueAt);

        await walk.TakeAsync("Overdue");
        var chase = Assert.Single(await walk.TasksHereAsync());
        Assert.Equal(("Chase the overdue quarterly return", Roles.GrantsOfficer), (chase.Name, chase.Role));
        await walk.TakeAsync("Chased");
        Assert.Equal("quarterly-return", await walk.AtAsync());
        for (var quarter = 1; quarter <= 4; quarter++)
        {
            await walk.TakeAsync("Submitted");
            await AcceptReturnAsync(walk, expectedSoFar: quarter);
        }

        await walk.TakeAsync("Reconciled", data: new JsonObject { ["underspend"] = 250_000 });
        Assert.Equal("return-unspent-grant", await walk.AtAsync());
        Assert.Equal(250_000, (await walk.VariablesAsync())["underspendPence"]!.GetValue<long>());
        await walk.TakeAsync("Recovered", data: new JsonObject { ["recovered"] = 250_000 });

        await walk.AssertFinishedAsync(
            "closed-after-return-of-underspend",
            [
                .. ToOffer, "quarterly-return", "quarterly-return-overdue",
                .. AcceptedOnTime, .. AcceptedOnTime, .. AcceptedOnTime, .. AcceptedOnTime,
                "year-end-reconciliation", "has-underspend", "return-unspent-grant", "closed-after-return-of-underspend",
            ]);
        Assert.Equal(ApplicationStatus.Approved, (await Fixture.ApplicationAsync(id)).Status);
    });

    private async Task<(DefinitionWalk Walk, GrantApplicationId Id)> DraftAsync(DefinitionPathFixture.ScenarioRun run, string copeAndRecover = "yes", string freeAndAccessible = "yes")
    {
        var round = await Fixture.VictimsRoundAsync();
        var id = await Fixture.DraftAsync(round, "Independent sexual violence advisers for young people", new Dictionary<string, string>
        {
            ["cope-and-recover"] = copeAndRecover,
            ["free-and-accessible"] = freeAndAccessible,
            ["delivery-area"] = "Oxfordshire",
        });
        var walk = await run.StartAsync(DefinitionId, id.Value.ToString(), new JsonObject
        {
            ["closesAt"] = round.ClosesAt.ToString("O"),
            ["assessors"] = new JsonArray(Staff.Anne.UserId, Staff.Ben.UserId),
        });
        Assert.Equal("draft", await walk.AtAsync());
        return (walk, id);
    }

    private async Task SubmitAsync(DefinitionWalk walk, GrantApplicationId id)
    {
        await Fixture.SubmitAsync(id);
        await walk.TakeAsync("Submitted");
    }

    private async Task ToAssessmentAsync(DefinitionWalk walk, GrantApplicationId id)
    {
        await SubmitAsync(walk, id);
        await walk.TakeAsync("Eligible");
        Assert.Equal(ApplicationStatus.InAssessment, (await Fixture.ApplicationAsync(id)).Status);
    }

    private async Task ToPanelAsync(DefinitionWalk walk, GrantApplicationId id)
    {
        await ToAssessmentAsync(walk, id);
        await walk.ScoreAsync(Staff.Anne, 66);
        await walk.ScoreAsync(Staff.Ben, 71);
        Assert.Equal("panel", await walk.AtAsync());
    }

    private async Task ToOfferAsync(DefinitionWalk walk, GrantApplicationId id)
    {
        await ToPanelAsync(walk, id);
        await walk.TakeAsync("Shortlisted");
        await walk.TakeAsync("Approved");
        Assert.Equal(ApplicationStatus.Approved, (await Fixture.ApplicationAsync(id)).Status);
    }

    private static async Task AcceptReturnAsync(DefinitionWalk walk, int expectedSoFar)
    {
        Assert.Equal("Review the quarterly return", Assert.Single(await walk.TasksHereAsync()).Name);
        await walk.TakeAsync("Accepted");
        Assert.Equal(expectedSoFar, (await walk.VariablesAsync())["returnsAccepted"]!.GetValue<long>());
        Assert.Equal(expectedSoFar < 4 ? "quarterly-return" : "year-end-reconciliation", await walk.AtAsync());
    }
}
