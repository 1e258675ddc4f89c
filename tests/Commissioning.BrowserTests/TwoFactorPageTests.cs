using Commissioning.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// Setting up two-factor sign-in in real Chromium: the page a member of staff is sent to after their password when
/// it is required (on an app of its own with Security:RequireTwoFactorForStaff on, so the shared app's demo staff
/// keep signing in with their password), and the account page where an applicant can turn it on. Each checked with
/// axe-core (WCAG 2.2 A and AA), with and without an error, and pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Title = " - Commissioning - Thames Valley Office of the Police and Crime Commissioner";

    [Fact]
    public async Task Staff_set_up_two_factor_sign_in_after_their_password_on_a_page_with_no_axe_violations()
    {
        await using var app = await WebAppProcess.StartAsync(new Dictionary<string, string> { ["Security__RequireTwoFactorForStaff"] = "true" });
        await using var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "en-GB", TimezoneId = "Europe/London" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await page.GotoAsync("Account/SignIn");
        await page.Locator("#Input_Email").FillAsync("officer@demo.commissioning.test");
        await page.Locator("#Input_Password").FillAsync(Commissioning.Infrastructure.Demo.DemoDataSeeder.Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Account/SetUpTwoFactor");

        await PageHelpers.AssertStyledAsync(page);
        Assert.Equal("Set up two-factor sign-in" + Title, await page.TitleAsync());
        var qrCode = page.GetByRole(AriaRole.Img, new() { Name = "QR code to scan with your authenticator app" });
        Assert.True(await qrCode.IsVisibleAsync());
        var box = await qrCode.BoundingBoxAsync();
        Assert.True(box is { Width: >= 150, Height: >= 150 }, $"The QR code is drawn {box?.Width} by {box?.Height} pixels, too small to scan.");
        var key = await page.Locator("#setup-key").InnerTextAsync();
        Assert.Matches("^([a-z2-7]{4} )+[a-z2-7]{1,4}$", key);
        Assert.StartsWith("otpauth://totp/", await page.GetByRole(AriaRole.Link, new() { Name = "open the setup link in your authenticator app" }).GetAttributeAsync("href"), StringComparison.Ordinal);
        Assert.Equal("Input_Code-hint", await page.GetByLabel("Security code").GetAttributeAsync("aria-describedby"));
        await Axe.AssertNoViolationsAsync(page, output, "the two-factor set-up page");
        await PageHelpers.ScreenshotAsync(page, output, "two-factor-set-up");

        var wrong = Totp.Code(key, DateTimeOffset.UtcNow) == "000000" ? "111111" : "000000";
        await page.GetByLabel("Security code").FillAsync(wrong);
        await page.GetByLabel("Security code").PressAsync("Enter");
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Equal("Error: Set up two-factor sign-in" + Title, await page.TitleAsync());
        Assert.Equal("#Input_Code The security code is not right. Enter the 6-digit code your authenticator app shows now.", (await summary.Locator("a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href') + ' ' + a.textContent.trim())")).Single());
        Assert.Equal("Input_Code-hint Input_Code-error", await page.Locator("#Input_Code").GetAttributeAsync("aria-describedby"));
        await Axe.AssertNoViolationsAsync(page, output, "the two-factor set-up page with an error");
        await PageHelpers.ScreenshotAsync(page, output, "two-factor-set-up-error");

        await page.GetByLabel("Security code").FillAsync(Totp.Code(key, DateTimeOffset.UtcNow));
        await page.GetByLabel("Security code").PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        Assert.Contains("Welcome,", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_account_page_offers_applicants_two_factor_sign_in_with_a_qr_code_and_has_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "csp@demo.commissioning.test");
        await page.GotoAsync("Account/Security");

        Assert.Equal("Your account" + Title, await page.TitleAsync());
        Assert.True(await page.GetByRole(AriaRole.Heading, new() { Name = "Turn on two-factor sign-in" }).IsVisibleAsync());
        Assert.True(await page.GetByRole(AriaRole.Img, new() { Name = "QR code to scan with your authenticator app" }).IsVisibleAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the account page with two-factor set-up");
        await PageHelpers.ScreenshotAsync(page, output, "account-two-factor");

        // A wrong code only: the shared app's demo applicant keeps signing in with a password.
        await page.GetByLabel("Security code").FillAsync("12345");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.Contains("The security code is 6 digits, like 123456", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the account page with an error in the security code");
        await PageHelpers.ScreenshotAsync(page, output, "account-two-factor-error");
    }
}
