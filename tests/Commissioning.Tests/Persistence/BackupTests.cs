using Commissioning.Domain.Funds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Persistence.Migrations;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Commissioning.Tests.Persistence;

public sealed class BackupTests
{
    [Fact]
    public async Task An_online_backup_of_the_sqlite_database_is_a_complete_working_copy()
    {
        await using var database = SqliteTestDatabase.Create();
        await using (var db = database.NewContext())
        {
            await new SqlScriptMigrator(db, NullLogger<SqlScriptMigrator>.Instance).MigrateAsync();
            db.Funds.Add(new Fund("Police Property Act Fund", ProgrammeKind.PolicePropertyActFund, "Police (Property) Regulations 1997"));
            await db.SaveChangesAsync();
        }

        await using var open = database.NewContext();
        await open.Database.OpenConnectionAsync();
        var path = await DatabaseBackup.BackupAsync(database.Database);

        Assert.StartsWith(Path.Combine(database.DataFolder, "backups"), path, StringComparison.Ordinal);
        var copy = ResolvedDatabase.ForTests(DatabaseProvider.Sqlite, $"Data Source={path}", database.DataFolder);
        await using var restored = copy.NewContext();
        Assert.Equal("Police Property Act Fund", (await restored.Funds.SingleAsync()).Name);
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseBackup.BackupAsync(database.Database, path));
        Assert.Contains("already exists", again.Message, StringComparison.Ordinal);
    }
}
