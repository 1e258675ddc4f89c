using System.Net;
using System.Text.Json.Nodes;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>
/// The real app on a fresh SQLite database with the demo data, loading workflow definitions from a folder of its own
/// (Workflows:DefinitionsFolder) that holds the schema and the page tests' small definition, so the page tests do not
/// depend on the programmes' definitions in workflows/.
/// </summary>
public sealed class WorkflowPagesApp : IAsyncLifetime
{
    public const string DefinitionId = "page-test-review";

    public const string DefinitionFile = "page-test-review.v1.json";

    private TestDatabase? _database;

    private string? _folder;

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        _folder = Directory.CreateTempSubdirectory("commissioning-page-workflows-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "workflows", "workflow-definition.schema.json"), Path.Combine(_folder, "workflow-definition.schema.json"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "Web", "TestWorkflows", DefinitionFile), Path.Combine(_folder, DefinitionFile));
        App = new Factory(_database, _folder);
        _ = App.Server;
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    public HttpClient NewClient() => App.NewSettlingClient();

    public async Task<HttpClient> SignedInClientAsync(string email, string password)
    {
        var client = NewClient();
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
        {
            throw new InvalidOperationException($"Signing in as {email} did not redirect home: {(int)response.StatusCode} {response.Headers.Location}");
        }

        return client;
    }

    public async Task<TResult> InScopeAsync<TResult>(Func<IServiceProvider, Task<TResult>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<TResult> InDbAsync<TResult>(Func<CommissioningDbContext, Task<TResult>> work) =>
        InScopeAsync(services => work(services.GetRequiredService<CommissioningDbContext>()));

    /// <summary>Starts an instance of the test definition; it waits at the grants officer's check.</summary>
    public Task<WorkflowInstance> StartAsync(string? correlationId = null, JsonObject? variables = null) =>
        InScopeAsync(services => services.GetRequiredService<WorkflowRuntime>().StartAsync(DefinitionId, correlationId ?? Guid.NewGuid().ToString(), variables, WorkflowActor.System));

    public Task<IReadOnlyList<HumanTask>> TasksAsync(Guid instanceId) =>
        InDbAsync<IReadOnlyList<HumanTask>>(async db => await db.Set<HumanTask>().AsNoTracking().Where(t => t.InstanceId == instanceId).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync());

    public Task<HumanTask> TaskAsync(Guid taskId) => InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.Id == taskId));

    public Task<WorkflowInstance> InstanceAsync(Guid instanceId) => InDbAsync(db => db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == instanceId));

    public Task<string> UserIdAsync(string email) => InScopeAsync(async services =>
        (await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email))?.Id ?? throw new InvalidOperationException($"No user {email}."));

    /// <summary>Creates a person with a role (or returns the existing one's id), for tests that need two people in one role.</summary>
    public Task<string> UserAsync(string email, string password, string role) => InScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is { } existing)
        {
            return existing.Id;
        }

        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Second " + role };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        return user.Id;
    });

    private sealed class Factory(TestDatabase database, string definitionsFolder) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            foreach (var (key, value) in CommissioningApp.Factory.Settings(database))
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("Workflows:DefinitionsFolder", definitionsFolder);
        }
    }
}
