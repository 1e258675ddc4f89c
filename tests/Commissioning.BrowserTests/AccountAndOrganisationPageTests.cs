using Commissioning.Infrastructure.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// Creating an account, organisations and the admin's mail pages in real Chromium against the real app: each page
/// checked with axe-core (WCAG 2.2 A and AA), with and without errors, and pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountAndOrganisationPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Title = " - Commissioning - Thames Valley Office of the Police and Crime Commissioner";

    [Fact]
    public async Task The_register_page_is_reached_from_sign_in_says_how_long_a_password_must_be_and_has_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await page.GotoAsync("Account/SignIn");

        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "create an account" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/Register");

        await PageHelpers.AssertStyledAsync(page);
        Assert.Equal("Create an account" + Title, await page.TitleAsync());
        Assert.Equal(1, await page.GetByLabel("Full name").CountAsync());
        Assert.Equal(1, await page.GetByLabel("Email address").CountAsync());
        var password = page.GetByLabel("Create a password");
        Assert.Contains("Your password must be 12 characters or more.", await page.Locator("#Input_Password-hint").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Input_Password-hint", await password.GetAttributeAsync("aria-describedby"));
        Assert.Equal("new-password", await password.GetAttributeAsync("autocomplete"));
        // GOV.UK Frontend's password input adds a Show button that reveals the password.
        await page.Locator("#Input_Password").FillAsync("a secret phrase");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show password" }).First.ClickAsync();
        Assert.Equal("text", await page.Locator("#Input_Password").GetAttributeAsync("type"));

        await Axe.AssertNoViolationsAsync(page, output, "the register page");
        await PageHelpers.ScreenshotAsync(page, output, "register");
    }

    [Fact]
    public async Task The_register_page_with_errors_lists_them_in_page_order_linked_to_their_fields_with_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await page.GotoAsync("Account/Register");

        await page.Locator("#Input_Email").FillAsync("not an email address");
        await page.Locator("#Input_Password").FillAsync("too short");
        await page.Locator("#Input_ConfirmPassword").FillAsync("something else");
        await page.Locator("#Input_ConfirmPassword").PressAsync("Enter");
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Equal("Error: Create an account" + Title, await page.TitleAsync());
        var links = await summary.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href') + ' ' + a.textContent.trim())");
        Assert.Equal(
        [
            "#Input_FullName Enter your full name",
            "#Input_Email Enter an email address in the correct format, like name@example.org",
            "#Input_Password Your password must be 12 characters or more",
            "#Input_ConfirmPassword The passwords do not match. Enter the same password in both fields",
        ], links);
        Assert.Equal("Input_Password-hint Input_Password-error", await page.Locator("#Input_Password").GetAttributeAsync("aria-describedby"));
        Assert.Equal("not an email address", await page.Locator("#Input_Email").InputValueAsync());
        Assert.Equal(string.Empty, await page.Locator("#Input_Password").InputValueAsync());
        var focused = await PageHelpers.FocusedAsync(page);
        Assert.True(focused.Classes.Contains("govuk-error-summary", StringComparison.Ordinal), $"The error summary should have the focus when the page loads; the focus is on {focused}.");

        await Axe.AssertNoViolationsAsync(page, output, "the register page with errors");
        await PageHelpers.ScreenshotAsync(page, output, "register-errors");
    }

    [Fact]
    public async Task Creating_an_organisation_with_problems_shows_them_beside_the_revealed_number_field_with_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "csp@demo.commissioning.test");
        await page.GotoAsync("Organisations/Create");
        await PageHelpers.AssertStyledAsync(page);
        Assert.False(await page.Locator("#Input_CharityNumber").IsVisibleAsync());

        // Choosing a legal form reveals the number it needs; the keyboard alone does it.
        await page.Locator("#Input_Name").FillAsync("Riverside Women's Aid");
        await page.Locator("#Input_LegalForm").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.Locator("#Input_CharityNumber").IsVisibleAsync(), "Choosing 'Registered charity' should reveal the charity number field.");
        Assert.Equal("true", await page.Locator("#Input_LegalForm").GetAttributeAsync("aria-expanded"));
        await page.Locator("#Input_CharityNumber").FillAsync("12AB");
        await page.Locator("#Input_AddressLine1").FillAsync("1 Bridge Street");
        await page.Locator("#Input_Town").FillAsync("Reading");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Equal("Error: Create an organisation" + Title, await page.TitleAsync());
        var hrefs = await summary.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(["#Input_CharityNumber", "#Input_Postcode"], hrefs);
        Assert.True(await page.Locator("#Input_CharityNumber").IsVisibleAsync(), "The charity number field with the error should stay revealed.");
        Assert.Contains("'12AB' is not a charity number.", await page.Locator("#Input_CharityNumber-error").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Error: Enter the postcode", Normalise(await page.Locator("#Input_Postcode-error").InnerTextAsync()));
        await summary.Locator("a[href='#Input_CharityNumber']").ClickAsync();
        Assert.Equal("Input_CharityNumber", (await PageHelpers.FocusedAsync(page)).Id);

        await Axe.AssertNoViolationsButGovUkConditionalRevealsAsync(page, output, "the create an organisation page with errors");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-create-errors");
    }

    [Fact]
    public async Task An_applicant_sees_their_organisations_and_one_organisations_page_with_no_axe_violations()
    {
        // Someone from another organisation asks to join Riverside Youth Project, so its page has a request to decide.
        await using (var asking = await browser.NewContextAsync())
        {
            var asker = await asking.NewPageAsync();
            asker.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
            await PageHelpers.SignInAsync(asker, "csp@demo.commissioning.test");
            await asker.GotoAsync("Organisations/Join?q=1187654");
            await asker.GetByRole(AriaRole.Link, new() { Name = "Ask to join Riverside Youth Project" }).ClickAsync();
            await asker.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Organisations/Join/", StringComparison.Ordinal));
            Assert.Equal("Ask to join Riverside Youth Project", await asker.Locator("h1").InnerTextAsync());
            await asker.GetByLabel("Message to the members (optional)").FillAsync("I coordinate the Reading youth diversion work and would like to see your bids.");
            await Axe.AssertNoViolationsAsync(asker, output, "the ask to join page");
            await PageHelpers.ScreenshotAsync(asker, output, "organisation-ask-to-join");
            await asker.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
            await asker.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Organisations");
            Assert.Contains("You have asked to join Riverside Youth Project.", await asker.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        }

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "applicant@demo.commissioning.test");

        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Manage your organisations" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Organisations");
        await PageHelpers.AssertStyledAsync(page);
        Assert.Equal("Your organisations", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(1, await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Riverside Youth Project" }).CountAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Create an organisation" }).CountAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Ask to join an organisation" }).CountAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the organisations page of an applicant");
        await PageHelpers.ScreenshotAsync(page, output, "organisations");

        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Riverside Youth Project" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Organisations/", StringComparison.Ordinal));
        Assert.Equal("Riverside Youth Project", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("GB-CHC-1187654", await page.Locator("main .govuk-summary-list").First.InnerTextAsync(), StringComparison.Ordinal);
        var request = page.Locator(".govuk-summary-card", new() { HasTextString = "Daniel Hughes" });
        Assert.Equal(1, await request.CountAsync());
        Assert.Equal(1, await request.GetByRole(AriaRole.Button, new() { Name = "Approve Daniel Hughes's request" }).CountAsync());
        Assert.Equal(1, await request.GetByRole(AriaRole.Button, new() { Name = "Decline Daniel Hughes's request" }).CountAsync());
        await page.Locator("#InviteEmail").FillAsync($"colleague-{Guid.NewGuid():N}@test.commissioning.test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Equal(1, await page.Locator("main table", new() { Has = page.Locator("caption", new() { HasTextString = "Invitations" }) }).CountAsync());
        await Axe.AssertNoViolationsAsync(page, output, "an organisation's page with a request to join and an invitation");
        await PageHelpers.ScreenshotAsync(page, output, "organisation");
        await page.Locator("#InviteEmail").FillAsync("not an address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await Axe.AssertNoViolationsAsync(page, output, "an organisation's page, with an error in the invite form");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-invite-error");

        await page.GotoAsync("Organisations/Join?q=Riverside");
        Assert.Equal("1 organisation found", (await page.Locator("#results").InnerTextAsync()).Trim());
        await Axe.AssertNoViolationsAsync(page, output, "the search for an organisation to join");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-join-search");
    }

    [Fact]
    public async Task An_administrator_reads_the_mail_the_service_sent_with_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        // Something to read: a registration queues a confirmation e-mail.
        var email = $"browser-{Guid.NewGuid():N}@test.commissioning.test";
        await page.GotoAsync("Account/Register");
        await page.Locator("#Input_FullName").FillAsync("Bea Browser");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync("a long enough password");
        await page.Locator("#Input_ConfirmPassword").FillAsync("a long enough password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/CheckYourEmail");
        Assert.Equal("Check your email", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the check your email page");
        await PageHelpers.ScreenshotAsync(page, output, "register-check-your-email");

        await PageHelpers.SignInAsync(page, "admin@demo.commissioning.test");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Mail sent by the service" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Admin/Mail");
        await PageHelpers.AssertStyledAsync(page);
        Assert.Equal("Mail sent by the service", await page.Locator("h1").InnerTextAsync());
        var row = page.Locator("main tbody tr", new() { HasTextString = email });
        Assert.Equal(1, await row.CountAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the admin mail page");
        await PageHelpers.ScreenshotAsync(page, output, "admin-mail");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Admin/Mail/", StringComparison.Ordinal));
        Assert.StartsWith("Confirm your email address", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        // A link that carries a token is only for its addressee: the page shows that it was removed, not the link.
        Assert.Contains("[link removed: only the addressee can use it]", await page.Locator("#mail-body").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("#mail-body a[href*='ConfirmEmail']").CountAsync());
        await Axe.AssertNoViolationsAsync(page, output, "an e-mail on the admin mail page");
        await PageHelpers.ScreenshotAsync(page, output, "admin-mail-message");
    }


    private static string Normalise(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
