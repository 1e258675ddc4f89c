using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// A grants officer sets up a Police and Crime Plan (a theme, an outcome under it, a measure, an outcome at plan level)
/// and publishes it, using only the keyboard in real Chromium; every page is checked with axe-core (WCAG 2.2 A and
/// AA), must not scroll sideways at 390 pixels wide, and is pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Officer = "officer@demo.commissioning.test";

    [Fact]
    public async Task A_grants_officer_sets_up_and_publishes_a_plan_by_keyboard_with_no_axe_violations()
    {
        var title = $"Police and Crime Plan 2031-2035 {Guid.NewGuid():N}"[..40];
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, Officer);

        await PageHelpers.TabToAsync(page, f => f.Href == "/Admin/Plans", "the Police and Crime Plans link", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Admin/Plans");
        await CheckAsync(page, "Police and Crime Plans", "plans-index");

        await PageHelpers.TabToAsync(page, f => f.Href == "/Admin/Plans/Edit", "the Create a plan button", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Admin/Plans/Edit");
        await CheckAsync(page, "Create a plan", "plans-create");
        await PageHelpers.TabToAsync(page, f => f.Text == "Create plan", "the Create plan button", 30);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Enter the plan title.", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "Create a plan", "plans-create-error");

        await TypeAsync(page, "Input_Title", title);
        await PageHelpers.TabToAsync(page, f => f.Id == "Input_PriorityTerm", "the first word for priorities");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.Locator("#Input_PriorityTerm-2").IsCheckedAsync(), "Arrow down did not choose themes.");
        await TypeAsync(page, "PeriodStart", "1");
        await TypeAsync(page, "PeriodStart-month", "4");
        await TypeAsync(page, "PeriodStart-year", "2031");
        await TypeAsync(page, "PeriodEnd", "31");
        await TypeAsync(page, "PeriodEnd-month", "3");
        await TypeAsync(page, "PeriodEnd-year", "2035");
        await PageHelpers.TabToAsync(page, f => f.Text == "Create plan", "the Create plan button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        var planPath = new Uri(page.Url).AbsolutePath;
        await CheckAsync(page, title, "plans-plan-new");

        await PageHelpers.TabToAsync(page, f => f.Href == $"{planPath}/Priority", "the Add a theme button", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"{planPath}/Priority");
        await CheckAsync(page, "Add a theme", "plans-add-theme");
        await TypeAsync(page, "Input_Title", "Victims");
        await TypeAsync(page, "Input_Summary", "Supporting victims and witnesses to cope and recover");
        await PageHelpers.TabToAsync(page, f => f.Text == "Add theme", "the Add theme button");
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", planPath);

        await PageHelpers.TabToAsync(page, f => f.Href.StartsWith($"{planPath}/Outcome?priorityId=", StringComparison.Ordinal), "the Add an outcome link", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#Input_Description").WaitForAsync();
        await CheckAsync(page, "Add an outcome under Victims", "plans-add-outcome");
        await TypeAsync(page, "Input_Description", "Victims cope and recover from their experience");
        await PageHelpers.TabToAsync(page, f => f.Text == "Add outcome", "the Add outcome button");
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", planPath);

        await PageHelpers.TabToAsync(page, f => f.Href.EndsWith("/Measure", StringComparison.Ordinal), "the Add a measure link", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#Input_Name").WaitForAsync();
        await CheckAsync(page, "Add a measure", "plans-add-measure");
        await TypeAsync(page, "Input_Name", "Victims supported");
        await TypeAsync(page, "Input_Unit", "people");
        await PageHelpers.TabToAsync(page, f => f.Id == "Input_Direction", "the Higher is better radio");
        await page.Keyboard.PressAsync("Space");
        await PageHelpers.TabToAsync(page, f => f.Text == "Add measure", "the Add measure button");
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", planPath);

        await PageHelpers.TabToAsync(page, f => f.Href == $"{planPath}/Outcome", "the Add an outcome at plan level link", 50);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"{planPath}/Outcome");
        await TypeAsync(page, "Input_Description", "Communities are safe and crime is reduced");
        await PageHelpers.TabToAsync(page, f => f.Id == "Input_MapsTo", "the Victims checkbox");
        await page.Keyboard.PressAsync("Space");
        await CheckAsync(page, "Add an outcome at plan level", "plans-add-plan-outcome");
        await PageHelpers.TabToAsync(page, f => f.Text == "Add outcome", "the Add outcome button");
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", planPath);

        await PageHelpers.TabToAsync(page, f => f.Id == "PublishedOn", "the publication day", 60);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("2");
        await PageHelpers.TabToAsync(page, f => f.Id == "PublishedOn-month", "the publication month");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("3");
        await PageHelpers.TabToAsync(page, f => f.Id == "PublishedOn-year", "the publication year");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("2031");
        await PageHelpers.TabToAsync(page, f => f.Text == "Publish plan", "the Publish plan button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Contains("has been published", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Victims supported (people; higher is better)", main, StringComparison.Ordinal);
        Assert.Contains("Served by: Victims", main, StringComparison.Ordinal);
        await CheckAsync(page, title, "plans-plan-published");

        await page.GotoAsync("Admin/Plans");
        await CheckAsync(page, "Police and Crime Plans", "plans-index-published");
    }

    private static Task TypeAsync(IPage page, string id, string text) => PageHelpers.TypeIntoAsync(page, id, text);

    /// <summary>The page is styled, headed as expected, has no axe violations, does not scroll sideways at 390 pixels, and is pictured.</summary>
    private Task CheckAsync(IPage page, string heading, string screenshot) => PageHelpers.CheckPageAsync(page, output, heading, screenshot);
}
