using System.Net;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Commissioning.Web;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commissioning.Tests.Web;

/// <summary>
/// Links in e-mails must not follow a forged Host header: Production refuses to start with neither
/// Service:PublicAddress nor AllowedHosts set, and a public address that is not an absolute web address is refused.
/// </summary>
public sealed class PublicAddressTests
{
    [Fact]
    public async Task Production_refuses_to_start_without_a_public_address_when_any_host_is_allowed()
    {
        foreach (var allowedHosts in new[] { "*", "", "grants.example.org;*" })
        {
            await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
            await using var app = new CommissioningApp.Factory(database, "Production", new Dictionary<string, string> { ["Demo:SeedOnFirstRun"] = "false", ["AllowedHosts"] = allowedHosts });

            var error = Assert.ThrowsAny<Exception>(() => app.Server);

            var message = Flatten(error);
            Assert.Contains("Service:PublicAddress is empty and AllowedHosts is '*' or empty", message, StringComparison.Ordinal);
            Assert.Contains("Set Service:PublicAddress to the address people reach the service at", message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("https://grants.example.org", "*")]
    [InlineData("", "grants.example.org")]
    public async Task Production_starts_with_a_public_address_or_a_list_of_allowed_hosts(string publicAddress, string allowedHosts)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CommissioningApp.Factory(database, "Production", new Dictionary<string, string>
        {
            ["Demo:SeedOnFirstRun"] = "false",
            ["AllowedHosts"] = allowedHosts,
            ["Service:PublicAddress"] = publicAddress,
        });

        Assert.NotNull(app.Server);
    }

    [Theory]
    [InlineData("grants.example.org")]
    [InlineData("/grants")]
    [InlineData("ftp://grants.example.org")]
    [InlineData("https://grants.example.org/?next=evil")]
    [InlineData("javascript:alert(1)")]
    public async Task A_public_address_that_is_not_an_absolute_web_address_stops_start_up_in_any_environment(string publicAddress)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string> { ["Service:PublicAddress"] = publicAddress });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains($"Service:PublicAddress is '{publicAddress}', which is not an absolute http or https address", Flatten(error), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_public_address_a_forged_host_header_does_not_change_the_link_in_a_password_reset_email()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string> { ["Service:PublicAddress"] = "https://grants.example.org/" });
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        const string email = "applicant@demo.commissioning.test";
        var page = await client.GetStringAsync("/Account/ForgotPassword");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/Account/ForgotPassword")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = email, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token) }),
        };
        request.Headers.Host = "attacker.example";

        var answer = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        await using var db = database.NewContext();
        var mail = Assert.Single(db.OutboxMessages.Where(m => m.To == email && m.Subject.StartsWith("Reset your password")).ToList());
        Assert.StartsWith("https://grants.example.org/Account/ResetPassword?userId=", mail.LinkTo("/Account/ResetPassword").OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", mail.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://grants.example.org/", "*", "https://grants.example.org")]
    [InlineData("", "grants.example.org;other.example.org", "https://grants.example.org")]
    [InlineData(null, "*.example.org;grants.example.org", "https://grants.example.org")]
    [InlineData(null, "*", "http://localhost")]
    public void Mail_sent_without_a_request_links_to_the_public_address_or_else_the_first_allowed_host(string? publicAddress, string allowedHosts, string expected) =>
        Assert.Equal(expected, ServiceOptions.AddressForBackgroundMail(publicAddress, allowedHosts));

    private static string Flatten(Exception error) => error.InnerException is null ? error.Message : $"{error.Message} {Flatten(error.InnerException)}";
}
