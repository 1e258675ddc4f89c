using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// The pages shown when the limits on e-mails asked for without signing in are reached, on an app of their own with
/// low limits (so the shared app's other tests keep their allowance): by keyboard, with axe-core and a picture.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TooManyRequestsPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task The_pages_for_too_many_requests_to_one_address_and_from_one_connection_have_no_axe_violations()
    {
        await using var app = await WebAppProcess.StartAsync(new Dictionary<string, string>
        {
            ["RateLimits__EmailsPerAddress"] = "1",
            ["RateLimits__EmailRequestsPerClient"] = "3",
        });
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "en-GB", TimezoneId = "Europe/London" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);

        foreach (var (email, expected) in new[] { ("flooded@example.org", 302), ("flooded@example.org", 429) })
        {
            await page.GotoAsync("Account/ForgotPassword");
            await page.Locator("#Input_Email").FillAsync(email);
            var response = await page.RunAndWaitForResponseAsync(() => page.Locator("#Input_Email").PressAsync("Enter"), r => r.Request.Method == "POST");
            Assert.Equal(expected, response.Status);
        }

        await page.Locator("h1").WaitForAsync();
        Assert.Equal("Sorry, there have been too many attempts", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("too many requests for emails to this email address", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await PageHelpers.AssertStyledAsync(page);
        await Axe.AssertNoViolationsAsync(page, output, "the page for too many requests to one address");
        await PageHelpers.ScreenshotAsync(page, output, "too-many-requests-address");

        // The third request from this connection is allowed (another address); the fourth is over its limit of three.
        foreach (var (email, expected) in new[] { ("someone-else@example.org", 302), ("a-third-person@example.org", 429) })
        {
            await page.GotoAsync("Account/ResendConfirmation");
            await page.Locator("#Input_Email").FillAsync(email);
            var response = await page.RunAndWaitForResponseAsync(() => page.Locator("#Input_Email").PressAsync("Enter"), r => r.Request.Method == "POST");
            Assert.Equal(expected, response.Status);
        }

        await page.Locator("h1").WaitForAsync();
        Assert.Contains("from your internet connection", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the page for too many requests from one connection");
        await PageHelpers.ScreenshotAsync(page, output, "too-many-requests-connection");
    }
}
