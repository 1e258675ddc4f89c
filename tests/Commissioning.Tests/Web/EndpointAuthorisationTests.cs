using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>Every endpoint of the running app must say who may use it; a page added later without a decision fails here.</summary>
public sealed class EndpointAuthorisationTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public void Every_endpoint_carries_an_explicit_authorisation_decision()
    {
        var endpoints = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        var undecided = endpoints
            .Where(e => !e.Metadata.Any(m => m is IAuthorizeData or IAllowAnonymous))
            .Select(e => $"{e.RoutePattern.RawText} ({e.DisplayName})")
            .ToList();

        Assert.True(endpoints.Count >= 10, $"Only {endpoints.Count} endpoints were found; the enumeration is not seeing the app.");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "Account/Security");
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/health");
        Assert.True(undecided.Count == 0, "These endpoints have neither [Authorize] nor [AllowAnonymous]:\n" + string.Join("\n", undecided));
    }

    [Theory]
    [InlineData("Admin/Funds", "GrantsOfficer,Admin")]
    [InlineData("Admin/Funds/Edit/{id:guid?}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Funds/{id:guid}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Funds/{id:guid}/AddLine", "GrantsOfficer,Admin")]
    [InlineData("Admin/Funds/Lines/{lineId:guid}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/Edit/{id:guid?}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/{id:guid}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/{id:guid}/Applicants", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/{id:guid}/Priorities", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/{id:guid}/Criteria", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/{id:guid}/Terms", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/{id:guid}/History", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/{id:guid}/Copy", "GrantsOfficer,Admin")]
    [InlineData("Finance/Suppliers", "Finance")]
    [InlineData("Finance/Suppliers/{id:guid}", "Finance")]
    public void The_funds_budgets_rounds_and_supplier_pages_are_for_their_roles_only(string route, string roles)
    {
        var endpoint = Assert.Single(app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(), e => e.RoutePattern.RawText == route);

        Assert.DoesNotContain(endpoint.Metadata, m => m is IAllowAnonymous);
        Assert.Equal(roles, Assert.Single(endpoint.Metadata.OfType<IAuthorizeData>(), a => a.Roles is not null).Roles);
    }

    [Theory]
    [InlineData("Admin/Rounds/{roundId:guid}/Form", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/{roundId:guid}/Form/Sections/{sectionKey?}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/{roundId:guid}/Form/Questions/{questionKey?}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/{roundId:guid}/Form/Remove", "GrantsOfficer,Admin")]
    [InlineData("Admin/Rounds/{roundId:guid}/Form/Preview/{sectionKey?}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Plans", "GrantsOfficer,Admin")]
    [InlineData("Admin/Plans/Edit/{id:guid?}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Plans/{id:guid}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Plans/{id:guid}/Priority/{priorityId:guid?}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Plans/{id:guid}/Outcome/{outcomeId:guid?}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Plans/{id:guid}/Outcome/{outcomeId:guid}/Measure/{measureId:guid?}", "GrantsOfficer,Admin")]
    [InlineData("Admin/Users", "Admin")]
    [InlineData("Admin/Users/Invite", "Admin")]
    [InlineData("Admin/Users/{id}", "Admin")]
    [InlineData("Staff/Applications/{id:guid}", "GrantsOfficer,Assessor,DecisionMaker,Finance,FinanceApprover,Admin")]
    [InlineData("Staff/Applications/{id:guid}/Pdf", "GrantsOfficer,Assessor,DecisionMaker,Finance,FinanceApprover,Admin")]
    [InlineData("Staff/Applications", "GrantsOfficer,DecisionMaker,Admin")]
    [InlineData("Staff/Organisations", "GrantsOfficer,DecisionMaker,Finance,FinanceApprover,Admin")]
    [InlineData("Staff/Organisations/{id:guid}", "GrantsOfficer,DecisionMaker,Finance,FinanceApprover,Admin")]
    public void The_office_s_set_up_and_case_file_pages_are_for_their_staff_roles_only(string route, string roles)
    {
        var endpoint = Assert.Single(app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(), e => e.RoutePattern.RawText == route);

        Assert.DoesNotContain(endpoint.Metadata, m => m is IAllowAnonymous);
        Assert.Equal(roles, Assert.Single(endpoint.Metadata.OfType<IAuthorizeData>(), a => a.Roles is not null).Roles);
        Assert.DoesNotContain("Applicant", roles.Split(','));
    }

    [Theory]
    [InlineData("Applications/{id:guid}/Files/{storedName}")]
    [InlineData("Organisations/{id:guid}/Documents/{documentId:guid}")]
    public void Downloads_by_address_require_sign_in_and_decide_by_role_and_ownership_in_the_handler(string route)
    {
        var endpoint = Assert.Single(app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>(), e => e.RoutePattern.RawText == route);

        Assert.DoesNotContain(endpoint.Metadata, m => m is IAllowAnonymous);
        Assert.Contains(endpoint.Metadata, m => m is IAuthorizeData);
    }

    [Fact]
    public void Pages_for_signed_in_people_require_sign_in()
    {
        var endpoints = app.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();

        var security = endpoints.Single(e => e.RoutePattern.RawText == "Account/Security");

        Assert.Contains(security.Metadata, m => m is IAuthorizeData);
        Assert.DoesNotContain(security.Metadata, m => m is IAllowAnonymous);
    }
}
