using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>
/// Failed sign-ins: a stranger cannot lock someone out from one address, the answer never says whether an address
/// has an account or whether it is locked, and an address with no account takes as long to refuse as a wrong password.
/// </summary>
public sealed partial class SignInThrottleTests : IAsyncLifetime
{
    private const string Password = "correct horse battery staple";

    private const string WrongDetails = "The email address or password is not right. Check them and try again.";

    private TestDatabase _database = null!;

    private WebApplicationFactory<Program> _app = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _app = new CommissioningApp.Factory(_database, "Testing", new Dictionary<string, string>
        {
            ["RateLimits:SignInFailuresPerAddressPer15Minutes"] = "10",
            ["RateLimits:SignInFailuresPerAccountPerAddress"] = "3",
        }).WithClientAddresses();
        _ = _app.Server;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_stranger_failing_five_times_from_one_address_is_stopped_before_the_account_locks_and_its_owner_still_signs_in()
    {
        var email = Mailbox.UniqueEmail("target");
        await CreateUserAsync(email, emailConfirmed: true);
        var stranger = _app.ClientFrom("203.0.113.7");

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            answers.Add(await SignInAsync(stranger, email, $"a guess at the password {attempt}"));
        }

        Assert.All(answers.Take(3), answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.All(answers.Skip(3), answer => Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode));
        var page = HttpForms.Text(await answers[^1].Content.ReadAsStringAsync());
        Assert.Contains("Sorry, there have been too many attempts", page, StringComparison.Ordinal);
        Assert.Contains("too many attempts to sign in with an email address or password that was not right from your internet connection", page, StringComparison.Ordinal);
        Assert.Matches("You can try again in 1[45] minutes, at [0-9]{1,2}:[0-9]{2}(am|pm)\\.", page);
        // Even the right password is not checked from that address for now.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(stranger, email, Password)).StatusCode);

        var owner = await SignInAsync(_app.ClientFrom("198.51.100.20"), email, Password);

        Assert.Equal(HttpStatusCode.Redirect, owner.StatusCode);
        Assert.Equal("/", owner.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Failed_sign_ins_to_many_accounts_from_one_address_are_stopped_too()
    {
        var client = _app.ClientFrom("203.0.113.8");
        var elsewhere = _app.ClientFrom("198.51.100.21");

        var answers = new List<HttpResponseMessage>();
        for (var attempt = 0; attempt < 11; attempt++)
        {
            answers.Add(await SignInAsync(client, Mailbox.UniqueEmail($"sprayed-{attempt}"), "Password1234"));
        }

        Assert.All(answers.Take(10), answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(elsewhere, Mailbox.UniqueEmail("other"), "Password1234")).StatusCode);
    }

    [Fact]
    public async Task An_account_locks_only_when_failures_come_from_more_than_one_address_and_says_no_more_than_a_wrong_password()
    {
        var email = Mailbox.UniqueEmail("locked");
        await CreateUserAsync(email, emailConfirmed: true);
        foreach (var (address, times) in new[] { ("203.0.113.9", 3), ("203.0.113.10", 2) })
        {
            var client = _app.ClientFrom(address);
            for (var attempt = 0; attempt < times; attempt++)
            {
                Assert.Equal(HttpStatusCode.OK, (await SignInAsync(client, email, "not the right password")).StatusCode);
            }
        }

        var owner = await SignInAsync(_app.ClientFrom("198.51.100.22"), email, Password);

        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        var page = HttpForms.Text(await owner.Content.ReadAsStringAsync());
        Assert.Contains(WrongDetails, page, StringComparison.Ordinal);
        Assert.DoesNotContain("locked", page, StringComparison.OrdinalIgnoreCase);
        Assert.True(await InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            return await users.IsLockedOutAsync((await users.FindByEmailAsync(email))!);
        }));
    }

    [Fact]
    public async Task A_failed_sign_in_gets_the_same_answer_for_no_account_a_wrong_password_a_locked_account_and_an_unconfirmed_one()
    {
        var known = Mailbox.UniqueEmail("known");
        var locked = Mailbox.UniqueEmail("locked");
        var unconfirmed = Mailbox.UniqueEmail("unconfirmed");
        var nobody = Mailbox.UniqueEmail("nobody");
        await CreateUserAsync(known, emailConfirmed: true);
        await CreateUserAsync(unconfirmed, emailConfirmed: false);
        await CreateUserAsync(locked, emailConfirmed: true);
        await InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            return await users.SetLockoutEndDateAsync((await users.FindByEmailAsync(locked))!, DateTimeOffset.UtcNow.AddMinutes(15));
        });

        var answers = new Dictionary<string, string>();
        var n = 30;
        foreach (var (email, password) in new[] { (nobody, Password), (known, "not the right password"), (locked, "not the right password"), (locked, Password), (unconfirmed, "not the right password") })
        {
            var answer = await SignInAsync(_app.ClientFrom($"192.0.2.{n++}"), email, password);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            answers[$"{email} {password}"] = Comparable(await answer.Content.ReadAsStringAsync(), email);
        }

        Assert.Single(answers.Values.Distinct(StringComparer.Ordinal));
        Assert.Contains(WrongDetails, answers.Values.First(), StringComparison.Ordinal);

        // Only the right password learns that the address needs confirming.
        var right = await SignInAsync(_app.ClientFrom("192.0.2.50"), unconfirmed, Password);
        Assert.Contains("You need to confirm your email address before you can sign in", HttpForms.Text(await right.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_with_no_account_takes_as_long_to_refuse_as_a_wrong_password()
    {
        const int rounds = 9;
        var accounts = new List<string>();
        for (var i = 0; i < rounds + 1; i++)
        {
            accounts.Add(Mailbox.UniqueEmail($"timed-{i}"));
            await CreateUserAsync(accounts[i], emailConfirmed: true);
        }

        var noAccount = new List<double>();
        var wrongPassword = new List<double>();
        // One round first so that both paths are warm; then alternate which goes first, as CI machines drift.
        for (var round = 0; round <= rounds; round++)
        {
            var unknown = await TimedSignInAsync(_app.ClientFrom($"198.51.100.{100 + round}"), Mailbox.UniqueEmail("no-account"));
            var known = await TimedSignInAsync(_app.ClientFrom($"198.51.100.{150 + round}"), accounts[round]);
            if (round > 0)
            {
                noAccount.Add(unknown);
                wrongPassword.Add(known);
            }
        }

        var unknownMedian = Median(noAccount);
        var knownMedian = Median(wrongPassword);
        Assert.True(unknownMedian >= knownMedian * 0.5, $"An address with no account is refused in {unknownMedian:F1} ms (median), a wrong password in {knownMedian:F1} ms: the difference tells which addresses have accounts.");
    }

    private async Task<double> TimedSignInAsync(HttpClient client, string email)
    {
        var form = await client.GetStringAsync("/Account/SignIn");
        var token = WebUtility.HtmlDecode(Token().Match(form).Groups[1].Value);
        var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = "not the right password", ["__RequestVerificationToken"] = token });
        var watch = Stopwatch.StartNew();
        var answer = await client.PostAsync("/Account/SignIn", content);
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The page's text with the e-mail address typed taken out (the form shows it again).</summary>
    private static string Comparable(string page, string email) => HttpForms.Text(page).Replace(email, "ADDRESS", StringComparison.Ordinal);

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    private Task<AppUser> CreateUserAsync(string email, bool emailConfirmed) => InScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = emailConfirmed, FullName = "Sam Target" };
        var created = await users.CreateAsync(user, Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
        return user;
    });

    private async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
