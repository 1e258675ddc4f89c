using System.Net;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Infrastructure.Budget;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>
/// Funds and budgets set up through the pages by a grants officer: a fund with its codes, a year's lines and an
/// in-year uplift, changes to a line recorded with who, when and why, and a change refused (even at the same moment
/// as awards) when it would leave less than is committed.
/// </summary>
public abstract class FundPagesTests(CommissioningApp app)
{
    private const string Officer = "officer@demo.commissioning.test";

    [Fact]
    public async Task A_grants_officer_creates_a_fund_with_a_budget_line_and_an_uplift_and_changes_its_details()
    {
        var officer = await SignInAsync(Officer);
        var name = $"Victims' Services Grant {Guid.NewGuid():N}"[..40];

        var fundId = await CreateFundAsync(officer, name, ProgrammeKind.VictimsServicesGrant);
        var fundPage = HttpForms.Text(await officer.GetStringAsync($"/Admin/Funds/{fundId}"));
        Assert.Contains($"{name} has been created.", fundPage, StringComparison.Ordinal);
        Assert.Contains("Published as GB-GOR-PC000123", fundPage, StringComparison.Ordinal);
        Assert.Contains("Cost centre CC1040", fundPage, StringComparison.Ordinal);

        var added = await officer.PostFormAsync($"/Admin/Funds/{fundId}/AddLine", Line("2026/27", "Domestic abuse and sexual violence", "900000", ringFencedFor: "ISVA and IDVA posts", costCentre: "cc2050"));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var uplift = await officer.PostFormAsync($"/Admin/Funds/{fundId}/AddLine?uplift=true", Uplift("MoJ uplift for ISVA posts", "85000", ("2", "11", "2026"), ("31", "3", "2027"), "Ministry of Justice letter of 28 October 2026"), tokenFrom: $"/Admin/Funds/{fundId}/AddLine");
        Assert.Equal(HttpStatusCode.Redirect, uplift.StatusCode);

        fundPage = HttpForms.Text(await officer.GetStringAsync($"/Admin/Funds/{fundId}"));
        Assert.Contains("2026/27: £985,000.00, £0.00 committed", fundPage, StringComparison.Ordinal);
        Assert.Contains("Domestic abuse and sexual violence Ring-fenced £900,000.00", fundPage, StringComparison.Ordinal);
        Assert.Contains("MoJ uplift for ISVA posts Uplift £85,000.00", fundPage, StringComparison.Ordinal);
        var lines = await InDbAsync(db => db.BudgetLines.AsNoTracking().Where(l => l.FundId == FundId.From(fundId)).ToListAsync());
        var ringFenced = lines.Single(l => l.Name == "Domestic abuse and sexual violence");
        Assert.Equal(("CC2050", new DateOnly(2027, 3, 31)), (ringFenced.CostCentre, ringFenced.SpendBy));
        Assert.Equal((new DateOnly(2026, 11, 2), "Ministry of Justice letter of 28 October 2026"), (lines.Single(l => l.IsUplift).UpliftReceivedOn, lines.Single(l => l.IsUplift).UpliftReason));

        var changed = await officer.PostFormAsync($"/Admin/Funds/Edit/{fundId}", FundFields(name, null, "GB-GOR-PC000999", "CC1041"));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var fund = await InDbAsync(db => db.Funds.AsNoTracking().SingleAsync(f => f.Id == FundId.From(fundId)));
        Assert.Equal(("GB-GOR-PC000999", "CC1041", ProgrammeKind.VictimsServicesGrant), (fund.PublishesAs, fund.CostCentre, fund.Programme));
    }

    [Fact]
    public async Task Bad_answers_are_shown_beside_their_fields_and_nothing_is_saved()
    {
        var officer = await SignInAsync(Officer);
        var before = await InDbAsync(db => db.Funds.CountAsync());

        var response = await officer.PostFormAsync("/Admin/Funds/Edit", new()
        {
            ["Input.Name"] = " ",
            ["Input.FundingSource"] = "PCC's budget",
            ["Input.PublishesAs"] = "PC000123",
            ["Input.CostCentre"] = "CC 10",
            ["Input.NominalCode"] = "",
            ["Input.FundCode"] = "F1",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("Enter the fund name.", page, StringComparison.Ordinal);
        Assert.Contains("Select the programme this fund belongs to", page, StringComparison.Ordinal);
        Assert.Contains("'PC000123' is not an org-id", page, StringComparison.Ordinal);
        Assert.Contains("The cost centre can only have letters, numbers", page, StringComparison.Ordinal);
        Assert.Contains("Enter the fund's nominal code, as finance books it", page, StringComparison.Ordinal);
        Assert.Equal(before, await InDbAsync(db => db.Funds.CountAsync()));

        var fundId = await CreateFundAsync(officer, $"Victims {Guid.NewGuid():N}"[..30], ProgrammeKind.VictimsServicesGrant);
        var late = await officer.PostFormAsync($"/Admin/Funds/{fundId}/AddLine", Line("2026/27", "Core", "1000", spendBy: ("1", "4", "2027")));
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("must be spent within the financial year, by 31 March 2027, with no carry-over; 1 April 2027 is later.", HttpForms.Text(await late.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var notADate = await officer.PostFormAsync($"/Admin/Funds/{fundId}/AddLine", Line("2026/27", "Core", "1000.001", spendBy: ("31", "2", "2027")));
        var notADatePage = HttpForms.Text(await notADate.Content.ReadAsStringAsync());
        Assert.Contains("Enter an amount with no more than two decimal places", notADatePage, StringComparison.Ordinal);
        Assert.Contains("The date the money must be spent by must be a real date, like 31 3 2027", notADatePage, StringComparison.Ordinal);
        Assert.Equal(0, await InDbAsync(db => db.BudgetLines.CountAsync(l => l.FundId == FundId.From(fundId))));
    }

    [Fact]
    public async Task Changes_to_a_lines_amount_and_margin_are_listed_with_who_when_and_why()
    {
        var officer = await SignInAsync(Officer);
        var lineId = await FundWithLineAsync(officer, "10000");

        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/Admin/Funds/Lines/{lineId}?handler=Amount", new() { ["Amount"] = "12,500", ["AmountReason"] = "Carry-forward agreed by the PCC" }, tokenFrom: $"/Admin/Funds/Lines/{lineId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"/Admin/Funds/Lines/{lineId}?handler=Margin", new() { ["Margin"] = "1250", ["MarginReason"] = "About 10% is underspent each year" }, tokenFrom: $"/Admin/Funds/Lines/{lineId}")).StatusCode);
        var noReason = await officer.PostFormAsync($"/Admin/Funds/Lines/{lineId}?handler=Amount", new() { ["Amount"] = "11000", ["AmountReason"] = "" }, tokenFrom: $"/Admin/Funds/Lines/{lineId}");

        Assert.Contains("Enter the reason for the change.", HttpForms.Text(await noReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var page = HttpForms.Text(await officer.GetStringAsync($"/Admin/Funds/Lines/{lineId}"));
        Assert.Contains("Over-programming margin changed from £0.00 to £1,250.00", page, StringComparison.Ordinal);
        Assert.Contains($"by {Officer} About 10% is underspent each year", page, StringComparison.Ordinal);
        Assert.Contains($"Amount changed from £10,000.00 to £12,500.00", page, StringComparison.Ordinal);
        Assert.Contains("Carry-forward agreed by the PCC", page, StringComparison.Ordinal);
        Assert.Contains("Set up at £10,000.00", page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("Over-programming margin changed", StringComparison.Ordinal) < page.IndexOf("Amount changed", StringComparison.Ordinal), "The newest change comes first.");
        var line = await InDbAsync(db => db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == BudgetLineId.From(lineId)));
        Assert.Equal((Money.FromPounds(12_500), Money.FromPounds(1_250)), (line.Amount, line.OverProgrammingMargin));
    }

    [Fact]
    public async Task Lowering_a_line_below_what_is_committed_is_refused_saying_by_how_much_and_nothing_changes()
    {
        var officer = await SignInAsync(Officer);
        var lineId = await FundWithLineAsync(officer, "5000");
        await officer.PostFormAsync($"/Admin/Funds/Lines/{lineId}?handler=Margin", new() { ["Margin"] = "250", ["MarginReason"] = "Historic underspend" }, tokenFrom: $"/Admin/Funds/Lines/{lineId}");
        await CommitAsync(lineId, Money.FromPounds(1_250));

        var refused = await officer.PostFormAsync($"/Admin/Funds/Lines/{lineId}?handler=Amount", new() { ["Amount"] = "900", ["AmountReason"] = "Moving money to another line" }, tokenFrom: $"/Admin/Funds/Lines/{lineId}");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = HttpForms.Text(await refused.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("£1,250.00 is already committed from Core services, so its amount plus margin cannot go below that: £900.00 with its £250.00 margin would leave it £100.00 short. Lower the amount by at most £4,000.00 (to no less than £1,000.00).", page, StringComparison.Ordinal);
        var line = await InDbAsync(db => db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == BudgetLineId.From(lineId)));
        Assert.Equal((Money.FromPounds(5_000), Money.FromPounds(1_250)), (line.Amount, line.Committed));
        Assert.DoesNotContain(await InDbAsync(db => db.Set<BudgetLineChange>().AsNoTracking().Where(c => c.BudgetLineId == line.Id).ToListAsync()), c => c.Kind == BudgetLineChangeKind.Amount);

        var marginRefused = await officer.PostFormAsync($"/Admin/Funds/Lines/{lineId}?handler=Amount", new() { ["Amount"] = "1000", ["AmountReason"] = "Exactly what the commitments need" }, tokenFrom: $"/Admin/Funds/Lines/{lineId}");
        Assert.Equal(HttpStatusCode.Redirect, marginRefused.StatusCode);
    }

    [Fact]
    public async Task Lowering_a_line_while_awards_are_committed_from_it_never_leaves_more_committed_than_amount_plus_margin()
    {
        var officer = await SignInAsync(Officer);
        var lineId = await FundWithLineAsync(officer, "10000");
        var (organisationId, priorityId) = await InDbAsync(async db => (await db.Organisations.Select(o => o.Id).FirstAsync(), await db.PlanPriorities.Select(p => p.Id).FirstAsync()));
        var clients = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SignInAsync(Officer)));

        using var start = new ManualResetEventSlim();
        var awards = Enumerable.Range(1, 20).Select(i => Task.Run(async () =>
        {
            start.Wait();
            await using var scope = app.App.Services.CreateAsyncScope();
            try
            {
                await scope.ServiceProvider.GetRequiredService<BudgetLedger>().CommitAsync(BudgetLineId.From(lineId), line => Award.Make(organisationId, line, Money.FromPounds(500), $"Parallel award {i}", new DateOnly(2026, 9, 30), priorityId));
                return true;
            }
            catch (DomainException)
            {
                return false;
            }
        })).ToList();
        var reductions = clients.Select((client, i) => Task.Run(async () =>
        {
            start.Wait();
            var response = await client.PostFormAsync($"/Admin/Funds/Lines/{lineId}?handler=Amount", new() { ["Amount"] = (6_000 - (i * 500)).ToString(System.Globalization.CultureInfo.InvariantCulture), ["AmountReason"] = $"Reduction {i}" }, tokenFrom: $"/Admin/Funds/Lines/{lineId}");
            return (response.StatusCode, Page: HttpForms.Text(await response.Content.ReadAsStringAsync()));
        })).ToList();
        start.Set();
        var committed = await Task.WhenAll(awards);
        var answers = await Task.WhenAll(reductions);

        var line = await InDbAsync(db => db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == BudgetLineId.From(lineId)));
        var saved = await InDbAsync(db => db.Awards.AsNoTracking().Where(a => a.BudgetLineId == line.Id).ToListAsync());
        var history = await InDbAsync(db => db.Set<BudgetLineChange>().AsNoTracking().Where(c => c.BudgetLineId == line.Id && c.Kind == BudgetLineChangeKind.Amount).ToListAsync());
        Assert.True(line.Committed <= line.Amount + line.OverProgrammingMargin, $"{line.Committed} committed against {line.Amount} plus {line.OverProgrammingMargin}");
        Assert.Equal(Money.Sum(saved.Select(a => a.Amount)), line.Committed);
        Assert.Equal(committed.Count(c => c), saved.Count);
        Assert.All(answers, a => Assert.True(a.StatusCode == HttpStatusCode.Redirect || a.Page.Contains("is already committed from Core services", StringComparison.Ordinal), $"{a.StatusCode}: neither saved nor refused with the reason"));
        Assert.Equal(answers.Count(a => a.StatusCode == HttpStatusCode.Redirect), history.Count);
    }

    [Theory]
    [InlineData("assessor@demo.commissioning.test")]
    [InlineData("pcc@demo.commissioning.test")]
    [InlineData("finance@demo.commissioning.test")]
    [InlineData("applicant@demo.commissioning.test")]
    public async Task Only_grants_officers_and_administrators_may_open_or_post_to_the_funds_pages(string email)
    {
        var lineId = await FundWithLineAsync(await SignInAsync(Officer), "1000");
        var fundId = await InDbAsync(db => db.BudgetLines.Where(l => l.Id == BudgetLineId.From(lineId)).Select(l => l.FundId.Value).SingleAsync());
        var other = await SignInAsync(email);

        foreach (var url in new[] { "/Admin/Funds", "/Admin/Funds/Edit", $"/Admin/Funds/Edit/{fundId}", $"/Admin/Funds/{fundId}", $"/Admin/Funds/{fundId}/AddLine", $"/Admin/Funds/Lines/{lineId}" })
        {
            var refused = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }

        var posted = await other.PostAsync($"/Admin/Funds/Lines/{lineId}?handler=Amount", new FormUrlEncodedContent(new Dictionary<string, string> { ["Amount"] = "1", ["AmountReason"] = "Not mine to change" }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", posted.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(Money.FromPounds(1_000), (await InDbAsync(db => db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == BudgetLineId.From(lineId)))).Amount);

        var admin = await SignInAsync("admin@demo.commissioning.test");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/Admin/Funds/Lines/{lineId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Funds/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Funds/Lines/{Guid.NewGuid()}")).StatusCode);
        var anonymous = await app.NewClient().GetAsync("/Admin/Funds");
        Assert.StartsWith("/Account/SignIn", anonymous.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Finance_records_an_organisations_supplier_reference_and_nobody_else_may()
    {
        var organisation = await InDbAsync(db => db.Organisations.AsNoTracking().OrderBy(o => o.Name).FirstAsync());
        var finance = await SignInAsync("finance@demo.commissioning.test");

        var bad = await finance.PostFormAsync($"/Finance/Suppliers/{organisation.Id}", new() { ["Reference"] = "SUP 45" });
        Assert.Contains("The supplier reference can only have letters, numbers", HttpForms.Text(await bad.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var saved = await finance.PostFormAsync($"/Finance/Suppliers/{organisation.Id}", new() { ["Reference"] = "sup-004512" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains($"{organisation.Name} SUP-004512", HttpForms.Text(await finance.GetStringAsync("/Finance/Suppliers")), StringComparison.Ordinal);
        var stored = await InDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == organisation.Id));
        Assert.Equal(("SUP-004512", "finance@demo.commissioning.test"), (stored.SupplierReference, stored.SupplierReferenceRecordedBy));

        foreach (var email in new[] { Officer, "admin@demo.commissioning.test", "applicant@demo.commissioning.test" })
        {
            var other = await SignInAsync(email);
            Assert.StartsWith("/Account/AccessDenied", (await other.GetAsync($"/Finance/Suppliers/{organisation.Id}")).Headers.Location!.AbsolutePath, StringComparison.Ordinal);
            Assert.StartsWith("/Account/AccessDenied", (await other.GetAsync("/Finance/Suppliers")).Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Staff_find_the_funds_pages_from_their_home_page()
    {
        Assert.Contains("href=\"/Admin/Funds\"", await (await SignInAsync(Officer)).GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains("href=\"/Finance/Suppliers\"", await (await SignInAsync("finance@demo.commissioning.test")).GetStringAsync("/"), StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Admin/Funds\"", await (await SignInAsync("assessor@demo.commissioning.test")).GetStringAsync("/"), StringComparison.Ordinal);
    }

    private Task<HttpClient> SignInAsync(string email) => app.SignedInClientAsync(email, DemoDataSeeder.Password);

    private Task<T> InDbAsync<T>(Func<CommissioningDbContext, Task<T>> work) =>
        app.InScopeAsync(services => work(services.GetRequiredService<CommissioningDbContext>()));

    private async Task CommitAsync(Guid lineId, Money amount)
    {
        var (organisationId, priorityId) = await InDbAsync(async db => (await db.Organisations.Select(o => o.Id).FirstAsync(), await db.PlanPriorities.Select(p => p.Id).FirstAsync()));
        await app.InScopeAsync(async services => await services.GetRequiredService<BudgetLedger>().CommitAsync(BudgetLineId.From(lineId), line => Award.Make(organisationId, line, amount, "An award", new DateOnly(2026, 9, 30), priorityId)));
    }

    private async Task<Guid> FundWithLineAsync(HttpClient officer, string amount)
    {
        var fundId = await CreateFundAsync(officer, $"Fund {Guid.NewGuid():N}"[..30], ProgrammeKind.PolicePropertyActFund);
        var added = await officer.PostFormAsync($"/Admin/Funds/{fundId}/AddLine", Line("2026/27", "Core services", amount));
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        return await InDbAsync(db => db.BudgetLines.Where(l => l.FundId == FundId.From(fundId)).Select(l => l.Id.Value).SingleAsync());
    }

    private static async Task<Guid> CreateFundAsync(HttpClient officer, string name, ProgrammeKind programme)
    {
        var created = await officer.PostFormAsync("/Admin/Funds/Edit", FundFields(name, programme, "GB-GOR-PC000123", "CC1040"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[^1]);
    }

    private static Dictionary<string, string> FundFields(string name, ProgrammeKind? programme, string orgId, string costCentre)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.FundingSource"] = "Ministry of Justice grant for victims' services",
            ["Input.PublishesAs"] = orgId,
            ["Input.CostCentre"] = costCentre,
            ["Input.NominalCode"] = "5200",
            ["Input.FundCode"] = "VSG",
        };
        if (programme is { } kind)
        {
            fields["Input.Programme"] = kind.ToString();
        }

        return fields;
    }

    private static Dictionary<string, string> Line(string year, string name, string amount, string? ringFencedFor = null, string? costCentre = null, (string Day, string Month, string Year)? spendBy = null) => new()
    {
        ["Input.Year"] = year,
        ["Input.Name"] = name,
        ["Input.Amount"] = amount,
        ["Input.RingFencedFor"] = ringFencedFor ?? string.Empty,
        ["Input.CostCentre"] = costCentre ?? string.Empty,
        ["Input.SpendByDay"] = spendBy?.Day ?? string.Empty,
        ["Input.SpendByMonth"] = spendBy?.Month ?? string.Empty,
        ["Input.SpendByYear"] = spendBy?.Year ?? string.Empty,
    };

    private static Dictionary<string, string> Uplift(string name, string amount, (string, string, string) receivedOn, (string, string, string) spendBy, string reason) => new()
    {
        ["Input.Year"] = "2026/27",
        ["Input.Name"] = name,
        ["Input.Amount"] = amount,
        ["Input.ReceivedOnDay"] = receivedOn.Item1,
        ["Input.ReceivedOnMonth"] = receivedOn.Item2,
        ["Input.ReceivedOnYear"] = receivedOn.Item3,
        ["Input.Reason"] = reason,
        ["Input.SpendByDay"] = spendBy.Item1,
        ["Input.SpendByMonth"] = spendBy.Item2,
        ["Input.SpendByYear"] = spendBy.Item3,
    };
}

public sealed class FundPagesTestsOnSqlite(SqliteApp app) : FundPagesTests(app), IClassFixture<SqliteApp>;

public sealed class FundPagesTestsOnPostgres(PostgresApp app) : FundPagesTests(app), IClassFixture<PostgresApp>;
