using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Identity;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// For each demo sign-in, in real Chromium against the real app: signs in with the keyboard alone, checks the
/// home page for that role, runs axe-core (WCAG 2.2 A and AA) on it, takes a screenshot, and signs out with the
/// keyboard.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SignedInHomePageTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>The year the demo data has budgets for (DemoDataSeeder seeds 2026/27).</summary>
    private const string DemoBudgetYear = "2026/27";

    private static readonly string[] BudgetRoles = [Roles.GrantsOfficer, Roles.Finance, Roles.FinanceApprover, Roles.DecisionMaker, Roles.Admin];

    public static TheoryData<string> DemoSignIns => new(DemoDataSeeder.SignIns.Select(s => s.Email));

    [Theory]
    [MemberData(nameof(DemoSignIns))]
    public async Task Signs_in_with_the_keyboard_sees_an_accessible_home_page_for_the_role_and_signs_out(string email)
    {
        var signIn = DemoDataSeeder.SignIns.Single(s => s.Email == email);
        var name = email[..email.IndexOf('@', StringComparison.Ordinal)];
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);

        // 1. Sign in with the keyboard alone: the skip link is the first tab stop and leads to the form.
        await page.GotoAsync("Account/SignIn");
        await PageHelpers.AssertStyledAsync(page);
        await page.Keyboard.PressAsync("Tab");
        var first = await PageHelpers.FocusedAsync(page);
        Assert.True(first.Href == "#main-content" && first.Text == "Skip to main content", $"The first tab stop on the sign-in page is {first}, not the skip link.");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        var afterSkip = await PageHelpers.FocusedAsync(page);
        Assert.True(afterSkip.Id == "Input_Email", $"After the skip link, Tab reached {afterSkip}, not the email address field.");
        await page.Keyboard.TypeAsync(signIn.Email);
        await page.Keyboard.PressAsync("Tab");
        var password = await PageHelpers.FocusedAsync(page);
        Assert.True(password.Id == "Input_Password", $"Tab from the email address field reached {password}, not the password field.");
        await page.Keyboard.TypeAsync(DemoDataSeeder.Password);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/");

        // 2. The home page for this person and role.
        var heading = await page.Locator("h1").InnerTextAsync();
        Assert.Contains($"Welcome, {signIn.FullName}", heading, StringComparison.Ordinal);
        Assert.Contains(Roles.Describe(signIn.Role), heading, StringComparison.Ordinal);
        Assert.Equal($"Your home page - Commissioning - Thames Valley Office of the Police and Crime Commissioner", await page.TitleAsync());
        Assert.Equal(signIn.Email, (await page.Locator(".govuk-service-navigation__text").InnerTextAsync()).Replace("Signed in as", "", StringComparison.Ordinal).Trim());
        await AssertRoleContentAsync(page, signIn);

        // 3. No WCAG 2.2 A or AA failures that axe can find.
        await Axe.AssertNoViolationsAsync(page, output, $"the home page of {signIn.Email} ({Roles.Describe(signIn.Role)})");

        // 4. A picture to look at.
        await PageHelpers.ScreenshotAsync(page, output, $"home-{name}");

        // 5. Sign out with the keyboard: Tab from the top of the page to the header's Sign out button.
        Assert.DoesNotContain("#", page.Url, StringComparison.Ordinal);
        await PageHelpers.TabToAsync(page, f => f.Tag == "BUTTON" && f.Text == "Sign out", "The header's Sign out button", maxTabs: 6);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Account/SignOut");
        Assert.Equal("You have signed out", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).CountAsync());
        Assert.Equal(0, await page.Locator("header").GetByText(signIn.Email).CountAsync());
        Assert.Equal("/Account/SignIn", await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Sign in again" }).GetAttributeAsync("href"));
        await PageHelpers.ScreenshotAsync(page, output, $"signed-out-{name}");

        // Signed out for real: the sign-in cookie is gone, and the next page is the public one.
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "commissioning.auth");
        await page.GotoAsync("/");
        Assert.Equal("Grants from the Police and Crime Commissioner", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).CountAsync());
        Assert.Equal(1, await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).CountAsync());
    }

    private static async Task AssertRoleContentAsync(IPage page, DemoSignIn signIn)
    {
        var main = page.Locator("main");
        var who = $"{signIn.Email} ({Roles.Describe(signIn.Role)})";
        var budgets = main.Locator("table", new() { Has = page.Locator("caption", new() { HasTextString = $"Budgets for {DemoBudgetYear}" }) });
        var peopleByRole = main.Locator("table", new() { Has = page.Locator("caption", new() { HasTextString = "People by role" }) });
        var h2s = await main.Locator("h2").AllInnerTextsAsync();

        if (signIn.Role == Roles.Applicant)
        {
            Assert.True(h2s.Contains("Your organisations"), $"{who} should see 'Your organisations'; the headings are: {string.Join(" | ", h2s)}");
            var organisations = await main.Locator(".govuk-summary-list__key").AllInnerTextsAsync();
            Assert.True(organisations.Contains(signIn.Organisation), $"{who} should see their organisation '{signIn.Organisation}'; listed: {string.Join(" | ", organisations)}");
            Assert.True(h2s.Contains("Funding rounds open now or opening soon"), $"{who} should see the open funding rounds; the headings are: {string.Join(" | ", h2s)}");
        }
        else
        {
            Assert.False(h2s.Contains("Your organisations"), $"{who} should not see 'Your organisations'.");
        }

        if (signIn.Role == Roles.Assessor)
        {
            Assert.True(h2s.Contains("Bids to score"), $"{who} should see 'Bids to score'; the headings are: {string.Join(" | ", h2s)}");
        }
        else
        {
            Assert.False(h2s.Contains("Bids to score"), $"{who} should not see 'Bids to score'.");
        }

        if (BudgetRoles.Contains(signIn.Role))
        {
            Assert.True(await budgets.CountAsync() == 1, $"{who} should see the 'Budgets for {DemoBudgetYear}' table; the main content says: {await main.InnerTextAsync()}");
            var funds = await budgets.Locator("tbody th").AllInnerTextsAsync();
            Assert.True(funds.Any(f => f.StartsWith("Police Property Act Fund", StringComparison.Ordinal)), $"{who}: the budgets table has no Police Property Act Fund row; rows: {string.Join(" | ", funds)}");
            Assert.Equal(5, funds.Count); // the demo data's five budget lines across the three funds
        }
        else
        {
            Assert.True(await main.Locator("table").CountAsync() == 0, $"{who} should see no budgets table.");
        }

        if (signIn.Role == Roles.Admin)
        {
            Assert.True(await peopleByRole.CountAsync() == 1, $"{who} should see the 'People by role' table.");
            var rows = await peopleByRole.Locator("tbody tr").AllInnerTextsAsync();
            Assert.Equal(Roles.All.Count, rows.Count);
            var applicants = DemoDataSeeder.SignIns.Count(s => s.Role == Roles.Applicant).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Assert.Contains(rows, r => r.StartsWith("Applicant", StringComparison.Ordinal) && r.TrimEnd().EndsWith(applicants, StringComparison.Ordinal));
        }
        else
        {
            Assert.True(await peopleByRole.CountAsync() == 0, $"{who} should not see 'People by role'.");
        }
    }
}
