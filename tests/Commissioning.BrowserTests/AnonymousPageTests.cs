using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>The pages anyone can see without signing in, in real Chromium against the real app, checked with axe-core.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AnonymousPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task Start_page_is_styled_lists_the_open_round_and_has_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response?.Status);
        await PageHelpers.AssertStyledAsync(page);
        Assert.Equal("Grants from the Police and Crime Commissioner", await page.Locator("h1").InnerTextAsync());
        var start = page.Locator("main a.govuk-button--start");
        Assert.Equal("/Account/SignIn", await start.GetAttributeAsync("href"));
        Assert.Equal("Sign in", (await start.InnerTextAsync()).Trim());
        var rounds = await page.Locator("main h3").AllInnerTextsAsync();
        Assert.Contains("Police Property Act Fund 2026/27: round 2", rounds);
        Assert.Equal(1, await page.Locator("header").GetByRole(AriaRole.Link, new() { Name = "Sign in", Exact = true }).CountAsync());

        await Axe.AssertNoViolationsAsync(page, output, "the start page (signed out)");
        await PageHelpers.ScreenshotAsync(page, output, "start");
    }

    [Fact]
    public async Task Sign_in_page_is_styled_and_has_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);

        var response = await page.GotoAsync("Account/SignIn");

        Assert.Equal(200, response?.Status);
        await PageHelpers.AssertStyledAsync(page);
        Assert.Equal("Sign in - Commissioning - Thames Valley Office of the Police and Crime Commissioner", await page.TitleAsync());
        Assert.Equal("Sign in", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(1, await page.GetByLabel("Email address").CountAsync());
        Assert.Equal(1, await page.GetByLabel("Password").CountAsync());
        Assert.Equal(0, await page.Locator(".govuk-error-summary").CountAsync());
        Assert.Equal("page", await page.Locator("header a[href='/Account/SignIn']").GetAttributeAsync("aria-current"));

        await Axe.AssertNoViolationsAsync(page, output, "the sign-in page");
        await PageHelpers.ScreenshotAsync(page, output, "signin");
    }

    [Fact]
    public async Task Sign_in_submitted_empty_shows_the_GOV_UK_error_summary_linking_to_the_email_field_with_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await page.GotoAsync("Account/SignIn");

        // Keyboard only: the skip link first, then on to the email field, then Enter with both fields empty. The form
        // posts to its own address, so the #main-content the skip link left in the URL does not pull the focus away
        // from the error summary when the answer loads.
        await page.Keyboard.PressAsync("Tab");
        var first = await PageHelpers.FocusedAsync(page);
        Assert.True(first.Href == "#main-content", $"The first tab stop on the sign-in page is {first}, not the skip link.");
        await page.Keyboard.PressAsync("Enter");
        await PageHelpers.TabToAsync(page, f => f.Id == "Input_Email", "The email address field");
        await page.Keyboard.PressAsync("Enter");
        var summary = page.Locator(".govuk-error-summary");
        await summary.WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);

        Assert.Equal("Error: Sign in - Commissioning - Thames Valley Office of the Police and Crime Commissioner", await page.TitleAsync());
        Assert.Equal("There is a problem", await summary.Locator("h2").InnerTextAsync());
        Assert.Equal("alert", await summary.Locator("> div").GetAttributeAsync("role"));
        var links = summary.Locator("a");
        Assert.Equal(2, await links.CountAsync());
        Assert.Equal("#Input_Email", await links.Nth(0).GetAttributeAsync("href"));
        Assert.Equal("Enter your email address", await links.Nth(0).InnerTextAsync());
        Assert.Equal("#Input_Password", await links.Nth(1).GetAttributeAsync("href"));
        Assert.Equal("Enter your password", await links.Nth(1).InnerTextAsync());

        // The field errors, tied to their fields.
        Assert.Equal("Error: Enter your email address", Normalise(await page.Locator("#Input_Email-error").TextContentAsync()));
        Assert.Equal("Error: Enter your password", Normalise(await page.Locator("#Input_Password-error").TextContentAsync()));
        Assert.Equal("Input_Email-error", await page.Locator("#Input_Email").GetAttributeAsync("aria-describedby"));
        Assert.Equal("Input_Password-error", await page.Locator("#Input_Password").GetAttributeAsync("aria-describedby"));
        Assert.Contains("govuk-form-group--error", await page.Locator(".govuk-form-group", new() { Has = page.Locator("#Input_Email") }).GetAttributeAsync("class") ?? "", StringComparison.Ordinal);

        // GOV.UK Frontend's JavaScript focuses the summary when the page loads; its first link then takes the
        // keyboard to the email field.
        var onLoad = await PageHelpers.FocusedAsync(page);
        Assert.True(onLoad.Classes.Contains("govuk-error-summary", StringComparison.Ordinal), $"The error summary should have the focus when the page loads (GOV.UK Frontend's JavaScript does this); the focus is on {onLoad}.");
        await page.Keyboard.PressAsync("Tab");
        var firstLink = await PageHelpers.FocusedAsync(page);
        Assert.True(firstLink.Href == "#Input_Email", $"Tab from the error summary reached {firstLink}, not its link to the email field.");
        await page.Keyboard.PressAsync("Enter");
        var field = await PageHelpers.FocusedAsync(page);
        Assert.True(field.Id == "Input_Email", $"The error summary's link moved the focus to {field}, not the email address field.");

        await Axe.AssertNoViolationsAsync(page, output, "the sign-in page with errors");
        await PageHelpers.ScreenshotAsync(page, output, "signin-errors");
    }

    private static string Normalise(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
