using System.Text;
using Commissioning.Infrastructure.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>The organisation profile, its documents and bank details, and finance's verification page, in real Chromium: axe-core and a picture of each.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganisationProfilePageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_profile_documents_and_bank_pages_with_and_without_errors_have_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "applicant@demo.commissioning.test");
        await page.GotoAsync("Organisations");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Riverside Youth Project" }).First.ClickAsync();
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "organisation profile" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.EndsWith("/Profile", StringComparison.Ordinal));
        var profile = new Uri(page.Url).AbsolutePath;
        var organisation = profile[..^"/Profile".Length];

        await PageHelpers.AssertStyledAsync(page);
        Assert.Equal("Organisation profile", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the organisation profile");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-profile");

        await page.GetByRole(AriaRole.Link, new() { Name = "Change main contact" }).ClickAsync();
        await page.Locator("h1").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, output, "the main contact and safeguarding lead");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-contacts");

        await page.GotoAsync(organisation.TrimStart('/') + "/Profile/LegalForm");
        await page.Locator("#Input_LegalForm").CheckAsync();
        await page.Locator("#Input_CharityNumber").FillAsync("12AB");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Axe.AssertNoViolationsButGovUkConditionalRevealsAsync(page, output, "the legal form page with an error");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-legal-form-error");

        await page.GotoAsync(organisation.TrimStart('/') + "/Documents");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload document" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, output, "the documents page with errors");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-documents-errors");

        await page.Locator("#Kind-4").CheckAsync();
        var soon = DateTime.UtcNow.AddDays(20);
        await page.Locator("#Date").FillAsync(soon.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#Date-month").FillAsync(soon.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#Date-year").FillAsync(soon.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "insurance.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload document" }).ClickAsync();
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Contains("Expires soon", await page.Locator("main table").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the documents page");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-documents");

        await page.Locator("#Kind-5").CheckAsync();
        await page.Locator("#Upload").SetInputFilesAsync(new FilePayload { Name = "old minutes.pdf", MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload document" }).ClickAsync();
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Remove old minutes.pdf" }).ClickAsync();
        await page.Locator("h1").WaitForAsync();
        Assert.Equal("Are you sure you want to remove \u2018old minutes.pdf\u2019?", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, "removing a document");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-remove-document");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove the document" }).ClickAsync();
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Contains("old minutes.pdf has been removed.", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync(organisation.TrimStart('/') + "/Bank");
        await page.Locator("#Input_SortCode").FillAsync("12-34");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save bank details" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, output, "the bank details page with errors");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-bank-errors");

        await page.Locator("#Input_AccountName").FillAsync("Riverside Youth Project");
        await page.Locator("#Input_SortCode").FillAsync("30-94-56");
        await page.Locator("#Input_AccountNumber").FillAsync("12345678");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save bank details" }).ClickAsync();
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        var text = await page.Locator("main").InnerTextAsync();
        Assert.Contains("****5678", text, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", text, StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the bank details page");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-bank");

        await using var financeContext = await browser.NewContextAsync();
        var finance = await financeContext.NewPageAsync();
        finance.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(finance, "finance@demo.commissioning.test");
        await finance.GotoAsync("Finance/BankDetails");
        Assert.Equal("Bank details to verify", await finance.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(finance, output, "finance's bank details to verify");
        await PageHelpers.ScreenshotAsync(finance, output, "finance-bank-details");
    }

    [Fact]
    public async Task Creating_an_organisation_named_like_a_registered_one_shows_it_with_a_warning_and_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "csp@demo.commissioning.test");
        await page.GotoAsync("Organisations/Create");
        await page.Locator("#Input_Name").FillAsync("Riverside Youth Project");
        await page.Locator("input[name='Input.LegalForm'][value='ConstitutedUnincorporatedGroup']").CheckAsync();
        await page.Locator("#Input_AddressLine1").FillAsync("1 Bridge Street");
        await page.Locator("#Input_Town").FillAsync("Abingdon");
        await page.Locator("#Input_Postcode").FillAsync("OX14 3HP");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Organisations/Create/Check");

        Assert.Contains("An organisation called Riverside Youth Project is already registered", await page.Locator(".govuk-warning-text").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("GB-CHC-1187654", await page.Locator("main table").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "check your answers with an organisation of the same name");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-same-name");

        await page.GetByRole(AriaRole.Button, new() { Name = "Create organisation" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, output, "check your answers with the same name not confirmed");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-same-name-error");
    }

    [Fact]
    public async Task Finance_told_that_bank_details_changed_since_the_page_was_opened_sees_the_current_ones_with_no_axe_violations()
    {
        await using var memberContext = await browser.NewContextAsync();
        var member = await memberContext.NewPageAsync();
        member.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(member, "csp@demo.commissioning.test");
        await member.GotoAsync("Organisations");
        await member.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Reading Borough Council" }).First.ClickAsync();
        await member.WaitForURLAsync(url => Guid.TryParse(new Uri(url).AbsolutePath.Split('/').Last(), out _));
        var bank = new Uri(member.Url).AbsolutePath.TrimStart('/') + "/Bank";
        await SaveBankDetailsAsync(member, bank, "40-47-84", "31926819");

        await using var financeContext = await browser.NewContextAsync();
        var finance = await financeContext.NewPageAsync();
        finance.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(finance, "finance@demo.commissioning.test");
        await finance.GotoAsync("Finance/BankDetails");
        var card = finance.Locator(".govuk-summary-card", new() { Has = finance.Locator("h2", new() { HasText = "Reading Borough Council" }) });
        Assert.Contains("31926819", await card.InnerTextAsync(), StringComparison.Ordinal);

        await SaveBankDetailsAsync(member, bank, "40-47-84", "70872490");
        var answer = await finance.RunAndWaitForResponseAsync(
            () => card.GetByRole(AriaRole.Button).ClickAsync(),
            response => response.Request.Method == "POST" && response.Url.Contains("/Finance/BankDetails", StringComparison.Ordinal));
        await finance.Locator(".govuk-error-summary").WaitForAsync();

        Assert.Equal(409, answer.Status);
        Assert.Contains("changed since you opened the page, so nothing was verified", await finance.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("70872490", await card.InnerTextAsync(), StringComparison.Ordinal);
        await PageHelpers.AssertStyledAsync(finance);
        await Axe.AssertNoViolationsAsync(finance, output, "finance's bank details to verify after they changed since the page was opened (409)");
        await PageHelpers.ScreenshotAsync(finance, output, "finance-bank-details-changed");
    }

    private static async Task SaveBankDetailsAsync(IPage page, string bank, string sortCode, string accountNumber)
    {
        await page.GotoAsync(bank);
        await page.Locator("#Input_AccountName").FillAsync("Reading Borough Council");
        await page.Locator("#Input_SortCode").FillAsync(sortCode);
        await page.Locator("#Input_AccountNumber").FillAsync(accountNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save bank details" }).ClickAsync();
        await page.Locator(".govuk-notification-banner").WaitForAsync();
    }
}
