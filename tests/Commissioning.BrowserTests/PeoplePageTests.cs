using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// An administrator invites a member of staff, changes their roles and deactivates and reactivates their account,
/// using only the keyboard in real Chromium; every page is checked with axe-core (WCAG 2.2 A and AA), must not scroll
/// sideways at 390 pixels wide, and is pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PeoplePageTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Admin = "admin@demo.commissioning.test";

    [Fact]
    public async Task An_administrator_invites_staff_and_changes_their_roles_and_account_by_keyboard_with_no_axe_violations()
    {
        var email = $"new.officer.{Guid.NewGuid():N}"[..24] + "@opcc.example.org";
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, Admin);

        await PageHelpers.TabToAsync(page, f => f.Href == "/Admin/Users", "the People and roles link", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Admin/Users");
        await CheckAsync(page, "People and roles", "people-index");

        await PageHelpers.TabToAsync(page, f => f.Href == "/Admin/Users/Invite", "the Invite a member of staff button", 30);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", "/Admin/Users/Invite");
        await CheckAsync(page, "Invite a member of staff", "people-invite");

        await TypeAsync(page, "Input_FullName", "Rowan Ellis-Okafor");
        await TypeAsync(page, "Input_Email", email);
        await PageHelpers.TabToAsync(page, f => f.Text == "Send invitation", "the Send invitation button", 20);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("Choose at least one role", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "Invite a member of staff", "people-invite-error");

        await PageHelpers.TabToAsync(page, f => f.Id == "Input_Roles", "the first role", 40);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.Locator("#Input_Roles").IsCheckedAsync(), "Space did not tick the Grants officer role.");
        await PageHelpers.TabToAsync(page, f => f.Text == "Send invitation", "the Send invitation button", 20);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Contains($"An invitation has been sent to {email}", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        var userPath = new Uri(page.Url).AbsolutePath;
        await CheckAsync(page, "Rowan Ellis-Okafor", "people-user-invited");

        // Finance approver, a role no workflow task is offered to yet: an assessor added here would change who other
        // tests' conflicts of interest are passed to.
        await PageHelpers.TabToAsync(page, f => f.Id == "SelectedRoles-5", "the Finance approver role", 40);
        await page.Keyboard.PressAsync("Space");
        await PageHelpers.TabToAsync(page, f => f.Text == "Save roles", "the Save roles button", 20);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", userPath);
        Assert.Contains("Given the role Finance approver", await page.Locator("#account-history").InnerTextAsync(), StringComparison.Ordinal);

        await PageHelpers.TabToAsync(page, f => f.Text == "Deactivate the account", "the Deactivate button", 40);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", userPath);
        Assert.StartsWith("Deactivated on", await page.Locator("#account-status").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "Rowan Ellis-Okafor", "people-user-deactivated");

        await PageHelpers.TabToAsync(page, f => f.Text == "Reactivate the account", "the Reactivate button", 40);
        await PageHelpers.PressAndWaitForPathAsync(page, "Enter", userPath);
        Assert.Contains("Account reactivated", await page.Locator("#account-history").InnerTextAsync(), StringComparison.Ordinal);

        await page.GotoAsync("Admin/Users");
        await PageHelpers.TabToAsync(page, f => f.Text == "Sam Fletcher", "the administrator's own link", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Admin/Users/", StringComparison.Ordinal) && new Uri(url).AbsolutePath != userPath);
        Assert.Contains("This is your own account", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "Sam Fletcher", "people-user-self");
    }

    private static Task TypeAsync(IPage page, string id, string text) => PageHelpers.TypeIntoAsync(page, id, text);

    /// <summary>The page is styled, headed as expected, has no axe violations, does not scroll sideways at 390 pixels, and is pictured.</summary>
    private Task CheckAsync(IPage page, string heading, string screenshot) => PageHelpers.CheckPageAsync(page, output, heading, screenshot);
}
