using System.Text.Json.Nodes;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.BrowserTests;

/// <summary>
/// A second app process for the workflow pages, loading only the page tests' small definition (page-test-review)
/// from a folder of its own, with instances made by the real workflow runtime on the app's database: a grants
/// officer's unclaimed task, an instance that moved on to assessment, and a paused instance with an open incident.
/// </summary>
public sealed class SeededWorkflowApp : IAsyncLifetime
{
    public const string DefinitionId = "page-test-review";

    public const string Officer = "officer@demo.commissioning.test";

    private string? _folder;

    private WebAppProcess? _app;

    public WebAppProcess App => _app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>Waits at "Check the application" for any grants officer.</summary>
    public Guid WaitingInstanceId { get; private set; }

    /// <summary>Moved on to assessment: its log, tasks and timers have something in each state.</summary>
    public Guid AssessedInstanceId { get; private set; }

    public Guid IncidentInstanceId { get; private set; }

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("commissioning-browser-workflows-").FullName;
        File.Copy(Path.Combine(AppContext.BaseDirectory, "workflows", "workflow-definition.schema.json"), Path.Combine(_folder, "workflow-definition.schema.json"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestWorkflows", $"{DefinitionId}.v1.json"), Path.Combine(_folder, $"{DefinitionId}.v1.json"));
        _app = await WebAppProcess.StartAsync(new Dictionary<string, string> { ["Workflows__DefinitionsFolder"] = _folder });
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (_folder is not null)
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>The runtime on the app's SQLite file, as the app composes it, but with timers left to the app's scheduler.</summary>
    private async Task SeedAsync()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var database = ResolvedDatabase.ForTests(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(App.DataFolder, "commissioning.db")}", App.DataFolder);
        services.AddCommissioningPersistence(database);
        services.AddWorkflowEngine<CommissioningDbContext>(GrantWorkflowHandlers.Create(), new WorkflowOptions { DefinitionsFolder = _folder!, IsRuleViolation = ex => ex is DomainException });
        await using var provider = services.BuildServiceProvider();

        async Task<T> InScope<T>(Func<WorkflowRuntime, CommissioningDbContext, Task<T>> work)
        {
            await using var scope = provider.CreateAsyncScope();
            return await work(scope.ServiceProvider.GetRequiredService<WorkflowRuntime>(), scope.ServiceProvider.GetRequiredService<CommissioningDbContext>());
        }

        var officerId = await InScope((_, db) => db.Users.Where(u => u.Email == Officer).Select(u => u.Id).SingleAsync());
        var officer = new WorkflowActor(Officer, officerId, ["GrantsOfficer"]);
        WaitingInstanceId = (await InScope((runtime, _) => runtime.StartAsync(DefinitionId, "TV-2026-0007", new JsonObject { ["moderationThreshold"] = 20 }, WorkflowActor.System))).Id;
        AssessedInstanceId = (await InScope((runtime, _) => runtime.StartAsync(DefinitionId, "TV-2026-0008", null, WorkflowActor.System))).Id;
        await InScope(async (runtime, db) =>
        {
            var check = await db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.InstanceId == AssessedInstanceId);
            await runtime.CompleteTaskAsync(check.Id, "Approved", officer, "A strong bid.", new JsonObject { ["score"] = 8, ["amount"] = 250_000 });
            return 0;
        });
        IncidentInstanceId = (await InScope((runtime, _) => runtime.StartAsync(DefinitionId, "TV-2026-0009", null, WorkflowActor.System))).Id;
        await InScope(async (_, db) =>
        {
            (await db.Set<WorkflowInstance>().SingleAsync(i => i.Id == IncidentInstanceId)).Status = InstanceStatus.Faulted;
            db.Add(new WorkflowIncident { InstanceId = IncidentInstanceId, ActivityId = "check", At = DateTimeOffset.UtcNow, Operation = "FireTimer", Arguments = new JsonObject { ["timerId"] = Guid.NewGuid().ToString() }.ToJsonString(), Message = "The mail server did not answer." });
            return await db.SaveChangesAsync();
        });
    }
}
