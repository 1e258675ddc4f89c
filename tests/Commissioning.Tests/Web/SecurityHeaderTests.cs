using Commissioning.BrowserTests;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commissioning.Tests.Web;

/// <summary>
/// What every answer tells the browser: no Server header naming the web server (checked on the real app process, where
/// Kestrel would add it), browser features the service does not use turned off, and outside Development HTTPS only,
/// for a year, subdomains included.
/// </summary>
public sealed class SecurityHeaderTests
{
    [Fact]
    public async Task The_real_app_names_no_web_server_and_turns_off_browser_features_it_does_not_use()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = await WebAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["Database__Provider"] = database.Provider.ToString(),
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Database__DataFolder"] = database.DataFolder,
        });
        using var client = new HttpClient { BaseAddress = app.BaseAddress };

        foreach (var path in new[] { "/", "/Funding", "/Account/SignIn", "/no-such-page" })
        {
            using var response = await client.GetAsync(path);
            Assert.False(response.Headers.Contains("Server"), $"{path} names its web server: {string.Join(", ", response.Headers.Server)}");
            Assert.Equal(global::Commissioning.Web.Composition.PermissionsPolicy, Assert.Single(response.Headers.GetValues("Permissions-Policy")));
            Assert.Contains("camera=()", global::Commissioning.Web.Composition.PermissionsPolicy, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Outside_development_browsers_are_told_to_use_https_only_for_a_year_on_subdomains_too()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string> { ["Service:PublicAddress"] = "https://grants.example.org" });
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://grants.example.org"), AllowAutoRedirect = false });

        using var response = await client.GetAsync("/Funding");

        Assert.Equal("max-age=31536000; includeSubDomains", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
    }
}
