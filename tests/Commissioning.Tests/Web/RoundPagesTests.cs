using System.Globalization;
using System.Net;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Demo;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Tests.Web;

/// <summary>
/// Rounds set up through the pages by a grants officer: settings from a budget line, who may apply, priorities,
/// criteria and award terms; the round's questions and criteria fixed once an application exists (with a copy
/// offered); its closing date moved with every draft's deadline; and the pages kept to grants officers and administrators.
/// </summary>
public abstract class RoundPagesTests(ApplyApp app)
{
    private const string Officer = ApplyApp.Officer;

    [Fact]
    public async Task A_grants_officer_sets_up_a_round_from_a_budget_line_and_says_who_may_apply_how_bids_are_scored_and_the_award_terms()
    {
        var officer = await app.SignedInClientAsync(Officer);
        var lineId = await NewLineAsync(officer, "40000");
        var opens = UkTime.DateOf(app.Clock.GetUtcNow()).AddDays(-1);
        var closes = opens.AddDays(30);

        var created = await officer.PostFormAsync("/Admin/Rounds/Edit", Settings(lineId, "Community groups spring round", opens, closes, "30000", "500", "5000"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var roundId = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        var page = HttpForms.Text(await officer.GetStringAsync($"/Admin/Rounds/{roundId}"));
        Assert.Contains("Community groups spring round has been set up.", page, StringComparison.Ordinal);
        Assert.Contains("Amount available £30,000.00", page, StringComparison.Ordinal);
        Assert.Contains($"Closes {closes.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} at 12:00pm (UK time)", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Admin/Rounds/{roundId}/Form\"", await officer.GetStringAsync($"/Admin/Rounds/{roundId}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/Admin/Rounds/{roundId}/Applicants", new()
        {
            ["Input.ExcludedLegalForms"] = "ConstitutedUnincorporatedGroup",
            ["Input.SeveralApplications"] = "no",
            ["Input.MonthsBetweenAwards"] = "24",
            ["Input.ExcludesCoreCosts"] = "true",
            ["Input.DeliveryAreas"] = "E06000038",
        })).StatusCode);
        var criteria = await officer.PostFormAsync($"/Admin/Rounds/{roundId}/Criteria?handler=Add", Criteria(("Need", "60", "Evidence of need"), ("Value for money", "40", null)), tokenFrom: $"/Admin/Rounds/{roundId}/Criteria");
        var added = await criteria.Content.ReadAsStringAsync();
        Assert.Contains("Criterion 3", HttpForms.Text(added), StringComparison.Ordinal);
        Assert.Contains("id=\"Input_Rows_2__Title\"", added, StringComparison.Ordinal);
        var wrongTotal = await officer.PostFormAsync($"/Admin/Rounds/{roundId}/Criteria", Criteria(("Need", "60", "Evidence of need"), ("Value for money", "30", null)));
        Assert.Contains("Assessment criteria weights must add up to 100%; they add up to 90%.", HttpForms.Text(await wrongTotal.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/Admin/Rounds/{roundId}/Criteria", Criteria(("Need", "60", "Evidence of need"), ("Value for money", "40", null)))).StatusCode);
        var terms = new Dictionary<string, string>
        {
            ["Input.Payment"] = "OnePaymentOnAcceptance",
            ["Input.Reports"] = "EndOfGrantReport",
            ["Input.Conditions[0].Timing"] = "BeforePayment",
            ["Input.Conditions[0].Text"] = "A signed grant agreement.",
            ["Input.Conditions[0].Key"] = "signed-agreement",
            ["Input.Conditions[1].Timing"] = "DuringGrant",
            ["Input.Conditions[1].Text"] = "Acknowledge the Commissioner in your publicity.",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/Admin/Rounds/{roundId}/Terms", terms)).StatusCode);

        var round = await app.InDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == RoundId.From(roundId)));
        Assert.Equal((24, true, "E06000038", 15), (round.MonthsBetweenAwards, round.ExcludesCoreCosts, Assert.Single(round.DeliveryAreas), round.ModerationThreshold));
        Assert.Equal([("need", 60), ("value-for-money", 40)], round.Criteria.Select(c => (c.Key, c.WeightPercent)));
        Assert.Equal([("signed-agreement", "A signed grant agreement."), ((string?)null, "Acknowledge the Commissioner in your publicity.")], round.Terms!.Conditions.Select(c => (c.Key, c.Text)));
        page = HttpForms.Text(await officer.GetStringAsync($"/Admin/Rounds/{roundId}"));
        Assert.Contains("Legal forms that cannot apply Constituted group (unincorporated)", page, StringComparison.Ordinal);
        Assert.Contains("Delivery areas Reading", page, StringComparison.Ordinal);
        Assert.Contains("Awards per organisation One in any 24 months from this fund", page, StringComparison.Ordinal);
        Assert.Contains("Community groups spring round", HttpForms.Text(await officer.GetStringAsync("/Admin/Rounds")), StringComparison.Ordinal);

        // Published once its form has a question, the round is open to applicants, whose eligibility check asks its own settings.
        var form = $"/Admin/Rounds/{roundId}/Form";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"{form}/Sections", new() { ["Title"] = "About the project" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"{form}/Questions?section=about-the-project", new() { ["Input.Text"] = "What is the project called?", ["Input.Type"] = "ShortText", ["Input.Required"] = "yes" }, tokenFrom: form)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"{form}?handler=Publish", [])).StatusCode);
        var (applicant, group, _) = await app.NewApplicantAsync();
        var eligibility = HttpForms.Text(await (await applicant.PostFormAsync($"/Funding/{roundId}/Eligibility", new() { ["RoundId"] = roundId.ToString() })).Content.ReadAsStringAsync());
        Assert.Contains($"{group.Name} is recorded with us as: Constituted group (unincorporated). Community groups spring round does not take applications from that kind of organisation.", eligibility, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_making_more_available_than_its_budget_line_can_fund_is_refused_saying_how_much_is_left()
    {
        var officer = await app.SignedInClientAsync(Officer);
        var lineId = await NewLineAsync(officer, "10000");
        var opens = UkTime.DateOf(app.Clock.GetUtcNow()).AddDays(10);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync("/Admin/Rounds/Edit", Settings(lineId, "First round", opens, opens.AddDays(20), "6000", "100", "1000"))).StatusCode);

        var refused = await officer.PostFormAsync("/Admin/Rounds/Edit", Settings(lineId, "Second round", opens, opens.AddDays(20), "4000.01", "100", "1000"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = HttpForms.Text(await refused.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("£4,000.01 is more than Core grants for 2026/27 can fund: it holds £10,000.00, and its other rounds make £6,000.00 available, so at most £4,000.00 is left for this round.", page, StringComparison.Ordinal);
        Assert.False(await app.InDbAsync(db => db.Rounds.AnyAsync(r => r.Title == "Second round")));
        var bad = HttpForms.Text(await (await officer.PostFormAsync("/Admin/Rounds/Edit", Settings(lineId, "Third round", opens, opens.AddDays(-1), "100", "100", "50", closesTime: "25:00"))).Content.ReadAsStringAsync());
        Assert.Contains("Enter the time of when the round closes in 24-hour UK time, like 09:00 or 23:59", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_an_application_is_started_the_rounds_criteria_are_refused_a_copy_is_offered_and_the_copy_can_change_them()
    {
        var officer = await app.SignedInClientAsync(Officer);
        var round = await app.NewRoundAsync($"Locked round {Guid.NewGuid():N}"[..24]);
        var (applicant, _, _) = await app.NewApplicantAsync();
        await app.StartApplicationAsync(applicant, round, "Neighbourhood watch signs");
        var startedAt = (await app.InDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == round.Id))).FirstApplicationStartedAt;
        Assert.NotNull(startedAt);

        var refused = await officer.PostFormAsync($"/Admin/Rounds/{round.Id}/Criteria", Criteria(("Need", "50", null), ("Delivery", "50", null)));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = HttpForms.Text(await refused.Content.ReadAsStringAsync());
        Assert.Contains($"Applications to {round.Title} have been started since {UkTime.Describe(startedAt.Value)}, so its questions and assessment criteria are fixed. Copy the round", page, StringComparison.Ordinal);
        Assert.Equal(round.Criteria, (await app.InDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == round.Id))).Criteria);
        Assert.Contains($"href=\"/Admin/Rounds/{round.Id}/Copy\"", await officer.GetStringAsync($"/Admin/Rounds/{round.Id}"), StringComparison.Ordinal);

        var threshold = await officer.PostFormAsync($"/Admin/Rounds/{round.Id}/Criteria", new() { ["Input.ModerationThreshold"] = "30", ["Input.Reason"] = "Panel asked for fewer moderations" });
        Assert.Equal(HttpStatusCode.Redirect, threshold.StatusCode);
        Assert.Contains("Moderation threshold changed from 20 points to 30 points", HttpForms.Text(await officer.GetStringAsync($"/Admin/Rounds/{round.Id}/History")), StringComparison.Ordinal);

        var lineId = await app.InDbAsync(db => db.BudgetLines.Where(l => l.FundId == round.FundId && l.Year == round.Year).Select(l => l.Id.Value).FirstAsync());
        var opens = UkTime.DateOf(app.Clock.GetUtcNow()).AddDays(1);
        var settings = Settings(lineId, round.Title, UkTime.DateOf(round.OpensAt), UkTime.DateOf(round.ClosesAt), "50000", round.MinimumAward.ToPlainString(), round.MaximumAward.ToPlainString());
        settings["Input.OpensTime"] = UkTime.ToUkLocal(round.OpensAt).ToString("HH:mm", CultureInfo.InvariantCulture);
        settings["Input.ClosesTime"] = UkTime.ToUkLocal(round.ClosesAt).ToString("HH:mm", CultureInfo.InvariantCulture);
        settings["Input.Reason"] = "The round now names its budget line";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/Admin/Rounds/Edit/{round.Id}", settings)).StatusCode);
        var copied = await officer.PostFormAsync($"/Admin/Rounds/{round.Id}/Copy", new()
        {
            ["Input.Title"] = "Copied round",
            ["Input.OpensDay"] = opens.Day.ToString(CultureInfo.InvariantCulture),
            ["Input.OpensMonth"] = opens.Month.ToString(CultureInfo.InvariantCulture),
            ["Input.OpensYear"] = opens.Year.ToString(CultureInfo.InvariantCulture),
            ["Input.OpensTime"] = "09:00",
            ["Input.ClosesDay"] = opens.AddDays(14).Day.ToString(CultureInfo.InvariantCulture),
            ["Input.ClosesMonth"] = opens.AddDays(14).Month.ToString(CultureInfo.InvariantCulture),
            ["Input.ClosesYear"] = opens.AddDays(14).Year.ToString(CultureInfo.InvariantCulture),
            ["Input.ClosesTime"] = "12:00",
            ["Input.AmountAvailable"] = "20000",
        });
        Assert.Equal(HttpStatusCode.Redirect, copied.StatusCode);
        var copyId = Guid.Parse(copied.Headers.Location!.OriginalString.Split('/')[^1]);
        Assert.Equal(30, (await app.InDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == RoundId.From(copyId)))).ModerationThreshold);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/Admin/Rounds/{copyId}/Criteria", Criteria(("Need", "50", null), ("Delivery", "50", null)))).StatusCode);
        var copy = await app.InDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == RoundId.From(copyId)));
        Assert.Equal(round.Form.Questions.Select(q => q.Key), copy.Form.Questions.Select(q => q.Key));
        Assert.Equal((round.EligibilityRules.Count, 2), (copy.EligibilityRules.Count, copy.Criteria.Count));
        Assert.Null(copy.FirstApplicationStartedAt);
    }

    [Fact]
    public async Task Moving_the_closing_date_moves_every_drafts_closing_deadline_and_leaves_a_submitted_applications_timers_alone()
    {
        var officer = await app.SignedInClientAsync(Officer);
        var created = await app.NewRoundAsync($"Moving round {Guid.NewGuid():N}"[..24]);
        var round = await app.InDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == created.Id));
        var (first, _, _) = await app.NewApplicantAsync();
        var (second, _, _) = await app.NewApplicantAsync();
        var draft = await app.StartApplicationAsync(first, round, "Draft project");
        var submitted = await app.StartApplicationAsync(second, round, "Submitted project");
        await app.CompleteDemoApplicationAsync(second, submitted);
        Assert.Equal(HttpStatusCode.Redirect, (await ApplyApp.SubmitAsync(second, submitted)).StatusCode);
        var submittedBefore = await TimersAsync(submitted);
        Assert.Contains(submittedBefore, t => t.TimerKey == "round-closes" && t.Status == TimerStatus.Cancelled);
        Assert.Equal(round.ClosesAt, Assert.Single(await TimersAsync(draft), t => t.TimerKey == "round-closes").DueAt);

        var lineId = await app.InDbAsync(db => db.BudgetLines.Where(l => l.FundId == round.FundId && l.Year == round.Year).Select(l => l.Id.Value).FirstAsync());
        var newCloses = UkTime.DateOf(round.ClosesAt).AddDays(14);
        var settings = Settings(lineId, round.Title, UkTime.DateOf(round.OpensAt), newCloses, "50000", round.MinimumAward.ToPlainString(), round.MaximumAward.ToPlainString());
        settings["Input.OpensTime"] = UkTime.ToUkLocal(round.OpensAt).ToString("HH:mm", CultureInfo.InvariantCulture);
        settings["Input.Reason"] = "Extended after the website was down";
        var noReason = await officer.PostFormAsync($"/Admin/Rounds/Edit/{round.Id}", new Dictionary<string, string>(settings) { ["Input.Reason"] = "" });
        Assert.Contains("have been started, so say why", HttpForms.Text(await noReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var moved = await officer.PostFormAsync($"/Admin/Rounds/Edit/{round.Id}", settings);

        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var expected = UkTime.ToInstant(newCloses, new TimeOnly(12, 0));
        Assert.Contains("The closing deadline of 1 draft application moved with it.", HttpForms.Text(await officer.GetStringAsync($"/Admin/Rounds/{round.Id}")), StringComparison.Ordinal);
        Assert.Equal(expected, Assert.Single(await TimersAsync(draft), t => t.TimerKey == "round-closes" && t.Status == TimerStatus.Pending).DueAt);
        var draftInstance = await InstanceAsync(draft);
        Assert.Equal(expected, DateTimeOffset.Parse(draftInstance.ReadVariables()["closesAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var log = await app.InDbAsync(db => db.Set<WorkflowLogEntry>().AsNoTracking().Where(l => l.InstanceId == draftInstance.Id && l.Outcome == WorkflowRuntime.TimerMovedOutcome).ToListAsync());
        var entry = Assert.Single(log);
        Assert.Equal(Officer, entry.Actor);
        Assert.Contains("Extended after the website was down", entry.Reason, StringComparison.Ordinal);
        Assert.Equal(submittedBefore.Select(t => (t.Id, t.DueAt, t.Status)), (await TimersAsync(submitted)).Select(t => (t.Id, t.DueAt, t.Status)));
        Assert.Equal(round.ClosesAt, DateTimeOffset.Parse((await InstanceAsync(submitted)).ReadVariables()["closesAt"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        var history = HttpForms.Text(await officer.GetStringAsync($"/Admin/Rounds/{round.Id}/History"));
        Assert.Contains($"Closes changed from {UkTime.Describe(round.ClosesAt)} to {UkTime.Describe(expected)}", history, StringComparison.Ordinal);
        Assert.Contains($"by {Officer} Extended after the website was down", history, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("assessor@demo.commissioning.test")]
    [InlineData("pcc@demo.commissioning.test")]
    [InlineData("finance@demo.commissioning.test")]
    [InlineData("applicant@demo.commissioning.test")]
    public async Task Only_grants_officers_and_administrators_may_open_or_post_to_the_round_pages(string email)
    {
        var round = await app.DemoRoundAsync();
        var other = await app.SignedInClientAsync(email);

        foreach (var url in new[] { "/Admin/Rounds", "/Admin/Rounds/Edit", $"/Admin/Rounds/Edit/{round.Id}", $"/Admin/Rounds/{round.Id}", $"/Admin/Rounds/{round.Id}/Applicants", $"/Admin/Rounds/{round.Id}/Priorities", $"/Admin/Rounds/{round.Id}/Criteria", $"/Admin/Rounds/{round.Id}/Terms", $"/Admin/Rounds/{round.Id}/History", $"/Admin/Rounds/{round.Id}/Copy" })
        {
            var refused = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }

        var posted = await other.PostAsync($"/Admin/Rounds/{round.Id}/Criteria", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.ModerationThreshold"] = "1" }));
        Assert.StartsWith("/Account/AccessDenied", posted.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(round.ModerationThreshold, (await app.DemoRoundAsync()).ModerationThreshold);

        var admin = await app.SignedInClientAsync("admin@demo.commissioning.test");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Admin/Rounds/{round.Id}/Criteria")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Rounds/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Rounds/{Guid.NewGuid()}/Terms")).StatusCode);
        Assert.StartsWith("/Account/SignIn", (await app.NewClient().GetAsync("/Admin/Rounds")).Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin/Rounds\"", await (await app.SignedInClientAsync(Officer)).GetStringAsync("/"), StringComparison.Ordinal);
    }

    private Task<List<WorkflowTimer>> TimersAsync(Guid applicationId) => app.InDbAsync(async db =>
    {
        var instance = await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == applicationId.ToString());
        return await db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.InstanceId == instance.Id).OrderBy(t => t.Id).ToListAsync();
    });

    private Task<WorkflowInstance> InstanceAsync(Guid applicationId) =>
        app.InDbAsync(db => db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == applicationId.ToString()));

    private async Task<Guid> NewLineAsync(HttpClient officer, string amount)
    {
        var created = await officer.PostFormAsync("/Admin/Funds/Edit", new()
        {
            ["Input.Name"] = $"Fund {Guid.NewGuid():N}"[..30],
            ["Input.Programme"] = nameof(ProgrammeKind.VictimsServicesGrant),
            ["Input.FundingSource"] = "Ministry of Justice victims' services grant",
            ["Input.PublishesAs"] = "GB-GOR-PC000123",
            ["Input.CostCentre"] = "CC1040",
            ["Input.NominalCode"] = "5200",
            ["Input.FundCode"] = "PPAF",
        });
        var fundId = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
        var added = await officer.PostFormAsync($"/Admin/Funds/{fundId}/AddLine", new()
        {
            ["Input.Year"] = "2026/27",
            ["Input.Name"] = "Core grants",
            ["Input.Amount"] = amount,
        });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        return await app.InDbAsync(db => db.BudgetLines.Where(l => l.FundId == FundId.From(fundId)).Select(l => l.Id.Value).SingleAsync());
    }

    private static Dictionary<string, string> Settings(Guid lineId, string title, DateOnly opens, DateOnly closes, string available, string minimum, string maximum, string closesTime = "12:00") => new()
    {
        ["Input.LineId"] = lineId.ToString(),
        ["Input.Title"] = title,
        ["Input.Summary"] = "Small grants for community groups that make neighbourhoods safer.",
        ["Input.OpensDay"] = opens.Day.ToString(CultureInfo.InvariantCulture),
        ["Input.OpensMonth"] = opens.Month.ToString(CultureInfo.InvariantCulture),
        ["Input.OpensYear"] = opens.Year.ToString(CultureInfo.InvariantCulture),
        ["Input.OpensTime"] = "09:00",
        ["Input.ClosesDay"] = closes.Day.ToString(CultureInfo.InvariantCulture),
        ["Input.ClosesMonth"] = closes.Month.ToString(CultureInfo.InvariantCulture),
        ["Input.ClosesYear"] = closes.Year.ToString(CultureInfo.InvariantCulture),
        ["Input.ClosesTime"] = closesTime,
        ["Input.AmountAvailable"] = available,
        ["Input.MinimumAward"] = minimum,
        ["Input.MaximumAward"] = maximum,
    };

    private static Dictionary<string, string> Criteria(params (string Title, string Weight, string? Guidance)[] rows)
    {
        var fields = new Dictionary<string, string> { ["Input.ScaleMinimum"] = "0", ["Input.ScaleMaximum"] = "10", ["Input.ModerationThreshold"] = "15" };
        for (var i = 0; i < rows.Length; i++)
        {
            fields[$"Input.Rows[{i}].Title"] = rows[i].Title;
            fields[$"Input.Rows[{i}].Weight"] = rows[i].Weight;
            fields[$"Input.Rows[{i}].Guidance"] = rows[i].Guidance ?? string.Empty;
        }

        return fields;
    }
}

public sealed class RoundPagesTestsOnSqlite(SqliteApplyApp app) : RoundPagesTests(app), IClassFixture<SqliteApplyApp>;

public sealed class RoundPagesTestsOnPostgres(PostgresApplyApp app) : RoundPagesTests(app), IClassFixture<PostgresApplyApp>;
