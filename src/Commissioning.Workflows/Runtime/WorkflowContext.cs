using System.Text.Json.Nodes;
using Commissioning.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Workflows.Runtime;

/// <summary>Who acts on a workflow: a signed-in person with their roles, or the service itself (timers).</summary>
public sealed record WorkflowActor(string Name, string? UserId, IReadOnlyCollection<string> Roles)
{
    public static WorkflowActor System { get; } = new("system", null, []);

    /// <summary>The actor as the engine keeps it with an operation to run later (a recorded start, an incident's arguments).</summary>
    public JsonObject ToJson() => new()
    {
        ["actor"] = Name,
        ["userId"] = UserId,
        ["roles"] = new JsonArray([.. Roles.Select(r => JsonValue.Create(r))]),
    };

    /// <summary>The actor kept by <see cref="ToJson"/>, or the service itself when none was kept.</summary>
    public static WorkflowActor FromJson(JsonObject? json) => json?["actor"] is { } name
        ? new WorkflowActor(name.GetValue<string>(), json["userId"]?.GetValue<string>(), [.. (json["roles"]?.AsArray() ?? []).Select(r => r!.GetValue<string>())])
        : System;
}

/// <summary>What a predicate or action sees: the instance, its variables, the unit of work it shares with the engine.</summary>
public sealed class WorkflowContext
{
    internal WorkflowContext(WorkflowInstance instance, JsonObject variables, DbContext db, IServiceProvider services, WorkflowActor actor, DateTimeOffset now, IReadOnlyList<HumanTask> visitTasks, HumanTask? completedTask, WorkflowEvent? receivedEvent)
    {
        Instance = instance;
        Variables = variables;
        Db = db;
        Services = services;
        Actor = actor;
        Now = now;
        VisitTasks = visitTasks;
        CompletedTask = completedTask;
        ReceivedEvent = receivedEvent;
    }

    public WorkflowInstance Instance { get; }

    public string CorrelationId => Instance.CorrelationId;

    /// <summary>The instance's variables; changes are saved with the transition.</summary>
    public JsonObject Variables { get; }

    /// <summary>The unit of work of the transition: domain changes made through it commit or roll back with the transition.</summary>
    public DbContext Db { get; }

    public IServiceProvider Services { get; }

    public WorkflowActor Actor { get; }

    public DateTimeOffset Now { get; }

    /// <summary>The tasks of the stage visit being left (e.g. every assessor's score), completed ones first.</summary>
    public IReadOnlyList<HumanTask> VisitTasks { get; }

    public HumanTask? CompletedTask { get; }

    public WorkflowEvent? ReceivedEvent { get; }
}

/// <summary>Something a person tried that the workflow does not allow; the message says what happened and what to do.</summary>
public sealed class WorkflowException(string message) : Exception(message);
