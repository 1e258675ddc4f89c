using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// A grants officer builds a round's application form, previews it and publishes the round, using only the keyboard
/// in real Chromium; every page is checked with axe-core (WCAG 2.2 A and AA), must not scroll sideways at 390 pixels
/// wide, and is pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FormBuilderPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Officer = "officer@demo.commissioning.test";

    [Fact]
    public async Task A_grants_officer_builds_previews_and_publishes_a_form_by_keyboard_with_no_axe_violations()
    {
        var title = $"Victims' services round {Guid.NewGuid():N}"[..32];
        var roundId = await NewRoundAsync(title);
        var formPath = $"/Admin/Rounds/{roundId}/Form";
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, Officer);

        await page.GotoAsync(formPath.TrimStart('/'));
        await CheckAsync(page, "Application form", "form-builder-empty");

        await PageHelpers.TabToAsync(page, f => f.Text == "Add a section", "the Add a section button", 40);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"{formPath}/Sections");
        await CheckAsync(page, "Add a section", "form-builder-section");
        await TypeAsync(page, "Title", "About the service");
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", formPath);
        Assert.Contains("The section \u2018About the service\u2019 has been added.", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);

        await PageHelpers.TabToAsync(page, f => f.Text.StartsWith("Add a question", StringComparison.Ordinal), "the Add a question button", 40);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"{formPath}/Questions");
        const string questionHeading = "Add a question to \u2018About the service\u2019";
        await CheckAsync(page, questionHeading, "form-builder-question", conditionalReveals: true);
        await PageHelpers.TabToAsync(page, f => f.Text == "Add question", "the Add question button", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Select the type of answer the question takes", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, questionHeading, "form-builder-question-error", conditionalReveals: true);

        await TypeAsync(page, "Input_Text", "Is the service free to victims?");
        await PageHelpers.TabToAsync(page, f => f.Id == "Input_Type", "the first type of answer", 20);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.Locator("#Input_Type").IsCheckedAsync(), "Space did not choose Yes or no.");
        await PageHelpers.TabToAsync(page, f => f.Id == "Input_Showstopper", "the showstopper checkbox", 5);
        await page.Keyboard.PressAsync("Space");
        await TypeAsync(page, "Input_ShowstopperExplanation", "The fund only supports services that are free to victims.");
        await CheckAsync(page, questionHeading, "form-builder-question-showstopper", conditionalReveals: true);
        await PageHelpers.TabToAsync(page, f => f.Text == "Add question", "the Add question button", 20);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", formPath);

        await PageHelpers.TabToAsync(page, f => f.Text.StartsWith("Add a question", StringComparison.Ordinal), "the Add a question button", 40);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"{formPath}/Questions");
        await TypeAsync(page, "Input_Text", "How is the service kept free?");
        await PageHelpers.TabToAsync(page, f => f.Id == "Input_Type", "the first type of answer", 20);
        for (var i = 0; i < 4; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.True(await page.Locator("#Input_Type-5").IsCheckedAsync(), "Arrow down did not reach Long text.");
        await TypeAsync(page, "Input_MaxWords", "250");
        await PageHelpers.TabToAsync(page, f => f.Id == "Input_ShowWhen", "when to ask it", 20);
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("is-the-service-free-to-victims|yes", await page.Locator("#Input_ShowWhen").InputValueAsync());
        await PageHelpers.TabToAsync(page, f => f.Text == "Add question", "the Add question button", 5);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", formPath);
        var outline = await page.Locator("main").InnerTextAsync();
        Assert.Contains("Shown only when \u2018Is the service free to victims?\u2019 is answered \u2018Yes\u2019", outline, StringComparison.Ordinal);
        await CheckAsync(page, "Application form", "form-builder-outline");

        await PageHelpers.TabToAsync(page, f => f.Text == "Preview the form", "the Preview the form button", 40);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"{formPath}/Preview");
        await CheckAsync(page, "About the service", "form-builder-preview", conditionalReveals: true);
        Assert.False(await page.Locator("#q_how-is-the-service-kept-free").IsVisibleAsync(), "The question for 'yes' should be hidden until yes is chosen.");
        await PageHelpers.TabToAsync(page, f => f.Id == "q_is-the-service-free-to-victims", "the 'Yes' radio", 40);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.Locator("#q_how-is-the-service-kept-free").IsVisibleAsync(), "Choosing yes in the preview did not reveal its question.");

        await PageHelpers.TabToAsync(page, f => f.Text == "Back to the application form" && f.Href == formPath, "the link back to the form", 40);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", formPath);
        await PageHelpers.TabToAsync(page, f => f.Href.EndsWith("Remove?question=how-is-the-service-kept-free", StringComparison.Ordinal), "the second question's Remove link", 40);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"{formPath}/Remove");
        await CheckAsync(page, "Remove the question \u2018How is the service kept free?\u2019?", "form-builder-remove");
        await PageHelpers.TabToAsync(page, f => f.Text == "Remove", "the Remove button", 20);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", formPath);
        Assert.Contains("The question \u2018How is the service kept free?\u2019 has been removed.", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await PageHelpers.TabToAsync(page, f => f.Text == "Publish round", "the Publish round button", 60);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", formPath);
        Assert.Contains("has been published", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "Application form", "form-builder-published");
    }

    private static Task TypeAsync(IPage page, string id, string text) => PageHelpers.TypeIntoAsync(page, id, text);

    /// <summary>The page is styled, headed as expected, has no axe violations, does not scroll sideways at 390 pixels, and is pictured.</summary>
    private async Task CheckAsync(IPage page, string heading, string screenshot, bool conditionalReveals = false)
    {
        await PageHelpers.AssertStyledAsync(page);
        Assert.Equal(heading, await page.Locator("h1").InnerTextAsync());
        if (conditionalReveals)
        {
            await Axe.AssertNoViolationsButGovUkConditionalRevealsAsync(page, output, $"{heading} ({page.Url})");
        }
        else
        {
            await Axe.AssertNoViolationsAsync(page, output, $"{heading} ({page.Url})");
        }

        await PageHelpers.ScreenshotAsync(page, output, screenshot);
        await page.SetViewportSizeAsync(390, 844);
        var (scrollWidth, clientWidth) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
        Assert.True(scrollWidth <= clientWidth, $"{page.Url} scrolls sideways at 390 pixels: {scrollWidth} wide in {clientWidth}.");
        await PageHelpers.ScreenshotAsync(page, output, $"{screenshot}-390");
        await page.SetViewportSizeAsync(1280, 800);
    }

    /// <summary>An unpublished round of the Police Property Act Fund, open now, with an empty form.</summary>
    private async Task<Guid> NewRoundAsync(string title)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddCommissioningPersistence(ResolvedDatabase.ForTests(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(browser.App.DataFolder, "commissioning.db")}", browser.App.DataFolder));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommissioningDbContext>();
        var fund = await db.Funds.SingleAsync(f => f.Programme == ProgrammeKind.PolicePropertyActFund);
        var now = DateTimeOffset.UtcNow;
        var round = new FundingRound(fund.Id, FinancialYear.Containing(UkTime.DateOf(now)), title, "Grants for services that help victims cope and recover.", now.AddHours(-1), now.AddDays(10), Money.FromPounds(500), Money.FromPounds(10_000), new ScoreScale(0, 10), [new AssessmentCriterion("need", "Need", 100)], [], ApplicationForm.Empty);
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        return round.Id.Value;
    }
}
