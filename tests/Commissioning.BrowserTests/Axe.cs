using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>Runs axe-core (from npm, copied to the output folder by the csproj) in a page, for WCAG 2.2 A and AA.</summary>
public static class Axe
{
    /// <summary>WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no wcag22a rules).</summary>
    public static IReadOnlyList<string> WcagTags { get; } = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    public static string ScriptPath { get; } = Path.Combine(AppContext.BaseDirectory, "axe-core", "axe.min.js");

    private const string ServedAt = "/axe-core-for-tests/axe.min.js";

    private const string RunScript = """
        async tags => {
          const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
          const nodes = list => list.map(n => ({ target: n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : String(t)), html: n.html, failureSummary: n.failureSummary ?? '' }));
          const rules = list => list.map(r => ({ id: r.id, impact: r.impact ?? '', help: r.help, helpUrl: r.helpUrl, nodes: nodes(r.nodes) }));
          return JSON.stringify({ version: axe.version, url: results.url, passes: results.passes.length, violations: rules(results.violations), incomplete: rules(results.incomplete) });
        }
        """;

    public static async Task<AxeResults> RunAsync(IPage page)
    {
        if (!File.Exists(ScriptPath))
        {
            throw new InvalidOperationException($"{ScriptPath} is missing: the csproj copies it from node_modules/axe-core after `npm ci`.");
        }

        // Served as a file of the page's own origin (answered by Playwright, never reaching the app), so the
        // service's Content-Security-Policy, which allows no inline script, lets it run.
        await page.RouteAsync(ServedAt, route => route.FulfillAsync(new RouteFulfillOptions { Path = ScriptPath, ContentType = "text/javascript" }));
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = ServedAt });
        var json = await page.EvaluateAsync<string>(RunScript, WcagTags);
        return JsonSerializer.Deserialize<AxeResults>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("axe.run returned nothing.");
    }

    /// <summary>Runs axe, writes a summary to the test output, and fails listing every violation.</summary>
    public static async Task AssertNoViolationsAsync(IPage page, ITestOutputHelper output, string what)
    {
        var results = await RunAsync(page);
        output.WriteLine($"axe-core {results.Version} on {what} ({results.Url}), tags {string.Join(", ", WcagTags)}: {results.Violations.Count} violations, {results.Passes} rules passed, {results.Incomplete.Count} to review by hand{(results.Incomplete.Count == 0 ? "" : $" ({string.Join(", ", results.Incomplete.Select(r => $"{r.Id} x{r.Nodes.Count}"))})")}.");
        Assert.True(results.Violations.Count == 0, Describe(results, what));
    }

    /// <summary>
    /// As <see cref="AssertNoViolationsAsync"/>, allowing one thing only: aria-expanded on a GOV.UK radio with a
    /// conditional reveal. ARIA 1.2 does not list aria-expanded for radios, so axe flags it; GOV.UK Frontend sets it on
    /// purpose, because screen readers announce it and research found it helps (alphagov/govuk-frontend#979, a
    /// documented known issue). Any other problem fails.
    /// </summary>
    public static async Task AssertNoViolationsButGovUkConditionalRevealsAsync(IPage page, ITestOutputHelper output, string what)
    {
        static bool IsConditionalReveal(AxeRule rule, AxeNode node) =>
            rule.Id == "aria-allowed-attr"
            && node.Html.Contains("class=\"govuk-radios__input\"", StringComparison.Ordinal)
            && node.Html.Contains("aria-controls=\"conditional-", StringComparison.Ordinal)
            && node.FailureSummary.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1).All(line => line.StartsWith("ARIA attribute is not allowed: aria-expanded=", StringComparison.Ordinal));

        var results = await RunAsync(page);
        var allowed = results.Violations.SelectMany(r => r.Nodes.Where(n => IsConditionalReveal(r, n))).ToList();
        var violations = results.Violations
            .Select(r => r with { Nodes = [.. r.Nodes.Where(n => !IsConditionalReveal(r, n))] })
            .Where(r => r.Nodes.Count > 0)
            .ToList();
        output.WriteLine($"axe-core {results.Version} on {what} ({results.Url}): {violations.Count} violations, {results.Passes} rules passed, {results.Incomplete.Count} to review by hand; allowed: aria-expanded on {allowed.Count} GOV.UK conditional reveal radio(s) ({string.Join(", ", allowed.SelectMany(n => n.Target))}).");
        Assert.True(violations.Count == 0, Describe(results with { Violations = violations }, what));
    }

    internal static string Describe(AxeResults results, string what)
    {
        var text = new StringBuilder($"axe-core {results.Version} found {results.Violations.Count} WCAG 2.2 A/AA violation(s) on {what} ({results.Url}):");
        foreach (var rule in results.Violations)
        {
            text.AppendLine().Append($"- {rule.Id} [{rule.Impact}] {rule.Help} ({rule.HelpUrl})");
            foreach (var node in rule.Nodes)
            {
                text.AppendLine().Append($"    at {string.Join(", ", node.Target)}: {node.Html}");
                foreach (var line in node.FailureSummary.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    text.AppendLine().Append($"      {line}");
                }
            }
        }

        return text.ToString();
    }
}

public sealed record AxeResults(string Version, string Url, int Passes, IReadOnlyList<AxeRule> Violations, IReadOnlyList<AxeRule> Incomplete);

public sealed record AxeRule(string Id, string Impact, string Help, string HelpUrl, IReadOnlyList<AxeNode> Nodes);

public sealed record AxeNode(IReadOnlyList<string> Target, string Html, string FailureSummary);
