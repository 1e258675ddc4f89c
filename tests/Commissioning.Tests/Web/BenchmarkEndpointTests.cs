using System.Net;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>The closing-day surge benchmark's bare insert endpoint exists only when Benchmark:BareEndpoint is on, and never in Production.</summary>
public sealed class BenchmarkEndpointTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string Route = "/benchmark/bare-insert";

    [Fact]
    public async Task The_bare_insert_endpoint_is_absent_by_default()
    {
        var endpoints = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/health");
        Assert.DoesNotContain(endpoints, e => e.RoutePattern.RawText == Route);

        using var client = app.NewClient();
        using var response = await client.PostAsync($"{Route}?roundId={Guid.NewGuid()}&organisationId={Guid.NewGuid()}", null);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        var count = await app.InScopeAsync(s => s.GetRequiredService<CommissioningDbContext>().Applications.CountAsync(a => a.ProjectTitle == "Bare benchmark insert"));
        Assert.Equal(0, count);
    }

    [Fact]
    public async Task With_the_switch_on_it_says_it_is_anonymous_and_inserts_one_application_row()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CommissioningApp.Factory(database, "Testing", new Dictionary<string, string> { ["Benchmark:BareEndpoint"] = "true" });
        var endpoint = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().Single(e => e.RoutePattern.RawText == Route);
        Assert.Contains(endpoint.Metadata, m => m is IAllowAnonymous);

        var (roundId, organisationId) = await InScopeAsync(factory, async db => (
            (await db.Rounds.FirstAsync(r => r.Title == "Police Property Act Fund 2026/27: round 2")).Id.Value,
            (await db.Organisations.FirstAsync()).Id.Value));
        using var client = factory.CreateClient();
        using var response = await client.PostAsync($"{Route}?roundId={roundId}&organisationId={organisationId}", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var id = Guid.Parse(await response.Content.ReadAsStringAsync());
        var row = await InScopeAsync(factory, db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == new GrantApplicationId(id)));
        Assert.Equal(new RoundId(roundId), row.RoundId);
        Assert.Equal(new OrganisationId(organisationId), row.OrganisationId);
    }

    [Fact]
    public async Task The_switch_is_refused_in_production()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var factory = new CommissioningApp.Factory(database, "Production", new Dictionary<string, string> { ["Benchmark:BareEndpoint"] = "true", ["Demo:SeedOnFirstRun"] = "false", ["Service:PublicAddress"] = "https://grants.example.org" });

        var error = Assert.ThrowsAny<Exception>(() => factory.Server);
        Assert.Contains("Benchmark:BareEndpoint is on in the Production environment", Flatten(error), StringComparison.Ordinal);
    }

    private static string Flatten(Exception error) => error.InnerException is null ? error.Message : $"{error.Message} {Flatten(error.InnerException)}";

    private static async Task<T> InScopeAsync<T>(CommissioningApp.Factory factory, Func<CommissioningDbContext, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CommissioningDbContext>());
    }
}
