using System.Net;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Tests.Web.ApplyApp;

namespace Commissioning.Tests.Web;

/// <summary>
/// The grant rules as people meet them through the real app: the page, submission and the workflow give the same
/// answer because each asks the one rule in the domain.
/// </summary>
public abstract class GrantRuleTests(ApplyApp app)
{
    [Fact]
    public async Task A_showstopper_hidden_by_an_earlier_no_lets_the_bid_submit_and_the_workflow_does_not_mark_it_ineligible()
    {
        var form = new ApplicationForm(
        [
            new FormSection("service", "The service",
            [
                new FormQuestion("children", "Does the service work with children?", QuestionType.YesNo),
                new FormQuestion("dbs", "Are all the staff who work with children DBS checked?", QuestionType.YesNo, ShowWhen: new ShowWhen("children", "yes"), StopsApplicationIfNo: "Staff who work with children must be DBS checked."),
            ]),
            new FormSection("money", "Money", [new FormQuestion("amount", "How much are you asking for?", QuestionType.Money)]),
        ]);
        var round = await app.NewRoundAsync($"Victims' services {Guid.NewGuid():N}"[..30], ProgrammeKind.VictimsServicesGrant, form);
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await app.StartApplicationAsync(client, round, "Support for adult victims");

        await AssertSavedAsync(client, $"/Applications/{id}/Sections/service", Fields(("q.children", "no"), ("action", "continue")));
        await CompleteMoneyBudgetAndPrioritiesAsync(client, id);
        var submitted = await SubmitAsync(client, id);

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var application = await app.ApplicationAsync(id);
        var instance = await app.InDbAsync(db => db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == id.ToString()));
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Equal("eligibility", instance.CurrentActivityId);
    }

    [Fact]
    public async Task An_award_from_the_fund_in_the_last_12_months_is_refused_on_the_eligibility_page_before_it_says_you_can_apply_and_at_submission()
    {
        var (client, organisation, _) = await app.NewApplicantAsync("Abingdon Lantern Walks");
        var round = await app.DemoRoundAsync();
        var id = await app.StartApplicationAsync(client, round, "Winter lantern walks");
        await app.CompleteDemoApplicationAsync(client, id);
        await OfferedAwardAsync(organisation, round, UkTime.DateOf(DateTimeOffset.UtcNow).AddMonths(-3));

        var check = await client.PostFormAsync($"/Funding/{round.Id}/Eligibility", EligibleFields(round));
        var page = HttpForms.Text(await check.Content.ReadAsStringAsync());
        var submitted = await SubmitAsync(client, id);
        var refusal = HttpForms.Text(await submitted.Content.ReadAsStringAsync());

        Assert.Contains("You cannot apply to this round", page, StringComparison.Ordinal);
        Assert.DoesNotContain("You can apply", page.Replace("You cannot apply", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("Groups can receive only one award from the fund in any 12 months. Our records show Abingdon Lantern Walks was awarded £2,000.00 from this fund on", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Contains("Groups can receive only one award from the fund in any 12 months.", refusal, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Draft, (await app.ApplicationAsync(id)).Status);
    }

    [Fact]
    public async Task A_local_authority_answering_no_to_statutory_body_cannot_apply_to_the_police_property_act_fund_because_of_its_recorded_legal_form()
    {
        var (client, organisation, _) = await app.NewApplicantAsync();
        await app.InDbAsync(async db =>
        {
            var tracked = await db.Organisations.SingleAsync(o => o.Id == organisation.Id);
            tracked.ChangeLegalForm(LegalForm.LocalAuthority, RegistrationNumbers.Create(localAuthorityCode: "SWD"));
            return await db.SaveChangesAsync();
        });
        var round = await app.DemoRoundAsync();
        var fields = EligibleFields(round);
        Assert.Equal("no", fields["Answers[statutory]"]);

        var check = await client.PostFormAsync($"/Funding/{round.Id}/Eligibility", fields);
        var page = HttpForms.Text(await check.Content.ReadAsStringAsync());
        fields["ProjectTitle"] = "Council youth scheme";
        var start = await client.PostFormAsync($"/Funding/{round.Id}/Eligibility?handler=Start", fields, $"/Funding/{round.Id}/Eligibility");
        var startPage = HttpForms.Text(await start.Content.ReadAsStringAsync());

        Assert.Contains("You cannot apply to this round", page, StringComparison.Ordinal);
        Assert.Contains("is recorded with us as: Local authority or Community Safety Partnership. Police Property Act Fund 2026/27: round 2 does not take applications from that kind of organisation.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Contains("You cannot apply to this round", startPage, StringComparison.Ordinal);
        Assert.Equal(0, await app.InDbAsync(db => db.Applications.CountAsync(a => a.OrganisationId == organisation.Id)));
    }

    [Fact]
    public async Task A_second_bid_from_one_organisation_to_one_round_is_refused_unless_the_round_allows_more()
    {
        var (client, organisation, _) = await app.NewApplicantAsync("Banbury Street Pastors");
        var round = await app.NewRoundAsync($"One bid each {Guid.NewGuid():N}"[..24]);
        var first = await app.StartApplicationAsync(client, round, "Night-time safety");
        await app.CompleteDemoApplicationAsync(client, first);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, first)).StatusCode);
        var reference = (await app.ApplicationAsync(first)).Reference;

        var fields = EligibleFields(round);
        fields["ProjectTitle"] = "Night-time safety again";
        var second = await client.PostFormAsync($"/Funding/{round.Id}/Eligibility?handler=Start", fields, $"/Funding/{round.Id}/Eligibility");
        var page = HttpForms.Text(await second.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains($"Banbury Street Pastors already has an application to {round.Title}, 'Night-time safety' ({reference}), and each organisation can make only one.", page, StringComparison.Ordinal);
        Assert.Equal(1, await app.InDbAsync(db => db.Applications.CountAsync(a => a.OrganisationId == organisation.Id && a.RoundId == round.Id)));

        await app.InDbAsync(async db =>
        {
            var tracked = await db.Rounds.SingleAsync(r => r.Id == round.Id);
            tracked.SetApplicantLimits(tracked.ExcludedLegalForms, allowsSeveralApplicationsPerOrganisation: true);
            return await db.SaveChangesAsync();
        });
        await app.StartApplicationAsync(client, round, "A second project");
        Assert.Equal(2, await app.InDbAsync(db => db.Applications.CountAsync(a => a.OrganisationId == organisation.Id && a.RoundId == round.Id)));
    }

    [Fact]
    public async Task A_withdrawn_application_does_not_stop_the_organisation_applying_again_to_the_round()
    {
        var (client, organisation, _) = await app.NewApplicantAsync();
        var round = await app.NewRoundAsync($"Second chance {Guid.NewGuid():N}"[..24]);
        var first = await app.StartApplicationAsync(client, round, "First try");
        await app.InDbAsync(async db =>
        {
            var tracked = await db.Applications.SingleAsync(a => a.Id == GrantApplicationId.From(first));
            tracked.Withdraw("Started by mistake");
            return await db.SaveChangesAsync();
        });

        await app.StartApplicationAsync(client, round, "Second try");

        Assert.Equal(2, await app.InDbAsync(db => db.Applications.CountAsync(a => a.OrganisationId == organisation.Id && a.RoundId == round.Id)));
    }

    private static Dictionary<string, string> EligibleFields(FundingRound round)
    {
        var fields = round.EligibilityRules.ToDictionary(r => $"Answers[{r.Key}]", r => r.PassingAnswer ? "yes" : "no");
        fields["RoundId"] = round.Id.ToString();
        return fields;
    }

    /// <summary>An offer of £2,000 from the round's fund to the organisation, dated as given.</summary>
    private Task<int> OfferedAwardAsync(Organisation organisation, FundingRound round, DateOnly awardDate) => app.InDbAsync(async db =>
    {
        var line = await db.BudgetLines.FirstAsync(l => l.FundId == round.FundId);
        var priority = await db.PlanPriorities.FirstAsync();
        var award = Award.Make(organisation.Id, line, Money.FromPounds(2_000), "Lantern walks", awardDate, priority.Id);
        award.Offer();
        db.Awards.Add(award);
        return await db.SaveChangesAsync();
    });

    private async Task CompleteMoneyBudgetAndPrioritiesAsync(HttpClient client, Guid id)
    {
        await AssertSavedAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", "4000"), ("action", "continue")));
        await AssertSavedAsync(client, $"/Applications/{id}/Budget", Fields(("cost[0].description", "Caseworker sessions"), ("cost[0].amount", "4000"), ("action", "continue")));
        var priority = await app.FirstPriorityAsync();
        await AssertSavedAsync(client, $"/Applications/{id}/Priorities", Fields(("Supported", priority.Id.ToString()), ("Primary", priority.Id.ToString())));
    }
}

public sealed class GrantRuleTestsOnSqlite(SqliteApplyApp app) : GrantRuleTests(app), IClassFixture<SqliteApplyApp>;

public sealed class GrantRuleTestsOnPostgres(PostgresApplyApp app) : GrantRuleTests(app), IClassFixture<PostgresApplyApp>;
