using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Budget;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Persistence.Migrations;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace Commissioning.Tests.Persistence;

public abstract class BudgetLedgerConcurrencyTests(DatabaseProvider provider, ITestOutputHelper output)
{
    [Fact]
    public async Task Fifty_parallel_commits_against_a_budget_that_fits_ten_commit_exactly_ten()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (lineId, organisationId, priorityId) = await SeedAsync(database, Money.FromPounds(100_000));
        var award = Money.FromPounds(10_000);

        using var start = new ManualResetEventSlim();
        var attempts = Enumerable.Range(1, 50).Select(i => Task.Run(async () =>
        {
            start.Wait();
            await using var db = database.NewContext();
            try
            {
                await new BudgetLedger(db).CommitAsync(lineId, line => Award.Make(organisationId, line, award, $"Parallel award {i}", new DateOnly(2026, 9, 30), priorityId));
                return (Committed: true, Message: (string?)null);
            }
            catch (DomainException refused)
            {
                return (Committed: false, Message: refused.Message);
            }
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(attempts);

        await using var check = database.NewContext();
        var line = await check.BudgetLines.SingleAsync(l => l.Id == lineId);
        var awards = await check.Awards.Where(a => a.BudgetLineId == lineId).ToListAsync();
        output.WriteLine($"{provider}: {results.Count(r => r.Committed)} of 50 committed, {results.Count(r => !r.Committed)} refused; ledger {line.Committed}, awards total {Money.Sum(awards.Select(a => a.Amount))}");

        Assert.Equal(10, results.Count(r => r.Committed));
        Assert.Equal(10, awards.Count);
        Assert.Equal(Money.Sum(awards.Select(a => a.Amount)), line.Committed);
        Assert.Equal(line.Amount, line.Committed);
        Assert.All(results.Where(r => !r.Committed), r => Assert.Contains("only £0.00 remains", r.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_commit_beyond_what_remains_is_refused_naming_the_remaining_amount_and_nothing_is_saved()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (lineId, organisationId, priorityId) = await SeedAsync(database, Money.FromPounds(1_000));
        await using (var db = database.NewContext())
        {
            await new BudgetLedger(db).CommitAsync(lineId, line => Award.Make(organisationId, line, Money.FromPounds(750), "First award", new DateOnly(2026, 9, 30), priorityId));
        }

        await using (var db = database.NewContext())
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => new BudgetLedger(db).CommitAsync(lineId, line => Award.Make(organisationId, line, Money.FromPence(25_001), "Too much", new DateOnly(2026, 9, 30), priorityId)));
            Assert.Contains("only £250.00 remains", refused.Message, StringComparison.Ordinal);
        }

        await using var check = database.NewContext();
        Assert.Equal(1, await check.Awards.CountAsync());
        Assert.Equal(Money.FromPounds(750), (await check.BudgetLines.SingleAsync()).Committed);
    }

    [Fact]
    public async Task The_database_itself_refuses_a_line_committed_beyond_its_ceiling()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database, Money.FromPounds(1_000));
        await using var db = database.NewContext();

        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"BudgetLines\" SET \"Committed\" = \"Amount\" + 1"));

        await using var check = database.NewContext();
        Assert.Equal(Money.Zero, (await check.BudgetLines.SingleAsync()).Committed);
    }

    [Fact]
    public async Task Withdrawing_an_award_gives_its_money_back_to_the_line_and_the_audit_log_records_both_changes()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (lineId, organisationId, priorityId) = await SeedAsync(database, Money.FromPounds(1_000));
        Award award;
        await using (var db = database.NewContext())
        {
            award = await new BudgetLedger(db).CommitAsync(lineId, line => Award.Make(organisationId, line, Money.FromPounds(400), "To withdraw", new DateOnly(2026, 9, 30), priorityId));
        }

        await using (var db = database.NewContext())
        {
            await new BudgetLedger(db).WithdrawAsync(award.Id);
        }

        await using var check = database.NewContext();
        Assert.Equal(Money.Zero, (await check.BudgetLines.SingleAsync()).Committed);
        Assert.Equal(AwardStatus.Withdrawn, (await check.Awards.SingleAsync()).Status);
        var lineEntries = await check.AuditEntries.Where(e => e.EntityType == nameof(BudgetLine) && e.Action == "Modified").ToListAsync();
        Assert.Equal(2, lineEntries.Count);
        Assert.Contains(lineEntries, e => e.Changes.Contains("\"Committed\":{\"from\":\"\\u00A30.00\",\"to\":\"\\u00A3400.00\"}", StringComparison.Ordinal));
    }

    private static async Task<(BudgetLineId, OrganisationId, PriorityId)> SeedAsync(TestDatabase database, Money budget)
    {
        await using var db = database.NewContext();
        await new SqlScriptMigrator(db, NullLogger<SqlScriptMigrator>.Instance).MigrateAsync();
        var plan = new PoliceAndCrimePlan("Test plan", new DateOnly(2026, 4, 1), new DateOnly(2029, 3, 31));
        var priority = plan.AddPriority("Strong local policing");
        plan.Publish(new DateOnly(2026, 4, 1));
        var fund = new Fund("Police Property Act Fund", ProgrammeKind.PolicePropertyActFund, "Police (Property) Regulations 1997");
        var line = fund.AddBudget(new FinancialYear(2026)).AddLine("Small grants", budget);
        var organisation = new Organisation("Riverside Youth Project", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None);
        db.AddRange(plan, fund, organisation);
        await db.SaveChangesAsync();
        return (line.Id, organisation.Id, priority.Id);
    }
}

public sealed class BudgetLedgerConcurrencyTestsOnSqlite(ITestOutputHelper output) : BudgetLedgerConcurrencyTests(DatabaseProvider.Sqlite, output);

public sealed class BudgetLedgerConcurrencyTestsOnPostgres(ITestOutputHelper output) : BudgetLedgerConcurrencyTests(DatabaseProvider.PostgreSql, output);
