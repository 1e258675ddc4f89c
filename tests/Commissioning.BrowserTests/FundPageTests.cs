using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// A grants officer sets up a fund and a line of its budget, then changes the line, using only the keyboard in real
/// Chromium; every page is checked with axe-core (WCAG 2.2 A and AA), must not scroll sideways at 390 pixels wide,
/// and is pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FundPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Officer = "officer@demo.commissioning.test";

    [Fact]
    public async Task A_grants_officer_sets_up_a_fund_and_a_budget_line_by_keyboard_with_no_axe_violations()
    {
        var fundName = $"Victims fund {Guid.NewGuid():N}"[..24];
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, Officer);

        await PageHelpers.TabToAsync(page, f => f.Href == "/Admin/Funds", "the Funds and budgets link", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Admin/Funds");
        await CheckAsync(page, "Funds and budgets", "funds-index");

        await PageHelpers.TabToAsync(page, f => f.Href == "/Admin/Funds/Edit", "the Create a fund button", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Admin/Funds/Edit");
        await CheckAsync(page, "Create a fund", "funds-create");

        await TypeAsync(page, "Input_Name", fundName);
        await PageHelpers.TabToAsync(page, f => f.Id == "Input_Programme", "the first programme");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.Locator("#Input_Programme-2").IsCheckedAsync(), "Arrow down did not choose the victims' services grant.");
        await TypeAsync(page, "Input_FundingSource", "Ministry of Justice grant for victims' services");
        await TypeAsync(page, "Input_PublishesAs", "GB-GOR-PC000123");
        await TypeAsync(page, "Input_CostCentre", "CC1040");
        await TypeAsync(page, "Input_NominalCode", "5200");
        await TypeAsync(page, "Input_FundCode", "VSG");
        await PageHelpers.TabToAsync(page, f => f.Text == "Create fund", "the Create fund button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Equal(fundName, await page.Locator("h1").InnerTextAsync());
        var fundPath = new Uri(page.Url).AbsolutePath;
        await CheckAsync(page, fundName, "funds-fund-new");

        await PageHelpers.TabToAsync(page, f => f.Text == "Add a budget line", "the Add a budget line button", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"{fundPath}/AddLine");
        await CheckAsync(page, "Add a budget line", "funds-add-line");
        await TypeAsync(page, "Input_Name", "Domestic abuse and sexual violence");
        await TypeAsync(page, "Input_Amount", "900,000.001");
        await TypeAsync(page, "Input_RingFencedFor", "ISVA and IDVA posts");
        await PageHelpers.TabToAsync(page, f => f.Text == "Add line", "the Add line button", 20);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Enter an amount with no more than two decimal places", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "Add a budget line", "funds-add-line-error");

        await page.Locator("#Input_Amount").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("900000");
        await PageHelpers.TabToAsync(page, f => f.Text == "Add line", "the Add line button", 20);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", fundPath);
        Assert.Contains("Domestic abuse and sexual violence (£900,000.00) has been added to the", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, fundName, "funds-fund-with-line");

        await PageHelpers.TabToAsync(page, f => f.Text == "Domestic abuse and sexual violence", "the line's link", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Admin/Funds/Lines/", StringComparison.Ordinal));
        await CheckAsync(page, "Domestic abuse and sexual violence", "funds-line");

        await page.Locator("#Amount").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("850000");
        await TypeAsync(page, "AmountReason", "Grant letter revised the allocation");
        await PageHelpers.TabToAsync(page, f => f.Text == "Change the amount", "the Change the amount button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Contains("Amount changed from £900,000.00 to £850,000.00", await page.Locator("#line-history").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "Domestic abuse and sexual violence", "funds-line-changed");
    }

    [Fact]
    public async Task Finance_records_a_supplier_reference_by_keyboard_with_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "finance@demo.commissioning.test");

        await PageHelpers.TabToAsync(page, f => f.Href == "/Finance/Suppliers", "the Supplier references link", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Finance/Suppliers");
        await CheckAsync(page, "Supplier references", "finance-suppliers");
        await PageHelpers.TabToAsync(page, f => f.Href.StartsWith("/Finance/Suppliers/", StringComparison.Ordinal), "the first Record link", 30);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#Reference").WaitForAsync();
        var heading = await page.Locator("h1").InnerTextAsync();
        Assert.Contains("Supplier reference for ", heading, StringComparison.Ordinal);
        await TypeAsync(page, "Reference", "SUP 45");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await CheckAsync(page, heading, "finance-supplier-error");
        await page.Locator("#Reference").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("SUP-004512");
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Finance/Suppliers");
        Assert.Contains("supplier reference is now SUP-004512", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static Task TypeAsync(IPage page, string id, string text) => PageHelpers.TypeIntoAsync(page, id, text);

    /// <summary>The page is styled, headed as expected, has no axe violations, does not scroll sideways at 390 pixels, and is pictured.</summary>
    private Task CheckAsync(IPage page, string heading, string screenshot) => PageHelpers.CheckPageAsync(page, output, heading, screenshot);
}
