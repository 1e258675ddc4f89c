using System.Net;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.People;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Commissioning.Web.Pages.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>
/// An administrator invites staff, gives and removes their roles and deactivates accounts through the pages; the
/// invited person sets a password from the e-mail and signs in with their role, and a deactivated account is refused
/// at once, even in a browser already signed in. Every change is on the account's history.
/// </summary>
public abstract class PeopleAndRolesTests(CommissioningApp app)
{
    private const string Admin = "admin@demo.commissioning.test";
    private const string NewPassword = "Riverbank-Lantern-Oatmeal-42";

    [Fact]
    public async Task An_invited_member_of_staff_sets_a_password_from_the_email_and_signs_in_with_their_role()
    {
        var admin = await SignInAsync(Admin);
        var email = Mailbox.UniqueEmail("officer");

        var invited = await admin.PostFormAsync("/Admin/Users/Invite", Invitation("Priya Natarajan", email, Roles.GrantsOfficer, Roles.Assessor));

        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var userPage = HttpForms.Text(await admin.GetStringAsync(invited.Headers.Location!.OriginalString));
        Assert.Contains($"An invitation has been sent to {email}.", userPage, StringComparison.Ordinal);
        Assert.Contains("Invited; they have not set a password yet", userPage, StringComparison.Ordinal);
        Assert.Contains("Invited with the roles Grants officer, Assessor", userPage, StringComparison.Ordinal);
        Assert.Contains($"by {Admin}", userPage, StringComparison.Ordinal);
        var list = HttpForms.Text(await admin.GetStringAsync("/Admin/Users"));
        Assert.Contains($"Priya Natarajan Invited {email} Grants officer, Assessor", list, StringComparison.Ordinal);

        var mail = await app.SingleMessageAsync(email, "Set your password for");
        Assert.Contains($"{Admin} has given you an account", mail.Body, StringComparison.Ordinal);
        var link = mail.LinkTo("/Account/ResetPassword");
        var person = app.NewClient();
        var setPage = HttpForms.Text(await person.GetStringAsync(link.PathAndQuery));
        Assert.Contains("Set your password", setPage, StringComparison.Ordinal);
        await AssertRefusedAsync(person, "/Admin/Funds", toSignIn: true);

        var set = await person.PostFormAsync(link.PathAndQuery, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword }, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Contains("Your password has been set", HttpForms.Text(await person.GetStringAsync(set.Headers.Location!.OriginalString)), StringComparison.Ordinal);

        var officer = await app.SignedInClientAsync(email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync("/Admin/Funds")).StatusCode);
        await AssertRefusedAsync(officer, "/Admin/Users", toSignIn: false);
        var row = HttpForms.Text(await admin.GetStringAsync("/Admin/Users"));
        Assert.Contains($"Priya Natarajan {email} Grants officer, Assessor Two-factor sign-in not set up; last signed in", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inviting_an_address_that_has_an_account_says_what_to_do_instead_and_sends_nothing()
    {
        var admin = await SignInAsync(Admin);
        var applicant = Mailbox.UniqueEmail("applicant");
        await app.CreateApplicantAsync(applicant, NewPassword, "Sam Applicant");

        var again = await admin.PostFormAsync("/Admin/Users/Invite", Invitation("The officer", "officer@demo.commissioning.test", Roles.Finance));
        var asApplicant = await admin.PostFormAsync("/Admin/Users/Invite", Invitation("Sam Applicant", applicant, Roles.Finance));
        var bad = await admin.PostFormAsync("/Admin/Users/Invite", new() { ["Input.FullName"] = "", ["Input.Email"] = "not an address" });

        var againPage = HttpForms.Text(await again.Content.ReadAsStringAsync());
        Assert.Contains("officer@demo.commissioning.test already has a staff account", againPage, StringComparison.Ordinal);
        Assert.Contains("Change their roles on their page instead", againPage, StringComparison.Ordinal);
        Assert.Contains("Go to their page", againPage, StringComparison.Ordinal);
        Assert.Contains("already has an applicant's account", HttpForms.Text(await asApplicant.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var badPage = HttpForms.Text(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Enter the person's full name", badPage, StringComparison.Ordinal);
        Assert.Contains("Enter an email address in the correct format", badPage, StringComparison.Ordinal);
        Assert.Contains("Choose at least one role", badPage, StringComparison.Ordinal);
        Assert.Empty(await app.MessagesToAsync(applicant));
        var roles = await InScopeAsync(async s => await s.GetRequiredService<UserManager<AppUser>>().GetRolesAsync((await s.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(applicant))!));
        Assert.Equal([Roles.Applicant], roles);
    }

    [Fact]
    public async Task Two_administrators_inviting_one_address_at_the_same_moment_make_one_account_and_the_other_is_told()
    {
        var email = Mailbox.UniqueEmail("twice");
        using var start = new Barrier(2);
        async Task<InviteStaffMember.Outcome> InviteAsync(string by)
        {
            await using var scope = app.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CommissioningDbContext>().Database.OpenConnectionAsync();
            await Task.Run(() => start.SignalAndWait(TimeSpan.FromSeconds(30)));
            return await scope.ServiceProvider.GetRequiredService<InviteStaffMember>().InviteAsync("Casey Twice", email, [Roles.Assessor], by, path => $"https://grants.example.org{path}", CancellationToken.None);
        }

        var outcomes = await Task.WhenAll(Task.Run(() => InviteAsync("first@opcc.example.org")), Task.Run(() => InviteAsync("second@opcc.example.org")));

        Assert.Single(outcomes, o => o.Invited is not null);
        Assert.Contains($"{email} already has a staff account", Assert.Single(outcomes, o => o.Invited is null).Problem, StringComparison.Ordinal);
        Assert.Equal(1, await InDbAsync(db => db.Users.CountAsync(u => u.Email == email)));
        Assert.Single(await app.MessagesToAsync(email));
    }

    [Fact]
    public async Task Roles_given_and_removed_apply_to_the_persons_next_request_and_are_on_their_history()
    {
        var admin = await SignInAsync(Admin);
        var (id, email) = await InviteAndSetPasswordAsync(admin, "Morgan Finch", Roles.Assessor);
        var person = await app.SignedInClientAsync(email, NewPassword);
        await AssertRefusedAsync(person, "/Finance/Suppliers", toSignIn: false);

        var given = await admin.PostFormAsync($"/Admin/Users/{id}?handler=Roles", new() { ["SelectedRoles"] = Roles.Finance }, $"/Admin/Users/{id}");

        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/Finance/Suppliers")).StatusCode);
        Assert.Equal([Roles.Finance], await RolesOfAsync(email));

        await admin.PostFormAsync($"/Admin/Users/{id}?handler=Roles", new() { ["SelectedRoles"] = Roles.FinanceApprover }, $"/Admin/Users/{id}");

        await AssertRefusedAsync(person, "/Finance/Suppliers", toSignIn: false);
        Assert.Equal([Roles.FinanceApprover], await RolesOfAsync(email));
        var history = HttpForms.Text(await admin.GetStringAsync($"/Admin/Users/{id}"));
        Assert.Contains("Given the role Finance approver", history, StringComparison.Ordinal);
        Assert.Contains("Role Finance removed", history, StringComparison.Ordinal);
        Assert.Contains("Given the role Finance", history, StringComparison.Ordinal);
        Assert.Contains("Role Assessor removed", history, StringComparison.Ordinal);
        Assert.Contains("Finance approver", HttpForms.Text(await admin.GetStringAsync("/Admin/Users")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_account_is_signed_out_at_its_next_request_and_cannot_sign_in_until_reactivated()
    {
        var admin = await SignInAsync(Admin);
        var (id, email) = await InviteAndSetPasswordAsync(admin, "Alex Morgan", Roles.GrantsOfficer);
        var person = await app.SignedInClientAsync(email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync("/Admin/Funds")).StatusCode);

        var deactivated = await admin.PostFormAsync($"/Admin/Users/{id}?handler=Deactivate", [], $"/Admin/Users/{id}");

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        await AssertRefusedAsync(person, "/Admin/Funds", toSignIn: true);
        await AssertRefusedAsync(person, "/", toSignIn: false, home: true);
        var again = await app.NewClient().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = NewPassword });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(SignInModel.Deactivated, HttpForms.Text(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var wrong = await app.NewClient().PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = "not-the-password-at-all" });
        Assert.DoesNotContain("deactivated", HttpForms.Text(await wrong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var page = HttpForms.Text(await admin.GetStringAsync($"/Admin/Users/{id}"));
        Assert.Contains("Deactivated on", page, StringComparison.Ordinal);
        Assert.Contains("Account deactivated", page, StringComparison.Ordinal);
        Assert.NotNull(await InDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.DeactivatedAt).SingleAsync()));

        await admin.PostFormAsync($"/Admin/Users/{id}?handler=Reactivate", [], $"/Admin/Users/{id}");

        var back = await app.SignedInClientAsync(email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/Admin/Funds")).StatusCode);
        Assert.Contains("Account reactivated", HttpForms.Text(await admin.GetStringAsync($"/Admin/Users/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deactivated_assessor_is_no_longer_among_the_people_the_workflow_offers_tasks_to()
    {
        var admin = await SignInAsync(Admin);
        var (id, _) = await InviteAndSetPasswordAsync(admin, "Jordan Pike", Roles.Assessor);
        async Task<bool> OfferedAsync() => await app.InScopeAsync(async services =>
            (await services.GetRequiredService<Commissioning.Workflows.Runtime.IWorkflowPeople>().InRoleAsync(Roles.Assessor, CancellationToken.None)).Any(p => p.UserId == id));
        Assert.True(await OfferedAsync());

        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync($"/Admin/Users/{id}?handler=Deactivate", [], $"/Admin/Users/{id}")).StatusCode);

        Assert.False(await OfferedAsync(), "A deactivated account was still offered assessment tasks.");
    }

    [Fact]
    public async Task Resetting_two_factor_removes_the_authenticator_and_ends_the_persons_sessions()
    {
        var admin = await SignInAsync(Admin);
        var (id, email) = await InviteAndSetPasswordAsync(admin, "Jordan Reeve", Roles.DecisionMaker);
        await InScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
            return true;
        });
        var keyBefore = await InScopeAsync(async s => await s.GetRequiredService<UserManager<AppUser>>().GetAuthenticatorKeyAsync((await s.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!));
        Assert.Contains("Two-factor sign-in On", HttpForms.Text(await admin.GetStringAsync($"/Admin/Users/{id}")), StringComparison.Ordinal);

        var reset = await admin.PostFormAsync($"/Admin/Users/{id}?handler=ResetTwoFactor", [], $"/Admin/Users/{id}");

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        var page = HttpForms.Text(await admin.GetStringAsync($"/Admin/Users/{id}"));
        Assert.Contains("Two-factor sign-in Not set up", page, StringComparison.Ordinal);
        Assert.Contains("Two-factor sign-in reset", page, StringComparison.Ordinal);
        var user = await InDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == email));
        Assert.False(user.TwoFactorEnabled);
        var keyAfter = await InScopeAsync(async s => await s.GetRequiredService<UserManager<AppUser>>().GetAuthenticatorKeyAsync((await s.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))!));
        Assert.NotEqual(keyBefore, keyAfter);
    }

    [Fact]
    public async Task Staff_who_are_not_administrators_may_not_open_or_post_to_the_people_pages()
    {
        var admin = await SignInAsync(Admin);
        var officerId = await InDbAsync(db => db.Users.Where(u => u.Email == "officer@demo.commissioning.test").Select(u => u.Id).SingleAsync());
        var formPage = $"/Admin/Users/{officerId}";
        var token = await admin.GetStringAsync(formPage);
        Assert.Contains("name=\"__RequestVerificationToken\"", token, StringComparison.Ordinal);

        foreach (var email in new[] { "officer@demo.commissioning.test", "finance@demo.commissioning.test", "pcc@demo.commissioning.test", "assessor@demo.commissioning.test" })
        {
            var staff = await SignInAsync(email);
            foreach (var page in new[] { "/Admin/Users", "/Admin/Users/Invite", formPage })
            {
                await AssertRefusedAsync(staff, page, toSignIn: false);
            }

            var posted = await staff.PostAsync($"{formPage}?handler=Deactivate", new FormUrlEncodedContent([]));
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", posted.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
            var denied = await staff.GetAsync(posted.Headers.Location);
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }

        Assert.Null(await InDbAsync(db => db.Users.Where(u => u.Id == officerId).Select(u => u.DeactivatedAt).SingleAsync()));
        var applicant = await SignInAsync("applicant@demo.commissioning.test");
        await AssertRefusedAsync(applicant, "/Admin/Users", toSignIn: false);
        await AssertRefusedAsync(app.NewClient(), "/Admin/Users", toSignIn: true);
        var applicantId = await InDbAsync(db => db.Users.Where(u => u.Email == "applicant@demo.commissioning.test").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Users/{applicantId}")).StatusCode);
    }

    private async Task<(string Id, string Email)> InviteAndSetPasswordAsync(HttpClient admin, string name, params string[] roles)
    {
        var email = Mailbox.UniqueEmail("staff");
        var invited = await admin.PostFormAsync("/Admin/Users/Invite", Invitation(name, email, roles));
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var link = (await app.SingleMessageAsync(email, "Set your password for")).LinkTo("/Account/ResetPassword");
        var set = await app.NewClient().PostFormAsync(link.PathAndQuery, new() { ["Input.Password"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword }, link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        return (invited.Headers.Location!.OriginalString.Split('/')[^1], email);
    }

    private static Dictionary<string, string> Invitation(string name, string email, params string[] roles)
    {
        var fields = new Dictionary<string, string> { ["Input.FullName"] = name, ["Input.Email"] = email };
        foreach (var (role, index) in roles.Select((r, i) => (r, i)))
        {
            fields[$"Input.Roles[{index}]"] = role;
        }

        return fields;
    }

    private static async Task AssertRefusedAsync(HttpClient client, string path, bool toSignIn, bool home = false)
    {
        var response = await client.GetAsync(path);
        if (home)
        {
            Assert.DoesNotContain("Welcome,", HttpForms.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            return;
        }

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(toSignIn ? "/Account/SignIn" : "/Account/AccessDenied", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    private Task<List<string>> RolesOfAsync(string email) => InScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<AppUser>>();
        return (await users.GetRolesAsync((await users.FindByEmailAsync(email))!)).Order().ToList();
    });

    private Task<HttpClient> SignInAsync(string email) => app.SignedInClientAsync(email, Infrastructure.Demo.DemoDataSeeder.Password);

    private Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work) => app.InScopeAsync(work);

    private Task<T> InDbAsync<T>(Func<CommissioningDbContext, Task<T>> work) => app.InScopeAsync(s => work(s.GetRequiredService<CommissioningDbContext>()));
}

public sealed class PeopleAndRolesTestsOnSqlite(SqliteApp app) : PeopleAndRolesTests(app), IClassFixture<SqliteApp>;

public sealed class PeopleAndRolesTestsOnPostgres(PostgresApp app) : PeopleAndRolesTests(app), IClassFixture<PostgresApp>;
