using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// The application form in real Chromium, by keyboard: a question revealed under the answer that needs it, removing
/// an uploaded file, and a round's own plan priorities, each checked with axe-core (WCAG 2.2 A and AA) and pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApplicationFormPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Applicant = "applicant@demo.commissioning.test";

    private const string DemoRound = "Police Property Act Fund 2026/27: round 2";

    [Fact]
    public async Task Choosing_yes_by_keyboard_reveals_the_question_it_needs_at_once_and_a_missing_answer_shows_it_open()
    {
        var id = await DraftAsync(DemoRound, "Keyboard reveal");
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, Applicant);
        await page.GotoAsync($"Applications/{id}/Sections/money");
        await PageHelpers.AssertStyledAsync(page);
        var details = page.Locator("#q_other-funding-details");
        Assert.False(await details.IsVisibleAsync(), "The question for 'yes' should be hidden until yes is chosen.");
        await Axe.AssertNoViolationsButGovUkConditionalRevealsAsync(page, output, "the money section, nothing chosen");

        await PageHelpers.TabToAsync(page, f => f.Id == "q_amount", "the amount");
        await page.Keyboard.TypeAsync("3000");
        await PageHelpers.TabToAsync(page, f => f.Id == "q_other-funding", "the 'Yes' radio", maxTabs: 3);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.Locator("#q_other-funding").IsCheckedAsync(), "Space should choose yes.");
        Assert.True(await details.IsVisibleAsync(), "Choosing yes should reveal the question at once.");
        Assert.Equal("true", await page.Locator("#q_other-funding").GetAttributeAsync("aria-expanded"));
        await Axe.AssertNoViolationsButGovUkConditionalRevealsAsync(page, output, "the money section with yes chosen");
        await PageHelpers.ScreenshotAsync(page, output, "form-reveal-open");

        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.Locator("#q_other-funding-2").IsCheckedAsync(), "The down arrow should choose no.");
        Assert.False(await details.IsVisibleAsync(), "Choosing no should hide the question again.");
        await page.Keyboard.PressAsync("ArrowUp");
        Assert.True(await details.IsVisibleAsync());
        await PageHelpers.TabToAsync(page, f => f.Id == "q_other-funding-details", "the revealed question", maxTabs: 2);

        await PageHelpers.TabToAsync(page, f => f.Tag == "BUTTON" && f.Text == "Save and continue", "Save and continue", maxTabs: 3);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"/Applications/{id}/Sections/money");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Equal(["Enter an answer to \u2018Who else have you asked, and for how much?\u2019"], await page.Locator(".govuk-error-summary__list li").AllInnerTextsAsync());
        Assert.True(await details.IsVisibleAsync(), "With an error, the revealed question must be open.");
        await Axe.AssertNoViolationsButGovUkConditionalRevealsAsync(page, output, "the money section with an error in the revealed question");
        await PageHelpers.ScreenshotAsync(page, output, "form-reveal-error");

        await PageHelpers.TabToAsync(page, f => f.Href == "#q_other-funding-details", "the error summary's link", maxTabs: 3);
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("q_other-funding-details", (await PageHelpers.FocusedAsync(page)).Id);
        await page.Keyboard.TypeAsync("Town council, £500");
        await PageHelpers.TabToAsync(page, f => f.Tag == "BUTTON" && f.Text == "Save and continue", "Save and continue", maxTabs: 3);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"/Applications/{id}");
        Assert.Contains("Money Completed", string.Join(' ', (await page.Locator("main").InnerTextAsync()).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_uploaded_file_is_removed_by_keyboard_after_confirming()
    {
        var storedName = $"{Guid.NewGuid():N}.png";
        Directory.CreateDirectory(Path.Combine(browser.App.DataFolder, "uploads"));
        await File.WriteAllBytesAsync(Path.Combine(browser.App.DataFolder, "uploads", storedName), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4]);
        var id = await DraftWithUploadAsync(storedName);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, Applicant);

        await page.GotoAsync($"Applications/{id}/Sections/documents");
        await Axe.AssertNoViolationsAsync(page, output, "a section with an uploaded file");
        await PageHelpers.ScreenshotAsync(page, output, "form-upload-uploaded");
        await PageHelpers.TabToAsync(page, f => f.Text == "Remove Safeguarding policy.png", "the Remove button", maxTabs: 20);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"/Applications/{id}/Files/{storedName}/Remove");
        Assert.Equal("Are you sure you want to remove \u2018Safeguarding policy.png\u2019?", await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the remove a file page");
        await PageHelpers.ScreenshotAsync(page, output, "form-upload-remove");

        await PageHelpers.TabToAsync(page, f => f.Text == "Yes, remove the file", "the remove button", maxTabs: 20);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", $"/Applications/{id}/Sections/documents");
        Assert.Contains("\u2018Safeguarding policy.png\u2019 has been removed.", await page.Locator(".govuk-notification-banner--success").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("a", new() { HasTextString = "Remove" }).CountAsync());
        Assert.False(File.Exists(Path.Combine(browser.App.DataFolder, "uploads", storedName)));
        await Axe.AssertNoViolationsAsync(page, output, "the section after removing a file");
        await PageHelpers.ScreenshotAsync(page, output, "form-upload-removed");
    }

    [Fact]
    public async Task The_priorities_page_lists_only_the_rounds_priorities()
    {
        var id = await DraftAsync(DemoRound, "Round's priorities");
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, Applicant);

        await page.GotoAsync($"Applications/{id}/Priorities");

        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains("This round funds projects for the priorities listed here only.", main, StringComparison.Ordinal);
        Assert.DoesNotContain("Fighting cybercrime and fraud", main, StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the plan priorities page of a round with some priorities");
        await PageHelpers.ScreenshotAsync(page, output, "form-round-priorities");
        await page.GotoAsync("Funding");
        await Axe.AssertNoViolationsAsync(page, output, "the funding page with a round's priorities");
        await PageHelpers.ScreenshotAsync(page, output, "form-funding-priorities");
    }


    /// <summary>A new draft by the demo applicant's group, as starting one in the portal leaves it.</summary>
    private Task<Guid> DraftAsync(string roundTitle, string projectTitle, Action<GrantApplication>? answer = null) => InDbAsync(async db =>
    {
        var round = await db.Rounds.SingleAsync(r => r.Title == roundTitle);
        var organisation = await db.Organisations.SingleAsync(o => o.People.Any(p => p.Email == Applicant));
        var application = new GrantApplication(round.Id, organisation.Id, projectTitle, DateTimeOffset.UtcNow, Applicant);
        answer?.Invoke(application);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return application.Id.Value;
    });

    /// <summary>A round asking for one document, and a draft to it whose answer is the file given (already in the uploads folder).</summary>
    private async Task<Guid> DraftWithUploadAsync(string storedName)
    {
        var title = $"Documents round {Guid.NewGuid():N}"[..24];
        await InDbAsync(async db =>
        {
            var demo = await db.Rounds.AsNoTracking().SingleAsync(r => r.Title == DemoRound);
            var now = DateTimeOffset.UtcNow;
            var form = new ApplicationForm([new FormSection("documents", "Documents", [new FormQuestion("policy", "Upload your safeguarding policy", QuestionType.FileUpload)])]);
            var round = new FundingRound(demo.FundId, demo.Year, title, demo.Summary, now.AddHours(-1), now.AddDays(10), demo.MinimumAward, demo.MaximumAward, demo.Scale, demo.Criteria, demo.EligibilityRules, form);
            round.Publish(now);
            db.Rounds.Add(round);
            return await db.SaveChangesAsync();
        });
        return await DraftAsync(title, "Upload to remove", application =>
            application.Answer("policy", Answers.ForFile(new FileAnswer(storedName, "Safeguarding policy.png", "image/png", 12)), DateTimeOffset.UtcNow, Applicant));
    }

    private async Task<T> InDbAsync<T>(Func<CommissioningDbContext, Task<T>> work)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddCommissioningPersistence(ResolvedDatabase.ForTests(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(browser.App.DataFolder, "commissioning.db")}", browser.App.DataFolder));
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CommissioningDbContext>());
    }
}
