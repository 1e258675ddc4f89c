using System.Net;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>
/// Members leave an organisation or remove one another, after a confirmation page; the person removed loses access at
/// once and is e-mailed; the last member and the main contact stay; anyone else, or any tampered id, gets 404.
/// </summary>
public abstract class LeavingOrganisationTests(CommissioningApp app)
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task A_member_removes_another_after_confirming_and_the_person_removed_loses_access_at_once_and_is_emailed()
    {
        var group = await NewGroupAsync();
        var (mainContact, member) = (await group.ClientAsync(0), await group.ClientAsync(1));
        var application = await NewApplicationAsync(group.Id);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/Organisations/{group.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/Applications/{application}")).StatusCode);
        var removeUrl = $"/Organisations/{group.Id}/People/{group.People[1].PersonId}/Remove";

        var details = await mainContact.GetStringAsync($"/Organisations/{group.Id}");
        var confirm = await mainContact.GetStringAsync(removeUrl);
        var removed = await mainContact.PostFormAsync(removeUrl, []);

        Assert.Contains($"<a class=\"govuk-link\" href=\"{removeUrl}\">Remove<span class=\"govuk-visually-hidden\"> Bea Member</span></a>", details, StringComparison.Ordinal);
        Assert.Contains($"href=\"/Organisations/{group.Id}/People/{group.People[0].PersonId}/Remove\">Leave<span class=\"govuk-visually-hidden\"> {group.Name}</span>", details, StringComparison.Ordinal);
        var confirmText = HttpForms.Text(confirm);
        Assert.Contains($"Are you sure you want to remove Bea Member from {group.Name}?", confirmText, StringComparison.Ordinal);
        Assert.Contains($"Email address {group.People[1].Email}", confirmText, StringComparison.Ordinal);
        Assert.Contains("Yes, remove Bea Member No, go back", confirmText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal($"/Organisations/{group.Id}", removed.Headers.Location!.OriginalString);
        var after = HttpForms.Text(await mainContact.GetStringAsync($"/Organisations/{group.Id}"));
        Assert.Contains($"You removed Bea Member from {group.Name}. We have emailed them to say so.", after, StringComparison.Ordinal);
        Assert.DoesNotContain(group.People[1].Email, after, StringComparison.Ordinal);

        // Still signed in, the person removed can no longer reach anything of the organisation's.
        foreach (var url in new[] { $"/Organisations/{group.Id}", $"/Organisations/{group.Id}/Profile", $"/Organisations/{group.Id}/Documents", $"/Organisations/{group.Id}/Bank", removeUrl, $"/Applications/{application}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync(url)).StatusCode);
        }

        Assert.DoesNotContain(group.Name, HttpForms.Text(await member.GetStringAsync("/Organisations")), StringComparison.Ordinal);
        var mail = await app.SingleMessageAsync(group.People[1].Email, $"You have been removed from {group.Name}");
        Assert.Contains("Dear Bea Member,", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"Ade Maincontact has removed you from {group.Name}", mail.Body, StringComparison.Ordinal);
        var audit = await app.InScopeAsync(services => services.GetRequiredService<CommissioningDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(OrganisationPerson) && a.EntityId == group.People[1].PersonId.ToString()).ToListAsync());
        var deleted = Assert.Single(audit, a => a.Action == "Deleted");
        Assert.Equal(group.People[0].Email, deleted.Actor);
        Assert.Contains(group.People[1].Email, deleted.Changes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_leaves_and_then_the_last_member_cannot_leave()
    {
        var group = await NewGroupAsync();
        var (mainContact, member) = (await group.ClientAsync(0), await group.ClientAsync(1));
        var leaveUrl = $"/Organisations/{group.Id}/People/{group.People[1].PersonId}/Remove";

        var confirm = HttpForms.Text(await member.GetStringAsync(leaveUrl));
        var left = await member.PostFormAsync(leaveUrl, []);

        Assert.Contains($"Are you sure you want to leave {group.Name}?", confirm, StringComparison.Ordinal);
        Assert.Contains($"Yes, leave {group.Name}", confirm, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, left.StatusCode);
        Assert.Equal("/Organisations", left.Headers.Location!.OriginalString);
        Assert.Contains($"You have left {group.Name}.", HttpForms.Text(await member.GetStringAsync("/Organisations")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"/Organisations/{group.Id}")).StatusCode);
        Assert.Contains("You have left", (await app.SingleMessageAsync(group.People[1].Email, $"You have left {group.Name}")).Body, StringComparison.Ordinal);

        var lastUrl = $"/Organisations/{group.Id}/People/{group.People[0].PersonId}/Remove";
        var lastPage = await mainContact.GetStringAsync(lastUrl);
        var refused = await mainContact.PostFormAsync(lastUrl, [], tokenFrom: "/Organisations");

        Assert.Contains($"You cannot leave {group.Name}", HttpForms.Text(lastPage), StringComparison.Ordinal);
        Assert.Contains($"You are the only member of {group.Name}, so you cannot leave it. Invite a colleague to join {group.Name} first", HttpForms.Text(lastPage), StringComparison.Ordinal);
        Assert.DoesNotContain("Yes, leave", lastPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", refusedPage, StringComparison.Ordinal);
        Assert.Contains($"You are the only member of {group.Name}, so you cannot leave it.", HttpForms.Text(refusedPage), StringComparison.Ordinal);
        Assert.Equal([group.People[0].Email], (await PeopleAsync(group.Id)).Select(p => p.Email));
        Assert.Equal(HttpStatusCode.OK, (await mainContact.GetAsync($"/Organisations/{group.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_main_contact_cannot_be_removed_until_another_member_is_made_main_contact()
    {
        var group = await NewGroupAsync();
        var member = await group.ClientAsync(1);
        var url = $"/Organisations/{group.Id}/People/{group.People[0].PersonId}/Remove";

        var page = HttpForms.Text(await member.GetStringAsync(url));
        var refused = await member.PostFormAsync(url, [], tokenFrom: "/Organisations");

        Assert.Contains("You cannot remove Ade Maincontact", page, StringComparison.Ordinal);
        Assert.Contains($"Ade Maincontact is the main contact of {group.Name}, so they cannot be removed yet. Make another member the main contact on the organisation profile first.", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("There is a problem", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(2, (await PeopleAsync(group.Id)).Count);
    }

    [Fact]
    public async Task Non_members_and_tampered_ids_get_404_and_nothing_changes()
    {
        var group = await NewGroupAsync();
        var other = await NewGroupAsync();
        var mainContact = await group.ClientAsync(0);
        var outsider = await app.SignedInClientAsync("csp@demo.commissioning.test", DemoDataSeeder.Password);
        var ownUrl = $"/Organisations/{group.Id}/People/{group.People[1].PersonId}/Remove";

        var attempts = new List<(HttpClient Client, string Url)>
        {
            (outsider, ownUrl),
            (mainContact, $"/Organisations/{group.Id}/People/{other.People[1].PersonId}/Remove"),
            (mainContact, $"/Organisations/{other.Id}/People/{other.People[1].PersonId}/Remove"),
            (mainContact, $"/Organisations/{other.Id}/People/{group.People[1].PersonId}/Remove"),
            (mainContact, $"/Organisations/{group.Id}/People/{Guid.NewGuid()}/Remove"),
            (mainContact, $"/Organisations/{Guid.NewGuid()}/People/{group.People[1].PersonId}/Remove"),
            (mainContact, $"/Organisations/{group.Id}/People/not-a-guid/Remove"),
        };
        foreach (var (client, url) in attempts)
        {
            var get = await client.GetAsync(url);
            var post = await client.PostFormAsync(url, [], tokenFrom: "/Organisations");

            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
            Assert.Contains("Page not found", HttpForms.Text(await post.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        var anonymous = await app.NewClient().GetAsync(ownUrl);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/Account/SignIn", anonymous.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(2, (await PeopleAsync(group.Id)).Count);
        Assert.Equal(2, (await PeopleAsync(other.Id)).Count);
        Assert.Empty(await app.MessagesToAsync(other.People[1].Email));
    }

    [Fact]
    public async Task Two_members_removing_each_other_at_the_same_moment_leave_one_member()
    {
        // The main contact here has no sign-in, so the two members are the only people who can be removed.
        var group = await NewGroupAsync(mainContactSignsIn: false);
        var (first, second) = (await group.ClientAsync(1), await group.ClientAsync(2));
        var firstUrl = $"/Organisations/{group.Id}/People/{group.People[2].PersonId}/Remove";
        var secondUrl = $"/Organisations/{group.Id}/People/{group.People[1].PersonId}/Remove";
        var firstToken = await TokenAsync(first, firstUrl);
        var secondToken = await TokenAsync(second, secondUrl);

        var answers = await Task.WhenAll(
            first.PostAsync(firstUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = firstToken })),
            second.PostAsync(secondUrl, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = secondToken })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.DoesNotContain(answers, a => a.StatusCode >= HttpStatusCode.InternalServerError);
        Assert.Single(await PeopleAsync(group.Id), p => p.UserId is not null);
    }

    private sealed record Person(PersonId PersonId, string Email, string FullName);

    private sealed record Group(OrganisationId Id, string Name, IReadOnlyList<Person> People, CommissioningApp App)
    {
        public Task<HttpClient> ClientAsync(int person) => App.SignedInClientAsync(People[person].Email, Password);
    }

    /// <summary>A group with Ade Maincontact (main contact), Bea Member and Cal Member, each with a sign-in unless said otherwise.</summary>
    private async Task<Group> NewGroupAsync(bool mainContactSignsIn = true)
    {
        var name = $"Leaving group {Guid.NewGuid():N}"[..22];
        var people = new List<(string Email, string FullName, PersonRole Role, string? UserId)>();
        foreach (var (fullName, role) in new[] { ("Ade Maincontact", PersonRole.MainContact), ("Bea Member", PersonRole.Member), ("Cal Member", PersonRole.Member) })
        {
            var email = Mailbox.UniqueEmail(fullName.Split(' ')[0].ToLowerInvariant());
            var userId = role == PersonRole.MainContact && !mainContactSignsIn ? null : (await app.CreateApplicantAsync(email, Password, fullName)).Id;
            people.Add((email, fullName, role, userId));
        }

        return await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CommissioningDbContext>();
            var organisation = db.Organisations.Add(new Organisation(name, LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None)).Entity;
            var added = people.Take(mainContactSignsIn ? 2 : 3).Select(p => organisation.AddPerson(p.FullName, p.Email, p.Role, p.UserId)).ToList();
            await db.SaveChangesAsync();
            return new Group(organisation.Id, name, [.. added.Select(p => new Person(p.Id, p.Email, p.FullName))], app);
        });
    }

    /// <summary>A draft application of the organisation to the demo round, made directly.</summary>
    private Task<Guid> NewApplicationAsync(OrganisationId organisation) => app.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<CommissioningDbContext>();
        var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Title == "Police Property Act Fund 2026/27: round 2");
        var application = db.Applications.Add(new Commissioning.Domain.Applications.GrantApplication(round.Id, organisation, "Summer youth sessions", DateTimeOffset.UtcNow, "test")).Entity;
        await db.SaveChangesAsync();
        return application.Id.Value;
    });

    private Task<List<OrganisationPerson>> PeopleAsync(OrganisationId id) => app.InScopeAsync(services =>
        services.GetRequiredService<CommissioningDbContext>().Set<OrganisationPerson>().AsNoTracking().Where(p => p.OrganisationId == id).ToListAsync());

    private static async Task<string> TokenAsync(HttpClient client, string url)
    {
        var page = await client.GetStringAsync(url);
        var match = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.True(match.Success, $"{url} has no form");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }
}

public sealed class LeavingOrganisationTestsOnSqlite(SqliteApp app) : LeavingOrganisationTests(app), IClassFixture<SqliteApp>;

public sealed class LeavingOrganisationTestsOnPostgres(PostgresApp app) : LeavingOrganisationTests(app), IClassFixture<PostgresApp>;
