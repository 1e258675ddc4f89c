using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Commissioning.BrowserTests;

/// <summary>
/// A browser context that watches for Content-Security-Policy violations on every page opened in it (the page's
/// <c>securitypolicyviolation</c> events and Chromium's console reports) and fails the test when it is disposed if
/// there were any, so every browser test walks its pages under the service's policy.
/// </summary>
public sealed class CheckedBrowserContext : IAsyncDisposable
{
    private const string BindingName = "__commissioningReportCspViolation";

    private readonly ConcurrentQueue<string> _violations = new();

    private CheckedBrowserContext(IBrowserContext context) => Context = context;

    /// <summary>The Playwright context itself.</summary>
    public IBrowserContext Context { get; }

    /// <summary>What was blocked so far, one line each.</summary>
    public IReadOnlyList<string> Violations => [.. _violations];

    public static async Task<CheckedBrowserContext> CreateAsync(IBrowser browser, Uri baseAddress)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = "en-GB",
            TimezoneId = "Europe/London",
            ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var checkedContext = new CheckedBrowserContext(context);
        try
        {
            await context.ExposeFunctionAsync<string>(BindingName, checkedContext._violations.Enqueue);
            // Added through the browser's debugging protocol, so the policy does not apply to this script itself.
            await context.AddInitScriptAsync($$"""
                document.addEventListener('securitypolicyviolation', e => window.{{BindingName}}(
                  `${e.effectiveDirective} refused ${e.blockedURI || 'an inline resource'} (${e.sample || 'no sample'}) at ${e.sourceFile || location.href}:${e.lineNumber} on ${location.href}`), true);
                """);
            context.Console += (_, message) =>
            {
                if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                {
                    checkedContext._violations.Enqueue($"console: {message.Text} on {message.Page?.Url}");
                }
            };
            return checkedContext;
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    public Task<IPage> NewPageAsync() => Context.NewPageAsync();

    public Task<IReadOnlyList<BrowserContextCookiesResult>> CookiesAsync() => Context.CookiesAsync();

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        var violations = Violations;
        Assert.True(violations.Count == 0, $"The browser refused {violations.Count} thing(s) under the Content-Security-Policy:{Environment.NewLine}{string.Join(Environment.NewLine, violations.Distinct().Select(v => $"- {v}"))}");
    }
}
