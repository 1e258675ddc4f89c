using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// A grants officer finds an application in the list of applications, opens its case file, and finds its organisation
/// in the directory, using only the keyboard in real Chromium; every page is checked with axe-core (WCAG 2.2 A and
/// AA), must not scroll sideways at 390 pixels wide, and is pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseFilePageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Officer = "officer@demo.commissioning.test";

    private const string Organisation = "Cherwell Valley Community Shed";

    [Fact]
    public async Task A_grants_officer_finds_an_application_opens_its_case_file_and_its_organisation_by_keyboard_with_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, Officer);

        await PageHelpers.TabToAsync(page, f => f.Href == "/Staff/Applications", "the Applications link", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Staff/Applications");
        await CheckAsync(page, "Applications", "staff-applications");

        await PageHelpers.TabToAsync(page, f => f.Id == "q", "the search field", 20);
        await page.Keyboard.TypeAsync("Cherwell");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("q=Cherwell", StringComparison.Ordinal));
        Assert.Contains("1 application", await page.Locator("#found").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "Applications", "staff-applications-search");

        await PageHelpers.TabToAsync(page, f => f.Href.StartsWith("/Staff/Applications/", StringComparison.Ordinal), "the application's link", 30);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Staff/Applications/", StringComparison.Ordinal) && !url.Contains('?', StringComparison.Ordinal));
        var title = await page.Locator("h1").InnerTextAsync();
        var text = await page.Locator("main").InnerTextAsync();
        foreach (var part in new[] { "Answers", "Budget", "Plan priorities", "Award", "Open tasks", "History", "The organisation's documents", "Bank details", "Download a PDF copy" })
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }

        await CheckAsync(page, title, "staff-case-file");

        await page.GotoAsync("/");
        await PageHelpers.TabToAsync(page, f => f.Href == "/Staff/Organisations", "the Organisations link", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Staff/Organisations");
        await CheckAsync(page, "Organisations", "staff-organisations");
        await PageHelpers.TabToAsync(page, f => f.Id == "q", "the search field", 20);
        await page.Keyboard.TypeAsync("cherwell valley");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("q=cherwell", StringComparison.Ordinal));
        await CheckAsync(page, "Organisations", "staff-organisations-search");
        await PageHelpers.TabToAsync(page, f => f.Text == Organisation, "the organisation's link", 30);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("h1", new() { HasText = Organisation }).WaitForAsync();
        Assert.Contains("Awards", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, Organisation, "staff-organisation");
    }

    /// <summary>The page is styled, headed as expected, has no axe violations, does not scroll sideways at 390 pixels, and is pictured.</summary>
    private Task CheckAsync(IPage page, string heading, string screenshot) => PageHelpers.CheckPageAsync(page, output, heading, screenshot);
}
