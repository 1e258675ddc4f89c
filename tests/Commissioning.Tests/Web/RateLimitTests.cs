using System.Net;
using System.Text.RegularExpressions;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Commissioning.Tests.Web;

/// <summary>
/// The limits on e-mails anyone can ask for without signing in: per client (ASP.NET Core's rate limiter) and per
/// address (so one inbox cannot be flooded), each refused with a GOV.UK page, status 429, that says when to try again.
/// </summary>
public sealed partial class RateLimitTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Requests_for_emails_from_one_client_beyond_the_limit_get_a_page_that_says_when_to_try_again()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string>
        {
            ["RateLimits:EmailRequestsPerClient"] = "3",
            ["RateLimits:EmailRequestsPerClientWindowMinutes"] = "15",
        });
        var client = NewClient(app);
        var addresses = Enumerable.Range(1, 4).Select(i => Mailbox.UniqueEmail($"client-limit-{i}")).ToList();

        var register = await RegisterAsync(client, addresses[0]);
        var resend = await client.PostFormAsync("/Account/ResendConfirmation", new() { ["Input.Email"] = addresses[1] });
        var forgot = await client.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = addresses[2] });
        var refused = await RegisterAsync(client, addresses[3]);

        Assert.All([register, resend, forgot], answer => Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 14 * 60, 15 * 60);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("govuk-heading-l", page, StringComparison.Ordinal);
        var text = HttpForms.Text(page);
        Assert.Contains("Sorry, there have been too many attempts", text, StringComparison.Ordinal);
        Assert.Contains("too many requests for emails (to create an account, confirm an email address or reset a password) from your internet connection", text, StringComparison.Ordinal);
        Assert.Matches("You can try again in 1[45] minutes, at [0-9]{1,2}:[0-9]{2}(am|pm)\\.", text);
        Assert.Empty(await MessagesToAsync(database, addresses[3]));

        // The forms themselves still open, and every other page works as before.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Register")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/ForgotPassword")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = addresses[3] })).StatusCode);
        Assert.Empty(await MessagesToAsync(database, addresses[3]));
    }

    [Fact]
    public async Task Requests_for_emails_to_one_address_beyond_the_limit_are_refused_alike_whether_or_not_it_has_an_account()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string>
        {
            ["RateLimits:EmailsPerAddress"] = "2",
            ["RateLimits:EmailsPerAddressWindowMinutes"] = "60",
        });
        const string withAccount = "applicant@demo.commissioning.test";
        var withoutAccount = Mailbox.UniqueEmail("no-account");

        var answers = new Dictionary<string, List<HttpResponseMessage>>();
        foreach (var address in new[] { withAccount, withoutAccount })
        {
            // A new client each time, as from different places: this limit is on the address, wherever the requests come from.
            answers[address] =
            [
                await NewClient(app).PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = address }),
                await NewClient(app).PostFormAsync("/Account/ResendConfirmation", new() { ["Input.Email"] = address }),
                await RegisterAsync(NewClient(app), address.ToUpperInvariant()),
                await NewClient(app).PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = $" {address} " }),
            ];
        }

        foreach (var address in answers.Keys)
        {
            Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers[address].Select(a => a.StatusCode));
        }

        var pageWithAccount = Comparable(await answers[withAccount][2].Content.ReadAsStringAsync());
        var pageWithoutAccount = Comparable(await answers[withoutAccount][2].Content.ReadAsStringAsync());
        Assert.Equal(pageWithoutAccount, pageWithAccount);
        Assert.Contains("There have been too many requests for emails to this email address, so we have not sent another one.", pageWithAccount, StringComparison.Ordinal);
        Assert.Contains("You can try again in TIME.", pageWithAccount, StringComparison.Ordinal);

        // Only the allowed requests sent anything: one reset link to the account's owner (it is already confirmed).
        Assert.Equal(["Reset your password for Commissioning"], (await MessagesToAsync(database, withAccount)).Select(m => m.Subject));
        Assert.Empty(await MessagesToAsync(database, withoutAccount));
        await using var db = database.NewContext();
        Assert.False(db.Users.Any(u => u.NormalizedEmail == withoutAccount.ToUpperInvariant()));

        // Another address is not affected.
        Assert.Equal(HttpStatusCode.Redirect, (await NewClient(app).PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = Mailbox.UniqueEmail("other") })).StatusCode);
    }

    [Fact]
    public async Task Limits_that_are_not_whole_numbers_of_one_or_more_stop_start_up_naming_the_settings()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string> { ["RateLimits:EmailsPerAddress"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("RateLimits:EmailsPerAddress is 0", Flatten(error), StringComparison.Ordinal);
    }

    private static HttpClient NewClient(CommissioningApp.Factory app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email) =>
        client.PostFormAsync("/Account/Register", new() { ["Input.FullName"] = "Rate Limited", ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password });

    private static async Task<List<Infrastructure.Mail.OutboxMessage>> MessagesToAsync(TestDatabase database, string to)
    {
        await using var db = database.NewContext();
        return [.. db.OutboxMessages.Where(m => m.To == to).OrderBy(m => m.CreatedAt)];
    }

    /// <summary>The page's text with the time to try again taken out (the two addresses' windows began moments apart).</summary>
    private static string Comparable(string page) => TryAgain().Replace(HttpForms.Text(page), "in TIME.");

    private static string Flatten(Exception error) => error.InnerException is null ? error.Message : $"{error.Message} {Flatten(error.InnerException)}";

    [GeneratedRegex("in [0-9]+ minutes?, at [0-9]{1,2}:[0-9]{2}(am|pm)\\.")]
    private static partial Regex TryAgain();
}
