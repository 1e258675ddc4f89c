namespace Commissioning.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite = 1,
    PostgreSql = 2,
}

/// <summary>Which database the service uses. SQLite (a file in the data folder) unless configured otherwise.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>For PostgreSQL, an Npgsql connection string. For SQLite, optional: by default the file is commissioning.db in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Where the SQLite file and uploaded files live; relative paths are from the app's content root. Never under wwwroot.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>How long an SQLite writer waits for another to finish before giving up.</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;
}
