using Commissioning.Infrastructure.Demo;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>
/// The task inbox and the workflow admin pages in real Chromium, checked with axe-core (WCAG 2.2 A and AA) and
/// pictured: first on the shared app with the published definitions in workflows/, then on an app of their own with
/// a small definition and instances in every state (<see cref="SeededWorkflowApp"/>).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkflowPageTests(BrowserFixture browser, ITestOutputHelper output)
{
    [Fact]
    public async Task An_administrator_sees_the_published_workflows_a_flowchart_and_the_instance_and_incident_pages_with_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "admin@demo.commissioning.test");

        await WorkflowPages.CheckAsync(page, output, "/Admin/Workflows", "Workflows", "admin-workflows");
        var definitions = page.Locator("main table a[href^='/Admin/Workflows/']");
        var links = (await definitions.EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href')).filter(h => /\\/v\\d+$/.test(h))")).ToList();
        output.WriteLine($"Published definition versions: {string.Join(", ", links)}");
        if (links.Count == 0)
        {
            Assert.Equal(1, await page.GetByText("No workflow definitions are published.").CountAsync());
        }
        else
        {
            await WorkflowPages.CheckAsync(page, output, links[0], null, "admin-workflow-definition");
            await WorkflowPages.AssertFlowchartAsync(page);
            await WorkflowPages.FlowchartScreenshotAsync(page, output, "flowchart-" + links[0].Split('/')[3]);
        }

        await WorkflowPages.CheckAsync(page, output, "/Admin/Workflows/Instances", "Workflow instances", "admin-workflow-instances");
        await WorkflowPages.CheckAsync(page, output, "/Admin/Workflows/Incidents", "Workflow incidents", "admin-workflow-incidents");
    }

    [Fact]
    public async Task A_grants_officer_sees_their_task_inbox_with_no_axe_violations()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "officer@demo.commissioning.test");

        Assert.Equal(1, await page.Locator("main a[href='/Tasks']").CountAsync());
        await WorkflowPages.CheckAsync(page, output, "/Tasks", "Your tasks", "tasks-officer");
    }
}

/// <summary>The workflow pages with content in them: tasks to take and answer, instances and an incident.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SeededWorkflowPageTests(BrowserFixture browser, SeededWorkflowApp app, ITestOutputHelper output) : IClassFixture<SeededWorkflowApp>
{
    [Fact]
    public async Task The_admin_pages_with_instances_and_an_incident_draw_the_flowchart_and_have_no_axe_violations()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, "admin@demo.commissioning.test");

        await WorkflowPages.CheckAsync(page, output, "/Admin/Workflows", "Workflows", "seeded-admin-workflows");
        await WorkflowPages.CheckAsync(page, output, $"/Admin/Workflows/{SeededWorkflowApp.DefinitionId}/v1", "Page test review, version 1", "seeded-admin-workflow-definition");
        Assert.Equal(7, await WorkflowPages.AssertFlowchartAsync(page));
        await WorkflowPages.FlowchartScreenshotAsync(page, output, "flowchart-page-test-review");
        await WorkflowPages.CheckAsync(page, output, "/Admin/Workflows/Instances", "Workflow instances", "seeded-admin-workflow-instances");
        Assert.Equal(3, await page.Locator("main tbody tr").CountAsync());
        await WorkflowPages.CheckAsync(page, output, $"/Admin/Workflows/Instances/{app.AssessedInstanceId}", "Page test review: TV-2026-0008", "seeded-admin-workflow-instance");
        await WorkflowPages.CheckAsync(page, output, "/Admin/Workflows/Incidents", "Workflow incidents", "seeded-admin-workflow-incidents");
        Assert.Equal(1, await page.GetByText("The mail server did not answer.").CountAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Retry" }).First.ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        Assert.Contains("failed again (attempt 2)", await page.Locator(".govuk-error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the incidents page after a failed retry");
        await PageHelpers.ScreenshotAsync(page, output, "seeded-admin-workflow-incidents-retry-failed");
    }

    [Fact]
    public async Task A_grants_officer_takes_a_task_is_told_what_is_missing_then_completes_it_with_no_axe_violations_at_each_step()
    {
        await using var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await PageHelpers.SignInAsync(page, SeededWorkflowApp.Officer);

        await WorkflowPages.CheckAsync(page, output, "/Tasks", "Your tasks", "seeded-tasks-officer");
        var row = page.Locator("main tbody tr", new() { HasTextString = "TV-2026-0007" });
        await row.GetByRole(AriaRole.Button, new() { Name = "Take this task" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/Tasks/", StringComparison.Ordinal));
        Assert.Contains("You have taken ‘Check eligibility’", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "a task page (Check eligibility)");
        await PageHelpers.ScreenshotAsync(page, output, "seeded-task");

        await page.GetByLabel("Approved", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Eligibility score", new() { Exact = true }).FillAsync("eleven");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        await page.Locator(".govuk-error-summary").WaitForAsync();
        var summary = await page.Locator(".govuk-error-summary").InnerTextAsync();
        Assert.Contains("Eligibility score must be a whole number, like 15", summary, StringComparison.Ordinal);
        Assert.Contains("Enter amount to offer", summary, StringComparison.Ordinal);
        Assert.StartsWith("Error: Check eligibility", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal("eleven", await page.GetByLabel("Eligibility score", new() { Exact = true }).InputValueAsync());
        Assert.True(await page.GetByLabel("Approved", new() { Exact = true }).IsCheckedAsync(), "The chosen outcome was not kept.");
        await Axe.AssertNoViolationsAsync(page, output, "a task page with errors");
        await PageHelpers.ScreenshotAsync(page, output, "seeded-task-errors");

        await page.GetByLabel("Eligibility score", new() { Exact = true }).FillAsync("8");
        await page.GetByLabel("Amount to offer", new() { Exact = true }).FillAsync("2,500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Complete task" }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/Tasks");
        Assert.Contains("You completed ‘Check eligibility’ with the outcome ‘Approved’", await page.Locator(".govuk-notification-banner").InnerTextAsync(), StringComparison.Ordinal);
        await Axe.AssertNoViolationsAsync(page, output, "the task inbox after completing a task");
        await PageHelpers.ScreenshotAsync(page, output, "seeded-tasks-completed");
    }

    private Task<CheckedBrowserContext> NewContextAsync() => CheckedBrowserContext.CreateAsync(browser.Browser, app.App.BaseAddress);
}

internal static class WorkflowPages
{
    /// <summary>Opens a page, checks it answered 200 styled with the heading expected, runs axe and takes a screenshot.</summary>
    public static async Task CheckAsync(IPage page, ITestOutputHelper output, string url, string? heading, string screenshot)
    {
        var response = await page.GotoAsync(url);
        Assert.True(response?.Status == 200, $"{url} answered {response?.Status}.");
        await PageHelpers.AssertStyledAsync(page);
        if (heading is not null)
        {
            Assert.Equal(heading, await page.Locator("h1").InnerTextAsync());
        }

        await Axe.AssertNoViolationsAsync(page, output, url);
        await PageHelpers.ScreenshotAsync(page, output, screenshot);
    }

    /// <summary>A picture of the flowchart alone, at its full size, to check it is legible.</summary>
    public static async Task FlowchartScreenshotAsync(IPage page, ITestOutputHelper output, string name)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png");
        await page.Locator("main svg.app-flowchart__svg").ScreenshotAsync(new LocatorScreenshotOptions { Path = path });
        Assert.True(new FileInfo(path).Length > 1000, $"The screenshot {path} is (nearly) empty.");
        output.WriteLine($"Screenshot: {path}");
    }

    /// <summary>The flowchart is an SVG image with a title and description, one box per row of the text version; returns the number of boxes.</summary>
    public static async Task<int> AssertFlowchartAsync(IPage page)
    {
        var svg = page.Locator("main svg.app-flowchart__svg");
        Assert.Equal(1, await svg.CountAsync());
        Assert.Equal("img", await svg.GetAttributeAsync("role"));
        var name = await svg.EvaluateAsync<string>("s => s.getAttribute('aria-labelledby').split(' ').map(id => document.getElementById(id).textContent).join(' | ')");
        Assert.StartsWith("Flowchart of ", name, StringComparison.Ordinal);
        var boxes = await svg.Locator("g.node").CountAsync();
        Assert.Equal(await page.Locator("#activities tbody tr").CountAsync(), boxes);
        Assert.True(boxes > 0, "The flowchart has no boxes.");
        var size = await svg.BoundingBoxAsync();
        Assert.True(size is { Width: > 200, Height: > 200 }, $"The flowchart is drawn {size?.Width} x {size?.Height}.");
        return boxes;
    }
}
