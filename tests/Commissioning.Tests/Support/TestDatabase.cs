using Commissioning.Infrastructure.Persistence;
using Npgsql;

namespace Commissioning.Tests.Support;

/// <summary>An empty database of one provider for one test class, removed afterwards. The same tests run on both.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    protected TestDatabase(DatabaseProvider provider, string connectionString, string dataFolder)
    {
        Database = ResolvedDatabase.ForTests(provider, connectionString, dataFolder);
        DataFolder = dataFolder;
    }

    public ResolvedDatabase Database { get; }

    public DatabaseProvider Provider => Database.Provider;

    public string ConnectionString => Database.ConnectionString;

    public string DataFolder { get; }

    /// <summary>The key ring's certificate for this database's apps: outside the data folder, as in a real installation, and removed afterwards.</summary>
    public string KeyRingCertificatePath => Path.Combine($"{DataFolder}.keys", "data-protection.pfx");

    public CommissioningDbContext NewContext() => Database.NewContext();

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => await PostgresTestDatabase.CreateAsync(),
        _ => SqliteTestDatabase.Create(),
    };

    public abstract ValueTask DisposeAsync();

    /// <summary>A certificate for the key ring at <see cref="KeyRingCertificatePath"/>, as an operator provides one for Production (where none is generated).</summary>
    public void EnsureKeyRingCertificate()
    {
        if (File.Exists(KeyRingCertificatePath))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(KeyRingCertificatePath)!);
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        using var certificate = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=Commissioning test key ring", rsa, System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(KeyRingCertificatePath, certificate.Export(System.Security.Cryptography.X509Certificates.X509ContentType.Pkcs12));
    }

    protected void DeleteKeyFolder()
    {
        if (Path.GetDirectoryName(KeyRingCertificatePath) is { } folder && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

public sealed class SqliteTestDatabase : TestDatabase
{
    private SqliteTestDatabase(string folder)
        : base(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "commissioning.db")}", folder)
    {
    }

    public static SqliteTestDatabase Create() => new(Directory.CreateTempSubdirectory("commissioning-test-").FullName);

    public override ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(DataFolder, recursive: true);
        DeleteKeyFolder();
        return ValueTask.CompletedTask;
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    public const string AdminConnectionVariable = "COMMISSIONING_TEST_POSTGRES";

    private readonly string _adminConnection;

    private readonly string _name;

    private PostgresTestDatabase(string adminConnection, string name, string connectionString, string folder)
        : base(DatabaseProvider.PostgreSql, connectionString, folder)
    {
        _adminConnection = adminConnection;
        _name = name;
    }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(AdminConnectionVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{AdminConnectionVariable} is not set. Run the tests with scripts/test.sh, which installs and starts a PostgreSQL server on 127.0.0.1 and sets it.");

    public static async Task<PostgresTestDatabase> CreateAsync()
    {
        var admin = AdminConnectionString;
        var name = $"commissioning_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 120 };
        return new PostgresTestDatabase(admin, name, builder.ToString(), Directory.CreateTempSubdirectory("commissioning-test-").FullName);
    }

    public override async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using (var connection = new NpgsqlConnection(_adminConnection))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        Directory.Delete(DataFolder, recursive: true);
        DeleteKeyFolder();
    }
}
