using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// The whole journey of someone new to the service, in real Chromium against the real app, with the keyboard alone
/// (Tab, Shift+Tab, typing, Space and Enter; the DOM is read only to know what has the focus and to check what the
/// person sees): create an account, confirm the e-mail address from the link in the e-mail, create an organisation
/// (a constituted group), pass the Police Property Act Fund's eligibility check, fill in half the form, sign out,
/// come back, finish, submit and see the reference and the status page. Every page is checked with axe-core (WCAG
/// 2.2 A and AA) and the key steps are pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NewApplicantJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string RoundTitle = "Police Property Act Fund 2026/27: round 2";
    private const string Password = "three random words together";
    private const string ProjectTitle = "Keyboard youth club";

    private int _pagesChecked;

    [Fact]
    public async Task A_new_applicant_registers_applies_over_two_visits_and_submits_with_the_keyboard_alone_on_accessible_pages()
    {
        var email = $"new-applicant-{Guid.NewGuid():N}@test.commissioning.test";
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);

        // The start page, as someone arriving from a search would see it.
        await page.GotoAsync("/");
        await PageHelpers.AssertStyledAsync(page);
        Assert.Equal("Grants from the Police and Crime Commissioner", await HeadingAsync(page));
        await CheckAsync(page, "the start page");
        await FollowLinkAsync(page, "a.govuk-button--start[href='/Account/SignIn']", "/Account/SignIn");
        Assert.Equal("Sign in", await HeadingAsync(page));
        await CheckAsync(page, "the sign in page");

        // Create an account.
        await FollowLinkAsync(page, "main a[href^='/Account/Register']", "/Account/Register");
        Assert.Equal("Create an account", await HeadingAsync(page));
        await CheckAsync(page, "the register page");
        await TypeIntoAsync(page, "#Input_FullName", "Kay Board");
        await TypeIntoAsync(page, "#Input_Email", email);
        await TypeIntoAsync(page, "#Input_Password", Password);
        await TypeIntoAsync(page, "#Input_ConfirmPassword", Password);
        await PageHelpers.ScreenshotAsync(page, output, "journey-01-register");
        await PressButtonAsync(page, "main button[type=submit]", "Create account", "/Account/CheckYourEmail");
        Assert.Equal("Check your email", await HeadingAsync(page));
        await CheckAsync(page, "the check your email page");

        // Confirm the address with the link in the e-mail, as the person would from their inbox.
        var link = await ConfirmationLinkAsync(email);
        Assert.StartsWith(browser.App.BaseAddress + "Account/ConfirmEmail?userId=", link, StringComparison.Ordinal);
        await page.GotoAsync(link);
        Assert.Equal("Your email address is confirmed", await HeadingAsync(page));
        await CheckAsync(page, "the email address confirmed page");
        await PageHelpers.ScreenshotAsync(page, output, "journey-02-confirmed");

        // Sign in for the first time.
        await FollowLinkAsync(page, "main a[href^='/Account/SignIn']", "/Account/SignIn");
        await SignInAsync(page, email);
        Assert.Equal($"Signed in as {email}", Normalise(await page.Locator(".govuk-service-navigation__text").InnerTextAsync()));
        await CheckAsync(page, "the signed-in home page of a new applicant");

        // Create the organisation: a constituted group, which has no registered number.
        await FollowLinkAsync(page, "main a[href='/Organisations']", "/Organisations");
        Assert.Equal("Your organisations", await HeadingAsync(page));
        await CheckAsync(page, "the organisations page with none yet");
        await FollowLinkAsync(page, "main a[href='/Organisations/Create']", "/Organisations/Create");
        Assert.Equal("Create an organisation", await HeadingAsync(page));
        await CheckAllowingConditionalRevealsAsync(page, "the create an organisation page");
        var organisationName = $"Abingdon Keyboard Group {Guid.NewGuid().ToString("N")[..6]}";
        await TypeIntoAsync(page, "#Input_Name", organisationName);
        // Into the legal form radios (none chosen, so Tab lands on the first), then down to the constituted group.
        await TabToAsync(page, "input[name='Input.LegalForm']", "the first legal form");
        await ArrowToAsync(page, "input[name='Input.LegalForm'][value='ConstitutedUnincorporatedGroup']", "Constituted unincorporated group");
        Assert.True(await page.Locator("input[name='Input.LegalForm'][value='ConstitutedUnincorporatedGroup']").IsCheckedAsync());
        await TypeIntoAsync(page, "#Input_AddressLine1", "The Old School Hall");
        await TypeIntoAsync(page, "#Input_AddressLine2", "12 Ock Street");
        await TypeIntoAsync(page, "#Input_Town", "Abingdon");
        await TypeIntoAsync(page, "#Input_Postcode", "OX14 5AL");
        await PageHelpers.ScreenshotAsync(page, output, "journey-03-organisation");
        await PressButtonAsync(page, "main form button[type=submit]", "Continue", "/Organisations/Create/Check");
        Assert.Equal("Check your answers before creating the organisation", await HeadingAsync(page));
        var summary = Normalise(await page.Locator("main .govuk-summary-list").InnerTextAsync());
        Assert.Contains(organisationName, summary, StringComparison.Ordinal);
        Assert.Contains("None: it has no registered number", summary, StringComparison.Ordinal);
        Assert.Contains("OX14 5AL", summary, StringComparison.Ordinal);
        await CheckAsync(page, "the organisation's check your answers page");
        await PressButtonAsync(page, "main form button[type=submit]", "Create organisation", IsGuidPath("/Organisations/"));
        Assert.Equal(organisationName, await HeadingAsync(page));
        await CheckAsync(page, "the new organisation's page");

        // Find the round: home, your applications, find funding, the round.
        await FollowLinkAsync(page, "a.govuk-service-navigation__link[href='/']", "/");
        await FollowLinkAsync(page, "main a[href='/Applications']", "/Applications");
        Assert.Equal("Your applications", await HeadingAsync(page));
        await CheckAsync(page, "your applications, with none yet");
        await FollowLinkAsync(page, "main a[href='/Funding']", "/Funding");
        Assert.Equal("Find funding", await HeadingAsync(page));
        await CheckAsync(page, "the find funding page");
        var roundHref = await page.GetByRole(AriaRole.Link, new() { Name = RoundTitle }).GetAttributeAsync("href");
        Assert.NotNull(roundHref);
        await FollowLinkAsync(page, $"main a[href='{roundHref}']", roundHref);
        Assert.Equal(RoundTitle, await HeadingAsync(page));
        await CheckAsync(page, "the round's page");

        // The eligibility check: a constituted group in the Thames Valley, not statutory, no recent grant, not core costs.
        await FollowLinkAsync(page, "main a.govuk-button--start", roundHref + "/Eligibility", maxTabs: 60);
        Assert.Equal("Check if you can apply", await HeadingAsync(page));
        await CheckAsync(page, "the eligibility check");
        await AnswerYesNoAsync(page, "constituted", yes: true);
        await AnswerYesNoAsync(page, "force-area", yes: true);
        await AnswerYesNoAsync(page, "statutory", yes: false);
        await AnswerYesNoAsync(page, "recent-award", yes: false);
        await AnswerYesNoAsync(page, "core-costs", yes: false);
        await PageHelpers.ScreenshotAsync(page, output, "journey-04-eligibility");
        await PressButtonAsync(page, "main form button[type=submit]", "Continue", roundHref + "/Eligibility");
        Assert.Equal("You can apply", await HeadingAsync(page));
        Assert.Contains($"You are applying for {organisationName}.", Normalise(await page.Locator("main").InnerTextAsync()), StringComparison.Ordinal);
        await CheckAsync(page, "the eligibility check's 'you can apply' page");
        await TypeIntoAsync(page, "#ProjectTitle", ProjectTitle);
        await PressButtonAsync(page, "main form button[type=submit]", "Start your application", IsGuidPath("/Applications/"));
        var applicationPath = new Uri(page.Url).AbsolutePath;

        // The task list: five sections, none started, and nothing to submit yet.
        Assert.Equal(ProjectTitle, await HeadingAsync(page));
        Assert.Equal(["Not started", "Not started", "Not started", "Not started", "Not started"], await TaskStatusesAsync(page));
        Assert.Equal("Cannot start yet", Normalise(await page.Locator("#task-submit-status").InnerTextAsync()));
        await CheckAsync(page, "the new application's task list");
        await PageHelpers.ScreenshotAsync(page, output, "journey-05-task-list");

        // First visit: about your project, and money.
        await FollowLinkAsync(page, $"main a[href='{applicationPath}/Sections/about-project']", $"{applicationPath}/Sections/about-project");
        Assert.Equal("About your project", await HeadingAsync(page));
        await CheckAsync(page, "the about your project section");
        await TypeIntoAsync(page, "#q_project-summary", "Weekly evening sessions for young people at risk of exploitation in Abingdon.");
        await TypeIntoAsync(page, "#q_need", "Youth workers report a rise in county lines recruitment near the town centre.");
        await TypeIntoAsync(page, "#q_start-date_day", "5");
        await TypeIntoAsync(page, "#q_start-date_month", "1");
        await TypeIntoAsync(page, "#q_start-date_year", "2027");
        await TabToAsync(page, "#q_area-4", "the Oxfordshire checkbox", maxTabs: 8);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.Locator("#q_area-4").IsCheckedAsync(), "Space should tick Oxfordshire.");
        await PressButtonAsync(page, "main form button[type=submit]", "Save and continue", applicationPath);
        Assert.Equal("Completed", (await TaskStatusesAsync(page))[0]);

        await FollowLinkAsync(page, $"main a[href='{applicationPath}/Sections/money']", $"{applicationPath}/Sections/money");
        Assert.Equal("Money", await HeadingAsync(page));
        await CheckAllowingConditionalRevealsAsync(page, "the money section");
        await TypeIntoAsync(page, "#q_amount", "4500");
        await TabToAsync(page, "#q_other-funding", "the first answer to 'Have you asked anyone else'", maxTabs: 5);
        await ArrowToAsync(page, "#q_other-funding-2", "No");
        await PressButtonAsync(page, "main form button[type=submit]", "Save and continue", applicationPath);
        var halfway = await TaskStatusesAsync(page);
        Assert.Equal(["Completed", "Completed", "Not started", "Not started", "Not started"], halfway);
        Assert.Contains("You have completed 2 of 5 sections.", Normalise(await page.Locator("main").InnerTextAsync()), StringComparison.Ordinal);
        await CheckAsync(page, "the task list half done");
        await PageHelpers.ScreenshotAsync(page, output, "journey-06-half-done");

        // Sign out, with the button in the header.
        await PressButtonAsync(page, "button.app-service-navigation__button", "Sign out", "/Account/SignOut", maxTabs: 25);
        Assert.Equal("You have signed out", await HeadingAsync(page));
        await CheckAsync(page, "the signed out page");

        // Second visit: sign in, your applications, the draft.
        await FollowLinkAsync(page, "a.govuk-service-navigation__link[href='/Account/SignIn']", "/Account/SignIn");
        await SignInAsync(page, email);
        await FollowLinkAsync(page, "main a[href='/Applications']", "/Applications");
        Assert.Contains(ProjectTitle, Normalise(await page.Locator("main").InnerTextAsync()), StringComparison.Ordinal);
        Assert.Contains("Draft", Normalise(await page.Locator("main").InnerTextAsync()), StringComparison.Ordinal);
        await CheckAsync(page, "your applications, with a draft");
        await FollowLinkAsync(page, $"main a[href='{applicationPath}']", applicationPath);
        Assert.Equal(["Completed", "Completed", "Not started", "Not started", "Not started"], await TaskStatusesAsync(page));

        await FollowLinkAsync(page, $"main a[href='{applicationPath}/Sections/outcomes']", $"{applicationPath}/Sections/outcomes");
        Assert.Equal("Difference the project will make", await HeadingAsync(page));
        await CheckAsync(page, "the difference the project will make section");
        await TypeIntoAsync(page, "#q_outcomes", "Attendance, and fewer referrals to the youth offending team.");
        await TabToAsync(page, "#q_safeguarding", "'Yes' to the safeguarding policy", maxTabs: 5);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.Locator("#q_safeguarding").IsCheckedAsync(), "Space should choose Yes.");
        await PressButtonAsync(page, "main form button[type=submit]", "Save and continue", applicationPath);

        // The budget: two costs and one other source of funding.
        await FollowLinkAsync(page, $"main a[href='{applicationPath}/Budget']", $"{applicationPath}/Budget");
        Assert.Equal("Budget", await HeadingAsync(page));
        await TypeIntoAsync(page, "#cost_0__description", "Sessional youth workers, 200 hours");
        await TypeIntoAsync(page, "#cost_0__amount", "4000");
        await TypeIntoAsync(page, "#cost_1__description", "Equipment");
        await TypeIntoAsync(page, "#cost_1__amount", "1000");
        await TypeIntoAsync(page, "#other_0__description", "Town council grant");
        await TypeIntoAsync(page, "#other_0__amount", "500");
        await CheckAsync(page, "the budget page, filled in");
        await PageHelpers.ScreenshotAsync(page, output, "journey-07-budget");
        await PressButtonAsync(page, "main form button[name=action][value=continue]", "Save and continue", applicationPath, maxTabs: 40);

        // The plan priorities: tick the first, and make it the main one.
        await FollowLinkAsync(page, $"main a[href='{applicationPath}/Priorities']", $"{applicationPath}/Priorities");
        Assert.Equal("Plan priorities", await HeadingAsync(page));
        await CheckAsync(page, "the plan priorities page");
        await TabToAsync(page, "#Supported", "the first priority's checkbox");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "#Primary", "the first priority's radio", maxTabs: 15);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.Locator("#Supported").IsCheckedAsync());
        Assert.True(await page.Locator("#Primary").IsCheckedAsync());
        await PressButtonAsync(page, "main form button[type=submit]", "Save and continue", applicationPath, maxTabs: 15);
        Assert.Equal(["Completed", "Completed", "Completed", "Completed", "Completed"], await TaskStatusesAsync(page));
        Assert.Equal("Not started", Normalise(await page.Locator("#task-submit-status").InnerTextAsync()));
        await CheckAsync(page, "the task list, every section completed");
        await PageHelpers.ScreenshotAsync(page, output, "journey-08-ready");

        // Check the answers, confirm the declaration and submit.
        await FollowLinkAsync(page, $"main a[href='{applicationPath}/CheckAnswers']", $"{applicationPath}/CheckAnswers");
        Assert.Equal("Check your answers before submitting your application", await HeadingAsync(page));
        var answers = Normalise(await page.Locator("main").InnerTextAsync());
        foreach (var expected in new[] { "Weekly evening sessions for young people", "Oxfordshire", "£4,500", "Sessional youth workers, 200 hours", "Town council grant" })
        {
            Assert.Contains(expected, answers, StringComparison.Ordinal);
        }

        await CheckAsync(page, "check your answers");
        await TabToAsync(page, "#Declaration", "the declaration checkbox", maxTabs: 80);
        await page.Keyboard.PressAsync("Space");
        Assert.True(await page.Locator("#Declaration").IsCheckedAsync());
        await PageHelpers.ScreenshotAsync(page, output, "journey-09-check-answers");
        await PressButtonAsync(page, "main form button[type=submit]", "Submit application", $"{applicationPath}/Submitted", maxTabs: 3);

        Assert.Equal("Application submitted", await HeadingAsync(page));
        var reference = (await page.Locator("#reference").InnerTextAsync()).Trim();
        Assert.Matches("^PPAF-2026-[0-9]{5}$", reference);
        await CheckAsync(page, "the confirmation page");
        await PageHelpers.ScreenshotAsync(page, output, "journey-10-submitted");

        // Where the application is now.
        await FollowLinkAsync(page, $"main a[href='{applicationPath}/Status']", $"{applicationPath}/Status");
        Assert.Equal(ProjectTitle, await HeadingAsync(page));
        Assert.Equal(reference, (await page.Locator("#reference").InnerTextAsync()).Trim());
        Assert.Contains("Where your application is", Normalise(await page.Locator("main").InnerTextAsync()), StringComparison.Ordinal);
        await CheckAsync(page, "the application's status page");
        await PageHelpers.ScreenshotAsync(page, output, "journey-11-status");

        output.WriteLine($"{_pagesChecked} pages checked with axe-core; application {reference} submitted by {email}.");
    }

    private static Func<string, bool> IsGuidPath(string prefix) =>
        path => path.StartsWith(prefix, StringComparison.Ordinal) && GuidTail().IsMatch(path[prefix.Length..]);

    [GeneratedRegex("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex GuidTail();

    private static async Task<string> HeadingAsync(IPage page) => Normalise(await page.Locator("h1").First.InnerTextAsync());

    private static async Task<string[]> TaskStatusesAsync(IPage page) =>
        [.. (await page.Locator(".govuk-task-list__item--with-link .govuk-task-list__status").AllInnerTextsAsync()).Select(Normalise).Take(5)];

    private async Task CheckAsync(IPage page, string what)
    {
        await Axe.AssertNoViolationsAsync(page, output, what);
        _pagesChecked++;
    }

    /// <summary>axe with the one allowance GOV.UK conditional-reveal radios need (see <see cref="Axe.AssertNoViolationsButGovUkConditionalRevealsAsync"/>).</summary>
    private async Task CheckAllowingConditionalRevealsAsync(IPage page, string what)
    {
        await Axe.AssertNoViolationsButGovUkConditionalRevealsAsync(page, output, what);
        _pagesChecked++;
    }

    private async Task SignInAsync(IPage page, string email)
    {
        Assert.Equal("Sign in", await HeadingAsync(page));
        await TypeIntoAsync(page, "#Input_Email", email);
        await TypeIntoAsync(page, "#Input_Password", Password);
        await PressButtonAsync(page, "main form button[type=submit]", "Sign in", "/");
    }

    /// <summary>Reads the confirmation link from the .eml file the outbox writes to the data folder's mail folder.</summary>
    private async Task<string> ConfirmationLinkAsync(string email)
    {
        var folder = Path.Combine(browser.App.DataFolder, "mail");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.eml"))
                {
                    string text;
                    try
                    {
                        text = await File.ReadAllTextAsync(file);
                    }
                    catch (IOException)
                    {
                        continue; // still being written
                    }

                    if (text.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase) && ConfirmLink().Match(text) is { Success: true } match)
                    {
                        output.WriteLine($"Confirmation e-mail: {Path.GetFileName(file)} after {clock.Elapsed.TotalSeconds:0.0} s.");
                        return System.Net.WebUtility.HtmlDecode(match.Value);
                    }
                }
            }

            await Task.Delay(250);
        }

        Assert.Fail($"No confirmation e-mail to {email} appeared in {folder} within 30 s.");
        throw new InvalidOperationException("unreachable");
    }

    [GeneratedRegex(@"https?://\S+/Account/ConfirmEmail\?[^\s""<>]+")]
    private static partial Regex ConfirmLink();

    private static async Task<bool> FocusMatchesAsync(IPage page, string selector) =>
        await page.EvaluateAsync<bool>("s => document.activeElement !== null && document.activeElement.matches(s)", selector);

    /// <summary>Presses Tab until the focused element matches the CSS selector, failing with the tab path if it never does.</summary>
    private static async Task TabToAsync(IPage page, string selector, string description, int maxTabs = 30)
    {
        var path = new List<Focused>();
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await FocusMatchesAsync(page, selector))
            {
                return;
            }

            path.Add(await PageHelpers.FocusedAsync(page));
        }

        Assert.Fail($"{description} ({selector}) was not reached in {maxTabs} presses of Tab on {page.Url}. Tab stops:{Environment.NewLine}{string.Join(Environment.NewLine, path.Select((f, n) => $"  {n + 1}. {f}"))}");
    }

    /// <summary>In a radio group, presses the down arrow (which moves to and chooses the next radio) until the wanted one is chosen.</summary>
    private static async Task ArrowToAsync(IPage page, string selector, string description)
    {
        for (var i = 0; i < 10; i++)
        {
            if (await FocusMatchesAsync(page, selector))
            {
                if (!await page.Locator(selector).IsCheckedAsync())
                {
                    await page.Keyboard.PressAsync("Space");
                }

                Assert.True(await page.Locator(selector).IsCheckedAsync(), $"{description} should be chosen.");
                return;
            }

            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.Fail($"{description} ({selector}) was not reached with the arrow keys on {page.Url}.");
    }

    private static async Task TypeIntoAsync(IPage page, string selector, string text, int maxTabs = 30)
    {
        await TabToAsync(page, selector, $"the field {selector}", maxTabs);
        await page.Keyboard.TypeAsync(text);
        Assert.Equal(text, await page.Locator(selector).InputValueAsync());
    }

    private static async Task AnswerYesNoAsync(IPage page, string ruleKey, bool yes)
    {
        var group = $"input[type=radio][name$='{ruleKey}]']";
        if ((await page.Locator(group).CountAsync()) == 0)
        {
            group = $"input[type=radio][name*='{ruleKey}']";
        }

        Assert.Equal(2, await page.Locator(group).CountAsync());
        await TabToAsync(page, group, $"the answers to '{ruleKey}'", maxTabs: 10);
        if (yes)
        {
            await page.Keyboard.PressAsync("Space");
        }
        else
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        var value = yes ? "yes" : "no";
        Assert.True(await page.Locator($"{group}[value='{value}' i]").IsCheckedAsync(), $"'{value}' should be chosen for '{ruleKey}'.");
    }

    private static async Task FollowLinkAsync(IPage page, string selector, string path, int maxTabs = 40) =>
        await PressEnterOnAsync(page, selector, $"the link {selector}", p => p == path, maxTabs);

    private static async Task FollowLinkAsync(IPage page, string selector, Func<string, bool> path, int maxTabs = 40) =>
        await PressEnterOnAsync(page, selector, $"the link {selector}", path, maxTabs);

    private static Task PressButtonAsync(IPage page, string selector, string text, string path, int maxTabs = 30) =>
        PressButtonAsync(page, selector, text, p => p == path, maxTabs);

    private static async Task PressButtonAsync(IPage page, string selector, string text, Func<string, bool> path, int maxTabs = 30)
    {
        Assert.Equal(text, Normalise(await page.Locator(selector).First.InnerTextAsync()));
        await PressEnterOnAsync(page, selector, $"the '{text}' button", path, maxTabs);
    }

    private static async Task PressEnterOnAsync(IPage page, string selector, string description, Func<string, bool> path, int maxTabs)
    {
        await TabToAsync(page, selector, description, maxTabs);
        var before = page.Url;
        // Marks this document, so that a form posted back to the same address (the eligibility check) is seen to load a new one.
        await page.EvaluateAsync("() => { window.journeyMarker = true; }");
        await page.Keyboard.PressAsync("Enter");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (await page.EvaluateAsync<bool>("() => window.journeyMarker !== true"))
                {
                    break;
                }
            }
            catch (PlaywrightException)
            {
                // The page is navigating.
            }

            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"Enter on {description} on {before} did not load a new page within 30 s.");
            await Task.Delay(50);
        }

        await page.WaitForURLAsync(url => path(new Uri(url).AbsolutePath), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Load });
        await page.WaitForLoadStateAsync(LoadState.Load);
        if (await page.Locator(".govuk-error-summary").CountAsync() > 0)
        {
            Assert.Fail($"After {description} on {before}, {page.Url} shows errors: {Normalise(await page.Locator(".govuk-error-summary").First.InnerTextAsync())}");
        }
    }

    private static string Normalise(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
