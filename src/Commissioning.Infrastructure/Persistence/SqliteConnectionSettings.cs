using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Commissioning.Infrastructure.Persistence;

/// <summary>Every SQLite connection waits for a busy writer instead of failing at once, and enforces foreign keys.</summary>
internal sealed class SqliteConnectionSettings(int busyTimeoutSeconds) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {busyTimeoutSeconds * 1000}; PRAGMA foreign_keys = ON;";
        command.ExecuteNonQuery();
    }
}
