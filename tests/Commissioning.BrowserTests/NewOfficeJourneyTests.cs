using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// A new office from nothing, in real Chromium against the real app started on an empty database with no demo data:
/// the operator creates the first administrator from the shell; the administrator sets a password from the e-mail,
/// signs in and invites a grants officer; the officer sets a password, publishes a Police and Crime Plan, sets up a
/// fund and its budget, a round on the budget line and its form with one question of every type, previews and
/// publishes it; a new applicant registers, confirms the address, creates an organisation, answers every question
/// (uploading a file), the budget and priorities, and submits; the officer finds the application and opens its case
/// file. All through the pages and mostly by keyboard; every page is checked with axe-core (WCAG 2.2 A and AA), the
/// main pages must not scroll sideways at 390 pixels wide, and the main steps are pictured.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NewOfficeJourneyTests(BrowserFixture browser, ITestOutputHelper output)
{
    private const string Password = "correct horse battery staple";
    private const string AdminEmail = "admin@opcc.example.org";
    private const string OfficerEmail = "grants.officer@opcc.example.org";
    private const string ApplicantEmail = "first.applicant@example.org";
    private const string PlanTitle = "Police and Crime Plan 2025-2029";
    private const string FundName = "Safer Streets Property Fund";
    private const string RoundTitle = "Safer Streets Property Fund: first round";
    private const string SectionTitle = "About the service";
    private const string ProjectTitle = "Safer streets at night";

    private int _pagesChecked;

    [Fact]
    public async Task A_new_office_sets_itself_up_from_an_empty_database_and_takes_its_first_application_through_the_pages()
    {
        await using var app = await WebAppProcess.StartAsync(new Dictionary<string, string> { ["Demo__SeedOnFirstRun"] = "false" });
        await using var context = await CheckedBrowserContext.CreateAsync(browser.Browser, app.BaseAddress);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);

        // 1. The operator creates the first administrator, who sets a password from the e-mail and signs in.
        var created = await WebAppProcess.RunCommandAsync(["create-admin", AdminEmail, "Alex Morgan"], new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["Database__DataFolder"] = app.DataFolder,
            ["DataProtection__CertificatePath"] = Path.Combine($"{app.DataFolder}.keys", "data-protection.pfx"),
            ["Demo__SeedOnFirstRun"] = "false",
            ["Service__PublicAddress"] = app.BaseAddress.ToString(),
        });
        Assert.True(created.ExitCode == 0, created.Output);
        await SetPasswordFromEmailAsync(page, app, AdminEmail, "step-01-admin-password");
        await SignInAsync(page, AdminEmail);

        // 2. The administrator invites a grants officer, who sets a password from the e-mail and signs in.
        await TabToAsync(page, f => f.Href == "/Admin/Users", "the People and roles link", 40);
        await PressAndWaitForPathAsync(page, "Enter", "/Admin/Users");
        await CheckAsync(page, "People and roles", "step-02-people");
        await TabToAsync(page, f => f.Href == "/Admin/Users/Invite", "the Invite a member of staff button", 40);
        await PressAndWaitForPathAsync(page, "Enter", "/Admin/Users/Invite");
        await TypeAsync(page, "Input_FullName", "Priya Shah");
        await TypeAsync(page, "Input_Email", OfficerEmail);
        await TabToAsync(page, f => f.Id == "Input_Roles", "the Grants officer role", 40);
        await page.Keyboard.PressAsync("Space");
        await CheckAsync(page, "Invite a member of staff", "step-02-invite");
        await TabToAsync(page, f => f.Text == "Send invitation", "the Send invitation button", 20);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Contains($"An invitation has been sent to {OfficerEmail}", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await SignOutAsync(page);
        await SetPasswordFromEmailAsync(page, app, OfficerEmail, "step-02-officer-password");
        await SignInAsync(page, OfficerEmail);

        // 3. The officer publishes the Police and Crime Plan: a priority, an outcome under it, a measure.
        await TabToAsync(page, f => f.Href == "/Admin/Plans", "the Police and Crime Plans link", 40);
        await PressAndWaitForPathAsync(page, "Enter", "/Admin/Plans");
        await CheckAsync(page, "Police and Crime Plans", "step-03-plans-empty");
        await TabToAsync(page, f => f.Href == "/Admin/Plans/Edit", "the Create a plan button", 30);
        await PressAndWaitForPathAsync(page, "Enter", "/Admin/Plans/Edit");
        await TypeAsync(page, "Input_Title", PlanTitle);
        await TypeAsync(page, "PeriodStart", "1");
        await TypeAsync(page, "PeriodStart-month", "4");
        await TypeAsync(page, "PeriodStart-year", "2025");
        await TypeAsync(page, "PeriodEnd", "31");
        await TypeAsync(page, "PeriodEnd-month", "3");
        await TypeAsync(page, "PeriodEnd-year", "2029");
        await TabToAsync(page, f => f.Text == "Create plan", "the Create plan button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        var planPath = new Uri(page.Url).AbsolutePath;
        await TabToAsync(page, f => f.Href == $"{planPath}/Priority", "the Add a priority button", 40);
        await PressAndWaitForPathAsync(page, "Enter", $"{planPath}/Priority");
        await TypeAsync(page, "Input_Title", "Safer streets");
        await TypeAsync(page, "Input_Summary", "Fewer people harmed by violence in public places at night");
        await TabToAsync(page, f => f.Text.StartsWith("Add ", StringComparison.Ordinal) && f.Tag == "BUTTON", "the Add priority button");
        await PressAndWaitForPathAsync(page, "Enter", planPath);
        await TabToAsync(page, f => f.Href.StartsWith($"{planPath}/Outcome?priorityId=", StringComparison.Ordinal), "the Add an outcome link", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#Input_Description").WaitForAsync();
        await TypeAsync(page, "Input_Description", "People feel safe in town centres at night");
        await TabToAsync(page, f => f.Text == "Add outcome", "the Add outcome button");
        await PressAndWaitForPathAsync(page, "Enter", planPath);
        await TabToAsync(page, f => f.Href.EndsWith("/Measure", StringComparison.Ordinal), "the Add a measure link", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#Input_Name").WaitForAsync();
        await TypeAsync(page, "Input_Name", "Violent incidents in the night-time economy");
        await TypeAsync(page, "Input_Unit", "incidents");
        await TabToAsync(page, f => f.Id == "Input_Direction", "the first direction");
        await page.Keyboard.PressAsync("ArrowDown");
        await TabToAsync(page, f => f.Text == "Add measure", "the Add measure button");
        await PressAndWaitForPathAsync(page, "Enter", planPath);
        await TabToAsync(page, f => f.Text == "Publish plan", "the Publish plan button", 80);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        Assert.Contains("has been published", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, PlanTitle, "step-03-plan-published");

        // 4. The fund, its codes, and a budget line for this financial year.
        await page.GotoAsync("/");
        await TabToAsync(page, f => f.Href == "/Admin/Funds", "the Funds and budgets link", 40);
        await PressAndWaitForPathAsync(page, "Enter", "/Admin/Funds");
        await CheckAsync(page, "Funds and budgets", "step-04-funds-empty");
        await TabToAsync(page, f => f.Href == "/Admin/Funds/Edit", "the Create a fund button", 30);
        await PressAndWaitForPathAsync(page, "Enter", "/Admin/Funds/Edit");
        await TypeAsync(page, "Input_Name", FundName);
        // The Police Property Act Fund, a programme that takes applications online.
        await TabToAsync(page, f => f.Id == "Input_Programme", "the first programme");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.Locator("#Input_Programme-3").IsCheckedAsync(), "The arrow keys did not choose the Police Property Act Fund.");
        await TypeAsync(page, "Input_FundingSource", "Police and Crime Commissioner's community safety budget");
        await TypeAsync(page, "Input_PublishesAs", "GB-GOR-PC000456");
        await TypeAsync(page, "Input_CostCentre", "CC2010");
        await TypeAsync(page, "Input_NominalCode", "5300");
        await TypeAsync(page, "Input_FundCode", "SSPF");
        await TabToAsync(page, f => f.Text == "Create fund", "the Create fund button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        var fundPath = new Uri(page.Url).AbsolutePath;
        await TabToAsync(page, f => f.Text == "Add a budget line", "the Add a budget line button", 30);
        await PressAndWaitForPathAsync(page, "Enter", $"{fundPath}/AddLine");
        await TypeAsync(page, "Input_Name", "Night-time economy");
        await TypeAsync(page, "Input_Amount", "250000");
        await CheckAsync(page, "Add a budget line", "step-04-add-line");
        await TabToAsync(page, f => f.Text == "Add line", "the Add line button", 30);
        await PressAndWaitForPathAsync(page, "Enter", fundPath);
        Assert.Contains("Night-time economy (£250,000.00) has been added", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, FundName, "step-04-fund");

        // 5. The round on that line: open from today for four weeks, its limits, criteria adding up to 100 and the plan's priority.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);
        var closes = today.AddDays(28);
        await page.GotoAsync("/");
        await TabToAsync(page, f => f.Href == "/Admin/Rounds", "the Funding rounds link", 40);
        await PressAndWaitForPathAsync(page, "Enter", "/Admin/Rounds");
        await TabToAsync(page, f => f.Href == "/Admin/Rounds/Edit", "the Set up a round button", 30);
        await PressAndWaitForPathAsync(page, "Enter", "/Admin/Rounds/Edit");
        await TabToAsync(page, f => f.Id == "Input_LineId", "the budget line", 30);
        await page.Keyboard.PressAsync("Space");
        await TypeAsync(page, "Input_Title", RoundTitle);
        await TypeAsync(page, "Input_Summary", "Grants for projects that make town centres safer at night.");
        await TypeAsync(page, "Opens", today.Day.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, "Opens-month", today.Month.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, "Opens-year", today.Year.ToString(CultureInfo.InvariantCulture));
        // From the start of today, so that it is open now whatever the time of day the test runs.
        await ReplaceAsync(page, "Input_OpensTime", "00:00");
        await TypeAsync(page, "Closes", closes.Day.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, "Closes-month", closes.Month.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, "Closes-year", closes.Year.ToString(CultureInfo.InvariantCulture));
        await TypeAsync(page, "Input_AmountAvailable", "100000");
        await TypeAsync(page, "Input_MinimumAward", "1000");
        await TypeAsync(page, "Input_MaximumAward", "20000");
        await CheckAsync(page, "Set up a round", "step-05-round-create");
        await TabToAsync(page, f => f.Text == "Set up round", "the Set up round button");
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-notification-banner").WaitForAsync();
        var roundPath = new Uri(page.Url).AbsolutePath;
        var roundId = roundPath.Split('/')[^1];

        await TabToAsync(page, f => f.Href == $"{roundPath}/Criteria", "the criteria link", 80);
        await PressAndWaitForPathAsync(page, "Enter", $"{roundPath}/Criteria");
        await TabToAsync(page, f => f.Text == "Add another criterion", "the Add another criterion button", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#Input_Rows_1__Title").WaitForAsync();
        await ReplaceAsync(page, "Input_Rows_0__Title", "Need for the project");
        await ReplaceAsync(page, "Input_Rows_0__Weight", "60");
        await TypeAsync(page, "Input_Rows_1__Title", "Value for money");
        await TypeAsync(page, "Input_Rows_1__Weight", "40");
        await CheckAsync(page, "Assessment criteria", "step-05-criteria");
        await TabToAsync(page, f => f.Text == "Save", "the Save button", 30);
        await PressAndWaitForPathAsync(page, "Enter", roundPath);

        await TabToAsync(page, f => f.Href == $"{roundPath}/Priorities", "the priorities link", 80);
        await PressAndWaitForPathAsync(page, "Enter", $"{roundPath}/Priorities");
        await TabToAsync(page, f => f.Type == "checkbox", "the Safer streets priority", 40);
        await page.Keyboard.PressAsync("Space");
        await CheckAsync(page, "Plan priorities the round funds", "step-05-priorities");
        await TabToAsync(page, f => f.Text == "Save", "the Save button", 30);
        await PressAndWaitForPathAsync(page, "Enter", roundPath);
        var roundPage = Normalise(await page.Locator("main").InnerTextAsync());
        Assert.Contains("Safer streets", roundPage, StringComparison.Ordinal);
        Assert.Contains("Value for money", roundPage, StringComparison.Ordinal);
        await CheckAsync(page, RoundTitle, "step-05-round");

        // The form: one section, one question of every type.
        var formPath = $"{roundPath}/Form";
        await TabToAsync(page, f => f.Href == formPath, "the Application form link", 80);
        await PressAndWaitForPathAsync(page, "Enter", formPath);
        await TabToAsync(page, f => f.Text == "Add a section", "the Add a section button", 40);
        await PressAndWaitForPathAsync(page, "Enter", $"{formPath}/Sections");
        await TypeAsync(page, "Title", SectionTitle);
        await PressAndWaitForPathAsync(page, "Enter", formPath);
        foreach (var question in Questions)
        {
            await AddQuestionAsync(page, formPath, question);
        }

        var outline = Normalise(await page.Locator("main").InnerTextAsync());
        foreach (var question in Questions)
        {
            Assert.Contains(question.Text, outline, StringComparison.Ordinal);
        }

        await CheckAsync(page, "Application form", "step-05-form");
        await TabToAsync(page, f => f.Text == "Preview the form", "the Preview the form button", 120);
        await PressAndWaitForPathAsync(page, "Enter", $"{formPath}/Preview");
        await CheckAsync(page, SectionTitle, "step-05-form-preview", conditionalReveals: true);
        await TabToAsync(page, f => f.Text == "Back to the application form" && f.Href == formPath, "the link back to the form", 80);
        await PressAndWaitForPathAsync(page, "Enter", formPath);
        await TabToAsync(page, f => f.Text == "Publish round", "the Publish round button", 120);
        await PressAndWaitForPathAsync(page, "Enter", formPath);
        Assert.Contains("has been published", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await CheckAsync(page, "Application form", "step-05-form-published");
        await SignOutAsync(page);

        // 6. A new applicant registers, confirms the address, creates an organisation and applies.
        await page.GotoAsync("/Account/Register");
        await CheckAsync(page, "Create an account", "step-06-register");
        await TypeAsync(page, "Input_FullName", "Jordan Ellis");
        await TypeAsync(page, "Input_Email", ApplicantEmail);
        await TypeAsync(page, "Input_Password", Password);
        await TypeAsync(page, "Input_ConfirmPassword", Password);
        await TabToAsync(page, f => f.Text == "Create account", "the Create account button", 20);
        await PressAndWaitForPathAsync(page, "Enter", "/Account/CheckYourEmail");
        await page.GotoAsync(await LinkFromEmailAsync(app, ApplicantEmail, "/Account/ConfirmEmail"));
        await CheckAsync(page, "Your email address is confirmed", "step-06-confirmed");
        await SignInAsync(page, ApplicantEmail);

        await page.GotoAsync("/Organisations/Create");
        await TypeAsync(page, "Input_Name", "Nightsafe Community Trust");
        await TabToAsync(page, f => f.Type == "radio", "the first legal form", 20);
        var constitutedGroup = page.Locator("input[name='Input.LegalForm'][value='ConstitutedUnincorporatedGroup']");
        for (var i = 0; i < 10 && !await constitutedGroup.IsCheckedAsync(); i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        Assert.True(await constitutedGroup.IsCheckedAsync(), "The arrow keys did not reach a constituted group.");
        await TypeAsync(page, "Input_AddressLine1", "4 Market Place", 40);
        await TypeAsync(page, "Input_Town", "Reading");
        await TypeAsync(page, "Input_Postcode", "RG1 2EQ");
        await CheckAsync(page, "Create an organisation", "step-06-organisation", conditionalReveals: true);
        await TabToAsync(page, f => f.Text == "Continue", "the Continue button", 20);
        await PressAndWaitForPathAsync(page, "Enter", "/Organisations/Create/Check");
        await TabToAsync(page, f => f.Text == "Create organisation", "the Create organisation button", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Organisations/", StringComparison.Ordinal) && !new Uri(url).AbsolutePath.StartsWith("/Organisations/Create", StringComparison.Ordinal));

        await page.GotoAsync("/Funding");
        await CheckAsync(page, "Find funding", "step-06-funding");
        await TabToAsync(page, f => f.Text == RoundTitle, "the round's link", 40);
        await PressAndWaitForPathAsync(page, "Enter", $"/Funding/{roundId}");
        await CheckAsync(page, RoundTitle, "step-06-round");
        await TabToAsync(page, f => f.Classes.Contains("govuk-button--start", StringComparison.Ordinal), "the Start now button", 60);
        await PressAndWaitForPathAsync(page, "Enter", $"/Funding/{roundId}/Eligibility");
        await CheckAsync(page, "Check if you can apply", "step-06-eligibility");
        // The round was set up with no questions about who may apply, and the page says so.
        Assert.Equal("Check if you can apply", await HeadingAsync(page));
        Assert.Contains("This round has no questions about who can apply.", await page.Locator("#no-eligibility-questions").InnerTextAsync(), StringComparison.Ordinal);
        await TabToAsync(page, f => f.Text == "Continue", "the Continue button", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("#ProjectTitle").WaitForAsync();
        await page.WaitForLoadStateAsync(LoadState.Load);

        await CheckAsync(page, "You can apply", "step-06-can-apply");
        await TypeAsync(page, "ProjectTitle", ProjectTitle);
        await TabToAsync(page, f => f.Text == "Start your application", "the Start your application button", 20);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => GuidPath().IsMatch(new Uri(url).AbsolutePath));
        var applicationPath = new Uri(page.Url).AbsolutePath;
        await CheckAsync(page, ProjectTitle, "step-06-task-list");

        // The section of every type of question.
        await TabToAsync(page, f => f.Text == SectionTitle, "the section's link", 40);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator("main form input[name=shown]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        var keys = await page.Locator("main form input[name=shown]").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
        Assert.Equal(Questions.Count, keys.Length);
        await AnswerAsync(page, keys);
        await CheckAsync(page, SectionTitle, "step-06-section", conditionalReveals: true);
        await TabToAsync(page, f => f.Text == "Save and continue", "the Save and continue button", 40);
        await PressAndWaitForPathAsync(page, "Enter", applicationPath);
        await AssertNoErrorsAsync(page);

        // The budget: costs less other funding make the amount asked for.
        await TabToAsync(page, f => f.Href == $"{applicationPath}/Budget", "the Budget link", 40);
        await PressAndWaitForPathAsync(page, "Enter", $"{applicationPath}/Budget");
        await TypeAsync(page, "cost_0__description", "Street pastors' training and equipment");
        await TypeAsync(page, "cost_0__amount", "10000");
        await TypeAsync(page, "cost_1__description", "Night bus marshals");
        await TypeAsync(page, "cost_1__amount", "3000");
        await TypeAsync(page, "other_0__description", "Business improvement district");
        await TypeAsync(page, "other_0__amount", "500");
        await CheckAsync(page, "Budget", "step-06-budget");
        await TabToAsync(page, f => f.Text == "Save and continue", "the Save and continue button", 40);
        await PressAndWaitForPathAsync(page, "Enter", applicationPath);
        await AssertNoErrorsAsync(page);

        await TabToAsync(page, f => f.Href == $"{applicationPath}/Priorities", "the Plan priorities link", 40);
        await PressAndWaitForPathAsync(page, "Enter", $"{applicationPath}/Priorities");
        await TabToAsync(page, f => f.Id == "Supported", "the Safer streets checkbox", 30);
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, f => f.Id == "Primary", "the main priority radio", 15);
        await page.Keyboard.PressAsync("Space");
        await CheckAsync(page, "Plan priorities", "step-06-priorities");
        await TabToAsync(page, f => f.Text == "Save and continue", "the Save and continue button", 20);
        await PressAndWaitForPathAsync(page, "Enter", applicationPath);
        await AssertNoErrorsAsync(page);
        await CheckAsync(page, ProjectTitle, "step-06-task-list-done");

        await TabToAsync(page, f => f.Href == $"{applicationPath}/CheckAnswers", "the Check your answers link", 40);
        await PressAndWaitForPathAsync(page, "Enter", $"{applicationPath}/CheckAnswers");
        var answers = Normalise(await page.Locator("main").InnerTextAsync());
        foreach (var expected in new[] { "Berkshire", "Young people", "Street Safe Reading", "£12,500", "safeguarding-policy.pdf", "4 Market Place" })
        {
            Assert.Contains(expected, answers, StringComparison.Ordinal);
        }

        await CheckAsync(page, "Check your answers before submitting your application", "step-06-check-answers");
        await TabToAsync(page, f => f.Id == "Declaration", "the declaration checkbox", 120);
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, f => f.Text == "Submit application", "the Submit application button", 5);
        await PressAndWaitForPathAsync(page, "Enter", $"{applicationPath}/Submitted");
        Assert.Equal("Application submitted", await HeadingAsync(page));
        var reference = Normalise(await page.Locator("#reference").InnerTextAsync());
        Assert.Matches("^[A-Z]+-[0-9]{4}-[0-9]{5}$", reference);
        await CheckAsync(page, "Application submitted", "step-06-submitted");
        await SignOutAsync(page);

        // The officer sees it in the round's applications and opens its case file.
        await SignInAsync(page, OfficerEmail);
        await page.GotoAsync($"/Staff/Applications?round={roundId}");
        await CheckAsync(page, await HeadingAsync(page), "step-06-staff-applications");
        Assert.Contains(reference, Normalise(await page.Locator("main").InnerTextAsync()), StringComparison.Ordinal);
        await TabToAsync(page, f => f.Text == ProjectTitle, "the application's link", 60);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => StaffCaseFilePath().IsMatch(new Uri(url).AbsolutePath));
        await page.WaitForLoadStateAsync(LoadState.Load);
        var caseFile = Normalise(await page.Locator("main").InnerTextAsync());
        Assert.Contains(reference, caseFile, StringComparison.Ordinal);
        Assert.Contains("Nightsafe Community Trust", caseFile, StringComparison.Ordinal);
        await CheckAsync(page, await HeadingAsync(page), "step-06-case-file");
        output.WriteLine($"{_pagesChecked} pages checked with axe-core; application {reference} submitted and seen by the officer.");
    }

    private sealed record Question(string Text, int TypeIndex, string? Setting = null, bool AmountAsked = false);

    /// <summary>One question of every type, in the form builder's order of types.</summary>
    private static readonly IReadOnlyList<Question> Questions =
    [
        new("Is the service free to the people it helps?", 0),
        new("Which area is the service in?", 1, "Oxfordshire\nBerkshire\nBuckinghamshire"),
        new("Who does the service help?", 2, "Young people\nOlder people\nVictims of crime"),
        new("What is the service called?", 3),
        new("Describe the service", 4, "200"),
        new("How many people will it help in a year?", 5),
        new("How much are you asking for?", 6, AmountAsked: true),
        new("When will the service start?", 7),
        new("Where is the service based?", 8),
        new("Upload your safeguarding policy", 9),
    ];

    private async Task AddQuestionAsync(IPage page, string formPath, Question question)
    {
        await TabToAsync(page, f => f.Text.StartsWith("Add a question", StringComparison.Ordinal), "the Add a question button", 120);
        await PressAndWaitForPathAsync(page, "Enter", $"{formPath}/Questions");
        await TypeAsync(page, "Input_Text", question.Text);
        await TabToAsync(page, f => f.Id == "Input_Type", "the first type of answer", 20);
        for (var i = 0; i < question.TypeIndex; i++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await page.Keyboard.PressAsync("Space");
        var typeId = question.TypeIndex == 0 ? "Input_Type" : $"Input_Type-{question.TypeIndex + 1}";
        Assert.True(await page.Locator($"#{typeId}").IsCheckedAsync(), $"The arrow keys did not reach the type of '{question.Text}'.");
        switch (question.TypeIndex)
        {
            case 1:
                await TypeAsync(page, "Input_SingleChoiceOptions", question.Setting!, 5);
                break;
            case 2:
                await TypeAsync(page, "Input_MultipleChoiceOptions", question.Setting!, 5);
                break;
            case 4:
                await TypeAsync(page, "Input_MaxWords", question.Setting!, 5);
                break;
            case 6:
                await TabToAsync(page, f => f.Id == "Input_IsAmountAsked", "the amount asked for checkbox", 5);
                await page.Keyboard.PressAsync("Space");
                break;
        }

        if (question.TypeIndex == 9)
        {
            await CheckAsync(page, $"Add a question to \u2018{SectionTitle}\u2019", "step-05-add-question", conditionalReveals: true);
        }

        await TabToAsync(page, f => f.Text == "Add question", "the Add question button", 20);
        await PressAndWaitForPathAsync(page, "Enter", formPath);
        await AssertNoErrorsAsync(page);
    }

    /// <summary>Answers the section's questions, in the order of <see cref="Questions"/>.</summary>
    private static async Task AnswerAsync(IPage page, IReadOnlyList<string> keys)
    {
        await TabToAsync(page, f => f.Id == $"q_{keys[0]}", "Yes to the first question", 40);
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, f => f.Id == $"q_{keys[1]}", "the first area", 10);
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.Locator($"#q_{keys[1]}-2").IsCheckedAsync(), "The down arrow did not choose Berkshire.");
        await TabToAsync(page, f => f.Id == $"q_{keys[2]}", "the first kind of person helped", 10);
        await page.Keyboard.PressAsync("Space");
        await TypeAsync(page, $"q_{keys[3]}", "Street Safe Reading", 10);
        await TypeAsync(page, $"q_{keys[4]}", "Trained volunteers patrol the town centre on Friday and Saturday nights and help people get home safely.", 10);
        await TypeAsync(page, $"q_{keys[5]}", "1200", 10);
        await TypeAsync(page, $"q_{keys[6]}", "12500", 10);
        await TypeAsync(page, $"q_{keys[7]}_day", "1", 10);
        await TypeAsync(page, $"q_{keys[7]}_month", "4", 5);
        await TypeAsync(page, $"q_{keys[7]}_year", "2027", 5);
        await TypeAsync(page, $"q_{keys[8]}_line1", "4 Market Place", 10);
        await TypeAsync(page, $"q_{keys[8]}_town", "Reading", 10);
        await TypeAsync(page, $"q_{keys[8]}_postcode", "RG1 2EQ", 10);
        // Choosing a file is the browser's own dialogue, out of the page's reach: the file is given to the input.
        await page.Locator($"#q_{keys[9]}").SetInputFilesAsync(new FilePayload
        {
            Name = "safeguarding-policy.pdf",
            MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
        });
    }

    private async Task SetPasswordFromEmailAsync(IPage page, WebAppProcess app, string email, string screenshot)
    {
        await page.GotoAsync(await LinkFromEmailAsync(app, email, "/Account/ResetPassword"));
        await CheckAsync(page, await HeadingAsync(page), screenshot);
        await TypeAsync(page, "Input_Password", Password);
        await TypeAsync(page, "Input_ConfirmPassword", Password);
        await TabToAsync(page, f => f.Text == "Set password", "the Set password button", 10);
        await page.Keyboard.PressAsync("Enter");
        await page.Locator(".govuk-panel").WaitForAsync();
        await CheckAsync(page, await HeadingAsync(page), $"{screenshot}-set");
    }

    private async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("/Account/SignIn");
        await CheckAsync(page, "Sign in", "sign-in", screenshot: false);
        await TypeAsync(page, "Input_Email", email);
        await TypeAsync(page, "Input_Password", Password);
        await TabToAsync(page, f => f.Text == "Sign in" && f.Tag == "BUTTON", "the Sign in button", 10);
        await PressAndWaitForPathAsync(page, "Enter", "/");
    }

    /// <summary>Signs out with the header's button, from the top of the home page.</summary>
    private static async Task SignOutAsync(IPage page)
    {
        await page.GotoAsync("/");
        await TabToAsync(page, f => f.Text == "Sign out", "the Sign out button", 40);
        await PressAndWaitForPathAsync(page, "Enter", "/Account/SignOut");
    }

    /// <summary>The link to <paramref name="path"/> in the newest e-mail to the address, from the .eml files the outbox writes, for this app's address.</summary>
    private async Task<string> LinkFromEmailAsync(WebAppProcess app, string email, string path)
    {
        var folder = Path.Combine(app.DataFolder, "mail");
        var pattern = new Regex($@"https?://[^\s/""<>]+{Regex.Escape(path)}\?[^\s""<>]+");
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*.eml").OrderByDescending(File.GetLastWriteTimeUtc))
                {
                    string text;
                    try
                    {
                        text = await File.ReadAllTextAsync(file);
                    }
                    catch (IOException)
                    {
                        continue;
                    }

                    if (text.Contains($"To: {email}", StringComparison.OrdinalIgnoreCase) && pattern.Match(text) is { Success: true } match)
                    {
                        var link = new Uri(System.Net.WebUtility.HtmlDecode(match.Value));
                        output.WriteLine($"E-mail to {email}: {Path.GetFileName(file)} links to {link.AbsolutePath}.");
                        return link.PathAndQuery;
                    }
                }
            }

            await Task.Delay(250);
        }

        Assert.Fail($"No e-mail to {email} with a link to {path} appeared in {folder} within 30 s.");
        throw new InvalidOperationException("unreachable");
    }

    private static async Task TypeAsync(IPage page, string id, string text, int maxTabs = 30)
    {
        await TabToAsync(page, f => f.Id == id, $"the field {id}", maxTabs);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Focuses a field already filled in, selects what it holds and types over it.</summary>
    private static async Task ReplaceAsync(IPage page, string id, string text)
    {
        await TabToAsync(page, f => f.Id == id, $"the field {id}", 30);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(text);
    }

    private static Task<Focused> TabToAsync(IPage page, Func<Focused, bool> wanted, string description, int maxTabs = 15) =>
        PageHelpers.TabToAsync(page, wanted, description, maxTabs);

    private static Task PressAndWaitForPathAsync(IPage page, string key, string path) =>
        PageHelpers.PressAndWaitForPathAsync(page, key, path);

    private static async Task AssertNoErrorsAsync(IPage page)
    {
        if (await page.Locator(".govuk-error-summary").CountAsync() > 0)
        {
            Assert.Fail($"{page.Url} shows errors: {Normalise(await page.Locator(".govuk-error-summary").First.InnerTextAsync())}");
        }
    }

    private static async Task<string> HeadingAsync(IPage page) => Normalise(await page.Locator("h1").First.InnerTextAsync());

    /// <summary>The page is styled, headed as expected, has no axe violations, does not scroll sideways at 390 pixels, and is pictured.</summary>
    private async Task CheckAsync(IPage page, string heading, string name, bool conditionalReveals = false, bool screenshot = true)
    {
        await PageHelpers.AssertStyledAsync(page);
        Assert.Equal(heading, await HeadingAsync(page));
        if (conditionalReveals)
        {
            await Axe.AssertNoViolationsButGovUkConditionalRevealsAsync(page, output, $"{heading} ({page.Url})");
        }
        else
        {
            await Axe.AssertNoViolationsAsync(page, output, $"{heading} ({page.Url})");
        }

        // An id that a description or label points to must be unique, or a screen reader reads the wrong element
        // (axe only lists this for review by hand, as WCAG 2.2 dropped 4.1.1).
        var duplicated = await page.EvaluateAsync<string[]>("""
            () => [...new Set([...document.querySelectorAll('[aria-describedby], [aria-labelledby]')]
              .flatMap(e => `${e.getAttribute('aria-describedby') ?? ''} ${e.getAttribute('aria-labelledby') ?? ''}`.split(/\s+/))
              .filter(id => id && document.querySelectorAll(`[id="${CSS.escape(id)}"]`).length > 1))]
            """);
        Assert.True(duplicated.Length == 0, $"{page.Url} has more than one element with the id(s) {string.Join(", ", duplicated)}, which a description or label points to.");
        _pagesChecked++;
        if (screenshot)
        {
            await PageHelpers.ScreenshotAsync(page, output, $"new-office-{name}");
        }

        await page.SetViewportSizeAsync(390, 844);
        var (scrollWidth, clientWidth) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
        Assert.True(scrollWidth <= clientWidth, $"{page.Url} scrolls sideways at 390 pixels: {scrollWidth} wide in {clientWidth}.");
        if (screenshot)
        {
            await PageHelpers.ScreenshotAsync(page, output, $"new-office-{name}-390");
        }

        await page.SetViewportSizeAsync(1280, 800);
    }

    private static string Normalise(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex("^/Applications/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex GuidPath();

    [GeneratedRegex("^/Staff/Applications/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")]
    private static partial Regex StaffCaseFilePath();
}
