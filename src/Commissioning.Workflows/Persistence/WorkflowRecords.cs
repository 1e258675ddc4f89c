using System.Text.Json.Nodes;

namespace Commissioning.Workflows.Persistence;

public enum InstanceStatus
{
    Running = 1,
    Finished = 2,
    Faulted = 3,

    /// <summary>Recorded with the change that starts it, in that change's transaction; the engine starts it after the commit.</summary>
    Starting = 4,
}

public enum TaskStatus
{
    Open = 1,
    Completed = 2,
    Cancelled = 3,
}

public enum TimerStatus
{
    Pending = 1,
    Fired = 2,
    Cancelled = 3,
}

/// <summary>A running (or finished) workflow, pinned to the definition version it started on.</summary>
public sealed class WorkflowInstance
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string DefinitionId { get; set; } = string.Empty;

    public int DefinitionVersion { get; set; }

    /// <summary>What the workflow is about, e.g. an application's id; events are matched to instances by it.</summary>
    public string CorrelationId { get; set; } = string.Empty;

    public InstanceStatus Status { get; set; } = InstanceStatus.Running;

    public string CurrentActivityId { get; set; } = string.Empty;

    public string? Outcome { get; set; }

    public string Variables { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Changes with every transition, so two transitions of one instance can never both be saved.</summary>
    public long Revision { get; set; }

    /// <summary>Counts the times the instance entered an activity, so each visit to a stage has its own tasks and timers.</summary>
    public int Visits { get; set; }

    /// <summary>Who started an instance recorded as <see cref="InstanceStatus.Starting"/> (name, user id, roles as JSON), for its first log entry.</summary>
    public string? StartedBy { get; set; }

    /// <summary>How many entries the execution log holds for this instance; each new entry takes the next <see cref="WorkflowLogEntry.Position"/>.</summary>
    public int LogLength { get; set; }

    public JsonObject ReadVariables() => JsonNode.Parse(Variables)?.AsObject() ?? [];

    public void WriteVariables(JsonObject variables) => Variables = variables.ToJsonString();
}

/// <summary>A human task: waiting for a person in a role (or a named person) to choose an outcome.</summary>
public sealed class HumanTask
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid InstanceId { get; set; }

    public string ActivityId { get; set; } = string.Empty;

    public int Visit { get; set; }

    public string TaskKey { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Role { get; set; } = string.Empty;

    public string? AssigneeUserId { get; set; }

    /// <summary>The outcomes the person may choose, separated by '|'.</summary>
    public string Outcomes { get; set; } = string.Empty;

    public TaskStatus Status { get; set; } = TaskStatus.Open;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? DueAt { get; set; }

    public string? CompletedBy { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Outcome { get; set; }

    public string? Comment { get; set; }

    /// <summary>What the person entered with the outcome (e.g. a score), as JSON.</summary>
    public string? Data { get; set; }

    public long Revision { get; set; }

    /// <summary>
    /// Set on a task that asks someone to choose who takes another task (a copy nobody may take): that copy's id. Such
    /// a task is answered by assigning the copy, never with an outcome of its own.
    /// </summary>
    public Guid? ForTaskId { get; set; }

    public IReadOnlyList<string> OutcomeList => Outcomes.Split('|', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A reminder or deadline on a stage visit, fired by the timer sweep once <see cref="DueAt"/> has passed.</summary>
public sealed class WorkflowTimer
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid InstanceId { get; set; }

    public string ActivityId { get; set; } = string.Empty;

    public int Visit { get; set; }

    public string TimerKey { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public DateTimeOffset DueAt { get; set; }

    public TimerStatus Status { get; set; } = TimerStatus.Pending;

    public DateTimeOffset? FiredAt { get; set; }

    public long Revision { get; set; }
}

/// <summary>An event received for a correlation id; kept until a waiting stage consumes it, so an early event is never lost.</summary>
public sealed class WorkflowEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public string EventName { get; set; } = string.Empty;

    public string CorrelationId { get; set; } = string.Empty;

    public string? Payload { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    public Guid? ConsumedByInstanceId { get; set; }

    public DateTimeOffset? ConsumedAt { get; set; }

    public long Revision { get; set; }
}

/// <summary>The append-only execution log: every move of an instance, who made it, and why.</summary>
public sealed class WorkflowLogEntry
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The entry's place in its instance's history (1, 2, 3...): the true order, where entries of one operation share a time.</summary>
    public int Position { get; set; }

    public Guid InstanceId { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = string.Empty;

    public string? FromActivityId { get; set; }

    public string? ToActivityId { get; set; }

    public string Outcome { get; set; } = string.Empty;

    public string? Reason { get; set; }
}

/// <summary>A fault in an instance: what was being done, what went wrong, and whether a retry has resolved it.</summary>
public sealed class WorkflowIncident
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid InstanceId { get; set; }

    public string? ActivityId { get; set; }

    public DateTimeOffset At { get; set; }

    public string Operation { get; set; } = string.Empty;

    /// <summary>The operation's arguments as JSON, so a retry can run it again.</summary>
    public string Arguments { get; set; } = "{}";

    public string Message { get; set; } = string.Empty;

    public string? Details { get; set; }

    public int Attempts { get; set; } = 1;

    public DateTimeOffset? ResolvedAt { get; set; }

    public string? ResolvedBy { get; set; }
}

/// <summary>A published definition version with the hash of its content when first used; the content may never change.</summary>
public sealed class WorkflowDefinitionRecord
{
    public string DefinitionId { get; set; } = string.Empty;

    public int Version { get; set; }

    public string ContentHash { get; set; } = string.Empty;

    public string FileName { get; set; } = string.Empty;

    public DateTimeOffset FirstUsedAt { get; set; }
}
