using System.Diagnostics;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Persistence.Migrations;
using Commissioning.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Commissioning.Tests.Persistence;

/// <summary>
/// On SQLite, a writer that must wait for another's transaction waits without holding a thread (SqliteWriteGate): on
/// closing day, hundreds of requests asleep in SQLite's busy wait left the request holding the lock no thread to
/// commit with, and submissions failed with "database is locked".
/// </summary>
public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task A_transaction_that_must_wait_for_another_waits_without_holding_its_thread_and_then_writes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using (var setUp = database.NewContext())
        {
            await new SqlScriptMigrator(setUp, NullLogger<SqlScriptMigrator>.Instance).MigrateAsync();
        }

        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var holding = await first.Database.BeginTransactionAsync();
        await first.Database.ExecuteSqlAsync($"""INSERT INTO "ReferenceCounters" ("Prefix", "Last") VALUES ('GATE-FIRST-', 1)""");
        var release = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            await holding.CommitAsync();
            await holding.DisposeAsync();
        });

        var call = Stopwatch.StartNew();
        var waiting = second.Database.BeginTransactionAsync();
        var returnedAfter = call.Elapsed;

        // Before, the call itself slept in SQLite's busy wait until the first transaction committed, two seconds on.
        Assert.True(returnedAfter < TimeSpan.FromSeconds(1), $"beginning a transaction behind another held the calling thread for {returnedAfter.TotalMilliseconds:F0} ms");
        Assert.False(waiting.IsCompleted, "the second transaction began while the first still held the write lock");

        await using var secondTransaction = await waiting;
        await release;
        await second.Database.ExecuteSqlAsync($"""INSERT INTO "ReferenceCounters" ("Prefix", "Last") VALUES ('GATE-SECOND-', 2)""");
        await secondTransaction.CommitAsync();

        await using var check = database.NewContext();
        Assert.Equal(["GATE-FIRST-", "GATE-SECOND-"], await check.Set<ReferenceCounter>().Where(c => c.Prefix.StartsWith("GATE-")).OrderBy(c => c.Prefix).Select(c => c.Prefix).ToListAsync());
    }

    [Fact]
    public async Task Writing_again_after_a_rollback_before_the_transaction_is_disposed_does_not_wait_for_itself()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();
        await new SqlScriptMigrator(db, NullLogger<SqlScriptMigrator>.Instance).MigrateAsync();

        // As the workflow engine does on a fault: roll back, then record the incident, before the transaction is disposed.
        await using var failed = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "ReferenceCounters" ("Prefix", "Last") VALUES ('GATE-ROLLED-BACK-', 1)""");
        await failed.RollbackAsync();
        var again = Task.Run(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlAsync($"""INSERT INTO "ReferenceCounters" ("Prefix", "Last") VALUES ('GATE-AGAIN-', 1)""");
            await transaction.CommitAsync();
        });

        Assert.True(await Task.WhenAny(again, Task.Delay(TimeSpan.FromSeconds(5))) == again, "the second transaction waited for the place of the first, which had rolled back");
        await again;
        Assert.Equal(["GATE-AGAIN-"], await db.Set<ReferenceCounter>().Where(c => c.Prefix.StartsWith("GATE-")).Select(c => c.Prefix).ToListAsync());
    }

    [Fact]
    public async Task A_transaction_that_cannot_begin_gives_its_place_back_so_the_next_one_begins()
    {
        await using var test = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var database = ResolvedDatabase.From(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = test.ConnectionString, DataFolder = test.DataFolder, BusyTimeoutSeconds = 1 }, test.DataFolder);
        await using (var setUp = database.NewContext())
        {
            await new SqlScriptMigrator(setUp, NullLogger<SqlScriptMigrator>.Instance).MigrateAsync();
        }

        // Another process's writer (a connection outside Entity Framework) holds the lock past the busy timeout.
        await using (var outsider = new SqliteConnection(test.ConnectionString))
        {
            await outsider.OpenAsync();
            await using var outsiders = await outsider.BeginTransactionAsync();
            await using var refused = database.NewContext();
            await Assert.ThrowsAsync<SqliteException>(() => refused.Database.BeginTransactionAsync());
            await outsiders.RollbackAsync();
        }

        await using var next = database.NewContext();
        var begun = next.Database.BeginTransactionAsync();
        Assert.True(await Task.WhenAny(begun, Task.Delay(TimeSpan.FromSeconds(5))) == begun, "the place of the transaction that could not begin was never given back");
        await using var transaction = await begun;
        await transaction.RollbackAsync();
    }
}
