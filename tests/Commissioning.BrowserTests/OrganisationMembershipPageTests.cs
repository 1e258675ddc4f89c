using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>Removing a person from an organisation and trying to leave it as its only member, by keyboard, in real Chromium with axe-core.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganisationMembershipPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task A_member_removes_a_person_by_keyboard_and_the_only_member_is_told_they_cannot_leave_with_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "applicant@demo.commissioning.test");

        // A volunteer with no sign-in, added for this test and removed by it, so Riverside ends as it began.
        await AddVolunteerToRiversideAsync();
        await page.GotoAsync("Organisations");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Riverside Youth Project" }).First.ClickAsync();
        await page.Locator("h1").WaitForAsync();
        var details = new Uri(page.Url).AbsolutePath;
        await Axe.AssertNoViolationsAsync(page, output, "the organisation page with its people");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-people");

        await page.Locator("main table").GetByRole(AriaRole.Link, new() { Name = "Remove Sam Volunteer" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.EndsWith("/Remove", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Load });
        Assert.Equal("Are you sure you want to remove Sam Volunteer from Riverside Youth Project?", await page.Locator("h1").InnerTextAsync());
        await PageHelpers.AssertStyledAsync(page);
        await Axe.AssertNoViolationsAsync(page, output, "the confirmation to remove a person");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-remove-person");

        await PageHelpers.TabToAsync(page, f => f.Tag == "BUTTON" && f.Text.StartsWith("Yes, remove Sam Volunteer", StringComparison.Ordinal), "the button to remove Sam Volunteer", maxTabs: 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", details);
        Assert.Contains("You removed Sam Volunteer from Riverside Youth Project.", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Volunteer", await page.Locator("main table").First.InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the organisation page after removing a person");

        await page.Locator("main table").GetByRole(AriaRole.Link, new() { Name = "Leave Riverside Youth Project" }).ClickAsync();
        await page.Locator("h1").WaitForAsync();
        Assert.Equal("You cannot leave Riverside Youth Project", await page.Locator("h1").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Yes, leave Riverside Youth Project" }).CountAsync());
        await Axe.AssertNoViolationsAsync(page, output, "the page saying the only member cannot leave");
        await PageHelpers.ScreenshotAsync(page, output, "organisation-cannot-leave");
    }

    private async Task AddVolunteerToRiversideAsync()
    {
        var database = ResolvedDatabase.ForTests(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(browser.App.DataFolder, "commissioning.db")}", browser.App.DataFolder);
        await using var db = database.NewContext();
        var riverside = await db.Organisations.SingleAsync(o => o.Name == "Riverside Youth Project");
        riverside.AddPerson("Sam Volunteer", $"sam.volunteer-{Guid.NewGuid():N}@demo.commissioning.test", PersonRole.Member);
        await db.SaveChangesAsync();
    }
}
