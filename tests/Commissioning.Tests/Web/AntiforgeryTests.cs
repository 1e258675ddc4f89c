using System.Net;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Identity;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>
/// Every endpoint that changes something refuses a request without an antiforgery token, sent by someone signed in
/// with a role the endpoint allows (so that it is the token check, not authorisation, that refuses it). The
/// endpoints are found from the running app, so a new page handler is walked without being listed here.
/// </summary>
public sealed class AntiforgeryTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly string[] ChangingMethods = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Pages that take any method without a token, by design, and why.</summary>
    private static readonly Dictionary<string, string> ExemptPages = new()
    {
        ["/Error"] = "the exception handler re-runs the failed request, of any method, here; it shows a reference and changes nothing",
        ["/StatusCode"] = "status code pages re-run the request, of any method, here; it shows the status and changes nothing",
    };

    /// <summary>Endpoints other than pages that answer any method, and why they need no token of the app's.</summary>
    private static readonly Dictionary<string, string> ExemptEndpoints = new()
    {
        ["/health"] = "the health check reads the database and the scheduler and changes nothing, whatever the method",
        // (POST /benchmark/bare-insert is mapped only with Benchmark:BareEndpoint, which is refused in Production.)
    };

    [Fact]
    public async Task Every_page_handler_that_changes_something_refuses_a_request_without_an_antiforgery_token()
    {
        var handlers = await PageHandlersAsync();
        Assert.True(handlers.Count >= 20, $"Only {handlers.Count} page handlers that change something were found; the enumeration is not seeing the app.");
        Assert.Contains(handlers, h => h.Page == "/Account/SignIn");
        Assert.Contains(handlers, h => h.Page == "/Finance/BankDetails");
        Assert.Equal(ExemptPages.Keys.Order(), handlers.Where(h => h.Exempt).Select(h => h.Page).Distinct().Order());

        var clients = new Dictionary<string, HttpClient>();
        var accepted = new List<string>();
        foreach (var handler in handlers.Where(h => !h.Exempt))
        {
            var who = handler.SignedInAs;
            if (!clients.TryGetValue(who ?? string.Empty, out var client))
            {
                client = who is null ? app.NewClient() : await app.SignedInClientAsync(who, DemoDataSeeder.Password);
                // The sign-in page has given this client the antiforgery cookie; only the token in the form is missing.
                await client.GetAsync("/Account/SignIn");
                clients[who ?? string.Empty] = client;
            }

            using var request = new HttpRequestMessage(new HttpMethod(handler.Method), handler.Url) { Content = new FormUrlEncodedContent([]) };
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.BadRequest)
            {
                accepted.Add($"{handler.Method} {handler.Url} ({handler.Page}, as {who ?? "nobody signed in"}): {(int)response.StatusCode} {response.Headers.Location}");
            }
        }

        Assert.True(accepted.Count == 0, "These answered without refusing the missing antiforgery token (400):\n" + string.Join("\n", accepted));
    }

    [Fact]
    public async Task The_jobs_dashboard_refuses_a_post_without_an_antiforgery_token_and_no_other_endpoint_takes_one_unchecked()
    {
        var endpoints = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is null)
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } methods || methods.HttpMethods.Any(m => ChangingMethods.Contains(m, StringComparer.OrdinalIgnoreCase)))
            .Select(e => e.RoutePattern.RawText ?? string.Empty)
            .ToList();
        Assert.Equal(ExemptEndpoints.Keys.Append("/Admin/Jobs/{**path}").Order(), endpoints.Order());

        var admin = await app.SignedInClientAsync("admin@demo.commissioning.test", DemoDataSeeder.Password);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Jobs/recurring")).StatusCode);

        using var trigger = await admin.PostAsync("/Admin/Jobs/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", Infrastructure.Jobs.ScheduledJobs.DocumentExpiryReminders)]));

        Assert.Equal(HttpStatusCode.Forbidden, trigger.StatusCode);
    }

    private async Task<List<PageHandler>> PageHandlersAsync()
    {
        var loader = app.App.Services.GetRequiredService<PageLoader>();
        var handlers = new List<PageHandler>();
        var seen = new HashSet<string>();
        foreach (var endpoint in app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } page || !seen.Add(page.ViewEnginePath))
            {
                continue;
            }

            var compiled = await loader.LoadAsync(page, endpoint.Metadata);
            var exempt = ExemptPages.ContainsKey(page.ViewEnginePath);
            foreach (var method in compiled.HandlerMethods.Where(h => ChangingMethods.Contains(h.HttpMethod, StringComparer.OrdinalIgnoreCase)))
            {
                var url = "/" + Fill(endpoint.RoutePattern) + (method.Name is null ? string.Empty : $"?handler={method.Name}");
                handlers.Add(new PageHandler(page.ViewEnginePath, method.HttpMethod.ToUpperInvariant(), url, SignInFor(endpoint), exempt));
            }
        }

        return handlers;
    }

    /// <summary>The route with each parameter given a value its constraint accepts (an id nobody has).</summary>
    private static string Fill(RoutePattern pattern) => string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
    {
        RoutePatternLiteralPart literal => literal.Content,
        RoutePatternParameterPart parameter => ValueFor(parameter),
        _ => string.Empty,
    })))).TrimEnd('/');

    private static string ValueFor(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? string.Empty).ToList();
        return constraints.Contains("guid") ? Guid.NewGuid().ToString()
            : constraints.Any(c => c is "int" or "long" || c.StartsWith("min(", StringComparison.Ordinal)) ? "1"
            : parameter.IsOptional ? string.Empty
            : "x";
    }

    /// <summary>A demo sign-in with the first role the endpoint allows; any signed-in person where it names none; nobody where anyone may.</summary>
    private static string? SignInFor(RouteEndpoint endpoint)
    {
        var authorise = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>();
        if (authorise.Count == 0 || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return null;
        }

        var role = authorise.Select(a => a.Roles).LastOrDefault(r => !string.IsNullOrEmpty(r))?.Split(',')[0].Trim() ?? Roles.Applicant;
        return DemoDataSeeder.SignIns.First(s => s.Role == role).Email;
    }

    private sealed record PageHandler(string Page, string Method, string Url, string? SignedInAs, bool Exempt);
}
