using Microsoft.Data.Sqlite;

namespace Commissioning.Infrastructure.Persistence;

/// <summary>Takes a consistent copy of the SQLite database while the service keeps running.</summary>
public static class DatabaseBackup
{
    public static async Task<string> BackupAsync(ResolvedDatabase database, string? target = null, CancellationToken cancellationToken = default)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException("This backup command is for the SQLite database. Back up PostgreSQL with pg_dump or your server's own backups.");
        }

        var path = Path.GetFullPath(target ?? Path.Combine(database.DataFolder, "backups", $"commissioning-{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}.db"));
        if (File.Exists(path))
        {
            throw new InvalidOperationException($"{path} already exists; choose a new file name for the backup.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO @path";
        command.Parameters.AddWithValue("@path", path);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return path;
    }
}
