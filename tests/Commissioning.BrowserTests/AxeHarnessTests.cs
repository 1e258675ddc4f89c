namespace Commissioning.BrowserTests;

/// <summary>A control for the accessibility checks: axe, as these tests run it, does report failures it is shown.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AxeHarnessTests(BrowserFixture browser)
{
    [Fact]
    public async Task Axe_reports_an_image_without_alt_text_and_a_field_without_a_label()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await page.GotoAsync("Account/SignIn");
        await page.EvaluateAsync("""
            () => document.querySelector('main').insertAdjacentHTML('beforeend',
              '<img id="axe-control-image" src="/govuk/images/favicon.svg"><input id="axe-control-field" type="text">')
            """);

        var results = await Axe.RunAsync(page);

        Assert.Equal("4.14.1", results.Version);
        var image = Assert.Single(results.Violations, v => v.Id == "image-alt");
        Assert.Equal("critical", image.Impact);
        Assert.Equal(["#axe-control-image"], Assert.Single(image.Nodes).Target);
        var label = Assert.Single(results.Violations, v => v.Id == "label");
        Assert.Equal(["#axe-control-field"], Assert.Single(label.Nodes).Target);
        Assert.Equal(2, results.Violations.Count);
        var message = Axe.Describe(results, "the control page");
        Assert.Contains("- image-alt [critical] Images must have alternative text", message, StringComparison.Ordinal);
        Assert.Contains("at #axe-control-field: <input id=\"axe-control-field\" type=\"text\">", message, StringComparison.Ordinal);
    }
}
