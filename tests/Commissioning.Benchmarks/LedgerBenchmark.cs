using System.Diagnostics;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Budget;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Persistence.Migrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Commissioning.Benchmarks;

/// <summary>
/// Budget ledger: the cost of committing an award through the ledger (read the line, check, save under its version)
/// against a bare EF Core insert of the same award row, in the same run, on a SQLite file, in interleaved rounds whose
/// medians are compared.
/// </summary>
internal static class LedgerBenchmark
{
    public static async Task RunAsync(int iterations, int rounds)
    {
        var folder = Directory.CreateTempSubdirectory("commissioning-bench-");
        var database = ResolvedDatabase.ForTests(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder.FullName, "bench.db")}", folder.FullName);
        CommissioningDbContext NewContext() => database.NewContext();

        await using (var db = NewContext())
        {
            await new SqlScriptMigrator(db, NullLogger<SqlScriptMigrator>.Instance).MigrateAsync();
        }

        var (lineId, organisationId, priorityId) = await SeedAsync();
        async Task BareInsertAsync()
        {
            await using var db = NewContext();
            var line = await db.BudgetLines.AsNoTracking().SingleAsync(l => l.Id == lineId);
            db.Awards.Add(Award.Make(organisationId, line, Money.FromPounds(1), "Bare insert", new DateOnly(2026, 6, 1), priorityId));
            await db.SaveChangesAsync();
        }

        async Task LedgerCommitAsync()
        {
            await using var db = NewContext();
            await new BudgetLedger(db).CommitAsync(lineId, line => Award.Make(organisationId, line, Money.FromPounds(1), "Ledger commit", new DateOnly(2026, 6, 1), priorityId));
        }

        await TimeAsync(BareInsertAsync, 50);
        await TimeAsync(LedgerCommitAsync, 50);
        Console.WriteLine($"SQLite, {rounds} interleaved rounds of {iterations} awards each side:");
        var (ledger, bare) = await Interleaved.RunAsync(
            rounds,
            () => TimeAsync(LedgerCommitAsync, iterations),
            () => TimeAsync(BareInsertAsync, iterations),
            (round, ledgerTime, bareTime) => Console.WriteLine($"  round {round} ({Interleaved.Order(round, "ledger", "bare")}): ledger {ledgerTime:F3} ms, bare {bareTime:F3} ms per award, ratio {ledgerTime / bareTime:F2}"));

        var ledgerMedian = Interleaved.Median(ledger);
        var bareMedian = Interleaved.Median(bare);
        Console.WriteLine($"  bare EF Core insert:   {bareMedian:F3} ms per award (median of {rounds} rounds)");
        Console.WriteLine($"  budget ledger commit:  {ledgerMedian:F3} ms per award (median of {rounds} rounds)");
        Console.WriteLine($"  ratio ledger / bare:   {ledgerMedian / bareMedian:F2} (of the medians)");
        folder.Delete(recursive: true);

        // Milliseconds per award.
        static async Task<double> TimeAsync(Func<Task> action, int count)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < count; i++)
            {
                await action();
            }

            return watch.Elapsed.TotalMilliseconds / count;
        }

        async Task<(BudgetLineId, OrganisationId, PriorityId)> SeedAsync()
        {
            await using var db = NewContext();
            var plan = new PoliceAndCrimePlan("Benchmark plan", new DateOnly(2026, 4, 1), new DateOnly(2030, 3, 31));
            var priority = plan.AddPriority("Benchmark priority");
            plan.Publish(new DateOnly(2026, 4, 1));
            var fund = new Fund("Benchmark fund", ProgrammeKind.PolicePropertyActFund, "Benchmark");
            var line = fund.AddBudget(new FinancialYear(2026)).AddLine("Everything", Money.FromPounds(100_000_000));
            var organisation = new Organisation("Benchmark group", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None);
            db.AddRange(plan, fund, organisation);
            await db.SaveChangesAsync();
            return (line.Id, organisation.Id, priority.Id);
        }
    }
}
