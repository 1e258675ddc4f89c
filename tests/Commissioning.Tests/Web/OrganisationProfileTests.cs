using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Organisations;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

public abstract partial class OrganisationProfileTests(CommissioningApp app)
{
    /// <summary>Amira Okafor, main contact of Riverside Youth Project (charity 1187654).</summary>
    private const string RiversideMember = "applicant@demo.commissioning.test";

    /// <summary>Daniel Hughes, of Reading Borough Council: signed in, but not a member of Riverside.</summary>
    private const string NonMember = "csp@demo.commissioning.test";

    private const string RiversideOrgId = "GB-CHC-1187654";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    [Fact]
    public async Task The_profile_shows_each_part_with_a_change_link()
    {
        var riverside = await RiversideAsync();
        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);

        var page = HttpForms.Text(await member.GetStringAsync($"/Organisations/{riverside.Id}/Profile"));

        Assert.Contains("Change legal form and registered numbers", page, StringComparison.Ordinal);
        Assert.Contains("Registered numbers Charity number 1187654 Organisation identifier GB-CHC-1187654 Change registered numbers", page, StringComparison.Ordinal);
        Assert.Contains("Main contact Amira Okafor Change main contact", page, StringComparison.Ordinal);
        Assert.Matches("Safeguarding policy (Missing|Current|Expires soon|Expired) Change safeguarding policy", page);
        Assert.Contains("Bank account", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_registered_number_that_is_malformed_or_another_organisations_is_refused_and_nothing_is_saved()
    {
        var riverside = await RiversideAsync();
        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);
        var url = $"/Organisations/{riverside.Id}/Profile/LegalForm";
        var reading = await app.InScopeAsync(services => services.GetRequiredService<CommissioningDbContext>().Organisations.AsNoTracking().SingleAsync(o => o.Name == "Reading Borough Council"));

        var malformed = await member.PostFormAsync(url, new() { ["Input.LegalForm"] = nameof(LegalForm.RegisteredCharity), ["Input.CharityNumber"] = "12AB" });
        var clash = await member.PostFormAsync(url, new() { ["Input.LegalForm"] = nameof(LegalForm.LocalAuthority), ["Input.LocalAuthorityCode"] = reading.LocalAuthorityCode! });
        var noForm = await member.PostFormAsync(url, new() { ["Input.LegalForm"] = "Pirate" });

        Assert.Equal(HttpStatusCode.OK, malformed.StatusCode);
        var malformedPage = await malformed.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem", malformedPage, StringComparison.Ordinal);
        Assert.Contains("<p id=\"Input_CharityNumber-error\" class=\"govuk-error-message\">", malformedPage, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, clash.StatusCode);
        Assert.Contains($"Another organisation is already registered with local authority code {reading.LocalAuthorityCode}.", HttpForms.Text(await clash.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, noForm.StatusCode);
        Assert.Contains("Select the organisation's legal form", HttpForms.Text(await noForm.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var after = await RiversideAsync();
        Assert.Equal(riverside.LegalForm, after.LegalForm);
        Assert.Equal(RiversideOrgId, after.OrgId);
    }

    [Fact]
    public async Task A_member_changes_the_legal_form_and_the_address()
    {
        var (member, organisationId) = await NewOrganisationAsync();
        var companyNumber = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var changed = await member.PostFormAsync($"/Organisations/{organisationId}/Profile/LegalForm", new()
        {
            ["Input.LegalForm"] = nameof(LegalForm.CommunityInterestCompany),
            ["Input.CicCompanyNumber"] = companyNumber,
        });
        var badAddress = await member.PostFormAsync($"/Organisations/{organisationId}/Profile/Address", new() { ["Input.AddressLine1"] = "", ["Input.Town"] = "Abingdon", ["Input.Postcode"] = "not a postcode" });
        var moved = await member.PostFormAsync($"/Organisations/{organisationId}/Profile/Address", new() { ["Input.AddressLine1"] = "1 Bridge Street", ["Input.Town"] = "Abingdon", ["Input.Postcode"] = "ox14 3hp" });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, badAddress.StatusCode);
        var badText = HttpForms.Text(await badAddress.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", badText, StringComparison.Ordinal);
        Assert.Contains("first line of the address", badText, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var after = await OrganisationAsync(organisationId);
        Assert.Equal(LegalForm.CommunityInterestCompany, after.LegalForm);
        Assert.Equal($"GB-COH-{companyNumber}", after.OrgId);
        Assert.Equal("OX14 3HP", after.Address!.Postcode);
        Assert.Equal("1 Bridge Street", after.Address.Line1);
        Assert.Contains("The address has been changed.", HttpForms.Text(await member.GetStringAsync(moved.Headers.Location!)), StringComparison.Ordinal);
    }

    private async Task<(HttpClient Client, OrganisationId Id)> NewOrganisationAsync()
    {
        const string password = "correct horse battery staple";
        var email = Mailbox.UniqueEmail("profile");
        var user = await app.CreateApplicantAsync(email, password, "Pat Profile");
        var id = await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CommissioningDbContext>();
            var organisation = new Organisation($"Profile Group {Guid.NewGuid():N}", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None);
            organisation.AddPerson("Pat Profile", email, PersonRole.MainContact, user.Id);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            return organisation.Id;
        });
        return (await app.SignedInClientAsync(email, password), id);
    }

    private Task<Organisation> OrganisationAsync(OrganisationId id) => app.InScopeAsync(services =>
        services.GetRequiredService<CommissioningDbContext>().Organisations.AsNoTracking().SingleAsync(o => o.Id == id));

    [Fact]
    public async Task The_safeguarding_lead_is_chosen_from_the_people_and_a_stranger_is_refused()
    {
        var riverside = await RiversideAsync();
        var amira = riverside.People.Single(p => p.Role == PersonRole.MainContact);
        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);
        var url = $"/Organisations/{riverside.Id}/Profile/Contacts";

        var stranger = await member.PostFormAsync(url, new() { ["MainContact"] = amira.Id.ToString(), ["SafeguardingLead"] = Guid.NewGuid().ToString() });
        var nothing = await member.PostFormAsync(url, new() { ["MainContact"] = "not-an-id" });

        Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
        Assert.Contains("Choose the safeguarding lead from Riverside Youth Project's people.", HttpForms.Text(await stranger.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, nothing.StatusCode);
        var nothingText = HttpForms.Text(await nothing.Content.ReadAsStringAsync());
        Assert.Contains("Select the main contact", nothingText, StringComparison.Ordinal);
        Assert.Contains("Select the safeguarding lead", nothingText, StringComparison.Ordinal);
        Assert.Null((await RiversideAsync()).SafeguardingLeadId);

        var chosen = await member.PostFormAsync(url, new() { ["MainContact"] = amira.Id.ToString(), ["SafeguardingLead"] = amira.Id.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var after = await RiversideAsync();
        Assert.Equal(amira.Id, after.SafeguardingLeadId);
        Assert.Equal(amira.Id, after.MainContact!.Id);
        Assert.Contains("Safeguarding lead Amira Okafor", HttpForms.Text(await member.GetStringAsync(chosen.Headers.Location!)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Documents_are_uploaded_with_their_dates_shown_with_a_status_and_downloaded_by_members_and_staff_only()
    {
        var riverside = await RiversideAsync();
        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);
        var url = $"/Organisations/{riverside.Id}/Documents";
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var soon = today.AddDays(10);

        var noDate = await UploadAsync(member, url, "Insurance", null, ("cover.pdf", Pdf));
        var notAllowed = await UploadAsync(member, url, "Insurance", soon, ("cover.exe", Encoding.ASCII.GetBytes("MZ this is not a document")));
        var tooBig = await UploadAsync(member, url, "GoverningDocument", null, ("huge.pdf", [.. Pdf, .. new byte[10 * 1024 * 1024]]));
        var farTooBig = await UploadAsync(member, url, "GoverningDocument", null, ("enormous.pdf", [.. Pdf, .. new byte[12 * 1024 * 1024]]));
        var badDate = await UploadAsync(member, url, "SafeguardingPolicy", null, ("policy.pdf", Pdf), ("31", "2", "2027"));
        var insurance = await UploadAsync(member, url, "Insurance", soon, ("cover.pdf", Pdf));
        var constitution = await UploadAsync(member, url, "GoverningDocument", null, ("constitution.pdf", Pdf));

        Assert.Equal(HttpStatusCode.OK, noDate.StatusCode);
        Assert.Contains("Enter the date the insurance expires", HttpForms.Text(await noDate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, notAllowed.StatusCode);
        var refusal = await notAllowed.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#Upload\">The selected file must be a PDF, DOCX, XLSX, ODT, JPG or PNG.</a>", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tooBig.StatusCode);
        Assert.Contains("<a href=\"#Upload\">The selected file must be smaller than 10MB.</a>", await tooBig.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(farTooBig.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"A request beyond the size limit is refused, not a {farTooBig.StatusCode}.");
        Assert.Equal(HttpStatusCode.OK, badDate.StatusCode);
        Assert.Contains("The date must be a real date", HttpForms.Text(await badDate.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, insurance.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, constitution.StatusCode);

        var page = HttpForms.Text(await member.GetStringAsync(url));
        Assert.Contains("Insurance certificate cover.pdf", page, StringComparison.Ordinal);
        Assert.Contains("Expires soon", page, StringComparison.Ordinal);
        Assert.Contains("Governing document constitution.pdf Does not expire Current", page, StringComparison.Ordinal);
        Assert.Contains("Safeguarding policy None uploaded Missing", page, StringComparison.Ordinal);

        var stored = await app.InScopeAsync(services => services.GetRequiredService<CommissioningDbContext>().Set<OrganisationDocument>().AsNoTracking()
            .Where(d => d.OrganisationId == riverside.Id && d.Kind == DocumentKind.Insurance).OrderByDescending(d => d.UploadedAt).FirstAsync());
        Assert.Equal(soon, stored.ExpiresOn);
        var download = $"{url}/{stored.Id}";
        var asMember = await member.GetAsync(download);
        Assert.Equal(HttpStatusCode.OK, asMember.StatusCode);
        Assert.Equal("attachment", asMember.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(Pdf, await asMember.Content.ReadAsByteArrayAsync());
        var officer = await app.SignedInClientAsync("officer@demo.commissioning.test", DemoDataSeeder.Password);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(download)).StatusCode);
        var stranger = await app.SignedInClientAsync(NonMember, DemoDataSeeder.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(download)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await member.GetAsync($"{url}/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task Bank_details_are_encrypted_at_rest_shown_masked_and_hold_payments_until_finance_verifies_them()
    {
        var riverside = await RiversideAsync();
        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);
        var url = $"/Organisations/{riverside.Id}/Bank";
        var accountNumber = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var bad = await member.PostFormAsync(url, new() { ["Input.AccountName"] = "Riverside Youth Project", ["Input.SortCode"] = "12-34-5", ["Input.AccountNumber"] = "1234" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badText = HttpForms.Text(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Enter a valid sort code like 309430: it must be 6 digits", badText, StringComparison.Ordinal);
        Assert.Contains("Enter a valid account number like 00733445: it must be 8 digits", badText, StringComparison.Ordinal);
        Assert.Equal(0, await RawBankRowsAsync(riverside.Id));

        var saved = await member.PostFormAsync(url, new() { ["Input.AccountName"] = "Riverside Youth Project", ["Input.SortCode"] = "30 94 56", ["Input.AccountNumber"] = accountNumber });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await member.GetStringAsync(url);
        var text = HttpForms.Text(page);
        Assert.Contains("Sort code **-**-56", text, StringComparison.Ordinal);
        Assert.Contains($"Account number ****{accountNumber[^4..]}", text, StringComparison.Ordinal);
        Assert.Contains("Payments are on hold until our finance team has verified your bank details.", text, StringComparison.Ordinal);
        Assert.DoesNotContain(accountNumber, page, StringComparison.Ordinal);
        Assert.DoesNotContain("309456", page, StringComparison.Ordinal);

        var raw = await RawProtectedAsync(riverside.Id);
        Assert.DoesNotContain(accountNumber, raw, StringComparison.Ordinal);
        Assert.DoesNotContain("309456", raw, StringComparison.Ordinal);
        var organisation = await RiversideAsync();
        Assert.Equal(BankDetailsStatus.AwaitingVerification, organisation.BankDetailsStatus);
        Assert.True(organisation.PaymentsOnHold);
        var decrypted = await app.InScopeAsync(services => services.GetRequiredService<BankDetailsVault>().ReadAsync(riverside.Id));
        Assert.Equal(accountNumber, decrypted!.AccountNumber);
        Assert.Equal("309456", decrypted.SortCode);

        var mail = await app.InScopeAsync(services => services.GetRequiredService<CommissioningDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.To == RiversideMember && m.Subject == "The bank details of Riverside Youth Project have changed").ToListAsync());
        var letter = Assert.Single(mail);
        Assert.Contains("If this was not agreed, contact the office at once", letter.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(accountNumber, letter.Body, StringComparison.Ordinal);

        var refused = await member.GetAsync("/Finance/BankDetails");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        var finance = await app.SignedInClientAsync("finance@demo.commissioning.test", DemoDataSeeder.Password);
        var queue = HttpForms.Text(await finance.GetStringAsync("/Finance/BankDetails"));
        Assert.Contains("Riverside Youth Project", queue, StringComparison.Ordinal);
        Assert.Contains($"Account number {accountNumber}", queue, StringComparison.Ordinal);

        var verified = await finance.PostAsync("/Finance/BankDetails?handler=Verify", new FormUrlEncodedContent(VerifyFormFor(await finance.GetStringAsync("/Finance/BankDetails"), riverside.Id)));

        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        Assert.Contains("You verified the bank details of Riverside Youth Project.", HttpForms.Text(await finance.GetStringAsync("/Finance/BankDetails")), StringComparison.Ordinal);
        var after = await RiversideAsync();
        Assert.Equal(BankDetailsStatus.Verified, after.BankDetailsStatus);
        Assert.False(after.PaymentsOnHold);
        Assert.NotNull(after.BankDetailsVerifiedBy);
        Assert.NotNull(after.BankDetailsVerifiedAt);
        var audited = await app.InScopeAsync(services => services.GetRequiredService<CommissioningDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Organisation) && e.EntityId == riverside.Id.ToString()).Select(e => e.Changes).ToListAsync());
        Assert.Contains(audited, changes => changes.Contains("\"BankDetailsVerifiedBy\"", StringComparison.Ordinal) && changes.Contains(after.BankDetailsVerifiedBy!, StringComparison.Ordinal));
        Assert.DoesNotContain(audited, changes => changes.Contains(accountNumber, StringComparison.Ordinal));
        Assert.Contains("Verified", HttpForms.Text(await member.GetStringAsync(url)), StringComparison.Ordinal);
        var twice = await finance.PostFormAsync("/Finance/BankDetails?handler=Verify", new() { ["organisationId"] = riverside.Id.ToString(), ["digest"] = "0" }, "/Finance/BankDetails");
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("bank details were already verified", HttpForms.Text(await twice.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var changedAgain = await member.PostFormAsync(url, new() { ["Input.AccountName"] = "Riverside Youth Project", ["Input.SortCode"] = "309456", ["Input.AccountNumber"] = "11112222" });
        Assert.Equal(HttpStatusCode.Redirect, changedAgain.StatusCode);
        Assert.True((await RiversideAsync()).PaymentsOnHold);
    }

    [Fact]
    public async Task Finance_verifies_only_the_bank_details_it_was_shown_and_is_told_when_they_changed_since()
    {
        var (member, organisationId) = await NewOrganisationAsync();
        var url = $"/Organisations/{organisationId}/Bank";
        var seen = Random.Shared.Next(10_000_000, 49_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var swapped = Random.Shared.Next(50_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await member.PostFormAsync(url, new() { ["Input.AccountName"] = "Profile Group", ["Input.SortCode"] = "30-94-56", ["Input.AccountNumber"] = seen })).StatusCode);
        var finance = await app.SignedInClientAsync("finance@demo.commissioning.test", DemoDataSeeder.Password);
        var shown = await finance.GetStringAsync("/Finance/BankDetails");
        Assert.Contains($"Account number {seen}", HttpForms.Text(shown), StringComparison.Ordinal);
        var formAsShown = VerifyFormFor(shown, organisationId);

        Assert.Equal(HttpStatusCode.Redirect, (await member.PostFormAsync(url, new() { ["Input.AccountName"] = "Profile Group", ["Input.SortCode"] = "30-94-56", ["Input.AccountNumber"] = swapped })).StatusCode);
        var stale = await finance.PostAsync("/Finance/BankDetails?handler=Verify", new FormUrlEncodedContent(formAsShown));

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var staleText = HttpForms.Text(await stale.Content.ReadAsStringAsync());
        Assert.Contains("bank details have changed since you opened the page, so nothing was verified. Check the details shown below with the organisation, then verify them.", staleText, StringComparison.Ordinal);
        Assert.Contains($"Account number {swapped}", staleText, StringComparison.Ordinal);
        Assert.Equal(BankDetailsStatus.AwaitingVerification, (await OrganisationAsync(organisationId)).BankDetailsStatus);

        var fresh = await finance.PostAsync("/Finance/BankDetails?handler=Verify", new FormUrlEncodedContent(VerifyFormFor(await finance.GetStringAsync("/Finance/BankDetails"), organisationId)));

        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal(BankDetailsStatus.Verified, (await OrganisationAsync(organisationId)).BankDetailsStatus);
    }

    [Fact]
    public async Task A_new_main_contact_and_then_new_bank_details_are_told_to_the_previous_main_contact_every_member_and_the_office()
    {
        const string password = "correct horse battery staple";
        var (mainEmail, takerEmail, otherEmail) = (Mailbox.UniqueEmail("main"), Mailbox.UniqueEmail("taker"), Mailbox.UniqueEmail("other"));
        var main = await app.CreateApplicantAsync(mainEmail, password, "Mo Main");
        var taker = await app.CreateApplicantAsync(takerEmail, password, "Tam Taker");
        var other = await app.CreateApplicantAsync(otherEmail, password, "Ola Other");
        var (organisationId, name, takerId) = await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CommissioningDbContext>();
            var organisation = new Organisation($"Quiet Change Group {Guid.NewGuid():N}", LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None);
            organisation.AddPerson("Mo Main", mainEmail, PersonRole.MainContact, main.Id);
            var takerPerson = organisation.AddPerson("Tam Taker", takerEmail, PersonRole.Member, taker.Id);
            organisation.AddPerson("Ola Other", otherEmail, PersonRole.Member, other.Id);
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync();
            return (organisation.Id, organisation.Name, takerPerson.Id);
        });
        var office = await app.InScopeAsync(async services => (await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Commissioning.Infrastructure.Identity.AppUser>>()
            .GetUsersInRoleAsync(Commissioning.Infrastructure.Identity.Roles.GrantsOfficer)).Select(u => u.Email!).ToList());
        Assert.NotEmpty(office);
        var client = await app.SignedInClientAsync(takerEmail, password);

        var madeMainContact = await client.PostFormAsync($"/Organisations/{organisationId}/Profile/Contacts", new() { ["MainContact"] = takerId.ToString(), ["SafeguardingLead"] = takerId.ToString() });

        Assert.Equal(HttpStatusCode.Redirect, madeMainContact.StatusCode);
        var contactMail = await OutboxAsync($"The main contact of {name} has changed");
        foreach (var to in office.Append(mainEmail).Append(takerEmail).Append(otherEmail))
        {
            Assert.Contains(to, contactMail.Keys);
        }

        Assert.Contains("Tam Taker, signed in as a member of", contactMail[mainEmail], StringComparison.Ordinal);
        Assert.Contains("has made Tam Taker its main contact in place of Mo Main", contactMail[mainEmail], StringComparison.Ordinal);
        Assert.Contains("If this was not agreed, contact the office at once", contactMail[mainEmail], StringComparison.Ordinal);

        var changedBank = await client.PostFormAsync($"/Organisations/{organisationId}/Bank", new() { ["Input.AccountName"] = "Quiet Change Group", ["Input.SortCode"] = "30-94-56", ["Input.AccountNumber"] = "13572468" });

        Assert.Equal(HttpStatusCode.Redirect, changedBank.StatusCode);
        var bankMail = await OutboxAsync($"The bank details of {name} have changed");
        foreach (var to in office.Append(mainEmail).Append(takerEmail).Append(otherEmail))
        {
            Assert.Contains(to, bankMail.Keys);
        }

        Assert.Contains("Tam Taker, signed in as a member of", bankMail[mainEmail], StringComparison.Ordinal);
        Assert.Contains("The account number now ends 2468", bankMail[office[0]], StringComparison.Ordinal);
        Assert.All(bankMail.Values, body => Assert.DoesNotContain("13572468", body, StringComparison.Ordinal));
    }

    private Task<Dictionary<string, string>> OutboxAsync(string subject) => app.InScopeAsync(async services =>
        (await services.GetRequiredService<CommissioningDbContext>().OutboxMessages.AsNoTracking().Where(m => m.Subject == subject).ToListAsync())
            .GroupBy(m => m.To, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => Assert.Single(g).Body, StringComparer.OrdinalIgnoreCase));

    [Fact]
    public async Task Finance_tells_two_organisations_of_one_name_apart_by_their_identifier_address_and_postcode()
    {
        var name = $"Twin Youth Club {Guid.NewGuid():N}";
        var charities = new[] { Random.Shared.Next(1_000_000, 4_999_999), Random.Shared.Next(5_000_000, 9_999_999) }.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CommissioningDbContext>();
            var vault = services.GetRequiredService<BankDetailsVault>();
            var oxford = new Organisation(name, LegalForm.RegisteredCharity, RegistrationNumbers.Create(charities[0], null, null), new PostalAddress("1 Mill Lane", null, "Oxford", "OX1 1AA"));
            var reading = new Organisation(name, LegalForm.RegisteredCharity, RegistrationNumbers.Create(charities[1], null, null), new PostalAddress("2 Kings Road", "Unit 4", "Reading", "RG1 3AR"));
            db.Organisations.AddRange(oxford, reading);
            await vault.SetAsync(oxford, new BankAccountDetails(name, "309456", "11223344", null), DateTimeOffset.UtcNow);
            await vault.SetAsync(reading, new BankAccountDetails(name, "309457", "55667788", null), DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var finance = await app.SignedInClientAsync("finance@demo.commissioning.test", DemoDataSeeder.Password);

        var queue = HttpForms.Text(await finance.GetStringAsync("/Finance/BankDetails"));

        Assert.Contains($"Organisation identifier GB-CHC-{charities[0]} Address 1 Mill Lane Oxford Postcode OX1 1AA", queue, StringComparison.Ordinal);
        Assert.Contains($"Organisation identifier GB-CHC-{charities[1]} Address 2 Kings Road Unit 4 Reading Postcode RG1 3AR", queue, StringComparison.Ordinal);
        Assert.Contains($"Verify the bank details of {name}, GB-CHC-{charities[0]}, OX1 1AA", queue, StringComparison.Ordinal);
    }

    /// <summary>The fields the finance page's Verify button for one organisation posts, as a browser would post them.</summary>
    private static Dictionary<string, string> VerifyFormFor(string page, OrganisationId organisationId)
    {
        var form = Forms().Matches(page).Select(m => m.Value).Single(f => f.Contains($"value=\"{organisationId}\"", StringComparison.Ordinal));
        return HiddenInputs().Matches(form).ToDictionary(m => m.Groups["name"].Value, m => System.Net.WebUtility.HtmlDecode(m.Groups["value"].Value));
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"|<input name=\"(?<name>[^\"]+)\" type=\"hidden\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInputs();

    [Fact]
    public async Task Someone_who_is_not_a_member_gets_404_on_every_page_and_post()
    {
        var riverside = await RiversideAsync();
        var stranger = await app.SignedInClientAsync(NonMember, DemoDataSeeder.Password);
        var member = await app.SignedInClientAsync(RiversideMember, DemoDataSeeder.Password);
        string[] pages = ["Profile", "Profile/LegalForm", "Profile/Address", "Profile/Contacts", "Documents", "Bank"];

        foreach (var page in pages)
        {
            var url = $"/Organisations/{riverside.Id}/{page}";
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(url)).StatusCode);
            // A real antiforgery token from a page of the stranger's own, so that only membership decides.
            var posted = await stranger.PostFormAsync(url, new()
            {
                ["Input.AccountName"] = "Fraudster",
                ["Input.SortCode"] = "000000",
                ["Input.AccountNumber"] = "99999999",
                ["Input.LegalForm"] = nameof(LegalForm.OtherPublicBody),
                ["Input.AddressLine1"] = "1 Fraud Lane",
                ["Input.Town"] = "Nowhere",
                ["Input.Postcode"] = "SW1A 1AA",
            }, "/Organisations/Create");
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }

        var after = await RiversideAsync();
        Assert.Equal(riverside.LegalForm, after.LegalForm);
        Assert.NotEqual("1 Fraud Lane", after.Address?.Line1);
        Assert.Equal(0, await app.InScopeAsync(services => services.GetRequiredService<CommissioningDbContext>().Organisations.CountAsync(o => o.Id == riverside.Id && o.BankAccountName == "Fraudster")));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string kind, DateOnly? date, (string Name, byte[] Content) file, (string Day, string Month, string Year)? rawDate = null)
    {
        var page = await client.GetStringAsync(url);
        var token = TokenPattern().Match(page).Groups[1].Value;
        var form = new MultipartFormDataContent
        {
            { new StringContent(WebUtility.HtmlDecode(token)), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
        };
        var (day, month, year) = rawDate ?? (date is { } d ? (d.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Month.ToString(System.Globalization.CultureInfo.InvariantCulture), d.Year.ToString(System.Globalization.CultureInfo.InvariantCulture)) : (string.Empty, string.Empty, string.Empty));
        form.Add(new StringContent(day), "Day");
        form.Add(new StringContent(month), "Month");
        form.Add(new StringContent(year), "Year");
        form.Add(new ByteArrayContent(file.Content), "Upload", file.Name);
        return await client.PostAsync(url, form);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private Task<Organisation> RiversideAsync() => app.InScopeAsync(services =>
        services.GetRequiredService<CommissioningDbContext>().Organisations.AsNoTracking().SingleAsync(o => o.OrgId == RiversideOrgId || o.Name == "Riverside Youth Project"));

    private Task<int> RawBankRowsAsync(OrganisationId id) => app.InScopeAsync(services =>
        services.GetRequiredService<CommissioningDbContext>().Set<ProtectedBankDetails>().CountAsync(b => b.OrganisationId == id));

    /// <summary>The column as the database holds it, read with SQL rather than through the model.</summary>
    private Task<string> RawProtectedAsync(OrganisationId id) => app.InScopeAsync(async services =>
    {
        var db = services.GetRequiredService<CommissioningDbContext>();
        var rows = await db.Database.SqlQueryRaw<string>("SELECT \"Protected\" AS \"Value\" FROM \"OrganisationBankDetails\"").ToListAsync();
        var row = await db.Set<ProtectedBankDetails>().AsNoTracking().SingleAsync(b => b.OrganisationId == id);
        Assert.Contains(row.Protected, rows);
        return string.Join("\n", rows);
    });
}

public sealed class OrganisationProfileTestsOnSqlite(SqliteApp app) : OrganisationProfileTests(app), IClassFixture<SqliteApp>;

public sealed class OrganisationProfileTestsOnPostgres(PostgresApp app) : OrganisationProfileTests(app), IClassFixture<PostgresApp>;
