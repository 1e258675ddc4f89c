using System.Text.Json.Nodes;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Tests.Workflows.Support;

/// <summary>The office staff who act on the definitions' tasks in the path tests.</summary>
public static class Staff
{
    public static WorkflowActor Officer { get; } = new("Grace Whitfield", "officer-grace", [Roles.GrantsOfficer]);

    public static WorkflowActor Commissioner { get; } = new("Catherine Moreau", "pcc-catherine", [Roles.DecisionMaker]);

    public static WorkflowActor Finance { get; } = new("Priya Shah", "finance-priya", [Roles.Finance]);

    public static WorkflowActor Anne { get; } = new("Anne Assessor", "assessor-anne", [Roles.Assessor]);

    public static WorkflowActor Ben { get; } = new("Ben Assessor", "assessor-ben", [Roles.Assessor]);

    public static WorkflowActor Cara { get; } = new("Cara Assessor", "assessor-cara", [Roles.Assessor]);

    public static WorkflowActor For(string role) => role switch
    {
        Roles.GrantsOfficer => Officer,
        Roles.DecisionMaker => Commissioner,
        Roles.Finance => Finance,
        _ => throw new InvalidOperationException($"No default person for the {role} role; say who acts."),
    };
}

/// <summary>
/// One workflow instance walked through the real runtime, port by port, the way the service drives it: a task port
/// by completing the task as a person in its role, an event port by publishing the event (as the portal does), a
/// deadline port by firing the timer (as the timer sweep does when it is due).
/// </summary>
public sealed class DefinitionWalk
{
    private readonly CommissioningApp _app;

    private DefinitionWalk(CommissioningApp app, WorkflowDefinition definition, Guid instanceId, string correlationId)
    {
        _app = app;
        Definition = definition;
        InstanceId = instanceId;
        CorrelationId = correlationId;
    }

    public WorkflowDefinition Definition { get; }

    public Guid InstanceId { get; }

    public string CorrelationId { get; }

    public static async Task<DefinitionWalk> StartAsync(CommissioningApp app, string definitionId, string correlationId, JsonObject variables)
    {
        var (definition, instance) = await app.InScopeAsync(async services =>
        {
            var started = await services.GetRequiredService<WorkflowRuntime>().StartAsync(definitionId, correlationId, variables, Staff.Officer);
            return (services.GetRequiredService<WorkflowRegistry>().Get(started.DefinitionId, started.DefinitionVersion), started);
        });
        return new DefinitionWalk(app, definition, instance.Id, correlationId);
    }

    /// <summary>The reason a refusal gives the applicant when a scenario gives neither a reason nor a comment.</summary>
    public const string ReasonForApplicant = "The reason written for the applicant.";

    /// <summary>Leaves the current stage through <paramref name="port"/> and checks that the instance went where the connection says.</summary>
    public async Task TakeAsync(string port, WorkflowActor? actor = null, string? comment = null, JsonObject? data = null)
    {
        var instance = await InstanceAsync();
        Assert.Equal(InstanceStatus.Running, instance.Status);
        var stage = Definition.Activity(instance.CurrentActivityId);
        var target = Definition.Next(stage.Id, port) ?? throw new InvalidOperationException($"'{stage.Id}' has no connection from a port '{port}'.");
        var movesBefore = await MovesAsync(stage.Id, target.Id);

        if (stage.Events?.FirstOrDefault(e => e.Port == port) is { } waiting)
        {
            await RuntimeAsync(r => r.PublishEventAsync(waiting.Event, CorrelationId));
        }
        else if (stage.Timers?.FirstOrDefault(t => t.Kind == TimerKinds.Deadline && t.Port == port) is { } deadline)
        {
            await FireAsync(deadline.Id);
        }
        else if (stage.Tasks?.FirstOrDefault(t => t.MultiInstance is null && t.Outcomes.Contains(port)) is { } task)
        {
            var open = await OpenTaskAsync(task.Id);

            // A refusal needs a reason for the applicant: the scenario's comment stands in for it unless it gives one.
            // (The comment is the office's; the scenarios check that the reason, not the comment, reaches the application.)
            if ((task.Inputs ?? []).Any(i => i.Name == GrantWorkflowContract.TaskInputs.ReasonForApplicant && (i.RequiredFor ?? []).Contains(port)) && data?[GrantWorkflowContract.TaskInputs.ReasonForApplicant] is null)
            {
                data ??= [];
                data[GrantWorkflowContract.TaskInputs.ReasonForApplicant] = comment ?? ReasonForApplicant;
            }

            await RuntimeAsync(r => r.CompleteTaskAsync(open.Id, port, actor ?? Staff.For(task.Role), comment, data));
        }
        else
        {
            throw new InvalidOperationException($"The walk cannot take '{stage.Id}' through '{port}' by itself; use the method for that kind of port.");
        }

        Assert.True(await MovesAsync(stage.Id, target.Id) == movesBefore + 1, $"Taking '{port}' from '{stage.Id}' did not move the instance to '{target.Id}'.");
    }

    /// <summary>Publishes an event (as the portal does) whether or not the current stage waits for it.</summary>
    public Task PublishAsync(string eventName) => RuntimeAsync(r => r.PublishEventAsync(eventName, CorrelationId));

    /// <summary>Fires a reminder and checks that the instance stayed where it was.</summary>
    public async Task RemindAsync(string timerId = "nudge")
    {
        var before = await InstanceAsync();
        var reminders = await RemindersAsync(before.CurrentActivityId);
        await FireAsync(timerId);
        var after = await InstanceAsync();
        Assert.Equal(before.CurrentActivityId, after.CurrentActivityId);
        Assert.Equal(before.Visits, after.Visits);
        Assert.Equal(reminders + 1, await RemindersAsync(after.CurrentActivityId));
    }

    /// <summary>An assessor scores their own copy of the multi-instance task, or takes an unassigned one.</summary>
    public Task ScoreAsync(WorkflowActor assessor, int score) =>
        CompleteCopyAsync(assessor, "Scored", new JsonObject { ["score"] = score });

    public Task DeclareConflictAsync(WorkflowActor assessor) =>
        CompleteCopyAsync(assessor, "ConflictDeclared", null, "I am a trustee of this group.");

    /// <summary>Completes a particular task as a particular person; for trying what the runtime must refuse.</summary>
    public Task CompleteAsync(Guid taskId, string outcome, WorkflowActor actor, JsonObject? data = null) =>
        RuntimeAsync(r => r.CompleteTaskAsync(taskId, outcome, actor, null, data));

    public async Task<WorkflowInstance> InstanceAsync() =>
        await QueryAsync(db => db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == InstanceId));

    public async Task<JsonObject> VariablesAsync() => (await InstanceAsync()).ReadVariables();

    public async Task<string> AtAsync() => (await InstanceAsync()).CurrentActivityId;

    /// <summary>The tasks of the current stage visit.</summary>
    public async Task<IReadOnlyList<HumanTask>> TasksHereAsync()
    {
        var instance = await InstanceAsync();
        return await QueryAsync(db => db.Set<HumanTask>().AsNoTracking()
            .Where(t => t.InstanceId == InstanceId && t.ActivityId == instance.CurrentActivityId && t.Visit == instance.Visits)
            .ToListAsync());
    }

    public async Task<IReadOnlyList<WorkflowTimer>> TimersHereAsync()
    {
        var instance = await InstanceAsync();
        return await QueryAsync(db => db.Set<WorkflowTimer>().AsNoTracking()
            .Where(t => t.InstanceId == InstanceId && t.ActivityId == instance.CurrentActivityId && t.Visit == instance.Visits)
            .ToListAsync());
    }

    /// <summary>The execution log in the order it was written.</summary>
    public async Task<IReadOnlyList<WorkflowLogEntry>> LogAsync() =>
        ExecutionLog.InOrder(await QueryAsync(db => db.Set<WorkflowLogEntry>().AsNoTracking().Where(l => l.InstanceId == InstanceId).ToListAsync()));

    /// <summary>The activities entered, in order, from the start to where the instance is now.</summary>
    public async Task<IReadOnlyList<string>> PathAsync() =>
        [.. (await LogAsync()).Where(l => l.FromActivityId != l.ToActivityId).Select(l => l.ToActivityId!)];

    /// <summary>Checks the instance finished with <paramref name="outcome"/> and entered exactly <paramref name="path"/>.</summary>
    public async Task AssertFinishedAsync(string outcome, params string[] path)
    {
        var instance = await InstanceAsync();
        Assert.Equal(InstanceStatus.Finished, instance.Status);
        Assert.Equal(outcome, instance.Outcome);
        Assert.Equal(outcome, Definition.Activity(instance.CurrentActivityId).Outcome);
        Assert.NotNull(instance.FinishedAt);
        Assert.Equal(path, await PathAsync());
        Assert.DoesNotContain(await QueryAsync(db => db.Set<HumanTask>().AsNoTracking().Where(t => t.InstanceId == InstanceId).ToListAsync()), t => t.Status == TaskStatus.Open);
        Assert.DoesNotContain(await QueryAsync(db => db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.InstanceId == InstanceId).ToListAsync()), t => t.Status == TimerStatus.Pending);
        Assert.Equal(0, await QueryAsync(db => db.Set<WorkflowIncident>().CountAsync(i => i.InstanceId == InstanceId)));
    }

    public Task<T> QueryAsync<T>(Func<CommissioningDbContext, Task<T>> query) =>
        _app.InScopeAsync(services => query(services.GetRequiredService<CommissioningDbContext>()));

    private async Task CompleteCopyAsync(WorkflowActor assessor, string outcome, JsonObject? data, string? comment = null)
    {
        var instance = await InstanceAsync();
        var stage = Definition.Activity(instance.CurrentActivityId);
        Assert.Contains(stage.Tasks ?? [], t => t.MultiInstance is not null && t.Outcomes.Contains(outcome));
        var open = (await TasksHereAsync()).Where(t => t.Status == TaskStatus.Open).ToList();
        var copy = open.FirstOrDefault(t => t.AssigneeUserId == assessor.UserId) ?? open.FirstOrDefault(t => t.AssigneeUserId is null)
            ?? throw new InvalidOperationException($"No copy of the task in '{stage.Id}' is open for {assessor.Name}.");
        await RuntimeAsync(r => r.CompleteTaskAsync(copy.Id, outcome, assessor, comment, data));
    }

    private async Task<HumanTask> OpenTaskAsync(string taskKey)
    {
        var open = (await TasksHereAsync()).Where(t => t.TaskKey == taskKey && t.Status == TaskStatus.Open).ToList();
        return Assert.Single(open);
    }

    private async Task FireAsync(string timerKey)
    {
        var timer = Assert.Single(await TimersHereAsync(), t => t.TimerKey == timerKey && t.Status == TimerStatus.Pending);
        await RuntimeAsync(r => r.FireTimerAsync(timer.Id));
    }

    private Task<int> MovesAsync(string from, string to) =>
        QueryAsync(db => db.Set<WorkflowLogEntry>().CountAsync(l => l.InstanceId == InstanceId && l.FromActivityId == from && l.ToActivityId == to));

    private Task<int> RemindersAsync(string at) =>
        QueryAsync(db => db.Set<WorkflowLogEntry>().CountAsync(l => l.InstanceId == InstanceId && l.FromActivityId == at && l.ToActivityId == at && l.Outcome == "Reminder"));

    private Task RuntimeAsync(Func<WorkflowRuntime, Task> work) =>
        _app.InScopeAsync(async services =>
        {
            await work(services.GetRequiredService<WorkflowRuntime>());
            return true;
        });
}

/// <summary>Reads the execution log: its order, and which connection of the definition each move took.</summary>
public static class ExecutionLog
{
    /// <summary>
    /// Entries in the order they were written. Entries of one operation share its time, so within a time they are
    /// chained: each move starts where the one before it ended.
    /// </summary>
    public static IReadOnlyList<WorkflowLogEntry> InOrder(IEnumerable<WorkflowLogEntry> entries)
    {
        var ordered = new List<WorkflowLogEntry>();
        string? at = null;
        foreach (var operation in entries.GroupBy(e => e.At).OrderBy(g => g.Key))
        {
            var left = operation.OrderBy(e => e.Id).ToList();
            while (left.Count > 0)
            {
                var next = left.FirstOrDefault(e => e.FromActivityId == at && e.ToActivityId != at) ?? left.FirstOrDefault(e => e.FromActivityId == at) ?? left[0];
                left.Remove(next);
                ordered.Add(next);
                at = next.ToActivityId;
            }
        }

        return ordered;
    }

    /// <summary>The connection a logged move took, or null for an entry that did not leave its activity (a reminder, a counted copy).</summary>
    public static Connection? ConnectionTaken(WorkflowDefinition definition, WorkflowLogEntry entry)
    {
        if (entry.FromActivityId is null || entry.FromActivityId == entry.ToActivityId)
        {
            return null;
        }

        var from = definition.Activity(entry.FromActivityId);
        var matches = definition.Root.Connections
            .Where(c => c.Source.Activity == entry.FromActivityId && c.Target.Activity == entry.ToActivityId)
            .Where(c => c.Source.Port == entry.Outcome || from.Events?.Any(e => e.Event == entry.Outcome && e.Port == c.Source.Port) == true)
            .ToList();
        return matches.Count == 1
            ? matches[0]
            : throw new InvalidOperationException($"The move {entry.FromActivityId} -> {entry.ToActivityId} ({entry.Outcome}) matches {matches.Count} connections of {definition.Key}.");
    }

    public static string Describe(Connection connection) => $"{connection.Source.Activity}.{connection.Source.Port} -> {connection.Target.Activity}";
}
