using System.Data.Common;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Persistence.Migrations;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Tests.Persistence;

/// <summary>
/// Reads a database's schema back as sorted lines (tables, columns with type and nullability, keys, foreign keys,
/// indexes, check constraints) so two databases of the same provider can be compared line by line.
/// </summary>
internal static class SchemaSnapshot
{
    public static async Task<IReadOnlyList<string>> ReadAsync(CommissioningDbContext db)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            return db.IsSqlite ? await SqliteAsync(connection) : await PostgresAsync(connection);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<IReadOnlyList<string>> SqliteAsync(DbConnection connection)
    {
        var lines = new List<string>();
        var tables = await QueryAsync(connection, $"SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '{SqlScriptMigrator.HistoryTable}'");
        foreach (var table in tables)
        {
            var name = table[0];
            lines.Add($"table {name}");
            foreach (var column in await QueryAsync(connection, $"SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info('{name}')"))
            {
                lines.Add($"column {name}.{column[0]} {column[1]} notnull={column[2]} default={column[3]} pk={column[4]}");
            }

            foreach (var key in await QueryAsync(connection, $"SELECT \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list('{name}')"))
            {
                lines.Add($"fk {name}.{key[1]} -> {key[0]}.{key[2]} on delete {key[3]}");
            }

            foreach (var index in await QueryAsync(connection, $"SELECT name, \"unique\", origin FROM pragma_index_list('{name}')"))
            {
                var columns = await QueryAsync(connection, $"SELECT name FROM pragma_index_info('{index[0]}') ORDER BY seqno");
                lines.Add($"index {name}.{index[0]} unique={index[1]} origin={index[2]} ({string.Join(", ", columns.Select(c => c[0]))})");
            }

            foreach (var check in System.Text.RegularExpressions.Regex.Matches(table[1] ?? string.Empty, "CONSTRAINT \"(CK_[^\"]+)\" CHECK \\((.*)\\)").Select(m => m.Value))
            {
                lines.Add($"check {name} {check}");
            }
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static async Task<IReadOnlyList<string>> PostgresAsync(DbConnection connection)
    {
        var lines = new List<string>();
        foreach (var column in await QueryAsync(connection, $"""
            SELECT table_name, column_name, data_type, character_maximum_length, is_nullable, column_default, is_identity
            FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '{SqlScriptMigrator.HistoryTable}'
            """))
        {
            lines.Add($"column {column[0]}.{column[1]} {column[2]}({column[3]}) nullable={column[4]} default={column[5]} identity={column[6]}");
        }

        foreach (var constraint in await QueryAsync(connection, $"""
            SELECT rel.relname, con.conname, con.contype, pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = 'public' AND rel.relname <> '{SqlScriptMigrator.HistoryTable}'
            """))
        {
            lines.Add($"constraint {constraint[0]}.{constraint[1]} {constraint[2]} {constraint[3]}");
        }

        foreach (var index in await QueryAsync(connection, $"SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '{SqlScriptMigrator.HistoryTable}'"))
        {
            lines.Add($"index {index[0]}.{index[1]} {index[2]}");
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private static async Task<List<string?[]>> QueryAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string?[]>();
        while (await reader.ReadAsync())
        {
            var row = new string?[reader.FieldCount];
            for (var i = 0; i < reader.FieldCount; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
            }

            rows.Add(row);
        }

        return rows;
    }
}
