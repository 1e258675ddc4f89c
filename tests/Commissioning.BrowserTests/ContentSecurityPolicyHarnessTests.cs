namespace Commissioning.BrowserTests;

/// <summary>
/// A control for the Content-Security-Policy check every browser test runs: the template's own inline script runs
/// (it carries the request's nonce), and an inline script without it is refused and fails the test.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContentSecurityPolicyHarnessTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_template_script_runs_and_an_inline_script_without_the_nonce_is_refused_and_fails_the_test()
    {
        var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(BrowserFixture.PageTimeoutMilliseconds);
        await page.GotoAsync("Account/SignIn");

        Assert.True(await page.EvaluateAsync<bool>("() => document.body.classList.contains('govuk-frontend-supported')"), "The GOV.UK template's inline script did not run.");
        Assert.Empty(context.Violations);

        await page.EvaluateAsync("""
            () => {
              const script = document.createElement('script');
              script.textContent = 'window.injected = true';
              document.body.append(script);
            }
            """);
        for (var waited = 0; context.Violations.Count == 0 && waited < 100; waited++)
        {
            await Task.Delay(100);
        }

        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === true"), "An inline script without the nonce ran.");
        Assert.Contains(context.Violations, v => v.StartsWith("script-src-elem refused", StringComparison.Ordinal) || v.Contains("Content Security Policy", StringComparison.Ordinal));
        var failure = await Assert.ThrowsAsync<Xunit.Sdk.TrueException>(async () => await context.DisposeAsync());
        Assert.Contains("under the Content-Security-Policy", failure.Message, StringComparison.Ordinal);
    }
}
