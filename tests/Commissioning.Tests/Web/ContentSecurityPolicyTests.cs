using System.Net;
using System.Text.RegularExpressions;
using Commissioning.Infrastructure.Demo;
using Commissioning.Tests.Support;

namespace Commissioning.Tests.Web;

/// <summary>
/// The Content-Security-Policy: pages run no inline script but the GOV.UK template's own, which carries a nonce
/// made for each request; the Hangfire Dashboard has a looser policy of its own, and nothing may frame either.
/// (The browser tests walk every page they visit under the policy and fail on anything it refuses.)
/// </summary>
public sealed partial class ContentSecurityPolicyTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("/")]
    [InlineData("/Funding")]
    [InlineData("/Account/SignIn")]
    [InlineData("/no-such-page")]
    public async Task Pages_allow_no_inline_script_but_the_template_script_carrying_the_nonce_of_their_own_request(string path)
    {
        var client = app.NewClient();

        var (firstPolicy, firstPage) = await PolicyAndPageAsync(client, path);
        var (secondPolicy, _) = await PolicyAndPageAsync(client, path);

        var directives = Directives(firstPolicy);
        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'self'", directives["base-uri"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'self'", directives["style-src"]);
        Assert.DoesNotContain("unsafe", directives["script-src"], StringComparison.Ordinal);
        var nonce = Assert.Single(ScriptNonce().Matches(directives["script-src"])).Groups[1].Value;
        Assert.True(nonce.Length >= 22, $"The nonce '{nonce}' is too short to be unguessable.");

        var scripts = InlineScript().Matches(firstPage).Select(m => m.Value).ToList();
        var script = Assert.Single(scripts);
        Assert.Contains($"nonce=\"{nonce}\"", script, StringComparison.Ordinal);
        Assert.Contains("govuk-frontend-supported", script, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineStyleOrHandler(), firstPage);

        var secondNonce = Assert.Single(ScriptNonce().Matches(Directives(secondPolicy)["script-src"])).Groups[1].Value;
        Assert.NotEqual(nonce, secondNonce);
    }

    [Fact]
    public async Task The_jobs_dashboard_has_its_own_looser_policy_that_still_forbids_framing()
    {
        var admin = await app.SignedInClientAsync("admin@demo.commissioning.test", DemoDataSeeder.Password);

        using var response = await admin.GetAsync("/Admin/Jobs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var directives = Directives(Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("'unsafe-inline'", directives["script-src"], StringComparison.Ordinal);
        Assert.DoesNotContain("'nonce-", directives["script-src"], StringComparison.Ordinal);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'none'", directives["object-src"]);
    }

    private static async Task<(string Policy, string Page)> PolicyAndPageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var policies), $"{path} ({(int)response.StatusCode}) has no Content-Security-Policy.");
        return (Assert.Single(policies), await response.Content.ReadAsStringAsync());
    }

    private static Dictionary<string, string> Directives(string policy) => policy
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(d => d.Split(' ', 2))
        .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty);

    [GeneratedRegex("'nonce-([^']+)'")]
    private static partial Regex ScriptNonce();

    /// <summary>A script element with no src: its code is in the page.</summary>
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>.*?</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<[a-zA-Z][^>]*\\s(style|on[a-z]+)=", RegexOptions.None)]
    private static partial Regex InlineStyleOrHandler();
}
