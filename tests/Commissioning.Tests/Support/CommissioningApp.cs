using System.Net;
using System.Text.RegularExpressions;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Support;

/// <summary>
/// The real app (every service, middleware and page) on a fresh database of one provider, with the demo data seeded
/// as on a first run. One per test class; tests that change shared records make their own.
/// </summary>
public abstract partial class CommissioningApp(DatabaseProvider provider) : IAsyncLifetime
{
    private TestDatabase? _database;

    public Factory App { get; private set; } = null!;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app has not started.");

    public DatabaseProvider Provider => provider;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        App = new Factory(_database, "Testing");
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }

    public async Task<TResult> InScopeAsync<TResult>(Func<IServiceProvider, Task<TResult>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public HttpClient NewClient() => App.NewSettlingClient();

    /// <summary>Signs in through the sign-in page, as a person would, and returns the client holding the cookie.</summary>
    public async Task<HttpClient> SignedInClientAsync(string email, string password)
    {
        var client = NewClient();
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Signing in as {email} did not redirect home: {(int)response.StatusCode} {response.Headers.Location}\n{await response.Content.ReadAsStringAsync()}");
        }

        return client;
    }

    public sealed class Factory(TestDatabase database, string environment, IReadOnlyDictionary<string, string>? extraSettings = null) : WebApplicationFactory<Program>
    {
        public static Dictionary<string, string> Settings(TestDatabase database) => new()
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["Database:ConnectionString"] = database.ConnectionString,
            ["Database:DataFolder"] = database.DataFolder,
            ["DataProtection:CertificatePath"] = database.KeyRingCertificatePath,
            ["Demo:SeedOnFirstRun"] = "true",
            ["Service:OpccName"] = "Thames Valley Office of the Police and Crime Commissioner",
            // Tests send many e-mails from one client; the tests of the limits set their own (RateLimitTests).
            ["RateLimits:EmailRequestsPerClient"] = "100000",
            ["RateLimits:EmailsPerAddress"] = "100000",
            ["RateLimits:InvitationsPerPersonPerDay"] = "100000",
            ["RateLimits:InvitationsPerOrganisationPerDay"] = "100000",
            ["RateLimits:JoinRequestsPerPersonPerDay"] = "100000",
            ["RateLimits:JoinRequestsPerOrganisationPerDay"] = "100000",
            // Tests sign in as the demo staff with their password only; the tests of two-factor sign-in for staff turn it on (StaffTwoFactorTests).
            ["Security:RequireTwoFactorForStaff"] = "false",
            // Every test client comes from no address at all, so they share one count; SignInThrottleTests sets its own.
            ["RateLimits:SignInFailuresPerAddressPer15Minutes"] = "100000",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            if (environment == "Production")
            {
                // Production never generates the key ring's certificate: the operator provides it.
                database.EnsureKeyRingCertificate();
            }

            // Host settings reach Program as command-line arguments, so they are in the configuration from the start.
            foreach (var (key, value) in Settings(database).Concat(extraSettings ?? new Dictionary<string, string>()))
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

public sealed class SqliteApp() : CommissioningApp(DatabaseProvider.Sqlite);

public sealed class PostgresApp() : CommissioningApp(DatabaseProvider.PostgreSql);

public static partial class HttpForms
{
    /// <summary>Reads the page's antiforgery token first, then posts the form with it, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? tokenFrom = null)
    {
        var page = await client.GetStringAsync(tokenFrom ?? url.Split('?')[0]);
        var token = Token().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"{tokenFrom ?? url} has no antiforgery token in a form.");
        }

        fields["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value);
        return await client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    public static string Text(string html) => WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(html, " "), " "));

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("\\s+")]
    private static partial Regex Whitespace();
}
