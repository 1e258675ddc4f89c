using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Persistence.Migrations;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Commissioning.Tests.Persistence;

public abstract class MigrationTests(DatabaseProvider provider)
{
    [Fact]
    public async Task The_migration_scripts_create_exactly_the_schema_the_model_describes()
    {
        await using var scripted = await TestDatabase.CreateAsync(provider);
        await using var modelled = await TestDatabase.CreateAsync(provider);
        await using (var db = scripted.NewContext())
        {
            var applied = await Migrator(db).MigrateAsync();
            Assert.Contains("0001_initial.sql", applied);
        }

        await using (var db = modelled.NewContext())
        {
            Assert.True(await db.Database.EnsureCreatedAsync());
        }

        await using var fromScripts = scripted.NewContext();
        await using var fromModel = modelled.NewContext();
        var expected = await SchemaSnapshot.ReadAsync(fromModel);
        var actual = await SchemaSnapshot.ReadAsync(fromScripts);

        var missing = expected.Except(actual).ToList();
        var extra = actual.Except(expected).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"The scripts in migrations/{SqlScriptMigrator.FolderFor(provider)}/ do not match the model. Add a new numbered script (start from `dotnet run --project src/Commissioning.Web -- schema-script {SqlScriptMigrator.FolderFor(provider)}`).\n" +
            $"In the model but not made by the scripts:\n  {string.Join("\n  ", missing)}\nMade by the scripts but not in the model:\n  {string.Join("\n  ", extra)}");
        Assert.Contains(expected, line => line.Contains("BudgetLines", StringComparison.Ordinal) && line.Contains("Committed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Migrating_an_up_to_date_database_applies_nothing_and_records_each_script_once()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var first = await Migrator(db).MigrateAsync();
        var second = await Migrator(db).MigrateAsync();

        Assert.Equal(SqlScriptMigrator.ScriptsFor(provider).Select(s => s.Name), first);
        Assert.Empty(second);
        var recorded = await db.Database.SqlQueryRaw<string>($"SELECT \"ScriptName\" AS \"Value\" FROM \"{SqlScriptMigrator.HistoryTable}\"").ToListAsync();
        Assert.Equal(first, recorded);
    }

    [Fact]
    public async Task An_applied_script_that_was_edited_stops_start_up_with_a_message_naming_the_file()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var scripts = SqlScriptMigrator.ScriptsFor(provider);
        await Migrator(db).MigrateAsync(scripts);

        var edited = scripts.Select(s => s.Name == "0001_initial.sql" ? s with { Sql = s.Sql + "\n-- a quiet change\n" } : s).ToList();
        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator(db).MigrateAsync(edited));

        Assert.Contains($"migrations/{SqlScriptMigrator.FolderFor(provider)}/0001_initial.sql has been edited since it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_script_is_applied_after_the_existing_ones_and_a_failing_one_is_rolled_back()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var scripts = SqlScriptMigrator.ScriptsFor(provider).ToList();
        await Migrator(db).MigrateAsync(scripts);

        var folder = SqlScriptMigrator.FolderFor(provider);
        var good = new MigrationScript($"migrations/{folder}/9001_test_table.sql", "9001_test_table.sql", "CREATE TABLE \"TestAddition\" (\"Id\" integer NOT NULL PRIMARY KEY);");
        var bad = new MigrationScript($"migrations/{folder}/9002_broken.sql", "9002_broken.sql", "CREATE TABLE \"HalfDone\" (\"Id\" integer NOT NULL PRIMARY KEY); SELECT * FROM \"NoSuchTable\";");
        Assert.Equal(["9001_test_table.sql"], await Migrator(db).MigrateAsync([.. scripts, good]));

        var error = await Assert.ThrowsAsync<MigrationException>(() => Migrator(db).MigrateAsync([.. scripts, good, bad]));
        Assert.Contains($"migrations/{folder}/9002_broken.sql failed and was rolled back", error.Message, StringComparison.Ordinal);
        var snapshot = await SchemaSnapshot.ReadAsync(db);
        Assert.Contains(snapshot, line => line.Contains("TestAddition", StringComparison.Ordinal));
        Assert.DoesNotContain(snapshot, line => line.Contains("HalfDone", StringComparison.Ordinal));
    }

    private static SqlScriptMigrator Migrator(CommissioningDbContext db) => new(db, NullLogger<SqlScriptMigrator>.Instance);
}

public sealed class MigrationTestsOnSqlite() : MigrationTests(DatabaseProvider.Sqlite);

public sealed class MigrationTestsOnPostgres() : MigrationTests(DatabaseProvider.PostgreSql);
