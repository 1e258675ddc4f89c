using Commissioning.Domain.Awards;
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

/// <summary>Every path of workflows/police-property-act-fund.v1.json, walked on SQLite with a real application.</summary>
public sealed class DefinitionPathTestsPolicePropertyActFund(DefinitionPathFixture fixture, ITestOutputHelper output)
    : DefinitionPathTestsBase(fixture, output, "police-property-act-fund"), IClassFixture<DefinitionPathFixture>
{
    private static readonly string[] ToPanel = ["draft", "eligibility", "assessment", "scores-diverge", "panel"];

    private static readonly string[] ToOffer = [.. ToPanel, "chief-constable", "pcc-decision", "offer"];

    private static readonly string[] ToReport = [.. ToOffer, "active", "end-of-grant-report"];

    [Fact]
    public Task A_draft_not_submitted_when_the_round_closes_ends_not_submitted_and_stays_a_draft() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        var closes = Assert.Single(await walk.TimersHereAsync());
        Assert.Equal((await Fixture.PolicePropertyRoundAsync()).ClosesAt, closes.DueAt);

        await walk.TakeAsync("Closed");

        await walk.AssertFinishedAsync("not-submitted", "draft", "not-submitted");
        Assert.Equal(ApplicationStatus.Draft, (await Fixture.ApplicationAsync(id)).Status);
        Assert.Contains(await walk.LogAsync(), l => l.ToActivityId == "not-submitted" && l.Actor == "system" && l.Reason!.StartsWith("round-closes: the deadline passed", StringComparison.Ordinal));
    });

    [Fact]
    public Task A_draft_the_group_withdraws_ends_withdrawn_and_the_application_is_withdrawn() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", "draft", "withdrawn");
        var application = await Fixture.ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Withdrawn, application.Status);
        Assert.Equal("Withdrawn by the applicant.", application.StatusReason);
    });

    [Fact]
    public Task An_application_the_officer_finds_ineligible_is_marked_ineligible_with_the_officers_reason() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await SubmitAsync(walk, id);
        var check = Assert.Single(await walk.TasksHereAsync());
        Assert.Equal(("Check eligibility and due diligence", Roles.GrantsOfficer), (check.Name, check.Role));
        await walk.RemindAsync();

        await walk.TakeAsync("Ineligible", comment: "No safeguarding policy was provided.");

        await walk.AssertFinishedAsync("ineligible", "draft", "eligibility", "ineligible");
        var application = await Fixture.ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Ineligible, application.Status);
        Assert.Equal("No safeguarding policy was provided.", application.StatusReason);
        Assert.Contains(await walk.LogAsync(), l => l.FromActivityId == "eligibility" && l.ToActivityId == "eligibility" && l.Outcome == "Reminder");
    });

    [Fact]
    public Task An_application_withdrawn_during_the_eligibility_check_is_withdrawn_and_the_check_is_cancelled() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await SubmitAsync(walk, id);
        var check = Assert.Single(await walk.TasksHereAsync());

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", "draft", "eligibility", "withdrawn");
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
        Assert.Equal(TaskStatus.Cancelled, (await walk.QueryAsync(db => db.Set<HumanTask>().SingleAsync(t => t.Id == check.Id))).Status);
    });

    [Fact]
    public Task A_declared_conflict_gives_the_bid_to_another_assessor_and_scoring_ends_only_when_they_have_scored() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToAssessmentAsync(walk, id);
        Assert.Equal(ApplicationStatus.InAssessment, (await Fixture.ApplicationAsync(id)).Status);
        Assert.Equal([Staff.Anne.UserId, Staff.Ben.UserId], (await walk.TasksHereAsync()).Select(t => t.AssigneeUserId).Order());

        await walk.DeclareConflictAsync(Staff.Anne);

        var replacement = Assert.Single(await walk.TasksHereAsync(), t => t.Status == TaskStatus.Open && t.AssigneeUserId is null);
        Assert.Equal(("Score the bid", Roles.Assessor), (replacement.Name, replacement.Role));
        var conflicted = await Assert.ThrowsAsync<WorkflowException>(() => walk.CompleteAsync(replacement.Id, "Scored", Staff.Anne, new JsonObject { ["score"] = 95 }));
        Assert.Contains("ConflictDeclared", conflicted.Message, StringComparison.Ordinal);

        await walk.ScoreAsync(Staff.Ben, 70);
        Assert.Equal("assessment", await walk.AtAsync());
        var twice = await Assert.ThrowsAsync<WorkflowException>(() => walk.CompleteAsync(replacement.Id, "Scored", Staff.Ben, new JsonObject { ["score"] = 70 }));
        Assert.Contains("already answered", twice.Message, StringComparison.Ordinal);

        await walk.ScoreAsync(Staff.Cara, 74);
        Assert.Equal("panel", await walk.AtAsync());
        var copies = await walk.QueryAsync(db => db.Set<HumanTask>().AsNoTracking().Where(t => t.InstanceId == walk.InstanceId && t.ActivityId == "assessment").ToListAsync());
        Assert.Equal(
            [(Staff.Anne.UserId, "ConflictDeclared"), (Staff.Ben.UserId, "Scored"), (Staff.Cara.UserId, "Scored")],
            copies.Select(t => (t.AssigneeUserId, t.Outcome)).OrderBy(t => t.AssigneeUserId, StringComparer.Ordinal));

        await walk.TakeAsync("NotShortlisted", comment: "Ranked below the funding line for this round.");

        await walk.AssertFinishedAsync("not-shortlisted", [.. ToPanel, "not-shortlisted"]);
        var application = await Fixture.ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Declined, application.Status);
        Assert.Equal("Ranked below the funding line for this round.", application.StatusReason);
        var log = await walk.LogAsync();
        Assert.Contains(log, l => l.FromActivityId == "assessment" && l.ToActivityId == "assessment" && l.Outcome == "ConflictDeclared" && l.Actor == Staff.Anne.Name);
        Assert.Contains(log, l => l.FromActivityId == "scores-diverge" && l.ToActivityId == "panel" && l.Reason == "ScoresDiverge is false");
    });

    [Fact]
    public Task An_application_withdrawn_during_assessment_is_withdrawn_and_every_assessors_task_is_cancelled() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToAssessmentAsync(walk, id);
        await walk.ScoreAsync(Staff.Anne, 60);

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", "draft", "eligibility", "assessment", "withdrawn");
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
        var copies = await walk.QueryAsync(db => db.Set<HumanTask>().AsNoTracking().Where(t => t.InstanceId == walk.InstanceId && t.ActivityId == "assessment").ToListAsync());
        Assert.Equal([TaskStatus.Completed, TaskStatus.Cancelled], copies.OrderBy(t => t.Status).Select(t => t.Status));
    });

    [Fact]
    public Task Diverging_scores_go_to_moderation_and_an_application_withdrawn_there_is_withdrawn() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToAssessmentAsync(walk, id);
        await walk.ScoreAsync(Staff.Anne, 30);
        await walk.ScoreAsync(Staff.Ben, 80);
        Assert.Equal("moderation", await walk.AtAsync());
        Assert.Equal("Moderate the scores", Assert.Single(await walk.TasksHereAsync()).Name);

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", "draft", "eligibility", "assessment", "scores-diverge", "moderation", "withdrawn");
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
        Assert.Contains(await walk.LogAsync(), l => l.FromActivityId == "scores-diverge" && l.ToActivityId == "moderation" && l.Reason == "ScoresDiverge is true");
    });

    [Fact]
    public Task An_application_withdrawn_while_the_panel_meets_is_withdrawn() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToPanelAsync(walk, id);

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", [.. ToPanel, "withdrawn"]);
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
    });

    [Fact]
    public Task A_shortlisted_bid_the_Chief_Constable_does_not_approve_is_declined_after_being_recommended() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToPanelAsync(walk, id);
        await walk.TakeAsync("Shortlisted", comment: "Strong evidence of need.");
        var recommended = await Fixture.ApplicationAsync(id);
        Assert.Equal((ApplicationStatus.Recommended, "Strong evidence of need."), (recommended.Status, recommended.StatusReason));
        Assert.Equal("Record the Chief Constable's approval", Assert.Single(await walk.TasksHereAsync()).Name);

        await walk.TakeAsync("Declined", comment: "The Chief Constable asked for the project to be reconsidered next round.");

        await walk.AssertFinishedAsync("not-approved-by-chief-constable", [.. ToPanel, "chief-constable", "not-approved-by-chief-constable"]);
        var application = await Fixture.ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Declined, application.Status);
        Assert.Equal("The Chief Constable asked for the project to be reconsidered next round.", application.StatusReason);
    });

    [Fact]
    public Task A_shortlisted_bid_withdrawn_while_the_Chief_Constable_considers_it_is_withdrawn_and_the_officers_task_goes() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToPanelAsync(walk, id);
        await walk.TakeAsync("Shortlisted");
        var record = Assert.Single(await walk.TasksHereAsync());

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", [.. ToPanel, "chief-constable", "withdrawn"]);
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
        Assert.Equal(TaskStatus.Cancelled, (await walk.QueryAsync(db => db.Set<HumanTask>().SingleAsync(t => t.Id == record.Id))).Status);
    });

    [Fact]
    public Task A_shortlisted_bid_withdrawn_while_the_Commissioner_decides_is_withdrawn_and_the_decision_task_goes() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToPanelAsync(walk, id);
        await walk.TakeAsync("Shortlisted");
        await walk.TakeAsync("Approved");
        var decide = Assert.Single(await walk.TasksHereAsync());

        await walk.TakeAsync("Withdrawn");

        await walk.AssertFinishedAsync("withdrawn", [.. ToPanel, "chief-constable", "pcc-decision", "withdrawn"]);
        Assert.Equal(ApplicationStatus.Withdrawn, (await Fixture.ApplicationAsync(id)).Status);
        Assert.Equal(TaskStatus.Cancelled, (await walk.QueryAsync(db => db.Set<HumanTask>().SingleAsync(t => t.Id == decide.Id))).Status);
    });

    [Fact]
    public Task A_bid_the_Commissioner_declines_is_declined() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToPanelAsync(walk, id);
        await walk.TakeAsync("Shortlisted");
        await walk.TakeAsync("Approved");
        var decide = Assert.Single(await walk.TasksHereAsync());
        Assert.Equal(("Decide (Police and Crime Commissioner)", Roles.DecisionMaker), (decide.Name, decide.Role));

        await walk.TakeAsync("Declined");

        await walk.AssertFinishedAsync("declined", [.. ToPanel, "chief-constable", "pcc-decision", "declined"]);
        var application = await Fixture.ApplicationAsync(id);
        Assert.Equal((ApplicationStatus.Declined, DefinitionWalk.ReasonForApplicant), (application.Status, application.StatusReason));
        Assert.Contains(await walk.LogAsync(), l => l.ToActivityId == "declined" && l.Actor == Staff.Commissioner.Name);
    });

    [Fact]
    public Task An_offer_the_group_declines_ends_offer_declined_with_the_application_approved() => Scenario(async run =>
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
        var entered = (await walk.InstanceAsync()).UpdatedAt;
        var expiry = Assert.Single(await walk.TimersHereAsync(), t => t.TimerKey == "acceptance-period-ends");
        // 28 UK calendar days from the day the offer is made, to 23:59 UK time on the last of them.
        Assert.Equal(UkTime.DueBy(UkTime.DateOf(entered).AddDays(28)), expiry.DueAt);
        await walk.RemindAsync();

        await walk.TakeAsync("Expired");

        await walk.AssertFinishedAsync("offer-expired", [.. ToOffer, "offer-expired"]);
        Assert.Equal(ApplicationStatus.Approved, (await Fixture.ApplicationAsync(id)).Status);
    });

    [Fact]
    public Task A_moderated_grant_spent_in_full_and_reported_early_closes_when_the_spend_deadline_passes() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToAssessmentAsync(walk, id);
        await walk.ScoreAsync(Staff.Anne, 35);
        await walk.ScoreAsync(Staff.Ben, 85);
        await walk.TakeAsync("Moderated", data: new JsonObject { ["score"] = 62 });
        await walk.TakeAsync("Shortlisted");
        await walk.TakeAsync("Approved");
        await walk.TakeAsync("Approved");
        Assert.Equal(ApplicationStatus.Approved, (await Fixture.ApplicationAsync(id)).Status);
        await walk.TakeAsync("Accepted");
        var spendDeadline = Assert.Single(await walk.TimersHereAsync(), t => t.TimerKey == "spend-deadline");
        // The domain's date: the end of the last day of the 12 calendar months from acceptance, never 365 days.
        Assert.Equal(GrantTerms.SmallGrant(UkTime.DateOf((await walk.InstanceAsync()).UpdatedAt)).SpendDeadline, spendDeadline.DueAt);
        await walk.PublishAsync("EndOfGrantReportSubmitted");
        Assert.Equal("active", await walk.AtAsync());

        await walk.TakeAsync("SpendDeadlinePassed");
        Assert.Equal("review-report", await walk.AtAsync());
        await walk.TakeAsync("Accepted", data: new JsonObject { ["underspend"] = 0 });

        await walk.AssertFinishedAsync(
            "closed",
            "draft", "eligibility", "assessment", "scores-diverge", "moderation", "panel", "chief-constable", "pcc-decision", "offer", "active", "end-of-grant-report", "review-report", "has-underspend", "closed");
        Assert.Equal(0, (await walk.VariablesAsync())["underspendPence"]!.GetValue<long>());
        Assert.Contains(await walk.LogAsync(), l => l.FromActivityId == "end-of-grant-report" && l.Outcome == "EndOfGrantReportSubmitted" && l.Reason!.StartsWith("event received earlier", StringComparison.Ordinal));
        Assert.Equal(ApplicationStatus.Approved, (await Fixture.ApplicationAsync(id)).Status);
    });

    [Fact]
    public Task A_late_end_of_grant_report_showing_unspent_money_leads_to_clawback() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToEndOfGrantReportAsync(walk, id);
        var due = Assert.Single(await walk.TimersHereAsync(), t => t.TimerKey == "report-due");
        // Accepted today: due 12 then 3 calendar months on, by 23:59 UK time, however early the spend deadline was passed.
        Assert.Equal(GrantTerms.SmallGrant(UkTime.DateOf((await walk.InstanceAsync()).UpdatedAt)).ReportDueBy, due.DueAt);
        await walk.RemindAsync();
        await walk.TakeAsync("Overdue");
        var chase = Assert.Single(await walk.TasksHereAsync());
        Assert.Equal(("Chase the overdue end-of-grant report", Roles.GrantsOfficer), (chase.Name, chase.Role));

        await walk.TakeAsync("Submitted");
        await walk.TakeAsync("Accepted", data: new JsonObject { ["underspend"] = 125_000 });
        Assert.Equal("clawback", await walk.AtAsync());
        Assert.Equal(125_000, (await walk.VariablesAsync())["underspendPence"]!.GetValue<long>());
        await walk.TakeAsync("Recovered", data: new JsonObject { ["recovered"] = 125_000 });

        await walk.AssertFinishedAsync("closed-after-clawback", [.. ToReport, "report-overdue", "review-report", "has-underspend", "clawback", "closed-after-clawback"]);
        Assert.Contains(await walk.LogAsync(), l => l.ToActivityId == "closed-after-clawback" && l.Actor == Staff.Finance.Name);
    });

    [Fact]
    public Task An_end_of_grant_report_that_never_comes_is_chased_and_the_grant_clawed_back() => Scenario(async run =>
    {
        var (walk, id) = await DraftAsync(run);
        await ToEndOfGrantReportAsync(walk, id);
        await walk.TakeAsync("Overdue");

        await walk.TakeAsync("RecoverGrant", comment: "Three reminders sent; no report.");
        await walk.TakeAsync("Recovered", data: new JsonObject { ["recovered"] = 500_000 });

        await walk.AssertFinishedAsync("closed-after-clawback", [.. ToReport, "report-overdue", "clawback", "closed-after-clawback"]);
        Assert.Contains(await walk.LogAsync(), l => l.FromActivityId == "end-of-grant-report" && l.ToActivityId == "report-overdue" && l.Actor == "system");
    });

    private async Task<(DefinitionWalk Walk, GrantApplicationId Id)> DraftAsync(DefinitionPathFixture.ScenarioRun run)
    {
        var round = await Fixture.PolicePropertyRoundAsync();
        var id = await Fixture.DraftAsync(round, "Safer streets after dark");
        var walk = await run.StartAsync(DefinitionId, id.Value.ToString(), new JsonObject
        {
            ["closesAt"] = round.ClosesAt.ToString("O"),
            ["assessors"] = new JsonArray(Staff.Anne.UserId, Staff.Ben.UserId),
            ["moderationThreshold"] = 20,
        });
        Assert.Equal("draft", await walk.AtAsync());
        return (walk, id);
    }

    /// <summary>As the portal does: the application is submitted, then ApplicationSubmitted is published.</summary>
    private async Task SubmitAsync(DefinitionWalk walk, GrantApplicationId id)
    {
        await Fixture.SubmitAsync(id);
        await walk.TakeAsync("Submitted");
    }

    private async Task ToAssessmentAsync(DefinitionWalk walk, GrantApplicationId id)
    {
        await SubmitAsync(walk, id);
        await walk.TakeAsync("Eligible");
    }

    private async Task ToPanelAsync(DefinitionWalk walk, GrantApplicationId id)
    {
        await ToAssessmentAsync(walk, id);
        await walk.ScoreAsync(Staff.Anne, 70);
        await walk.ScoreAsync(Staff.Ben, 78);
        Assert.Equal("panel", await walk.AtAsync());
    }

    private async Task ToOfferAsync(DefinitionWalk walk, GrantApplicationId id)
    {
        await ToPanelAsync(walk, id);
        await walk.TakeAsync("Shortlisted");
        await walk.TakeAsync("Approved");
        await walk.TakeAsync("Approved");
        Assert.Equal(ApplicationStatus.Approved, (await Fixture.ApplicationAsync(id)).Status);
    }

    private async Task ToEndOfGrantReportAsync(DefinitionWalk walk, GrantApplicationId id)
    {
        await ToOfferAsync(walk, id);
        await walk.TakeAsync("Accepted");
        await walk.TakeAsync("SpendDeadlinePassed");
        Assert.Equal("end-of-grant-report", await walk.AtAsync());
    }
}
