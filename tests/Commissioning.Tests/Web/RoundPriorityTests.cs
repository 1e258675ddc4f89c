using System.Net;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Tests.Web.ApplyApp;

namespace Commissioning.Tests.Web;

/// <summary>A round that funds only some priorities of the plan in force: what applicants are offered, what is refused, and what the funding pages say.</summary>
public abstract class RoundPriorityTests(ApplyApp app)
{
    private const string NotFunded = "Fighting cybercrime and fraud";

    [Fact]
    public async Task The_demo_round_is_stored_with_the_priorities_it_funds_and_reads_back_the_same()
    {
        var round = await app.DemoRoundAsync();
        var titles = await TitlesAsync(round.Priorities.Select(p => p.PriorityId));

        Assert.False(round.SupportsEveryPriority);
        Assert.Contains("Strong local policing", titles);
        Assert.DoesNotContain(NotFunded, titles);
        Assert.DoesNotContain("Tackling illegal encampments", titles);
    }

    [Fact]
    public async Task A_rounds_priorities_can_be_changed_and_cleared_and_are_saved()
    {
        var round = await app.NewRoundAsync("Round whose priorities change");
        var priorities = await PlanPrioritiesAsync();

        await ChangeAsync(round.Id, r => r.LimitToPriorities([priorities[2].Id, priorities[0].Id]));
        var limited = await app.InDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == round.Id));
        await ChangeAsync(round.Id, r => r.LimitToPriorities([priorities[0].Id]));
        var narrowed = await app.InDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == round.Id));
        await ChangeAsync(round.Id, r => r.LimitToPriorities([]));
        var cleared = await app.InDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == round.Id));

        Assert.Equal(new[] { priorities[0].Id.Value, priorities[2].Id.Value }.Order(), limited.Priorities.Select(p => p.PriorityId.Value).Order());
        Assert.Equal([priorities[0].Id], narrowed.Priorities.Select(p => p.PriorityId));
        Assert.True(cleared.SupportsEveryPriority);
    }

    [Fact]
    public async Task The_priorities_page_offers_only_the_rounds_priorities()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Only the round's priorities");

        var page = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Priorities"));

        Assert.Contains("Strong local policing", page, StringComparison.Ordinal);
        Assert.Contains("Fighting serious organised crime", page, StringComparison.Ordinal);
        Assert.Contains("This round funds projects for the priorities listed here only.", page, StringComparison.Ordinal);
        Assert.DoesNotContain(NotFunded, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_priority_the_round_does_not_fund_is_refused_with_a_clear_message_and_the_choice_saved_before_is_kept()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Tampered priorities");
        var priorities = await PlanPrioritiesAsync();
        var funded = priorities.First(p => p.Title == "Strong local policing");
        var notFunded = priorities.First(p => p.Title == NotFunded);
        await AssertSavedAsync(client, $"/Applications/{id}/Priorities", Fields(("Supported", funded.Id.ToString()), ("Primary", funded.Id.ToString())));

        var asSupported = await PostPageAsync(client, $"/Applications/{id}/Priorities", Fields(("Supported", funded.Id.ToString()), ("Supported", notFunded.Id.ToString()), ("Primary", funded.Id.ToString())));
        var asPrimary = await PostPageAsync(client, $"/Applications/{id}/Priorities", Fields(("Supported", funded.Id.ToString()), ("Primary", notFunded.Id.ToString())));

        foreach (var response in new[] { asSupported, asPrimary })
        {
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("There is a problem", HttpForms.Text(html), StringComparison.Ordinal);
            Assert.Contains("<a href=\"#Supported\">Select only from the priorities listed for this round. Nothing was saved</a>", html, StringComparison.Ordinal);
            Assert.DoesNotContain(NotFunded, HttpForms.Text(html), StringComparison.Ordinal);
        }

        var saved = Assert.Single((await app.InDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == GrantApplicationId.From(id)))).Priorities);
        Assert.Equal((funded.Id, true), (saved.PriorityId, saved.IsPrimary));
    }

    [Fact]
    public async Task A_round_that_names_no_priorities_offers_every_priority_of_the_plan()
    {
        var round = await app.NewRoundAsync("Round for every priority");
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, round, "Every priority");
        var notFunded = (await PlanPrioritiesAsync()).First(p => p.Title == NotFunded);

        var page = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Priorities"));
        var chosen = await PostPageAsync(client, $"/Applications/{id}/Priorities", Fields(("Supported", notFunded.Id.ToString()), ("Primary", notFunded.Id.ToString())));

        Assert.Contains(NotFunded, page, StringComparison.Ordinal);
        Assert.DoesNotContain("listed here only", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
    }

    [Fact]
    public async Task The_funding_pages_show_the_priorities_each_round_funds()
    {
        var demo = await app.DemoRoundAsync();
        var open = await app.NewRoundAsync("Round for every priority, listed");
        var client = app.NewClient();

        var listing = await client.GetStringAsync("/Funding");
        var roundPage = HttpForms.Text(await client.GetStringAsync($"/Funding/{demo.Id}"));

        var demoListing = RoundListing(listing, demo.Title);
        Assert.Contains("Plan priorities it supports Only these priorities of the plan: Strong local policing", demoListing, StringComparison.Ordinal);
        Assert.DoesNotContain(NotFunded, demoListing, StringComparison.Ordinal);
        Assert.Contains(NotFunded, RoundListing(listing, open.Title), StringComparison.Ordinal);
        Assert.DoesNotContain("Only these priorities", RoundListing(listing, open.Title), StringComparison.Ordinal);
        Assert.Contains("Projects must support at least one of these priorities of the Thames Valley Police and Criminal Justice Plan 2021-2025 (this round does not fund the plan's other priorities): Strong local policing", roundPage, StringComparison.Ordinal);
        Assert.DoesNotContain(NotFunded, roundPage, StringComparison.Ordinal);
    }

    /// <summary>One round's entry on the funding page, as text.</summary>
    private static string RoundListing(string html, string title)
    {
        var entry = html.Split("<div class=\"app-round").Single(part => part.Contains($">{title}</a>", StringComparison.Ordinal));
        return HttpForms.Text(entry);
    }

    private Task<List<PlanPriority>> PlanPrioritiesAsync() => app.InDbAsync(db => db.PlanPriorities.AsNoTracking().OrderBy(p => p.Order).ToListAsync());

    private async Task<List<string>> TitlesAsync(IEnumerable<PriorityId> ids)
    {
        var wanted = ids.ToList();
        return await app.InDbAsync(db => db.PlanPriorities.AsNoTracking().Where(p => wanted.Contains(p.Id)).Select(p => p.Title).ToListAsync());
    }

    private Task<int> ChangeAsync(RoundId id, Action<Commissioning.Domain.Rounds.FundingRound> change) => app.InDbAsync(async db =>
    {
        change(await db.Rounds.SingleAsync(r => r.Id == id));
        return await db.SaveChangesAsync();
    });
}

public sealed class RoundPriorityTestsOnSqlite(SqliteApplyApp app) : RoundPriorityTests(app), IClassFixture<SqliteApplyApp>;

public sealed class RoundPriorityTestsOnPostgres(PostgresApplyApp app) : RoundPriorityTests(app), IClassFixture<PostgresApplyApp>;
