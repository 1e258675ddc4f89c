using Commissioning.Infrastructure.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// Applying online in real Chromium against the real app: the funding pages, the eligibility check, the task list, a
/// section with errors, check your answers and the confirmation, each checked with axe-core (WCAG 2.2 A and AA) and
/// pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApplyPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string RoundTitle = "Police Property Act Fund 2026/27: round 2";

    [Fact]
    public async Task The_funding_pages_are_accessible_to_anyone()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);

        Assert.Equal(200, (await page.GotoAsync("Funding"))?.Status);
        await PageHelpers.AssertStyledAsync(page);
        Assert.Equal("Find funding", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the funding page");
        await PageHelpers.ScreenshotAsync(page, output, "apply-funding");

        await page.GetByRole(AriaRole.Link, new() { Name = RoundTitle }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Funding/", StringComparison.Ordinal));
        Assert.Equal(RoundTitle, await page.Locator("h1").InnerTextAsync());
        Assert.Equal(1, await page.GetByRole(AriaRole.Button, new() { Name = "Check if you can apply" }).CountAsync());
        await Axe.AssertNoViolationsAsync(page, output, "a round's page");
        await PageHelpers.ScreenshotAsync(page, output, "apply-round");
    }

    [Fact]
    public async Task An_applicant_checks_eligibility_fills_in_the_form_and_submits_with_every_page_accessible()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "applicant@demo.commissioning.test");

        await page.GotoAsync("Funding");
        await page.GetByRole(AriaRole.Link, new() { Name = RoundTitle }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Check if you can apply" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/Eligibility", StringComparison.Ordinal));
        Assert.Equal("Check if you can apply", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the eligibility check");
        await PageHelpers.ScreenshotAsync(page, output, "apply-eligibility");

        await AnswerAsync(page, "Is your group constituted", "Yes");
        await AnswerAsync(page, "Does your group work in the Thames Valley", "Yes");
        await AnswerAsync(page, "Is your organisation a statutory body", "No");
        await AnswerAsync(page, "Has your group had a Police Property Act Fund grant", "No");
        await AnswerAsync(page, "Is the money for your group's core running costs", "No");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        Assert.Equal("You can apply", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the eligibility check's 'you can apply' page");
        await page.GetByLabel("What is your project called?").FillAsync("Browser youth club");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start your application" }).ClickAsync();
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(new Uri(url).AbsolutePath, "^/Applications/[0-9a-f-]{36}$"));
        var applicationPath = new Uri(page.Url).AbsolutePath;

        Assert.Equal("Browser youth club", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(5, await page.Locator(".govuk-task-list__item--with-link").CountAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the task list");
        await PageHelpers.ScreenshotAsync(page, output, "apply-task-list");

        await page.GetByRole(AriaRole.Link, new() { Name = "About your project" }).ClickAsync();
        await page.GetByLabel("Describe your project").FillAsync(string.Join(' ', Enumerable.Repeat("word", 301)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Equal("There is a problem", await page.Locator(".govuk-error-summary__title").InnerTextAsync());
        var errors = await page.Locator(".govuk-error-summary__list li").AllInnerTextsAsync();
        Assert.Contains("Your answer must be 300 words or fewer; it has 301", errors);
        Assert.StartsWith("Error: ", await page.TitleAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "a section with errors");
        await PageHelpers.ScreenshotAsync(page, output, "apply-section-errors");

        await page.GetByLabel("Describe your project").FillAsync("Weekly evening sessions for young people at risk of exploitation.");
        await page.GetByLabel("What evidence is there that this project is needed?").FillAsync("A rise in county lines recruitment in Abingdon.");
        await page.GetByLabel("Day").FillAsync("5");
        await page.GetByLabel("Month").FillAsync("1");
        await page.GetByLabel("Year").FillAsync("2027");
        await page.GetByLabel("Oxfordshire").CheckAsync();
        await SaveAndContinueAsync(page, applicationPath);

        await page.GetByRole(AriaRole.Link, new() { Name = "Money" }).ClickAsync();
        await page.GetByLabel("How much are you asking for?").FillAsync("4500");
        await page.Locator("fieldset", new() { HasTextString = "Have you asked anyone else" }).GetByLabel("No").CheckAsync();
        await SaveAndContinueAsync(page, applicationPath);

        await page.GetByRole(AriaRole.Link, new() { Name = "Difference the project will make" }).ClickAsync();
        await page.GetByLabel("How will you know the project has worked?").FillAsync("Attendance, and fewer referrals to the youth offending team.");
        await page.Locator("fieldset", new() { HasTextString = "safeguarding policy" }).GetByLabel("Yes").CheckAsync();
        await SaveAndContinueAsync(page, applicationPath);

        await page.GetByRole(AriaRole.Link, new() { Name = "Budget" }).ClickAsync();
        await page.GetByLabel("Cost 1: what it is").FillAsync("Sessional youth workers, 200 hours");
        await page.Locator("#cost_0__amount").FillAsync("4000");
        await page.GetByLabel("Cost 2: what it is").FillAsync("Equipment");
        await page.Locator("#cost_1__amount").FillAsync("1000");
        await page.GetByLabel("Other funding 1: what it is").FillAsync("Town council grant");
        await page.Locator("#other_0__amount").FillAsync("500");
        await Axe.AssertNoViolationsAsync(page, output, "the budget page");
        await SaveAndContinueAsync(page, applicationPath);

        await page.GetByRole(AriaRole.Link, new() { Name = "Plan priorities" }).ClickAsync();
        await page.Locator("#Supported").CheckAsync();
        await page.Locator("#Primary").CheckAsync();
        await Axe.AssertNoViolationsAsync(page, output, "the plan priorities page");
        await SaveAndContinueAsync(page, applicationPath);

        await page.GetByRole(AriaRole.Link, new() { Name = "Check your answers and submit" }).ClickAsync();
        Assert.Equal("Check your answers before submitting your application", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, "check your answers");
        await PageHelpers.ScreenshotAsync(page, output, "apply-check-answers");

        await page.GetByLabel("I confirm that the information").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit application" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/Submitted", StringComparison.Ordinal));
        Assert.Equal("Application submitted", await page.Locator("h1").InnerTextAsync());
        Assert.Matches("^PPAF-2026-[0-9]{5}$", await page.Locator("#reference").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the confirmation page");
        await PageHelpers.ScreenshotAsync(page, output, "apply-confirmation");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download a PDF copy of your application" }).ClickAsync());
        Assert.Matches("^PPAF-2026-[0-9]{5}\\.pdf$", download.SuggestedFilename);
    }


    private static Task AnswerAsync(IPage page, string question, string answer) =>
        page.Locator("fieldset", new() { HasTextString = question }).GetByLabel(answer, new() { Exact = true }).CheckAsync();

    private static async Task SaveAndContinueAsync(IPage page, string applicationPath)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and continue" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == applicationPath);
    }
}
