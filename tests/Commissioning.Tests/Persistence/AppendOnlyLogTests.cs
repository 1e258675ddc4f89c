using Commissioning.Domain.Funds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Persistence.Migrations;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Commissioning.Tests.Persistence;

public abstract class AppendOnlyLogTests(DatabaseProvider provider)
{
    [Theory]
    [InlineData("UPDATE \"AuditEntries\" SET \"Actor\" = 'someone else'")]
    [InlineData("DELETE FROM \"AuditEntries\"")]
    public async Task The_audit_log_cannot_be_changed_or_emptied(string tampering)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await new SqlScriptMigrator(db, NullLogger<SqlScriptMigrator>.Instance).MigrateAsync();
        db.Funds.Add(new Fund("Police Property Act Fund", ProgrammeKind.PolicePropertyActFund, "Police (Property) Regulations 1997"));
        await db.SaveChangesAsync();

        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(tampering));

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.Equal("system", (await check.AuditEntries.SingleAsync()).Actor);
    }

    [Theory]
    [InlineData("UPDATE \"WorkflowLog\" SET \"Outcome\" = 'Approved'")]
    [InlineData("DELETE FROM \"WorkflowLog\"")]
    public async Task The_workflow_execution_log_cannot_be_changed_or_emptied(string tampering)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await new SqlScriptMigrator(db, NullLogger<SqlScriptMigrator>.Instance).MigrateAsync();
        var instance = new Commissioning.Workflows.Persistence.WorkflowInstance { DefinitionId = "test", DefinitionVersion = 1, CorrelationId = "x", CurrentActivityId = "a" };
        db.Add(instance);
        db.Add(new Commissioning.Workflows.Persistence.WorkflowLogEntry { InstanceId = instance.Id, Actor = "system", Outcome = "Started", ToActivityId = "a" });
        await db.SaveChangesAsync();

        var refused = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync(tampering));

        Assert.Contains("append-only", refused.Message, StringComparison.Ordinal);
        await using var check = database.NewContext();
        Assert.Equal("Started", (await check.Set<Commissioning.Workflows.Persistence.WorkflowLogEntry>().SingleAsync()).Outcome);
    }
}

public sealed class AppendOnlyLogTestsOnSqlite() : AppendOnlyLogTests(DatabaseProvider.Sqlite);

public sealed class AppendOnlyLogTestsOnPostgres() : AppendOnlyLogTests(DatabaseProvider.PostgreSql);
