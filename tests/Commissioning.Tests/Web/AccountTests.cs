using System.Net;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

public abstract class AccountTests(CommissioningApp app)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Registering_emails_a_link_that_confirms_the_address_and_only_then_can_the_person_sign_in()
    {
        var email = Mailbox.UniqueEmail("new-applicant");
        var client = app.NewClient();

        var registered = await RegisterAsync(client, email, "Jo Bloggs");

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.Equal("/Account/CheckYourEmail?sent=confirmation", registered.Headers.Location!.OriginalString);
        var checkYourEmail = HttpForms.Text(await client.GetStringAsync(registered.Headers.Location));
        Assert.Contains("Check your email", checkYourEmail, StringComparison.Ordinal);
        Assert.Contains($"We have sent an email to {email}", checkYourEmail, StringComparison.Ordinal);
        var user = await FindUserAsync(email);
        Assert.False(user.EmailConfirmed);
        Assert.Equal("Jo Bloggs", user.FullName);
        Assert.Equal([Roles.Applicant], await RolesOfAsync(user));

        // Before confirming: the right password gets a message that says what to do, and an offer to send the link again.
        var early = await app.NewClient().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        var earlyPage = await early.Content.ReadAsStringAsync();
        Assert.Contains("You need to confirm your email address before you can sign in.", HttpForms.Text(earlyPage), StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/ResendConfirmation\"", earlyPage, StringComparison.Ordinal);

        // The e-mail, with an absolute link on the request's scheme and host.
        var mail = await app.SingleMessageAsync(email, "Confirm your email address");
        Assert.Contains("Dear Jo Bloggs,", mail.Body, StringComparison.Ordinal);
        var link = mail.LinkTo("/Account/ConfirmEmail");
        Assert.Equal("http://localhost", link.GetLeftPart(UriPartial.Authority));
        Assert.Equal(user.Id, QueryHelpers.ParseQuery(link.Query)["userId"].ToString());

        var confirmed = await client.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var confirmedPage = await confirmed.Content.ReadAsStringAsync();
        Assert.Contains("Your email address is confirmed", HttpForms.Text(confirmedPage), StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/SignIn\"", confirmedPage, StringComparison.Ordinal);
        Assert.True((await FindUserAsync(email)).EmailConfirmed);
        var signedIn = await app.SignedInClientAsync(email, Password);
        Assert.Contains("Welcome, Jo Bloggs", HttpForms.Text(await signedIn.GetStringAsync("/")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_confirming_a_wrong_password_gets_the_usual_answer_so_nothing_about_the_account_is_revealed()
    {
        var email = Mailbox.UniqueEmail("unconfirmed");
        await RegisterAsync(app.NewClient(), email, "Sam Unconfirmed");

        var response = await app.NewClient().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = "not the right password" });

        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains(WebUtility.HtmlDecode("The email address or password is not right."), page, StringComparison.Ordinal);
        Assert.DoesNotContain("confirm your email address", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_confirmation_link_that_is_not_right_says_so_and_offers_a_new_one()
    {
        var email = Mailbox.UniqueEmail("mangled");
        await RegisterAsync(app.NewClient(), email, "Kim Mangled");
        var user = await FindUserAsync(email);

        foreach (var url in new[] { $"/Account/ConfirmEmail?userId={user.Id}&code=bm90LWEtdG9rZW4", $"/Account/ConfirmEmail?userId={user.Id}&code=%25%25%25", "/Account/ConfirmEmail?userId=nobody&code=bm90", "/Account/ConfirmEmail" })
        {
            var response = await app.NewClient().GetAsync(url);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("This link has expired or is not right", HttpForms.Text(page), StringComparison.Ordinal);
            Assert.Contains("href=\"/Account/ResendConfirmation\"", page, StringComparison.Ordinal);
        }

        Assert.False((await FindUserAsync(email)).EmailConfirmed);
    }

    [Fact]
    public async Task Asking_for_the_confirmation_link_again_sends_a_new_one_that_works()
    {
        var email = Mailbox.UniqueEmail("resend");
        await RegisterAsync(app.NewClient(), email, "Pat Resend");
        var client = app.NewClient();

        var resent = await client.PostFormAsync("/Account/ResendConfirmation", new() { ["Input.Email"] = email });
        var unknown = await app.NewClient().PostFormAsync("/Account/ResendConfirmation", new() { ["Input.Email"] = "nobody-here@test.commissioning.test" });

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        Assert.Equal(resent.Headers.Location, unknown.Headers.Location);
        var messages = (await app.MessagesToAsync(email)).Where(m => m.Subject.StartsWith("Confirm your email address", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Empty(await app.MessagesToAsync("nobody-here@test.commissioning.test"));
        await client.GetAsync(messages[1].LinkTo("/Account/ConfirmEmail").PathAndQuery);
        Assert.True((await FindUserAsync(email)).EmailConfirmed);
    }

    [Fact]
    public async Task Registering_an_address_that_already_has_an_account_reveals_nothing_and_tells_the_owner_by_email()
    {
        const string existing = "csp@demo.commissioning.test";
        var fresh = Mailbox.UniqueEmail("fresh");
        var before = await app.MessagesToAsync(existing);

        var forExisting = app.NewClient();
        var forFresh = app.NewClient();
        var existingAnswer = await RegisterAsync(forExisting, existing, "Someone Else", "quince harbour lantern seven");
        var freshAnswer = await RegisterAsync(forFresh, fresh, "Someone Else", "quince harbour lantern seven");

        Assert.Equal(HttpStatusCode.Redirect, existingAnswer.StatusCode);
        Assert.Equal(freshAnswer.Headers.Location, existingAnswer.Headers.Location);
        var existingPage = HttpForms.Text(await forExisting.GetStringAsync(existingAnswer.Headers.Location));
        var freshPage = HttpForms.Text(await forFresh.GetStringAsync(freshAnswer.Headers.Location));
        Assert.Equal(freshPage.Replace(fresh, "ADDRESS", StringComparison.Ordinal), existingPage.Replace(existing, "ADDRESS", StringComparison.Ordinal));

        var warning = (await app.MessagesToAsync(existing)).Except(before, new SameId()).Single();
        Assert.Equal("Someone tried to create an account with your email address", warning.Subject);
        Assert.Contains("Dear Daniel Hughes,", warning.Body, StringComparison.Ordinal);
        Assert.Equal("/Account/SignIn", warning.LinkTo("/Account/SignIn").AbsolutePath);
        Assert.Equal("/Account/ForgotPassword", warning.LinkTo("/Account/ForgotPassword").AbsolutePath);
        Assert.Equal("Daniel Hughes", (await FindUserAsync(existing)).FullName);
        await app.SignedInClientAsync(existing, DemoDataSeeder.Password);
    }

    [Fact]
    public async Task A_registration_form_with_problems_names_each_one_and_creates_no_account()
    {
        var email = Mailbox.UniqueEmail("problems");

        var empty = await app.NewClient().PostFormAsync("/Account/Register", new() { ["Input.FullName"] = "", ["Input.Email"] = "", ["Input.Password"] = "", ["Input.ConfirmPassword"] = "" });
        var shortPassword = await app.NewClient().PostFormAsync("/Account/Register", new() { ["Input.FullName"] = "Al", ["Input.Email"] = "not-an-email", ["Input.Password"] = "too short", ["Input.ConfirmPassword"] = "too short" });
        var different = await app.NewClient().PostFormAsync("/Account/Register", new() { ["Input.FullName"] = "Al", ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password + "!" });

        var emptyPage = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("There is a problem", emptyPage, StringComparison.Ordinal);
        foreach (var (field, message) in new[] { ("Input_FullName", "Enter your full name"), ("Input_Email", "Enter your email address"), ("Input_Password", "Enter a password"), ("Input_ConfirmPassword", "Enter your password again") })
        {
            Assert.Contains($"<a href=\"#{field}\">{message}</a>", emptyPage, StringComparison.Ordinal);
            Assert.Contains($"id=\"{field}-error\"", emptyPage, StringComparison.Ordinal);
        }

        var shortPage = HttpForms.Text(await shortPassword.Content.ReadAsStringAsync());
        Assert.Contains("Enter an email address in the correct format, like name@example.org", shortPage, StringComparison.Ordinal);
        Assert.Contains("Your password must be 12 characters or more", shortPage, StringComparison.Ordinal);
        Assert.Contains("The passwords do not match. Enter the same password in both fields", HttpForms.Text(await different.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null(await app.InScopeAsync(services => services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email)));
        Assert.Empty(await app.MessagesToAsync(email));
    }

    [Fact]
    public async Task A_full_name_with_a_line_break_is_refused_on_the_form_and_creates_no_account_and_no_email()
    {
        var email = Mailbox.UniqueEmail("linebreak");

        var answer = await RegisterAsync(app.NewClient(), email, "Jo Bloggs\r\nBcc: victim@example.org");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#Input_FullName\">Your full name must be on one line: remove any line breaks, tabs or other control characters</a>", page, StringComparison.Ordinal);
        Assert.Null(await app.InScopeAsync(services => services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email)));
        Assert.Empty(await app.MessagesToAsync(email));
    }

    [Fact]
    public async Task The_register_page_says_how_long_a_password_must_be()
    {
        var page = HttpForms.Text(await app.NewClient().GetStringAsync("/Account/Register"));

        Assert.Contains("Your password must be 12 characters or more.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_emailed_link_which_then_stops_working()
    {
        var email = Mailbox.UniqueEmail("forgetful");
        await app.CreateApplicantAsync(email, Password, "Chris Forgetful");
        const string newPassword = "a brand new long password";

        var asked = await app.NewClient().PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = email });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Equal("/Account/CheckYourEmail?sent=reset", asked.Headers.Location!.OriginalString);
        var mail = await app.SingleMessageAsync(email, "Reset your password");
        var link = mail.LinkTo("/Account/ResetPassword");
        var query = QueryHelpers.ParseQuery(link.Query);
        var client = app.NewClient();
        Assert.Contains("Choose a new password", HttpForms.Text(await client.GetStringAsync(link.PathAndQuery)), StringComparison.Ordinal);

        var mismatch = await client.PostFormAsync("/Account/ResetPassword", new() { ["UserId"] = query["userId"]!, ["Code"] = query["code"]!, ["Input.Password"] = newPassword, ["Input.ConfirmPassword"] = "something else entirely" }, link.PathAndQuery);
        Assert.Contains("The passwords do not match", HttpForms.Text(await mismatch.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var reset = await client.PostFormAsync("/Account/ResetPassword", new() { ["UserId"] = query["userId"]!, ["Code"] = query["code"]!, ["Input.Password"] = newPassword, ["Input.ConfirmPassword"] = newPassword }, link.PathAndQuery);

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Contains("Your password has been reset", HttpForms.Text(await client.GetStringAsync(reset.Headers.Location!)), StringComparison.Ordinal);
        var oldPassword = await app.NewClient().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Contains("The email address or password is not right", HttpForms.Text(await oldPassword.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        await app.SignedInClientAsync(email, newPassword);
        await app.SingleMessageAsync(email, "Your password for Commissioning has been changed");
        var again = await app.NewClient().GetStringAsync(link.PathAndQuery);
        Assert.Contains("This link has expired or is not right", HttpForms.Text(again), StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/ForgotPassword\"", again, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("123456789012", "it contains a sequence, like abcd or 1234")]
    [InlineData("passwordpassword", "it is, or contains, a password that many people use")]
    [InlineData("EMAIL", "it contains your email address, your name or the name of this service")]
    [InlineData("Morgan Quillfeather", "it contains your email address, your name or the name of this service")]
    public async Task A_password_that_is_easy_to_guess_is_refused_on_registering_with_advice_on_what_to_use_instead(string password, string why)
    {
        var email = Mailbox.UniqueEmail("weak");
        password = password == "EMAIL" ? email : password;

        var answer = await RegisterAsync(app.NewClient(), email, "Morgan Quillfeather", password);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var page = await answer.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#Input_Password\">Your password is too easy to guess", page, StringComparison.Ordinal);
        Assert.Contains($"Your password is too easy to guess: {why}. Use three or four random words together, or add another word that is not common", HttpForms.Text(page), StringComparison.Ordinal);
        Assert.Null(await app.InScopeAsync(services => services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email)));
        Assert.Empty(await app.MessagesToAsync(email));
    }

    [Fact]
    public async Task A_password_that_is_easy_to_guess_is_refused_alike_whether_or_not_the_address_has_an_account()
    {
        var fresh = Mailbox.UniqueEmail("weak-fresh");

        var existing = await RegisterAsync(app.NewClient(), "csp@demo.commissioning.test", "Someone Else", "passwordpassword");
        var unknown = await RegisterAsync(app.NewClient(), fresh, "Someone Else", "passwordpassword");

        Assert.Equal(HttpStatusCode.OK, existing.StatusCode);
        Assert.Equal(
            HttpForms.Text(await unknown.Content.ReadAsStringAsync()).Replace(fresh, "ADDRESS", StringComparison.Ordinal),
            HttpForms.Text(await existing.Content.ReadAsStringAsync()).Replace("csp@demo.commissioning.test", "ADDRESS", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_password_that_is_hard_to_guess_is_accepted_on_registering()
    {
        var email = Mailbox.UniqueEmail("strong");

        var answer = await RegisterAsync(app.NewClient(), email, "Morgan Quillfeather", "lantern orbit cabbage velvet");

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.NotNull(await app.InScopeAsync(services => services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email)));
    }

    [Fact]
    public async Task Resetting_a_password_refuses_one_that_is_easy_to_guess_and_ends_every_session_at_once()
    {
        var email = Mailbox.UniqueEmail("reset-sessions");
        await app.CreateApplicantAsync(email, Password, "Robin Resetter");
        var elsewhere = app.NewClient();
        var cookie = SignInTests.AuthCookie(await elsewhere.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = Password }));
        Assert.Equal(HttpStatusCode.OK, (await SignInTests.WithCookieAsync(app, cookie, "/Account/Security")).StatusCode);

        await app.NewClient().PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = email });
        var link = (await app.SingleMessageAsync(email, "Reset your password")).LinkTo("/Account/ResetPassword");
        var query = QueryHelpers.ParseQuery(link.Query);
        var client = app.NewClient();
        var weak = await client.PostFormAsync("/Account/ResetPassword", new() { ["UserId"] = query["userId"]!, ["Code"] = query["code"]!, ["Input.Password"] = "passwordpassword", ["Input.ConfirmPassword"] = "passwordpassword" }, link.PathAndQuery);
        Assert.Contains("Your password is too easy to guess: it is, or contains, a password that many people use", HttpForms.Text(await weak.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SignInTests.WithCookieAsync(app, cookie, "/Account/Security")).StatusCode);
        var reset = await client.PostFormAsync("/Account/ResetPassword", new() { ["UserId"] = query["userId"]!, ["Code"] = query["code"]!, ["Input.Password"] = "lantern orbit cabbage velvet", ["Input.ConfirmPassword"] = "lantern orbit cabbage velvet" }, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        var replayed = await SignInTests.WithCookieAsync(app, cookie, "/Account/Security");
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/Account/SignIn", replayed.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/Account/Security")).StatusCode);
    }

    [Fact]
    public async Task Asking_to_reset_the_password_of_an_address_with_no_account_gets_the_same_answer_and_sends_nothing()
    {
        var nobody = Mailbox.UniqueEmail("nobody");
        var somebody = Mailbox.UniqueEmail("somebody");
        await app.CreateApplicantAsync(somebody, Password, "Somebody");
        var forNobody = app.NewClient();
        var forSomebody = app.NewClient();

        var nobodyAnswer = await forNobody.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = nobody });
        var somebodyAnswer = await forSomebody.PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = somebody });

        Assert.Equal(somebodyAnswer.Headers.Location, nobodyAnswer.Headers.Location);
        var nobodyPage = HttpForms.Text(await forNobody.GetStringAsync(nobodyAnswer.Headers.Location));
        var somebodyPage = HttpForms.Text(await forSomebody.GetStringAsync(somebodyAnswer.Headers.Location));
        Assert.Equal(somebodyPage.Replace(somebody, "ADDRESS", StringComparison.Ordinal), nobodyPage.Replace(nobody, "ADDRESS", StringComparison.Ordinal));
        Assert.Contains($"If there is an account for {nobody} , we have sent an email to it", nobodyPage, StringComparison.Ordinal);
        Assert.Empty(await app.MessagesToAsync(nobody));
        Assert.Single(await app.MessagesToAsync(somebody));
    }

    [Fact]
    public async Task An_administrator_reading_the_mail_pages_never_sees_a_link_that_carries_a_token()
    {
        var email = Mailbox.UniqueEmail("no-takeover");
        await app.CreateApplicantAsync(email, Password, "Vic Target");
        await app.NewClient().PostFormAsync("/Account/ForgotPassword", new() { ["Input.Email"] = email });
        var reset = await app.SingleMessageAsync(email, "Reset your password");
        var code = System.Web.HttpUtility.ParseQueryString(reset.LinkTo("/Account/ResetPassword").Query)["code"]!;
        var admin = await app.SignedInClientAsync("admin@demo.commissioning.test", DemoDataSeeder.Password);

        var list = await admin.GetStringAsync("/Admin/Mail");
        var one = await admin.GetStringAsync($"/Admin/Mail/{reset.Id}");

        Assert.DoesNotContain(code, list, StringComparison.Ordinal);
        Assert.DoesNotContain(code, one, StringComparison.Ordinal);
        Assert.DoesNotContain("/Account/ResetPassword?", one, StringComparison.Ordinal);
        Assert.Contains("[link removed: only the addressee can use it]", HttpForms.Text(one), StringComparison.Ordinal);
        Assert.Contains("Dear Vic Target,", one, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reset_link_that_is_not_right_shows_no_form_and_changes_nothing()
    {
        var email = Mailbox.UniqueEmail("untouched");
        var user = await app.CreateApplicantAsync(email, Password, "Untouched");

        var page = await app.NewClient().GetStringAsync($"/Account/ResetPassword?userId={user.Id}&code=bm90LWEtdG9rZW4");

        Assert.Contains("This link has expired or is not right", HttpForms.Text(page), StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", page, StringComparison.Ordinal);
        await app.SignedInClientAsync(email, Password);
    }

    [Fact]
    public async Task An_administrator_reads_the_queued_mail_on_the_mail_pages_and_nobody_else_can()
    {
        var email = Mailbox.UniqueEmail("mail-page");
        await RegisterAsync(app.NewClient(), email, "Robin Mailpage");
        var message = await app.SingleMessageAsync(email, "Confirm your email address");
        var admin = await app.SignedInClientAsync("admin@demo.commissioning.test", DemoDataSeeder.Password);
        var applicant = await app.SignedInClientAsync("applicant@demo.commissioning.test", DemoDataSeeder.Password);

        var list = await admin.GetStringAsync("/Admin/Mail");
        var one = await admin.GetStringAsync($"/Admin/Mail/{message.Id}");

        Assert.Contains($"href=\"/Admin/Mail/{message.Id}\"", list, StringComparison.Ordinal);
        Assert.Contains(email, list, StringComparison.Ordinal);
        Assert.Contains("Confirm your email address for Commissioning", HttpForms.Text(list), StringComparison.Ordinal);
        Assert.Contains("Mail sent by the service", HttpForms.Text(await admin.GetStringAsync("/")), StringComparison.Ordinal);
        Assert.Contains("[link removed: only the addressee can use it]", HttpForms.Text(one), StringComparison.Ordinal);
        Assert.Contains("Dear Robin Mailpage,", one, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Mail/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Mail?p=999")).StatusCode);
        foreach (var url in new[] { "/Admin/Mail", $"/Admin/Mail/{message.Id}" })
        {
            var refused = await applicant.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
            var anonymous = await app.NewClient().GetAsync(url);
            Assert.StartsWith("/Account/SignIn", anonymous.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Registering_works_on_a_new_database_with_no_demo_data_and_links_use_the_configured_public_address()
    {
        await using var database = await TestDatabase.CreateAsync(app.Provider);
        await using var factory = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string> { ["Demo:SeedOnFirstRun"] = "false", ["Service:PublicAddress"] = "https://grants.example.org/" });
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var email = Mailbox.UniqueEmail("first");

        var registered = await RegisterAsync(client, email, "First Applicant");

        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        await using var db = database.NewContext();
        Assert.False(await db.Funds.AnyAsync());
        Assert.Equal(Roles.All.Order(), (await db.Roles.Select(r => r.Name!).ToListAsync()).Order());
        var user = await db.Users.SingleAsync(u => u.Email == email);
        Assert.True(await db.UserRoles.AnyAsync(ur => ur.UserId == user.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Applicant)));
        var mail = Assert.Single(await db.OutboxMessages.Where(m => m.To == email).ToListAsync());
        Assert.StartsWith("https://grants.example.org/Account/ConfirmEmail?userId=", mail.LinkTo("/Account/ConfirmEmail").OriginalString, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string fullName, string password = Password, string? returnUrl = null) =>
        client.PostFormAsync(
            returnUrl is null ? "/Account/Register" : $"/Account/Register?ReturnUrl={Uri.EscapeDataString(returnUrl)}",
            new() { ["Input.FullName"] = fullName, ["Input.Email"] = email, ["Input.Password"] = password, ["Input.ConfirmPassword"] = password });

    private Task<AppUser> FindUserAsync(string email) => app.InScopeAsync(async services =>
        await services.GetRequiredService<CommissioningDbContext>().Users.AsNoTracking().SingleAsync(u => u.NormalizedEmail == email.ToUpperInvariant()));

    private Task<IList<string>> RolesOfAsync(AppUser user) => app.InScopeAsync(async services =>
        await services.GetRequiredService<UserManager<AppUser>>().GetRolesAsync(await services.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(user.Id) ?? throw new InvalidOperationException("gone")));

    private sealed class SameId : IEqualityComparer<Infrastructure.Mail.OutboxMessage>
    {
        public bool Equals(Infrastructure.Mail.OutboxMessage? x, Infrastructure.Mail.OutboxMessage? y) => x?.Id == y?.Id;

        public int GetHashCode(Infrastructure.Mail.OutboxMessage obj) => obj.Id.GetHashCode();
    }
}

public sealed class AccountTestsOnSqlite(SqliteApp app) : AccountTests(app), IClassFixture<SqliteApp>;

public sealed class AccountTestsOnPostgres(PostgresApp app) : AccountTests(app), IClassFixture<PostgresApp>;
