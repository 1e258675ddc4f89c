using System.Net;
using System.Text.RegularExpressions;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

public abstract class OrganisationTests(CommissioningApp app)
{
    private const string Password = "correct horse battery staple";

    /// <summary>Amira Okafor (applicant@demo...) is the main contact of Riverside Youth Project, charity 1187654.</summary>
    private const string RiversideMember = "applicant@demo.commissioning.test";

    private const string RiversideOrgId = "GB-CHC-1187654";

    [Fact]
    public async Task An_applicant_creates_an_organisation_through_check_your_answers_and_becomes_its_main_contact()
    {
        var (client, email) = await NewApplicantAsync("Morgan Founder");
        var companyNumber = Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var answered = await client.PostFormAsync("/Organisations/Create", Answers(new()
        {
            ["Input.Name"] = "  Eastfield Safer Streets  ",
            ["Input.LegalForm"] = nameof(LegalForm.CompanyLimitedByGuarantee),
            ["Input.CompanyNumber"] = companyNumber,
            ["Input.Postcode"] = "ox14 3hp",
        }));

        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Equal("/Organisations/Create/Check", answered.Headers.Location!.OriginalString);
        var check = HttpForms.Text(await client.GetStringAsync("/Organisations/Create/Check"));
        Assert.Contains("Check your answers before creating the organisation", check, StringComparison.Ordinal);
        Assert.Contains("Name Eastfield Safer Streets Change name", check, StringComparison.Ordinal);
        Assert.Contains($"Companies House number 0{companyNumber}", check, StringComparison.Ordinal);
        Assert.Contains($"Organisation identifier GB-COH-0{companyNumber}", check, StringComparison.Ordinal);
        Assert.Contains("OX14 3HP", check, StringComparison.Ordinal);
        Assert.Null(await OrganisationAsync($"GB-COH-0{companyNumber}"));

        var created = await client.PostFormAsync("/Organisations/Create/Check", []);

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var organisation = await OrganisationAsync($"GB-COH-0{companyNumber}");
        Assert.NotNull(organisation);
        Assert.Equal($"/Organisations/{organisation.Id}", created.Headers.Location!.OriginalString);
        var person = Assert.Single(organisation.People);
        Assert.Equal(PersonRole.MainContact, person.Role);
        Assert.Equal(email, person.Email);
        Assert.Equal(await UserIdAsync(email), person.UserId);
        var page = HttpForms.Text(await client.GetStringAsync(created.Headers.Location));
        Assert.Contains("Eastfield Safer Streets has been created. You are its main contact.", page, StringComparison.Ordinal);
        Assert.Contains("Legal form Company limited by guarantee", page, StringComparison.Ordinal);
        Assert.Contains($"Morgan Founder {email} Main contact", page, StringComparison.Ordinal);
        Assert.Contains("Eastfield Safer Streets", HttpForms.Text(await client.GetStringAsync("/Organisations")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Organisations/Create/Check")).StatusCode);
    }

    [Fact]
    public async Task Answers_with_problems_get_a_clear_message_beside_each_field_and_nothing_is_saved()
    {
        var (client, _) = await NewApplicantAsync("Riley Mistakes");
        var before = await OrganisationCountAsync();

        var badCharity = await client.PostFormAsync("/Organisations/Create", Answers(new()
        {
            ["Input.LegalForm"] = nameof(LegalForm.RegisteredCharity),
            ["Input.CharityNumber"] = "12AB",
            ["Input.Postcode"] = "",
        }));
        var cicWithoutNumber = await client.PostFormAsync("/Organisations/Create", Answers(new()
        {
            ["Input.Name"] = "",
            ["Input.LegalForm"] = nameof(LegalForm.CommunityInterestCompany),
            ["Input.CicCompanyNumber"] = "",
            ["Input.Postcode"] = "NOT A POSTCODE",
        }));
        var noLegalForm = await client.PostFormAsync("/Organisations/Create", Answers(new() { ["Input.LegalForm"] = "" }));

        Assert.Equal(HttpStatusCode.OK, badCharity.StatusCode);
        var charityPage = await badCharity.Content.ReadAsStringAsync();
        AssertError(charityPage, "Input_CharityNumber", "'12AB' is not a charity number. Enter it as it appears on the register: 6 or 7 digits in England and Wales (like 1234567), SC and 6 digits in Scotland (like SC012345), or NIC and 6 digits in Northern Ireland (like NIC100002).");
        AssertError(charityPage, "Input_Postcode", "Enter the postcode");
        Assert.Contains("value=\"12AB\"", charityPage, StringComparison.Ordinal);
        Assert.Contains("<title>Error: Create an organisation", charityPage, StringComparison.Ordinal);

        var cicPage = await cicWithoutNumber.Content.ReadAsStringAsync();
        AssertError(cicPage, "Input_CicCompanyNumber", "Enter the Companies House number: a community interest company (CIC) is registered at Companies House.");
        AssertError(cicPage, "Input_Name", "Enter the organisation name.");
        AssertError(cicPage, "Input_Postcode", "Enter a real UK postcode, like OX5 2NX; 'NOT A POSTCODE' is not one.");
        var summaryOrder = Regex.Matches(cicPage, "<a href=\"#(Input_[A-Za-z0-9]+)\">").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["Input_Name", "Input_CicCompanyNumber", "Input_Postcode"], summaryOrder);

        AssertError(await noLegalForm.Content.ReadAsStringAsync(), "Input_LegalForm", "Select the organisation's legal form");
        Assert.Equal(before, await OrganisationCountAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/Organisations/Create/Check")).StatusCode);
    }

    [Fact]
    public async Task A_registered_number_that_is_already_registered_is_refused_with_a_message_and_no_error_page()
    {
        var (client, _) = await NewApplicantAsync("Alex Duplicate");
        var before = await OrganisationCountAsync();

        var response = await client.PostFormAsync("/Organisations/Create", Answers(new()
        {
            ["Input.LegalForm"] = nameof(LegalForm.RegisteredCharity),
            ["Input.CharityNumber"] = "1187654",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertError(await response.Content.ReadAsStringAsync(), "Input_CharityNumber", "An organisation with charity number 1187654 is already registered. Ask to join it instead.");
        Assert.Equal(before, await OrganisationCountAsync());
    }

    [Fact]
    public async Task A_number_registered_by_someone_else_between_the_two_steps_is_refused_on_the_check_page()
    {
        var (client, _) = await NewApplicantAsync("Sasha Racer");
        var code = RandomLocalAuthorityCode();
        var answered = await client.PostFormAsync("/Organisations/Create", Answers(new()
        {
            ["Input.LegalForm"] = nameof(LegalForm.LocalAuthority),
            ["Input.LocalAuthorityCode"] = code.ToLowerInvariant(),
        }));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CommissioningDbContext>();
            db.Organisations.Add(new Organisation("Quicker Council", LegalForm.LocalAuthority, RegistrationNumbers.Create(localAuthorityCode: code)));
            return await db.SaveChangesAsync();
        });

        var response = await client.PostFormAsync("/Organisations/Create/Check", []);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"An organisation with local authority code {code} is already registered. Ask to join it instead.", HttpForms.Text(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("Quicker Council", Assert.Single(await app.InScopeAsync(services => services.GetRequiredService<CommissioningDbContext>().Organisations.AsNoTracking().Where(o => o.OrgId == $"GB-LAE-{code}").Select(o => o.Name).ToListAsync())));
    }

    [Fact]
    public async Task A_new_organisation_named_like_a_registered_one_is_shown_it_and_created_only_when_confirmed_different()
    {
        var (client, _) = await NewApplicantAsync("Robin Namesake");
        var answered = await client.PostFormAsync("/Organisations/Create", Answers(new() { ["Input.Name"] = "riverside youth-project" }));
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);

        var check = HttpForms.Text(await client.GetStringAsync("/Organisations/Create/Check"));

        Assert.Contains("Warning An organisation called riverside youth-project is already registered. If yours is one of them, ask to join it instead of creating it again.", check, StringComparison.Ordinal);
        Assert.Contains($"Riverside Youth Project {RiversideOrgId}", check, StringComparison.Ordinal);
        Assert.Contains("Ask to join Riverside Youth Project", check, StringComparison.Ordinal);

        var unconfirmed = await client.PostFormAsync("/Organisations/Create/Check", []);

        Assert.Equal(HttpStatusCode.OK, unconfirmed.StatusCode);
        Assert.Contains("There is a problem Confirm that riverside youth-project is a different organisation from those already registered, or ask to join one of them instead", HttpForms.Text(await unconfirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0, await NamedAsync("riverside youth-project"));

        var confirmed = await client.PostFormAsync("/Organisations/Create/Check", new() { ["ConfirmDifferent"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(1, await NamedAsync("riverside youth-project"));
    }

    private Task<int> NamedAsync(string name) =>
        app.InScopeAsync(services => services.GetRequiredService<CommissioningDbContext>().Organisations.CountAsync(o => o.Name == name));

    [Fact]
    public async Task A_member_approves_a_request_to_join_and_both_sides_are_emailed()
    {
        var (joiner, email) = await NewApplicantAsync("Jo Joiner");
        var riverside = (await OrganisationAsync(RiversideOrgId))!;

        var search = await joiner.GetStringAsync("/Organisations/Join?q=1187654");
        Assert.Contains($"href=\"/Organisations/Join/{riverside.Id}\"", search, StringComparison.Ordinal);
        Assert.Contains("Riverside Youth Project", HttpForms.Text(await joiner.GetStringAsync("/Organisations/Join?q=riverside youth")), StringComparison.Ordinal);
        var asked = await joiner.PostFormAsync($"/Organisations/Join/{riverside.Id}", new() { ["Message"] = "I run the Tuesday youth club." });

        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.Contains("You have asked to join Riverside Youth Project.", HttpForms.Text(await joiner.GetStringAsync(asked.Headers.Location!)), StringComparison.Ordinal);
        var toMember = (await app.MessagesToAsync(RiversideMember)).Last(m => m.Subject == "Jo Joiner has asked to join Riverside Youth Project");
        Assert.Contains("I run the Tuesday youth club.", toMember.Body, StringComparison.Ordinal);
        Assert.Equal($"/Organisations/{riverside.Id}", toMember.LinkTo($"/Organisations/{riverside.Id}").AbsolutePath);

        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);
        var organisationPage = HttpForms.Text(await member.GetStringAsync($"/Organisations/{riverside.Id}"));
        Assert.Contains("Jo Joiner", organisationPage, StringComparison.Ordinal);
        Assert.Contains("I run the Tuesday youth club.", organisationPage, StringComparison.Ordinal);
        var request = await PendingRequestAsync(riverside.Id, email);
        var approved = await member.PostFormAsync($"/Organisations/{riverside.Id}?handler=Approve", new() { ["requestId"] = request.Id.ToString() }, $"/Organisations/{riverside.Id}");

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("Jo Joiner is now a member of Riverside Youth Project.", HttpForms.Text(await member.GetStringAsync(approved.Headers.Location!)), StringComparison.Ordinal);
        var joined = (await OrganisationAsync(RiversideOrgId))!.People.Single(p => p.Email == email);
        Assert.Equal(PersonRole.Member, joined.Role);
        Assert.Equal(await UserIdAsync(email), joined.UserId);
        var toJoiner = await app.SingleMessageAsync(email, "You are now a member of Riverside Youth Project");
        Assert.Equal($"/Organisations/{riverside.Id}", toJoiner.LinkTo($"/Organisations/{riverside.Id}").AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, (await joiner.GetAsync($"/Organisations/{riverside.Id}")).StatusCode);

        var twice = await member.PostFormAsync($"/Organisations/{riverside.Id}?handler=Decline", new() { ["requestId"] = request.Id.ToString() }, $"/Organisations/{riverside.Id}");
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("Jo Joiner's request to join Riverside Youth Project was already approved on", HttpForms.Text(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_declines_a_request_to_join_and_the_person_is_told_and_kept_out()
    {
        var (joiner, email) = await NewApplicantAsync("Lee Declined");
        var riverside = (await OrganisationAsync(RiversideOrgId))!;
        await joiner.PostFormAsync($"/Organisations/Join/{riverside.Id}", new() { ["Message"] = "" });
        var request = await PendingRequestAsync(riverside.Id, email);
        Assert.Null(request.Message);
        var again = await joiner.PostFormAsync($"/Organisations/Join/{riverside.Id}", new() { ["Message"] = "Did you get my request?" });
        Assert.Contains("You already asked to join Riverside Youth Project on", HttpForms.Text(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);

        var declined = await member.PostFormAsync($"/Organisations/{riverside.Id}?handler=Decline", new() { ["requestId"] = request.Id.ToString() }, $"/Organisations/{riverside.Id}");

        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);
        Assert.Contains("You declined Lee Declined's request to join.", HttpForms.Text(await member.GetStringAsync(declined.Headers.Location!)), StringComparison.Ordinal);
        await app.SingleMessageAsync(email, "Your request to join Riverside Youth Project");
        Assert.DoesNotContain((await OrganisationAsync(RiversideOrgId))!.People, p => p.Email == email);
        Assert.Equal(HttpStatusCode.NotFound, (await joiner.GetAsync($"/Organisations/{riverside.Id}")).StatusCode);
        Assert.Equal(JoinRequestStatus.Declined, (await app.InScopeAsync(services => services.GetRequiredService<CommissioningDbContext>().Set<JoinRequest>().AsNoTracking().SingleAsync(r => r.Id == request.Id))).Status);
    }

    [Fact]
    public async Task Someone_who_is_not_a_member_gets_404_for_the_organisation_and_for_deciding_its_requests()
    {
        var (joiner, email) = await NewApplicantAsync("Pat Pending");
        var riverside = (await OrganisationAsync(RiversideOrgId))!;
        var reading = (await OrganisationAsync("GB-LAE-RDG"))!;
        await joiner.PostFormAsync($"/Organisations/Join/{riverside.Id}", new() { ["Message"] = "Hello" });
        var request = await PendingRequestAsync(riverside.Id, email);
        var (outsider, _) = await NewApplicantAsync("Olly Outsider");
        var otherMember = await app.SignedInClientAsync("csp@demo.commissioning.test", DemoDataSeeder.Password);
        var approve = new Dictionary<string, string> { ["requestId"] = request.Id.ToString() };

        var pageForOutsider = await outsider.GetAsync($"/Organisations/{riverside.Id}");
        var approvalByOutsider = await outsider.PostFormAsync($"/Organisations/{riverside.Id}?handler=Approve", new(approve), "/Organisations/Create");
        var approvalByTheAsker = await joiner.PostFormAsync($"/Organisations/{riverside.Id}?handler=Approve", new(approve), "/Organisations/Create");
        var inviteByOutsider = await outsider.PostFormAsync($"/Organisations/{riverside.Id}?handler=Invite", new() { ["InviteEmail"] = "friend@test.commissioning.test" }, "/Organisations/Create");
        var approvalThroughOwnOrganisation = await otherMember.PostFormAsync($"/Organisations/{reading.Id}?handler=Approve", new(approve), $"/Organisations/{reading.Id}");
        var unknown = await outsider.GetAsync($"/Organisations/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, pageForOutsider.StatusCode);
        Assert.DoesNotContain("Riverside", await pageForOutsider.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, approvalByOutsider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, approvalByTheAsker.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, inviteByOutsider.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, approvalThroughOwnOrganisation.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(JoinRequestStatus.Pending, (await PendingRequestAsync(riverside.Id, email)).Status);
        Assert.DoesNotContain((await OrganisationAsync(RiversideOrgId))!.Invitations, i => i.Email == "friend@test.commissioning.test");
        Assert.Empty(await app.MessagesToAsync("friend@test.commissioning.test"));
    }

    [Fact]
    public async Task An_invited_colleague_registers_through_the_link_keeps_the_invitation_and_becomes_a_member()
    {
        var invited = Mailbox.UniqueEmail("invited");
        var riverside = (await OrganisationAsync(RiversideOrgId))!;
        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);

        var sent = await member.PostFormAsync($"/Organisations/{riverside.Id}?handler=Invite", new() { ["InviteEmail"] = invited }, $"/Organisations/{riverside.Id}");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains($"We have emailed an invitation to {invited}. It works for 14 days.", HttpForms.Text(await member.GetStringAsync(sent.Headers.Location!)), StringComparison.Ordinal);
        var invitation = await app.SingleMessageAsync(invited, "Amira Okafor has invited you to join Riverside Youth Project");
        var link = invitation.LinkTo("/Organisations/Invitation");
        Assert.Equal("http://localhost", link.GetLeftPart(UriPartial.Authority));
        var stored = (await OrganisationAsync(RiversideOrgId))!.Invitations.Single(i => i.Email == invited);
        Assert.DoesNotContain(stored.TokenHash, invitation.Body, StringComparison.Ordinal);

        // Not signed in: to the sign-in page, which keeps the invitation in its return address, also for registering.
        var client = app.NewClient();
        var toSignIn = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        var returnUrl = QueryHelpers.ParseQuery(toSignIn.Headers.Location!.Query)["ReturnUrl"].ToString();
        Assert.Equal(link.PathAndQuery, returnUrl);
        var signInPage = await client.GetStringAsync(toSignIn.Headers.Location);
        Assert.Contains("to accept your invitation to join an organisation", HttpForms.Text(signInPage), StringComparison.Ordinal);
        Assert.Contains($"href=\"/Account/Register?ReturnUrl={WebUtility.HtmlEncode(Uri.EscapeDataString(returnUrl))}\"", signInPage, StringComparison.Ordinal);

        var registered = await client.PostFormAsync($"/Account/Register?ReturnUrl={Uri.EscapeDataString(returnUrl)}", new() { ["Input.FullName"] = "Sam Invited", ["Input.Email"] = invited, ["Input.Password"] = Password, ["Input.ConfirmPassword"] = Password }, "/Account/Register");
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        var confirmation = await app.SingleMessageAsync(invited, "Confirm your email address");
        var confirmLink = confirmation.LinkTo("/Account/ConfirmEmail");
        Assert.Equal(returnUrl, QueryHelpers.ParseQuery(confirmLink.Query)["returnUrl"].ToString());
        var confirmed = await client.GetStringAsync(confirmLink.PathAndQuery);
        var signInLink = $"/Account/SignIn?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(signInLink)}\"", confirmed, StringComparison.Ordinal);

        var signedIn = await client.PostFormAsync(signInLink, new() { ["Input.Email"] = invited, ["Input.Password"] = Password }, "/Account/SignIn");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(returnUrl, signedIn.Headers.Location!.OriginalString);
        var invitationPage = HttpForms.Text(await client.GetStringAsync(returnUrl));
        Assert.Contains("Join Riverside Youth Project", invitationPage, StringComparison.Ordinal);
        Assert.Contains("Amira Okafor invited you to join Riverside Youth Project.", invitationPage, StringComparison.Ordinal);

        var accepted = await client.PostFormAsync("/Organisations/Invitation", new() { ["Token"] = QueryHelpers.ParseQuery(link.Query)["token"].ToString() }, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"/Organisations/{riverside.Id}", accepted.Headers.Location!.OriginalString);
        Assert.Contains("You are now a member of Riverside Youth Project.", HttpForms.Text(await client.GetStringAsync(accepted.Headers.Location)), StringComparison.Ordinal);
        var organisation = (await OrganisationAsync(RiversideOrgId))!;
        Assert.Equal(PersonRole.Member, organisation.People.Single(p => p.Email == invited).Role);
        Assert.NotNull(organisation.Invitations.Single(i => i.Email == invited).AcceptedAt);
        Assert.Contains("You are already a member of Riverside Youth Project", HttpForms.Text(await client.GetStringAsync(returnUrl)), StringComparison.Ordinal);
        Assert.Contains($"Sam Invited {invited} Member", HttpForms.Text(await member.GetStringAsync($"/Organisations/{riverside.Id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_invitation_says_so_and_cannot_be_accepted()
    {
        var (client, email) = await NewApplicantAsync("Terry Late");
        var token = await InviteAsync(email, DateTimeOffset.UtcNow.AddDays(-15));

        var page = await client.GetAsync($"/Organisations/Invitation?token={Uri.EscapeDataString(token)}");
        var accepting = await client.PostFormAsync("/Organisations/Invitation", new() { ["Token"] = token }, $"/Organisations/Invitation?token={Uri.EscapeDataString(token)}");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var text = HttpForms.Text(await page.Content.ReadAsStringAsync());
        Assert.Contains("This invitation has expired", text, StringComparison.Ordinal);
        Assert.Contains("Ask a member of Riverside Youth Project to invite you again.", text, StringComparison.Ordinal);
        Assert.Contains("This invitation expired on", HttpForms.Text(await accepting.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain((await OrganisationAsync(RiversideOrgId))!.People, p => p.Email == email);
    }

    [Fact]
    public async Task An_invitation_for_another_address_or_an_unknown_token_lets_nobody_in()
    {
        var (client, email) = await NewApplicantAsync("Kim Wrongaddress");
        var token = await InviteAsync(Mailbox.UniqueEmail("intended"), DateTimeOffset.UtcNow);

        var otherAddress = HttpForms.Text(await client.GetStringAsync($"/Organisations/Invitation?token={Uri.EscapeDataString(token)}"));
        var accepting = await client.PostFormAsync("/Organisations/Invitation", new() { ["Token"] = token }, $"/Organisations/Invitation?token={Uri.EscapeDataString(token)}");
        var unknown = await client.GetAsync("/Organisations/Invitation?token=not-a-real-token");

        Assert.Contains("This invitation is for a different email address", otherAddress, StringComparison.Ordinal);
        Assert.Contains("Sign in with that email address to accept it", HttpForms.Text(await accepting.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("This invitation link is not right", HttpForms.Text(await unknown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain((await OrganisationAsync(RiversideOrgId))!.People, p => p.Email == email);
    }

    [Fact]
    public async Task Inviting_a_bad_or_existing_address_is_refused_beside_the_field()
    {
        var riverside = (await OrganisationAsync(RiversideOrgId))!;
        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);

        var empty = await member.PostFormAsync($"/Organisations/{riverside.Id}?handler=Invite", new() { ["InviteEmail"] = "" }, $"/Organisations/{riverside.Id}");
        var malformed = await member.PostFormAsync($"/Organisations/{riverside.Id}?handler=Invite", new() { ["InviteEmail"] = "not an address" }, $"/Organisations/{riverside.Id}");
        var existing = await member.PostFormAsync($"/Organisations/{riverside.Id}?handler=Invite", new() { ["InviteEmail"] = RiversideMember }, $"/Organisations/{riverside.Id}");

        AssertError(await empty.Content.ReadAsStringAsync(), "InviteEmail", "Enter the email address of the person to invite");
        AssertError(await malformed.Content.ReadAsStringAsync(), "InviteEmail", "Enter an email address in the correct format, like name@example.org");
        AssertError(await existing.Content.ReadAsStringAsync(), "InviteEmail", $"{RiversideMember} is already one of Riverside Youth Project's people.");
    }

    [Fact]
    public async Task The_organisations_page_lists_the_applicants_organisations_and_the_ways_to_add_one()
    {
        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);
        var riverside = (await OrganisationAsync(RiversideOrgId))!;

        var page = await member.GetStringAsync("/Organisations");

        Assert.Contains($"href=\"/Organisations/{riverside.Id}\">Riverside Youth Project</a>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/Organisations/Create\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/Organisations/Join\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Reading Borough Council", page, StringComparison.Ordinal);
        var officer = await app.SignedInClientAsync("officer@demo.commissioning.test", DemoDataSeeder.Password);
        Assert.StartsWith("/Account/AccessDenied", (await officer.GetAsync("/Organisations")).Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Answers(Dictionary<string, string> overrides)
    {
        var answers = new Dictionary<string, string>
        {
            ["Input.Name"] = "Eastfield Youth Group",
            ["Input.LegalForm"] = nameof(LegalForm.ConstitutedUnincorporatedGroup),
            ["Input.AddressLine1"] = "The Old Forge",
            ["Input.AddressLine2"] = "High Street",
            ["Input.Town"] = "Banbury",
            ["Input.Postcode"] = "OX16 5LA",
        };
        foreach (var (key, value) in overrides)
        {
            answers[key] = value;
        }

        return answers;
    }

    /// <summary>The error summary links to the field, and the field shows the message and is described by it.</summary>
    private static void AssertError(string page, string fieldId, string message)
    {
        var links = Regex.Matches(page, $"<a href=\"#{Regex.Escape(fieldId)}\">([^<]*)</a>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.True(links.Contains(message), $"The error summary has no link to #{fieldId} saying '{message}'; its links to it: {string.Join(" | ", links)}");
        Assert.Contains($"<p id=\"{fieldId}-error\" class=\"govuk-error-message\">", page, StringComparison.Ordinal);
        Assert.Matches($"aria-describedby=\"[^\"]*{fieldId}-error", page);
    }

    private static string RandomLocalAuthorityCode() => new([.. Enumerable.Range(0, 4).Select(_ => (char)('A' + Random.Shared.Next(26)))]);

    private async Task<(HttpClient Client, string Email)> NewApplicantAsync(string fullName)
    {
        var email = Mailbox.UniqueEmail(fullName.Split(' ')[0].ToLowerInvariant());
        await app.CreateApplicantAsync(email, Password, fullName);
        return (await app.SignedInClientAsync(email, Password), email);
    }

    private Task<Organisation?> OrganisationAsync(string orgId) => app.InScopeAsync(services =>
        services.GetRequiredService<CommissioningDbContext>().Organisations.AsNoTracking().Include(o => o.JoinRequests).Include(o => o.Invitations).AsSplitQuery().SingleOrDefaultAsync(o => o.OrgId == orgId));

    private Task<int> OrganisationCountAsync() => app.InScopeAsync(services => services.GetRequiredService<CommissioningDbContext>().Organisations.CountAsync());

    private Task<string> UserIdAsync(string email) => app.InScopeAsync(services =>
        services.GetRequiredService<CommissioningDbContext>().Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant()).Select(u => u.Id).SingleAsync());

    private Task<JoinRequest> PendingRequestAsync(OrganisationId organisationId, string email) => app.InScopeAsync(services =>
        services.GetRequiredService<CommissioningDbContext>().Set<JoinRequest>().AsNoTracking().SingleAsync(r => r.OrganisationId == organisationId && r.Email == email));

    /// <summary>An invitation to Riverside Youth Project from its main contact, sent at the time given; returns the token its link would carry.</summary>
    private Task<string> InviteAsync(string email, DateTimeOffset sentAt) => app.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<CommissioningDbContext>();
        var riverside = await db.Organisations.Include(o => o.Invitations).SingleAsync(o => o.OrgId == RiversideOrgId);
        var inviter = riverside.People.First(p => p.Role == PersonRole.MainContact).UserId!;
        var (_, token) = riverside.Invite(email, inviter, sentAt);
        await db.SaveChangesAsync();
        return token;
    });
}

public sealed class OrganisationTestsOnSqlite(SqliteApp app) : OrganisationTests(app), IClassFixture<SqliteApp>;

public sealed class OrganisationTestsOnPostgres(PostgresApp app) : OrganisationTests(app), IClassFixture<PostgresApp>;
