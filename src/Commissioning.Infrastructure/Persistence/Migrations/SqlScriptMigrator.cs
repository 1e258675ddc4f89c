using System.Data.Common;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Commissioning.Infrastructure.Persistence.Migrations;

public sealed record MigrationScript(string Path, string Name, string Sql)
{
    /// <summary>SHA-256 of the script with line endings normalised, so a checkout on another OS does not look edited.</summary>
    public string Checksum => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

/// <summary>Start-up stops with this when the database and the migration scripts disagree; the message names the file.</summary>
public sealed class MigrationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Applies the numbered SQL scripts in migrations/{sqlite|postgres}/ in order, each in its own transaction, and
/// records each in a history table with its checksum. A script changed after it was applied stops start-up.
/// </summary>
public sealed partial class SqlScriptMigrator(CommissioningDbContext db, ILogger<SqlScriptMigrator> logger)
{
    public const string HistoryTable = "__SchemaHistory";

    // Any fixed number: every node starting at once waits here so only one applies the scripts.
    private const long PostgresLockKey = 72_430_001;

    public static IReadOnlyList<MigrationScript> ScriptsFor(DatabaseProvider provider, Assembly? source = null)
    {
        var assembly = source ?? typeof(SqlScriptMigrator).Assembly;
        var folder = FolderFor(provider);
        var prefix = $"migrations/{folder}/";
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var name = resource[prefix.Length..];
            if (!ScriptName().IsMatch(name))
            {
                throw new MigrationException($"migrations/{folder}/{name} is not named like 0001_description.sql (four digits, an underscore, lower-case words).");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            scripts.Add(new MigrationScript(resource, name, reader.ReadToEnd()));
        }

        var clash = scripts.GroupBy(s => s.Name[..4]).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            throw new MigrationException($"Two scripts in migrations/{folder}/ share the number {clash.Key}: {string.Join(" and ", clash.Select(s => s.Name))}.");
        }

        return scripts;
    }

    public static string FolderFor(DatabaseProvider provider) => provider == DatabaseProvider.PostgreSql ? "postgres" : "sqlite";

    /// <summary>Brings the database up to date and returns the names of the scripts it applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(IReadOnlyList<MigrationScript>? scripts = null, CancellationToken cancellationToken = default)
    {
        var provider = db.IsSqlite ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;
        scripts ??= ScriptsFor(provider);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (provider == DatabaseProvider.PostgreSql)
            {
                await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({PostgresLockKey})", cancellationToken);
            }
            else
            {
                await ExecuteAsync(connection, null, "PRAGMA journal_mode = WAL", cancellationToken);
            }

            try
            {
                return await ApplyPendingAsync(connection, provider, scripts, cancellationToken);
            }
            finally
            {
                if (provider == DatabaseProvider.PostgreSql)
                {
                    await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({PostgresLockKey})", CancellationToken.None);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IReadOnlyList<string>> ApplyPendingAsync(DbConnection connection, DatabaseProvider provider, IReadOnlyList<MigrationScript> scripts, CancellationToken cancellationToken)
    {
        var timestampType = provider == DatabaseProvider.PostgreSql ? "timestamp with time zone" : "TEXT";
        await ExecuteAsync(connection, null, $"""CREATE TABLE IF NOT EXISTS "{HistoryTable}" ("ScriptName" varchar(200) NOT NULL PRIMARY KEY, "Checksum" varchar(64) NOT NULL, "AppliedAt" {timestampType} NOT NULL)""", cancellationToken);

        var applied = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = $"""SELECT "ScriptName", "Checksum" FROM "{HistoryTable}" """;
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied[reader.GetString(0)] = reader.GetString(1);
            }
        }

        var folder = FolderFor(provider);
        foreach (var (name, checksum) in applied)
        {
            var script = scripts.SingleOrDefault(s => s.Name == name)
                ?? throw new MigrationException($"migrations/{folder}/{name} was applied to this database but is no longer in the project. Put it back: applied scripts are never removed.");
            if (script.Checksum != checksum)
            {
                throw new MigrationException($"migrations/{folder}/{name} has been edited since it was applied to this database (checksum {checksum[..12]}... is now {script.Checksum[..12]}...). Restore the original file and put the change in a new, higher-numbered script.");
            }
        }

        var done = new List<string>();
        foreach (var script in scripts.Where(s => !applied.ContainsKey(s.Name)))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await using var record = connection.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = $"""INSERT INTO "{HistoryTable}" ("ScriptName", "Checksum", "AppliedAt") VALUES (@name, @checksum, @at)""";
                AddParameter(record, "@name", script.Name);
                AddParameter(record, "@checksum", script.Checksum);
                AddParameter(record, "@at", provider == DatabaseProvider.PostgreSql ? DateTimeOffset.UtcNow : DateTimeOffset.UtcNow.ToString("O"));
                await record.ExecuteNonQueryAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbException ex)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                throw new MigrationException($"migrations/{folder}/{script.Name} failed and was rolled back: {ex.Message}", ex);
            }

            logger.LogInformation("Applied migration {Script}", $"migrations/{folder}/{script.Name}");
            done.Add(script.Name);
        }

        return done;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    [GeneratedRegex("^[0-9]{4}_[a-z0-9_]+\\.sql$")]
    private static partial Regex ScriptName();
}
