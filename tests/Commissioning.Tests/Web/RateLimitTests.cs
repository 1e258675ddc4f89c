using System.Net;
using System.Text.RegularExpressions;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
    public async Task Invitations_beyond_a_persons_or_an_organisations_daily_limit_are_refused_with_a_page_that_says_when_and_send_nothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string>
        {
            ["RateLimits:InvitationsPerPersonPerDay"] = "2",
            ["RateLimits:InvitationsPerOrganisationPerDay"] = "3",
        });
        _ = app.Server;
        var riverside = await OrganisationIdAsync(database, "Riverside Youth Project");
        var member = await SignedInAsync(app, "applicant@demo.commissioning.test", Infrastructure.Demo.DemoDataSeeder.Password);
        var invited = Enumerable.Range(1, 3).Select(i => Mailbox.UniqueEmail($"invited-{i}")).ToList();
        var answers = new List<HttpResponseMessage>();
        foreach (var email in invited)
        {
            answers.Add(await member.PostFormAsync($"/Organisations/{riverside}?handler=Invite", new() { ["InviteEmail"] = email }, $"/Organisations/{riverside}"));
        }

        Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.Redirect, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        var page = Comparable(await answers[2].Content.ReadAsStringAsync());
        Assert.Contains("You have sent as many invitations as we allow in 24 hours, so we have not sent this one.", page, StringComparison.Ordinal);
        Assert.Contains("You can invite someone again after ", page, StringComparison.Ordinal);
        Assert.Single(await MessagesToAsync(database, invited[0]));
        Assert.Empty(await MessagesToAsync(database, invited[2]));

        // The organisation's limit counts everyone's: one more from a colleague, then no more from anyone.
        var colleague = Mailbox.UniqueEmail("colleague");
        await AddMemberAsync(app, database, riverside, colleague);
        var other = await SignedInAsync(app, colleague, Password);
        var third = await other.PostFormAsync($"/Organisations/{riverside}?handler=Invite", new() { ["InviteEmail"] = invited[2] }, $"/Organisations/{riverside}");
        var fourth = await other.PostFormAsync($"/Organisations/{riverside}?handler=Invite", new() { ["InviteEmail"] = Mailbox.UniqueEmail("invited-4") }, $"/Organisations/{riverside}");
        Assert.Equal(HttpStatusCode.Redirect, third.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Contains("The people of this organisation have sent as many invitations as we allow in 24 hours", Comparable(await fourth.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Requests_to_join_beyond_a_persons_or_an_organisations_daily_limit_are_refused_with_a_page_that_says_when_and_e_mail_nobody()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string>
        {
            ["RateLimits:JoinRequestsPerPersonPerDay"] = "1",
            ["RateLimits:JoinRequestsPerOrganisationPerDay"] = "1",
        });
        _ = app.Server;
        var reading = await OrganisationIdAsync(database, "Reading Borough Council");
        var shed = await OrganisationIdAsync(database, "Cherwell Valley Community Shed");
        var applicant = await SignedInAsync(app, "applicant@demo.commissioning.test", Infrastructure.Demo.DemoDataSeeder.Password);
        var first = await applicant.PostFormAsync($"/Organisations/Join/{reading}", new() { ["Message"] = "I run the youth project." });
        var second = await applicant.PostFormAsync($"/Organisations/Join/{shed}", new() { ["Message"] = "Click here: http://phish.example" });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);
        var page = Comparable(await second.Content.ReadAsStringAsync());
        Assert.Contains("You have asked to join as many organisations as we allow in 24 hours, so we have not sent this request.", page, StringComparison.Ordinal);
        Assert.Contains("You can ask again after ", page, StringComparison.Ordinal);

        // Reading has had its one request today, whoever asks next.
        var holder = await SignedInAsync(app, "grantholder@demo.commissioning.test", Infrastructure.Demo.DemoDataSeeder.Password);
        var third = await holder.PostFormAsync($"/Organisations/Join/{reading}", new() { ["Message"] = "Hello" });
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("This organisation has had as many requests to join as we allow in 24 hours", Comparable(await third.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        await using var db = database.NewContext();
        Assert.Equal(1, await db.Set<JoinRequest>().CountAsync());
        Assert.Empty(db.OutboxMessages.Where(m => m.Body.Contains("phish.example")));
    }

    [Fact]
    public async Task Limits_that_are_not_whole_numbers_of_one_or_more_stop_start_up_naming_the_settings()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var app = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string> { ["RateLimits:EmailsPerAddress"] = "0" });

        var error = Assert.ThrowsAny<Exception>(() => app.Server);

        Assert.Contains("RateLimits:EmailsPerAddress is 0", Flatten(error), StringComparison.Ordinal);
    }

    private static async Task<HttpClient> SignedInAsync(CommissioningApp.Factory app, string email, string password)
    {
        var client = NewClient(app);
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<Guid> OrganisationIdAsync(TestDatabase database, string name)
    {
        await using var db = database.NewContext();
        return (await db.Organisations.AsNoTracking().Where(o => o.Name == name).Select(o => o.Id).SingleAsync()).Value;
    }

    /// <summary>A confirmed account that is a member of the organisation (made directly: joining is not what is tested).</summary>
    private static async Task AddMemberAsync(CommissioningApp.Factory app, TestDatabase database, Guid organisationId, string email)
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "A Colleague" };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
            await using var db = database.NewContext();
            var organisation = await db.Organisations.Include(o => o.People).SingleAsync(o => o.Id == OrganisationId.From(organisationId));
            organisation.AddPerson("A Colleague", email, PersonRole.Member, user.Id);
            await db.SaveChangesAsync();
        }
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
