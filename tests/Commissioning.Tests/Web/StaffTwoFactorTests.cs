using System.Net;
using System.Text.RegularExpressions;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>The app with Security:RequireTwoFactorForStaff on, as in Production, on a fresh SQLite database with the demo data.</summary>
public sealed class StaffTwoFactorApp : IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("The app has not started.");

    public CommissioningApp.Factory App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        App = new CommissioningApp.Factory(_database, "Testing", new Dictionary<string, string> { ["Security:RequireTwoFactorForStaff"] = "true" });
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>
/// Office staff must use two-factor sign-in when Security:RequireTwoFactorForStaff is on: a member of staff without
/// it is sent to set it up after the right password, and no page opens to a staff sign-in made without a code.
/// </summary>
public sealed partial class StaffTwoFactorTests(StaffTwoFactorApp app) : IClassFixture<StaffTwoFactorApp>
{
    private const string Password = "a-long-enough-password";

    [Fact]
    public async Task Staff_without_two_factor_are_sent_to_set_it_up_after_their_password_and_are_signed_in_only_with_a_code()
    {
        var email = await CreateUserAsync("set-up", Roles.GrantsOfficer);
        var client = app.App.NewSettlingClient();

        var signIn = await client.PostFormAsync("/Account/SignIn?ReturnUrl=%2FTasks", new() { ["Input.Email"] = email, ["Input.Password"] = Password }, "/Account/SignIn");
        var setUpAddress = await FollowRedirectsAsync(client, signIn);

        Assert.Equal("/Account/SetUpTwoFactor", setUpAddress.AbsolutePath);
        foreach (var page in new[] { "/Tasks", "/", "/Account/Security", "/Admin/Workflows" })
        {
            await AssertSentToSignInAsync(client, page);
        }

        var setUp = await client.GetStringAsync(setUpAddress);
        Assert.Contains("Set up two-factor sign-in", HttpForms.Text(setUp), StringComparison.Ordinal);
        Assert.Contains("<svg", setUp, StringComparison.Ordinal);
        Assert.Contains("QR code to scan with your authenticator app", setUp, StringComparison.Ordinal);
        Assert.Contains("href=\"otpauth://totp/", setUp, StringComparison.Ordinal);
        var key = SetUpKey().Match(setUp).Groups[1].Value;
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);

        var wrong = await client.PostFormAsync(setUpAddress.PathAndQuery, new() { ["Input.Code"] = OtherThan(Totp.Code(key, DateTimeOffset.UtcNow)) }, setUpAddress.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("The security code is not right", HttpForms.Text(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await AssertSentToSignInAsync(client, "/Tasks");

        var right = await client.PostFormAsync(setUpAddress.PathAndQuery, new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, setUpAddress.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/Tasks", right.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Tasks")).StatusCode);
        var account = HttpForms.Text(await client.GetStringAsync("/Account/Security"));
        Assert.Contains("Two-factor sign-in On", account, StringComparison.Ordinal);
        Assert.Contains("Office staff must use two-factor sign-in", account, StringComparison.Ordinal);
        Assert.DoesNotContain("Turn off two-factor sign-in", account, StringComparison.Ordinal);

        // The next sign-in asks for a code, as for anyone with two-factor sign-in on.
        var next = app.App.NewSettlingClient();
        var again = await next.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal("/Account/SignInTwoFactor", (await FollowRedirectsAsync(next, again)).AbsolutePath);
        var code = await next.PostFormAsync("/Account/SignInTwoFactor", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await next.GetAsync("/Tasks")).StatusCode);
    }

    [Fact]
    public async Task A_staff_sign_in_made_without_a_code_opens_no_page_once_two_factor_is_required()
    {
        // Signed in while the setting was off (the same database, so the same keys sign the cookies).
        await using var withoutRequirement = new CommissioningApp.Factory(app.Database, "Testing");
        var cookies = new CookieContainer();
        foreach (var email in new[] { "admin@demo.commissioning.test", "finance@demo.commissioning.test" })
        {
            using var before = withoutRequirement.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
            var signedIn = await before.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = DemoDataSeeder.Password });
            Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.OK, (await before.GetAsync(email.StartsWith("admin", StringComparison.Ordinal) ? "/Admin/Workflows" : "/Finance/BankDetails")).StatusCode);

            using var after = app.App.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(cookies));
            foreach (var page in new[] { "/Admin/Workflows", "/Admin/Jobs", "/Finance/BankDetails", "/Tasks", "/Account/Security" })
            {
                await AssertSentToSignInAsync(after, page);
            }

            Assert.DoesNotContain("Sign out", HttpForms.Text(await after.GetStringAsync("/")), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Applicants_sign_in_with_their_password_alone_while_staff_must_use_two_factor()
    {
        var client = app.App.NewSettlingClient();

        var signIn = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = "applicant@demo.commissioning.test", ["Input.Password"] = DemoDataSeeder.Password });

        Assert.Equal("/", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Organisations")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_with_a_code_outlasts_identitys_regular_check_of_the_account()
    {
        var email = await CreateUserAsync("refreshed", Roles.Finance);
        // Identity checks the account against the database at every request here, instead of every 30 minutes.
        await using var checkingAlways = app.App.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.Zero)));
        var client = checkingAlways.NewSettlingClient();
        var signIn = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        var setUpAddress = await FollowRedirectsAsync(client, signIn);
        var key = SetUpKey().Match(await client.GetStringAsync(setUpAddress)).Groups[1].Value;
        await client.PostFormAsync(setUpAddress.PathAndQuery, new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, setUpAddress.PathAndQuery);

        for (var visit = 0; visit < 3; visit++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Finance/BankDetails")).StatusCode);
        }
    }

    [Fact]
    public async Task Staff_cannot_turn_two_factor_off_while_it_is_required()
    {
        var email = await CreateUserAsync("keep-on", Roles.Assessor);
        var client = app.App.NewSettlingClient();
        var signIn = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        var setUpAddress = await FollowRedirectsAsync(client, signIn);
        var key = SetUpKey().Match(await client.GetStringAsync(setUpAddress)).Groups[1].Value;
        await client.PostFormAsync(setUpAddress.PathAndQuery, new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, setUpAddress.PathAndQuery);

        var turnOff = await client.PostFormAsync("/Account/Security?handler=Disable", new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow.AddSeconds(30)) }, "/Account/Security");

        Assert.Equal(HttpStatusCode.OK, turnOff.StatusCode);
        Assert.Contains("Office staff must use two-factor sign-in, so you cannot turn it off", HttpForms.Text(await turnOff.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var user = await app.App.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        Assert.True(user!.TwoFactorEnabled);
    }

    [Fact]
    public async Task After_an_administrator_resets_their_two_factor_sign_in_a_member_of_staff_is_signed_out_and_sets_it_up_again()
    {
        var email = await CreateUserAsync("lost-phone", Roles.GrantsOfficer);
        var client = app.App.NewSettlingClient();
        var signIn = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        var setUpAddress = await FollowRedirectsAsync(client, signIn);
        var key = SetUpKey().Match(await client.GetStringAsync(setUpAddress)).Groups[1].Value;
        await client.PostFormAsync(setUpAddress.PathAndQuery, new() { ["Input.Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, setUpAddress.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Tasks")).StatusCode);

        await using (var scope = app.App.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
            await scope.ServiceProvider.GetRequiredService<Infrastructure.People.ResetTwoFactor>().ResetAsync(user!.Id, "admin@demo.commissioning.test", CancellationToken.None);
        }

        await AssertSentToSignInAsync(client, "/Tasks");
        var again = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        var next = await FollowRedirectsAsync(client, again);
        Assert.Equal("/Account/SetUpTwoFactor", next.AbsolutePath);
        var newKey = SetUpKey().Match(await client.GetStringAsync(next)).Groups[1].Value;
        Assert.NotEqual(key, newKey);
    }

    private static async Task AssertSentToSignInAsync(HttpClient client, string page)
    {
        var response = await client.GetAsync(page);
        if (page == "/")
        {
            Assert.DoesNotContain("Sign out", HttpForms.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            return;
        }

        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} answered {(int)response.StatusCode} instead of sending the person to sign in.");
        Assert.Equal("/Account/SignIn", response.Headers.Location!.AbsolutePath);
    }

    private static async Task<Uri> FollowRedirectsAsync(HttpClient client, HttpResponseMessage response)
    {
        var address = new Uri("http://localhost/");
        while (response.StatusCode == HttpStatusCode.Redirect)
        {
            address = new Uri(address, response.Headers.Location!);
            response = await client.GetAsync(address);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return address;
    }

    private static string OtherThan(string code) => code == "000000" ? "111111" : "000000";

    private async Task<string> CreateUserAsync(string name, string role)
    {
        var email = Mailbox.UniqueEmail(name);
        await using var scope = app.App.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Test Person" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return email;
    }

    [GeneratedRegex("id=\"setup-key\">([a-z0-9 ]+)<")]
    private static partial Regex SetUpKey();
}
