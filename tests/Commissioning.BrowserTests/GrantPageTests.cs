using Commissioning.Infrastructure.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// A grant under way, as the demo grant holder sees it in real Chromium: the status page with the conditions,
/// payments and reports, the offer accepted, and the end-of-grant report sent with the keyboard alone, first with
/// mistakes; axe-core finds nothing on any of them.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GrantPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_grant_holder_sees_payments_and_conditions_and_sends_the_end_of_grant_report_by_keyboard_with_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "grantholder@demo.commissioning.test");

        await page.GotoAsync("Applications");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Tools and mentoring for men at risk of isolation" }).First.ClickAsync();
        await page.Locator("h1").WaitForAsync();
        if (!new Uri(page.Url).AbsolutePath.EndsWith("/Status", StringComparison.Ordinal))
        {
            await page.GotoAsync(new Uri(page.Url).AbsolutePath.TrimEnd('/') + "/Status");
        }

        var status = new Uri(page.Url).AbsolutePath;
        await PageHelpers.AssertStyledAsync(page);
        Assert.Contains("Paid", await page.Locator("#payment-schedule").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Met", await page.Locator("#conditions").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the status page of a grant under way");
        await PageHelpers.ScreenshotAsync(page, output, "grant-status");

        await page.GotoAsync(status.Replace("/Status", "/Offer", StringComparison.Ordinal));
        Assert.Equal("Offer accepted", await page.Locator(".govuk-panel__title").InnerTextAsync());
        Assert.Contains("£3,250.00", await page.Locator("#amount-offered").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the accepted offer");
        await PageHelpers.ScreenshotAsync(page, output, "grant-offer-accepted");

        // To the report by keyboard from the status page.
        await page.GotoAsync(status);
        await PageHelpers.TabToAsync(page, f => f.Tag == "A" && f.Text == "Send the end-of-grant report", "the link to send the end-of-grant report", maxTabs: 40);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("h1", new() { HasText = "End-of-grant report" }).WaitForAsync();
        var report = new Uri(page.Url).AbsolutePath;
        await Axe.AssertNoViolationsAsync(page, output, "the end-of-grant report form");

        // Mistakes first: an amount with three decimal places and no summary.
        await PageHelpers.TabToAsync(page, f => f.Id == "SpendToDate", "the spend so far field", maxTabs: 30);
        await page.Keyboard.TypeAsync("3000.123");
        await PageHelpers.TabToAsync(page, f => f.Tag == "BUTTON" && f.Text == "Send the report", "the Send the report button", maxTabs: 10);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", report);
        var summary = page.Locator(".govuk-error-summary");
        Assert.Contains("Enter a summary of what the grant has paid for and achieved", await summary.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("3000.123", await page.Locator("#SpendToDate").InputValueAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the end-of-grant report form with errors");
        await PageHelpers.ScreenshotAsync(page, output, "grant-report-errors");

        // The error summary's link takes the keyboard to the field.
        await PageHelpers.TabToAsync(page, f => f.Tag == "A" && f.Href == "#Summary", "the error summary link to the summary", maxTabs: 10);
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("Summary", (await PageHelpers.FocusedAsync(page)).Id);
        await page.Keyboard.TypeAsync("Twelve workshops a month since January; 31 men have come, 19 of them every week. Two mentors trained.");
        await page.Locator("#SpendToDate").FillAsync("");
        await page.Locator("#SpendToDate").FocusAsync();
        await page.Keyboard.TypeAsync("3,100.50");
        await PageHelpers.TabToAsync(page, f => f.Tag == "BUTTON" && f.Text == "Send the report", "the Send the report button", maxTabs: 10);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", status);

        Assert.Contains("Your end-of-grant report has been sent.", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Sent on", await page.Locator("#reports").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the status page after sending the report");

        await page.GotoAsync(report);
        Assert.Contains("£3,100.50", await page.Locator("#what-you-sent").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the report as sent");
        await PageHelpers.ScreenshotAsync(page, output, "grant-report-sent");
    }
}
