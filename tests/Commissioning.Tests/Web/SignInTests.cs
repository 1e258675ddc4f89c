using System.Net;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Identity;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

public abstract class SignInTests(CommissioningApp app)
{
    public static TheoryData<string> DemoSignIns => new(DemoDataSeeder.SignIns.Select(s => s.Email));

    [Theory]
    [MemberData(nameof(DemoSignIns))]
    public async Task Each_demo_user_can_sign_in_and_sees_the_home_page_for_their_role(string email)
    {
        var demo = DemoDataSeeder.SignIns.Single(s => s.Email == email);
        var client = await app.SignedInClientAsync(email, DemoDataSeeder.Password);

        var home = HttpForms.Text(await client.GetStringAsync("/"));

        Assert.Contains($"Welcome, {demo.FullName}", home, StringComparison.Ordinal);
        Assert.Contains(Roles.Describe(demo.Role), home, StringComparison.Ordinal);
        switch (demo.Role)
        {
            case Roles.Applicant:
                Assert.Contains("Your organisations", home, StringComparison.Ordinal);
                Assert.Contains(demo.Organisation!, home, StringComparison.Ordinal);
                Assert.Contains("Police Property Act Fund 2026/27: round 2", home, StringComparison.Ordinal);
                Assert.DoesNotContain("Budgets for", home, StringComparison.Ordinal);
                break;
            case Roles.Assessor:
                Assert.Contains("Bids to score", home, StringComparison.Ordinal);
                Assert.DoesNotContain("Budgets for", home, StringComparison.Ordinal);
                break;
            default:
                Assert.Contains("Budgets for 2026/27", home, StringComparison.Ordinal);
                Assert.Contains("Domestic abuse and sexual violence Ring-fenced", home, StringComparison.Ordinal);
                Assert.Contains("£200,000.00", home, StringComparison.Ordinal);
                Assert.Equal(demo.Role == Roles.Admin, home.Contains("People by role", StringComparison.Ordinal));
                break;
        }
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_message_that_says_what_to_do()
    {
        var client = app.NewClient();

        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = "officer@demo.commissioning.test", ["Input.Password"] = "not the password" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#Input_Email\"", page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode("The email address or password is not right. Check them and try again."), page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_sign_in_form_names_each_missing_field()
    {
        var response = await app.NewClient().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = string.Empty, ["Input.Password"] = string.Empty });

        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your email address", page, StringComparison.Ordinal);
        Assert.Contains("Enter your password", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Staff_can_turn_on_two_factor_sign_in_and_then_need_a_code_from_their_authenticator_app()
    {
        const string email = "two-factor@test.commissioning.test";
        const string password = "a-long-enough-password";
        await CreateUserAsync(email, password, Roles.GrantsOfficer);
        var client = await app.SignedInClientAsync(email, password);

        var key = SetUpKey(await client.GetStringAsync("/Account/Security"));
        var wrong = await client.PostFormAsync("/Account/Security?handler=Enable", new() { ["Input.Code"] = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" }, "/Account/Security");
        Assert.Contains("The security code is not right", HttpForms.Text(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var enabled = await client.PostFormAsync("/Account/Security?handler=Enable", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "/Account/Security");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Contains("Two-factor sign-in is on", HttpForms.Text(await client.GetStringAsync(enabled.Headers.Location!)), StringComparison.Ordinal);

        var fresh = app.NewClient();
        var first = await fresh.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.StartsWith("/Account/SignInTwoFactor", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/Account/Security")).StatusCode);

        var second = await fresh.PostFormAsync("/Account/SignInTwoFactor", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/", second.Headers.Location!.OriginalString);
        Assert.Contains("Two-factor sign-in On", HttpForms.Text(await fresh.GetStringAsync("/Account/Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Applicants_can_turn_on_two_factor_sign_in_and_then_need_a_code_from_their_authenticator_app()
    {
        var email = Mailbox.UniqueEmail("applicant-two-factor");
        const string password = "a-long-enough-password";
        await CreateUserAsync(email, password, Roles.Applicant);
        var client = await app.SignedInClientAsync(email, password);

        var security = await client.GetStringAsync("/Account/Security");
        Assert.Contains("change your organisation's bank details and accept offers", HttpForms.Text(security), StringComparison.Ordinal);
        var key = SetUpKey(security);
        var enabled = await client.PostFormAsync("/Account/Security?handler=Enable", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, "/Account/Security");
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Contains("Two-factor sign-in is on", HttpForms.Text(await client.GetStringAsync(enabled.Headers.Location!)), StringComparison.Ordinal);

        var fresh = app.NewClient();
        var first = await fresh.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.StartsWith("/Account/SignInTwoFactor", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/Organisations")).StatusCode);
        var second = await fresh.PostFormAsync("/Account/SignInTwoFactor", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) });
        Assert.Equal("/", second.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/Organisations")).StatusCode);
    }

    [Fact]
    public async Task A_code_from_an_authenticator_app_is_accepted_once_only()
    {
        var email = Mailbox.UniqueEmail("code-once");
        const string password = "a-long-enough-password";
        await CreateUserAsync(email, password, Roles.GrantsOfficer);
        var client = await app.SignedInClientAsync(email, password);
        var key = SetUpKey(await client.GetStringAsync("/Account/Security"));
        var enablingCode = Totp.Code(key, DateTimeOffset.UtcNow);
        await client.PostFormAsync("/Account/Security?handler=Enable", new() { ["Input.Code"] = enablingCode }, "/Account/Security");
        await client.PostFormAsync("/Account/SignOut", [], "/");

        // The code that turned two-factor sign-in on does not sign in.
        Assert.Contains(AlreadyUsed, await SecondStepAsync(client, email, password, enablingCode), StringComparison.Ordinal);

        var code = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30));
        await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        var signedIn = await client.PostFormAsync("/Account/SignInTwoFactor", new() { ["Input.Code"] = code });
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        await client.PostFormAsync("/Account/SignOut", [], "/");

        var replayed = await SecondStepAsync(client, email, password, code);

        Assert.Contains(AlreadyUsed, replayed, StringComparison.Ordinal);
        Assert.Contains("There is a problem", replayed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Tasks")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        var client = await app.SignedInClientAsync("finance@demo.commissioning.test", DemoDataSeeder.Password);

        var signedOut = await client.PostFormAsync("/Account/SignOut", [], "/");

        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        var page = HttpForms.Text(await client.GetStringAsync(signedOut.Headers.Location!));
        Assert.Contains("You have signed out", page, StringComparison.Ordinal);
        Assert.DoesNotContain("finance@demo.commissioning.test", page, StringComparison.Ordinal);
        var after = await client.GetAsync("/Account/Security");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/Account/SignIn", after.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_copied_sign_in_cookie_stops_working_as_soon_as_its_owner_signs_out()
    {
        var email = Mailbox.UniqueEmail("signs-out");
        const string password = "correct horse battery staple";
        await app.CreateApplicantAsync(email, password, "Sam Leaving");
        var client = app.NewClient();
        var signedIn = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        var cookie = AuthCookie(signedIn);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(cookie, "/Account/Security")).StatusCode);

        await client.PostFormAsync("/Account/SignOut", [], "/");

        var replayed = await WithCookieAsync(cookie, "/Account/Security");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/Account/SignIn", replayed.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    /// <summary>The sign-in cookie the response set, as "name=value".</summary>
    internal static string AuthCookie(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("commissioning.auth=", StringComparison.Ordinal));
    }

    /// <summary>A request from somewhere else that carries a copy of the cookie and nothing more.</summary>
    private Task<HttpResponseMessage> WithCookieAsync(string cookie, string path) => WithCookieAsync(app, cookie, path);

    internal static Task<HttpResponseMessage> WithCookieAsync(CommissioningApp app, string cookie, string path)
    {
        var copy = app.App.CreateDefaultClient(new Uri("http://localhost"));
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return copy.SendAsync(request);
    }

    [Fact]
    public async Task A_return_address_outside_the_service_is_ignored_after_sign_in()
    {
        var client = app.NewClient();

        var response = await client.PostFormAsync("/Account/SignIn?ReturnUrl=https%3A%2F%2Fevil.example%2F", new() { ["Input.Email"] = "admin@demo.commissioning.test", ["Input.Password"] = DemoDataSeeder.Password }, "/Account/SignIn");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    private const string AlreadyUsed = "That code has already been used. Wait for your app to show a new one.";

    /// <summary>Signs in with the password, then gives the code; returns the text of the page that answers.</summary>
    private static async Task<string> SecondStepAsync(HttpClient client, string email, string password, string code)
    {
        var first = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.StartsWith("/Account/SignInTwoFactor", first.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var second = await client.PostFormAsync("/Account/SignInTwoFactor", new() { ["Input.Code"] = code });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        return HttpForms.Text(await second.Content.ReadAsStringAsync());
    }

    private static string SetUpKey(string accountPage)
    {
        var key = System.Text.RegularExpressions.Regex.Match(accountPage, "id=\"setup-key\">([a-z0-9 ]+)<").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(key), "The account page shows no setup key.");
        return key;
    }

    private Task CreateUserAsync(string email, string password, string role) => app.InScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Test Person" };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    });
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests(app), IClassFixture<SqliteApp>;

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests(app), IClassFixture<PostgresApp>;
