using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// A grants officer sets up a funding round and its settings, criteria, award terms, history and copy using only the
/// keyboard in real Chromium; every page is checked with axe-core (WCAG 2.2 A and AA), must not scroll sideways at
/// 390 pixels wide, and is pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RoundPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Officer = "officer@demo.commissioning.test";

    [Fact]
    public async Task A_grants_officer_sets_up_a_round_and_its_criteria_by_keyboard_with_no_axe_violations()
    {
        var title = $"Spring round {Guid.NewGuid():N}"[..22];
        var opens = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
        var closes = opens.AddDays(30);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, Officer);

        await PageHelpers.TabToAsync(page, f => f.Href == "/Admin/Rounds", "the Funding rounds link", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Admin/Rounds");
        await CheckAsync(page, "Funding rounds", "rounds-index");

        await PageHelpers.TabToAsync(page, f => f.Href == "/Admin/Rounds/Edit", "the Set up a round button", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Admin/Rounds/Edit");
        await CheckAsync(page, "Set up a round", "rounds-create");

        await PageHelpers.TabToAsync(page, f => f.Id == "Input_LineId", "the first budget line", 30);
        await page.Keyboard.PressAsync("Space");
        await TypeAsync(page, "Input_Title", title);
        await TypeAsync(page, "Input_Summary", "Small grants for community groups.");
        await TypeAsync(page, "Opens", opens.Day.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, "Opens-month", opens.Month.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, "Opens-year", opens.Year.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, "Closes", closes.Day.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, "Closes-month", closes.Month.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, "Closes-year", closes.Year.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, "Input_AmountAvailable", "5000");
        await TypeAsync(page, "Input_MinimumAward", "100");
        await TypeAsync(page, "Input_MaximumAward", "9000");
        await PageHelpers.TabToAsync(page, f => f.Text == "Set up round", "the Set up round button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("The amount available (£5,000.00) cannot be less than the maximum award (£9,000.00).", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "Set up a round", "rounds-create-error");

        await page.Locator("#Input_MaximumAward").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("1000");
        await PageHelpers.TabToAsync(page, f => f.Text == "Set up round", "the Set up round button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        var roundPath = new Uri(page.Url).AbsolutePath;
        await CheckAsync(page, title, "rounds-round");
        Assert.Equal($"{roundPath}/Form", await page.Locator("#application-form-link").GetAttributeAsync("href"));

        await PageHelpers.TabToAsync(page, f => f.Href == $"{roundPath}/Criteria", "the criteria link", 60);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"{roundPath}/Criteria");
        await CheckAsync(page, "Assessment criteria", "rounds-criteria");
        await PageHelpers.TabToAsync(page, f => f.Text == "Add another criterion", "the Add another criterion button", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#Input_Rows_1__Title").WaitForAsync();
        await page.Locator("#Input_Rows_0__Weight").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("70");
        await TypeAsync(page, "Input_Rows_1__Title", "Value for money");
        await TypeAsync(page, "Input_Rows_1__Weight", "20");
        await PageHelpers.TabToAsync(page, f => f.Text == "Save", "the Save button", 20);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Assessment criteria weights must add up to 100%; they add up to 90%.", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "Assessment criteria", "rounds-criteria-error");
        await page.Locator("#Input_Rows_1__Weight").FocusAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("30");
        await PageHelpers.TabToAsync(page, f => f.Text == "Save", "the Save button", 20);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", roundPath);

        foreach (var (path, heading, picture) in new[] { ("Applicants", "Who may apply", "rounds-applicants"), ("Priorities", "Plan priorities the round funds", "rounds-priorities"), ("Terms", "Award terms", "rounds-terms"), ("History", "Change history", "rounds-history"), ("Copy", "Copy the round", "rounds-copy") })
        {
            await page.GotoAsync($"{roundPath}/{path}");
            await CheckAsync(page, heading, picture);
        }

        await page.GotoAsync($"{roundPath}/Applicants");
        await PageHelpers.TabToAsync(page, f => f.Id == "Input_ExcludedLegalForms-6", "the local authority checkbox", 30);
        await page.Keyboard.PressAsync("Space");
        await PageHelpers.TabToAsync(page, f => f.Text == "Save", "the Save button", 60);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", roundPath);
        Assert.Contains("Local authority or Community Safety Partnership", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    private static Task TypeAsync(IPage page, string id, string text) => PageHelpers.TypeIntoAsync(page, id, text);

    /// <summary>The page is styled, headed as expected, has no axe violations, does not scroll sideways at 390 pixels, and is pictured.</summary>
    private Task CheckAsync(IPage page, string heading, string screenshot) => PageHelpers.CheckPageAsync(page, output, heading, screenshot);
}
