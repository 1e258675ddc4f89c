using System.Reflection;
using System.Runtime.CompilerServices;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Tests.Workflows.Support;
using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Commissioning.Tests.Workflows;

/// <summary>The published definitions themselves: they load, and they declare what they use.</summary>
public sealed class DefinitionPathTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "workflows");

    public static TheoryData<string> Programmes { get; } = ["community-safety-fund", "police-property-act-fund", "victims-services-grant"];

    [Fact]
    public void The_published_folder_holds_the_three_programmes_and_each_loads_with_the_grant_handlers()
    {
        var definitions = WorkflowDefinitionLoader.LoadFolder(Folder, GrantWorkflowHandlers.Create());

        Assert.Equal(["community-safety-fund.v1", "police-property-act-fund.v1", "police-property-act-fund.v2", "police-property-act-fund.v3", "victims-services-grant.v1", "victims-services-grant.v2", "victims-services-grant.v3"], definitions.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.All(definitions, d => Assert.Equal($"{d.DefinitionId}.v{d.Version}.json", d.FileName));
        Assert.All(definitions, d => Assert.Equal("./workflow-definition.schema.json", d.Schema));
    }

    [Theory]
    [MemberData(nameof(Programmes))]
    public void A_definition_declares_every_variable_its_timers_and_tasks_read_with_the_right_type(string definitionId)
    {
        var definition = Load(definitionId);
        var declared = (definition.Variables ?? []).ToDictionary(v => v.Name, v => v.Type);
        var stages = definition.Root.Activities.Where(a => a.Type == ActivityTypes.Stage).ToList();
        var used = stages.SelectMany(s => s.Timers ?? []).Where(t => t.AtVariable is not null).Select(t => (Name: t.AtVariable!, Type: "Instant"))
            .Concat(stages.SelectMany(s => s.Tasks ?? []).Where(t => t.MultiInstance?.AssigneesVariable is not null).Select(t => (Name: t.MultiInstance!.AssigneesVariable!, Type: "UserIdList")))
            .Concat(stages.SelectMany(s => s.Tasks ?? []).Where(t => t.AssigneeVariable is not null).Select(t => (Name: t.AssigneeVariable!, Type: "String")))
            .Concat(definition.Root.Activities.Any(a => a.OnEnter == "RecordUnderspend") ? [("underspendPence", "Number")] : [])
            .Concat(definition.Root.Activities.Any(a => a.OnEnter == "CountAcceptedReturn") ? [("returnsAccepted", "Number"), ("returnsExpected", "Number")] : [])
            .Concat(definition.Root.Activities.Any(a => a.Predicate == "ScoresDiverge") ? [("moderationThreshold", "Number")] : [])
            .Distinct()
            .ToList();

        Assert.NotEmpty(used);
        Assert.All(used, u => Assert.True(declared.TryGetValue(u.Name, out var type) && type == u.Type, $"{definition.FileName} uses the variable '{u.Name}' ({u.Type}) but declares {(type is null ? "no such variable" : $"it as {type}")}."));
        var unused = declared.Keys.Except(used.Select(u => u.Name)).ToList();
        Assert.True(unused.Count == 0, $"{definition.FileName} declares variables nothing reads: {string.Join(", ", unused)}");
    }

    [Theory]
    [MemberData(nameof(Programmes))]
    public void Every_end_of_a_definition_has_its_own_outcome_and_every_staff_stage_nudges_its_people(string definitionId)
    {
        var definition = Load(definitionId);
        var ends = definition.Root.Activities.Where(a => a.Type == ActivityTypes.End).ToList();

        Assert.Equal(ends.Count, ends.Select(e => e.Outcome).Distinct().Count());
        Assert.All(
            definition.Root.Activities.Where(a => a.Tasks is { Count: > 0 }),
            stage => Assert.Contains(stage.Timers ?? [], t => t.Kind == TimerKinds.Reminder));
    }

    [Theory]
    [MemberData(nameof(Programmes))]
    public void A_current_definitions_deadlines_count_no_calendar_months_the_domain_gives_those_as_instants(string definitionId)
    {
        var definition = Load(definitionId);
        var durations = definition.Root.Activities
            .SelectMany(a => (a.Timers ?? []).Where(t => t.Kind == TimerKinds.Deadline).Select(t => t.After).Append(a.After).Concat((a.Tasks ?? []).Select(t => t.DueIn)))
            .OfType<string>()
            .ToList();

        Assert.All(durations, d => Assert.Equal(0, WorkflowDefinitionLoader.CalendarMonths(d)));
    }

    [Fact]
    public void The_Community_Safety_Fund_is_about_an_allocation_so_it_names_no_action_that_changes_an_application()
    {
        string[] applicationActions = ["StartAssessment", "MarkIneligible", "WithdrawApplication", "RecommendApplication", "DeclineNotRecommended", "DeclineApplication", "ApproveApplication"];
        var definition = Load("community-safety-fund");

        Assert.DoesNotContain(definition.Root.Activities, a => applicationActions.Contains(a.OnEnter));
        Assert.DoesNotContain(definition.Root.Activities, a => a.Predicate == "PassesShowstoppers");
    }

    /// <summary>The latest version of a definition: the one new instances start on.</summary>
    private static WorkflowDefinition Load(string definitionId) =>
        WorkflowDefinitionLoader.LoadFolder(Folder, GrantWorkflowHandlers.Create()).Where(d => d.DefinitionId == definitionId).MaxBy(d => d.Version)!;
}

/// <summary>
/// One definition's scenarios, each a [Fact] walking one path end to end on the real app. The check that comes
/// with every such class walks every scenario (each is walked once, whichever test asks first) and reads their
/// execution logs: together they must take every connection of the definition.
/// </summary>
public abstract class DefinitionPathTestsBase(DefinitionPathFixture fixture, ITestOutputHelper output, string definitionId)
{
    protected DefinitionPathFixture Fixture => fixture;

    protected string DefinitionId => definitionId;

    [Fact]
    public async Task Together_the_scenarios_walk_every_connection_of_the_definition_end_to_end()
    {
        var scenarios = GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.GetCustomAttribute<FactAttribute>() is not null && m.DeclaringType != typeof(DefinitionPathTestsBase))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        var definition = await fixture.App.InScopeAsync(services => Task.FromResult(services.GetRequiredService<WorkflowRegistry>().Latest(definitionId)));
        var walkedBy = definition.Root.Connections.ToDictionary(c => c, _ => new List<string>());

        foreach (var scenario in scenarios)
        {
            await (Task)scenario.Invoke(this, null)!;
            var instances = await fixture.WalkOnceAsync(scenario.Name, _ => throw new InvalidOperationException($"{scenario.Name} was not walked."));
            Assert.NotEmpty(instances);
            foreach (var instanceId in instances)
            {
                var (instance, log) = await fixture.App.InScopeAsync(async services =>
                {
                    var db = services.GetRequiredService<CommissioningDbContext>();
                    return (await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == instanceId),
                        await db.Set<WorkflowLogEntry>().AsNoTracking().Where(l => l.InstanceId == instanceId).ToListAsync());
                });
                Assert.Equal(definitionId, instance.DefinitionId);
                Assert.True(instance.Status == InstanceStatus.Finished, $"{scenario.Name} left its instance {instance.Status} at '{instance.CurrentActivityId}' instead of walking it to an end.");
                foreach (var connection in ExecutionLog.InOrder(log).Select(e => ExecutionLog.ConnectionTaken(definition, e)).OfType<Connection>())
                {
                    walkedBy[connection].Add(scenario.Name);
                }
            }
        }

        var missed = walkedBy.Where(w => w.Value.Count == 0).Select(w => ExecutionLog.Describe(w.Key)).ToList();
        output.WriteLine($"{definition.Key}: {scenarios.Count} scenarios walked {walkedBy.Count - missed.Count} of {walkedBy.Count} connections.");
        foreach (var (connection, names) in walkedBy)
        {
            output.WriteLine($"  {ExecutionLog.Describe(connection)}: {names.Distinct().Count()} scenario(s)");
        }

        Assert.True(missed.Count == 0, $"No scenario walks these connections of {definition.Key}: {string.Join("; ", missed)}");
        var ends = definition.Root.Activities.Where(a => a.Type == ActivityTypes.End).Select(a => a.Id).ToHashSet();
        Assert.Subset(walkedBy.Where(w => w.Value.Count > 0).Select(w => w.Key.Target.Activity).ToHashSet(), ends);
    }

    /// <summary>Walks the scenario once for the whole class, remembering its instances by the test's name.</summary>
    protected Task Scenario(Func<DefinitionPathFixture.ScenarioRun, Task> walk, [CallerMemberName] string scenario = "") =>
        fixture.WalkOnceAsync(scenario, walk);
}
