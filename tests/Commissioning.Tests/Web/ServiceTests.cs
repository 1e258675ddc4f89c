using Commissioning.Infrastructure.Demo;
using System.Net;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

public abstract class ServiceTests(CommissioningApp app)
{
    [Fact]
    public async Task The_app_runs_on_the_database_the_configuration_names()
    {
        var connection = await app.InScopeAsync(services => Task.FromResult(services.GetRequiredService<CommissioningDbContext>().Database.GetConnectionString()));

        Assert.Equal(app.Database.ConnectionString, connection);
        Assert.Equal(app.Provider == DatabaseProvider.Sqlite, await app.InScopeAsync(services => Task.FromResult(services.GetRequiredService<CommissioningDbContext>().IsSqlite)));
    }

    [Fact]
    public async Task Health_reports_a_reachable_database()
    {
        var response = await app.NewClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_address_gets_the_page_not_found_page()
    {
        var response = await app.NewClient().GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", HttpForms.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_start_page_names_the_office_without_the_crown_and_lists_the_open_round()
    {
        var page = await app.NewClient().GetStringAsync("/");

        Assert.Contains("Thames Valley Office of the Police and Crime Commissioner", page, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-header__logotype", page, StringComparison.Ordinal);
        Assert.Contains("Police Property Act Fund 2026/27: round 2", page, StringComparison.Ordinal);
        Assert.Contains("Grants of up to £10,000.00", HttpForms.Text(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        var response = await app.NewClient().PostAsync("/Account/SignIn", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "admin@demo.commissioning.test", ["Input.Password"] = "x" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_demo_data_holds_the_plan_the_three_funds_and_the_nine_partnerships()
    {
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CommissioningDbContext>();
            var plan = await db.Plans.SingleAsync();
            Assert.Equal("Thames Valley Police and Criminal Justice Plan 2021-2025", plan.Title);
            Assert.Equal(["Strong local policing", "Fighting serious organised crime", "Fighting cybercrime and fraud", "Improving the criminal justice system", "Tackling illegal encampments"], plan.Priorities.OrderBy(p => p.Order).Select(p => p.Title));
            Assert.All(plan.Priorities, p => Assert.True(p.Outcomes.Count >= 4, $"{p.Title} has {p.Outcomes.Count} outcomes"));

            var year = new FinancialYear(2026);
            var lines = await db.BudgetLines.Where(l => l.Year == year).ToListAsync();
            var funds = await db.Funds.ToDictionaryAsync(f => f.Id, f => f.Name);
            Money Total(string fund) => Money.Sum(lines.Where(l => funds[l.FundId] == fund).Select(l => l.Amount));
            Assert.Equal(Money.FromPounds(3_039_479), Total("Community Safety Fund"));
            Assert.Equal(Money.FromPounds(2_700_000), Total("Victims' Services Grant"));
            Assert.Equal(Money.FromPounds(200_000), Total("Police Property Act Fund"));
            Assert.Single(lines, l => l.IsRingFenced && funds[l.FundId] == "Victims' Services Grant");

            var partnerships = await db.Organisations.Where(o => o.LegalForm == global::Commissioning.Domain.Organisations.LegalForm.LocalAuthority).Select(o => o.OrgId).ToListAsync();
            Assert.Equal(9, partnerships.Count);
            Assert.Contains("GB-LAE-RDG", partnerships);

            var round = await db.Rounds.SingleAsync(r => r.Title == "Police Property Act Fund 2026/27: round 2");
            Assert.Equal(Money.FromPounds(10_000), round.MaximumAward);
            Assert.Equal(global::Commissioning.Domain.Rounds.RoundStatus.Open, round.StatusAt(DateTimeOffset.UtcNow));
            Assert.Equal(100, round.Criteria.Sum(c => c.WeightPercent));
            Assert.Contains(round.Form.Questions, q => q.ShowWhen is not null);

            Assert.All(await db.Funds.ToListAsync(), f => Assert.Equal(DemoDataSeeder.PublishesAs, f.PublishesAs));
            Assert.Equal(2, await db.Rounds.CountAsync());
            return true;
        });
    }

    [Fact]
    public async Task The_demo_victims_services_round_is_set_up_through_the_round_services_and_open_to_bids()
    {
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CommissioningDbContext>();
            var round = await db.Rounds.Include(r => r.Changes).SingleAsync(r => r.Title == DemoVictimsRound.Title);
            var fund = await db.Funds.SingleAsync(f => f.Id == round.FundId);
            Assert.Equal(global::Commissioning.Domain.Funds.ProgrammeKind.VictimsServicesGrant, fund.Programme);
            Assert.True(round.IsPublished);
            Assert.Equal(global::Commissioning.Domain.Rounds.RoundStatus.Open, round.StatusAt(DateTimeOffset.UtcNow));
            Assert.Equal(Money.FromPounds(600_000), round.AmountAvailable);
            Assert.Equal(13, round.DeliveryAreas.Count);
            Assert.Contains(global::Commissioning.Domain.Organisations.LegalForm.LocalAuthority, round.ExcludedLegalForms);
            Assert.Equal(100, round.Criteria.Sum(c => c.WeightPercent));
            Assert.Equal(3, round.Form.Questions.Count(q => q.StopsApplicationIfNo is not null));
            Assert.Contains(round.Form.Sections, s => s.Title == "Needs and equality assessment");
            Assert.Equal(round.DeliveryAreas.Count, round.Form.Find("delivery-area")!.Options!.Count);
            Assert.Contains("Victims of domestic abuse", round.Form.Find("categories-of-need")!.Options!);
            Assert.NotNull(round.Form.AmountQuestion);

            // Set up through the use cases, so its settings were recorded as an officer's would be.
            Assert.Contains(round.Changes, c => c.What == "Delivery areas");
            Assert.Contains(round.Changes, c => c.What == "Months between awards");
            Assert.Equal(global::Commissioning.Domain.Rounds.RoundTerms.Standard(fund.Programme).Conditions.Count, round.Terms!.Conditions.Count);
            return true;
        });

        var applicant = await app.SignedInClientAsync("applicant@demo.commissioning.test", DemoDataSeeder.Password);
        Assert.Contains(DemoVictimsRound.Title.Replace("'", "&#x27;", StringComparison.Ordinal), await applicant.GetStringAsync("/Funding"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_data_is_seeded_once_however_often_the_app_starts()
    {
        await using var second = new CommissioningApp.Factory(app.Database, "Testing");
        _ = second.Server;

        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CommissioningDbContext>();
            Assert.Equal(3, await db.Funds.CountAsync());
            Assert.Equal(DemoDataSeeder.SignIns.Count, await db.Users.CountAsync(u => u.Email!.EndsWith("@demo.commissioning.test")));
            Assert.Equal(1, await db.Awards.CountAsync());
            return true;
        });
    }

    [Fact]
    public async Task The_production_configuration_refuses_to_seed_demo_data()
    {
        await using var production = new CommissioningApp.Factory(app.Database, "Production", new Dictionary<string, string> { ["Service:PublicAddress"] = "https://grants.example.org" });

        var error = Assert.Throws<InvalidOperationException>(() => production.Server);

        Assert.Contains("Demo data is never seeded in production", error.Message, StringComparison.Ordinal);
    }
}

public sealed class ServiceTestsOnSqlite(SqliteApp app) : ServiceTests(app), IClassFixture<SqliteApp>;

public sealed class ServiceTestsOnPostgres(PostgresApp app) : ServiceTests(app), IClassFixture<PostgresApp>;
