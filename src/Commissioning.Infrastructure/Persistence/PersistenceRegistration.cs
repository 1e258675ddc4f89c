using System.Security.Cryptography.X509Certificates;
using Commissioning.Infrastructure.Budget;
using Commissioning.Infrastructure.Persistence.Migrations;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Commissioning.Infrastructure.Persistence;

public static class PersistenceRegistration
{
    /// <summary>
    /// Registers the database chosen by configuration (section "Database"), its migrator, the budget ledger, the
    /// outbox (dispatched after each commit that saves an e-mail) and the shared Data Protection key ring, whose keys
    /// are encrypted with <paramref name="keyRingCertificate"/> when one is given (the web app always gives one).
    /// </summary>
    public static IServiceCollection AddCommissioningPersistence(this IServiceCollection services, ResolvedDatabase database, X509Certificate2? keyRingCertificate = null)
    {
        services.AddSingleton(database);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ICurrentActor, SystemActor>();
        services.AddSingleton<AuditInterceptor>();
        services.AddSingleton<Mail.OutboxDispatchOnCommit>();
        services.AddDbContext<CommissioningDbContext>((provider, builder) =>
            database.Configure(builder).AddInterceptors(provider.GetRequiredService<AuditInterceptor>(), provider.GetRequiredService<Mail.OutboxDispatchOnCommit>()));
        services.AddScoped<SqlScriptMigrator>();
        services.AddScoped<BudgetLedger>();
        services.AddScoped<Plans.RemovePlanPriority>();
        services.AddScoped<Demo.DemoDataSeeder>();
        services.AddScoped<Mail.Outbox>();
        services.AddSingleton<Files.UploadStore>();
        services.TryAddSingleton(Files.UploadQuotas.Default);
        services.AddScoped<Organisations.UploadDocument>();
        services.AddScoped<Organisations.RemoveDocument>();
        services.AddScoped<Organisations.BankDetailsVault>();
        services.AddScoped<CaseFiles.OpenCaseFile>();
        services.AddScoped<CaseFiles.OpenOrganisationFile>();
        services.AddSingleton<DatabaseKeyRepository>();
        services.AddScoped(provider => new KeyRingUpgrade(
            provider.GetRequiredService<CommissioningDbContext>(),
            () => KeyRing(new ServiceCollection().AddLogging(), keyRingCertificate, provider.GetRequiredService<DatabaseKeyRepository>()).BuildServiceProvider(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<KeyRingUpgrade>>()));
        KeyRing(services, keyRingCertificate, repository: null);
        return services;
    }

    /// <summary>
    /// Data Protection with the key ring in the database (<paramref name="repository"/>, or the registered one), its keys
    /// encrypted with the certificate. The upgrade uses a container of its own built here, so the app's cached key ring
    /// is first read after the upgrade and never holds a key the upgrade removed.
    /// </summary>
    private static IServiceCollection KeyRing(IServiceCollection services, X509Certificate2? keyRingCertificate, DatabaseKeyRepository? repository)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("Commissioning");
        if (keyRingCertificate is not null)
        {
            dataProtection.ProtectKeysWithCertificate(keyRingCertificate).UnprotectKeysWithAnyCertificate(keyRingCertificate);
        }

        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = repository ?? provider.GetRequiredService<DatabaseKeyRepository>()));
        return services;
    }
}

/// <summary>The database this instance uses, with the SQLite file placed in the data folder.</summary>
public sealed class ResolvedDatabase
{
    private ResolvedDatabase(DatabaseProvider provider, string connectionString, string dataFolder, int busyTimeoutSeconds)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataFolder = dataFolder;
        BusyTimeoutSeconds = busyTimeoutSeconds;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Absolute path of the data folder (SQLite file, uploads, backups).</summary>
    public string DataFolder { get; }

    public int BusyTimeoutSeconds { get; }

    public static ResolvedDatabase From(IConfiguration configuration, string contentRoot) =>
        From(configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions(), contentRoot);

    public static ResolvedDatabase From(DatabaseOptions options, string contentRoot)
    {
        var dataFolder = Path.GetFullPath(Path.IsPathRooted(options.DataFolder) ? options.DataFolder : Path.Combine(contentRoot, options.DataFolder));
        Directory.CreateDirectory(dataFolder);
        switch (options.Provider)
        {
            case DatabaseProvider.PostgreSql:
                if (string.IsNullOrWhiteSpace(options.ConnectionString))
                {
                    throw new InvalidOperationException("Database:Provider is PostgreSql but Database:ConnectionString is empty. Set it, e.g. Host=127.0.0.1;Port=5432;Database=commissioning;Username=commissioning;Password=...");
                }

                return new ResolvedDatabase(DatabaseProvider.PostgreSql, options.ConnectionString, dataFolder, options.BusyTimeoutSeconds);
            case DatabaseProvider.Sqlite:
                var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(options.ConnectionString) ? $"Data Source={Path.Combine(dataFolder, "commissioning.db")}" : options.ConnectionString)
                {
                    DefaultTimeout = options.BusyTimeoutSeconds,
                    Pooling = true,
                };
                if (!Path.IsPathRooted(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
                {
                    builder.DataSource = Path.Combine(dataFolder, builder.DataSource);
                }

                return new ResolvedDatabase(DatabaseProvider.Sqlite, builder.ToString(), dataFolder, options.BusyTimeoutSeconds);
            default:
                throw new InvalidOperationException($"Database:Provider '{options.Provider}' is not supported; use Sqlite or PostgreSql.");
        }
    }

    public static ResolvedDatabase ForTests(DatabaseProvider provider, string connectionString, string dataFolder) =>
        From(new DatabaseOptions { Provider = provider, ConnectionString = connectionString, DataFolder = dataFolder }, dataFolder);

    public DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder) => Provider switch
    {
        DatabaseProvider.PostgreSql => builder.UseNpgsql(ConnectionString),
        _ => builder.UseSqlite(ConnectionString).AddInterceptors(new SqliteConnectionSettings(BusyTimeoutSeconds)).UseWriteGate(BusyTimeoutSeconds),
    };

    /// <summary>A context outside the web app (tools, benchmarks, tests), with the same settings and audit log.</summary>
    public CommissioningDbContext NewContext()
    {
        var builder = new DbContextOptionsBuilder<CommissioningDbContext>();
        Configure(builder).AddInterceptors(new AuditInterceptor(new SystemActor(), TimeProvider.System));
        return new CommissioningDbContext(builder.Options);
    }

    /// <summary>The SQL that creates the schema the model describes; the starting point of a new migration script.</summary>
    public static string CreateScriptFor(DatabaseProvider provider)
    {
        var builder = new DbContextOptionsBuilder<CommissioningDbContext>();
        if (provider == DatabaseProvider.PostgreSql)
        {
            builder.UseNpgsql("Host=localhost");
        }
        else
        {
            builder.UseSqlite("Data Source=:memory:");
        }

        using var db = new CommissioningDbContext(builder.Options);
        return db.Database.GenerateCreateScript();
    }
}
