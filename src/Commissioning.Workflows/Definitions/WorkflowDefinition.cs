using System.Text.Json.Serialization;

namespace Commissioning.Workflows.Definitions;

/// <summary>The activity types this engine runs. A definition names them in its <c>type</c> fields.</summary>
public static class ActivityTypes
{
    /// <summary>A waiting step: human tasks, timers and events; it is left through the port of whatever finishes it.</summary>
    public const string Stage = "Grants.Stage";

    /// <summary>A branch decided by a named C# predicate; leaves through port "True" or "False".</summary>
    public const string Decision = "Grants.Decision";

    /// <summary>A pure wait; leaves through port "Elapsed".</summary>
    public const string Timer = "Grants.Timer";

    /// <summary>The end of the workflow, with its outcome.</summary>
    public const string End = "Grants.End";

    public static IReadOnlyList<string> All { get; } = [Stage, Decision, Timer, End];
}

public static class TimerKinds
{
    /// <summary>Fires while the instance stays in the stage (a nudge); the stage is not left.</summary>
    public const string Reminder = "Reminder";

    /// <summary>Fires and leaves the stage through its port, cancelling what was open there.</summary>
    public const string Deadline = "Deadline";
}

public static class CompletionRules
{
    public const string All = "All";
    public const string Quorum = "Quorum";
}

/// <summary>
/// One version of a workflow, as published in workflows/{definitionId}.v{version}.json. The shape follows Elsa 3's
/// JSON (definitionId, version, name, variables, root flowchart with activities and connections) with this
/// project's own activity types under the Grants. prefix.
/// </summary>
public sealed record WorkflowDefinition(
    string DefinitionId,
    int Version,
    string Name,
    string? Description,
    IReadOnlyList<VariableDefinition>? Variables,
    Flowchart Root,
    [property: JsonPropertyName("$schema")] string? Schema = null)
{
    /// <summary>SHA-256 of the published file; a published version may never change.</summary>
    [JsonIgnore]
    public string ContentHash { get; init; } = string.Empty;

    /// <summary>Where the definition was read from, for messages.</summary>
    [JsonIgnore]
    public string FileName { get; init; } = string.Empty;

    [JsonIgnore]
    public string Key => $"{DefinitionId}.v{Version}";

    public ActivityDefinition Activity(string id) =>
        Root.Activities.FirstOrDefault(a => a.Id == id) ?? throw new WorkflowDefinitionException(FileName, $"/root/activities[{id}]", $"there is no activity '{id}'");

    public ActivityDefinition? Next(string activityId, string port) =>
        Root.Connections.FirstOrDefault(c => c.Source.Activity == activityId && c.Source.Port == port) is { } connection ? Activity(connection.Target.Activity) : null;
}

public sealed record VariableDefinition(string Name, string Type, string? Description = null);

public sealed record Flowchart(string Type, string Start, IReadOnlyList<ActivityDefinition> Activities, IReadOnlyList<Connection> Connections);

public sealed record ActivityDefinition(
    string Id,
    string Type,
    string Name,
    string? Description = null,
    IReadOnlyList<TaskDefinition>? Tasks = null,
    IReadOnlyList<TimerDefinition>? Timers = null,
    IReadOnlyList<EventDefinition>? Events = null,
    string? Predicate = null,
    string? OnEnter = null,
    string? Outcome = null,
    string? After = null)
{
    /// <summary>The ports this activity can leave through.</summary>
    public IEnumerable<string> Ports() => Type switch
    {
        ActivityTypes.Decision => ["True", "False"],
        ActivityTypes.Timer => ["Elapsed"],
        ActivityTypes.End => [],
        _ => (Tasks ?? []).SelectMany(t => t.MultiInstance is { } m ? [m.Port] : t.Outcomes)
            .Concat((Timers ?? []).Where(t => t.Kind == TimerKinds.Deadline).Select(t => t.Port!))
            .Concat((Events ?? []).Select(e => e.Port))
            .Distinct(),
    };
}

/// <summary>
/// A human task: assigned to a role and, optionally, to the person whose user id is in <see cref="AssigneeVariable"/>.
/// Completing it with one of <see cref="Outcomes"/> leaves the stage through the port of that name, unless the task is
/// multi-instance, in which case the stage is left through <see cref="MultiInstanceDefinition.Port"/> once the
/// completion rule is met.
/// </summary>
public sealed record TaskDefinition(
    string Id,
    string Name,
    string Role,
    IReadOnlyList<string> Outcomes,
    string? AssigneeVariable = null,
    string? DueIn = null,
    MultiInstanceDefinition? MultiInstance = null,
    IReadOnlyList<TaskInput>? Inputs = null);

/// <summary>
/// Something the person enters with an outcome (e.g. an assessor's total score), stored with the completed task
/// for predicates and actions to read. Required only with the outcomes listed in <see cref="RequiredFor"/>.
/// </summary>
public sealed record TaskInput(string Name, string Label, string Type, IReadOnlyList<string>? RequiredFor = null, long? Minimum = null, long? Maximum = null, string? Hint = null);

public static class TaskInputTypes
{
    public const string WholeNumber = "wholeNumber";
    public const string Money = "money";
    public const string Text = "text";
}

/// <summary>
/// Several copies of a task (e.g. one per assessor). The copies are assigned to the user ids listed in
/// <see cref="AssigneesVariable"/>, or are <see cref="Count"/> unassigned copies for the role. Outcomes listed in
/// <see cref="Replaced"/> (e.g. a declared conflict) do not count: a new unassigned copy replaces the task.
/// </summary>
public sealed record MultiInstanceDefinition(
    string Completion,
    string Port,
    int? Count = null,
    string? AssigneesVariable = null,
    int? Quorum = null,
    IReadOnlyList<string>? Replaced = null);

/// <summary>
/// A timer on a stage: due <see cref="After"/> (an ISO 8601 duration such as P14D) from entering the stage, or at the
/// instant held in <see cref="AtVariable"/>. A reminder runs <see cref="Action"/> and stays; a deadline leaves
/// through <see cref="Port"/>.
/// </summary>
public sealed record TimerDefinition(string Id, string Kind, string? After = null, string? AtVariable = null, string? Port = null, string? Action = null);

/// <summary>An event the stage waits for (matched by name and the instance's correlation id), and the port it leaves by.</summary>
public sealed record EventDefinition(string Event, string Port);

public sealed record Connection(Endpoint Source, Endpoint Target);

public sealed record Endpoint(string Activity, string Port);
