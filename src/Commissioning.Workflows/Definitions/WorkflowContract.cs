using System.Collections.Immutable;

namespace Commissioning.Workflows.Definitions;

/// <summary>The kinds of name a host's code can rely on finding in a definition.</summary>
public enum ContractKind
{
    Activity,
    Port,
    Event,
    Task,
    Outcome,
    Input,
    Variable,
    Timer,

    /// <summary>A timer of a stage waits for the instant held in a variable (one the code sets).</summary>
    TimerVariable,
    End,
}

/// <summary>One name the host's code relies on: its kind, the name, and the activity or task it belongs to, if any.</summary>
public sealed record ContractName(ContractKind Kind, string Name, string? Of = null);

/// <summary>
/// What the host's code relies on finding in one version of a definition: the activities it names, the ports they
/// leave by, the events it publishes and the stages that wait for them, the tasks, outcomes and inputs it reads, the
/// variables it sets or reads (and the timers that wait for them), the timers it looks for and the ends whose outcomes
/// it acts on. <see cref="WorkflowDefinitionLoader"/> checks a definition against its contract when it loads, so a
/// definition that lacks a name stops start-up instead of failing when an instance reaches it.
/// </summary>
/// <remarks>
/// Immutable: each method returns a new contract with more names, so a later version's contract is written as the
/// earlier version's plus what the code newly relies on (or, rarely, minus what it no longer needs, with
/// <see cref="Without"/>).
/// </remarks>
public sealed class WorkflowContract
{
    private readonly ImmutableArray<ContractName> _names;

    private WorkflowContract(ImmutableArray<ContractName> names) => _names = names;

    /// <summary>A contract that asks for nothing.</summary>
    public static WorkflowContract Empty { get; } = new([]);

    /// <summary>Every name asked for, in the order the checks run.</summary>
    public IReadOnlyList<ContractName> Names => _names;

    /// <summary>Activities with these ids.</summary>
    public WorkflowContract Activity(params string[] ids) => With(ids.Select(id => new ContractName(ContractKind.Activity, id)));

    /// <summary>The activity leaves through a port of this name.</summary>
    public WorkflowContract Port(string activity, params string[] ports) => With(ports.Select(port => new ContractName(ContractKind.Port, port, activity)));

    /// <summary>Each of these stages waits for the event (or, with none given, some activity does).</summary>
    public WorkflowContract Event(string eventName, params string[] stages) =>
        With(stages.Length == 0 ? [new ContractName(ContractKind.Event, eventName)] : stages.Select(stage => new ContractName(ContractKind.Event, eventName, stage)));

    /// <summary>A task with this key (its id), with each of these outcomes.</summary>
    public WorkflowContract Task(string taskKey, params string[] outcomes) =>
        With([new ContractName(ContractKind.Task, taskKey), .. outcomes.Select(outcome => new ContractName(ContractKind.Outcome, outcome, taskKey))]);

    /// <summary>Every task with this key has inputs of these names.</summary>
    public WorkflowContract Input(string taskKey, params string[] inputs) => With(inputs.Select(input => new ContractName(ContractKind.Input, input, taskKey)));

    /// <summary>The definition declares these variables.</summary>
    public WorkflowContract Variable(params string[] names) => With(names.Select(name => new ContractName(ContractKind.Variable, name)));

    /// <summary>The stage has a timer with this id.</summary>
    public WorkflowContract Timer(string stage, string timerId) => With([new ContractName(ContractKind.Timer, timerId, stage)]);

    /// <summary>A timer of the stage waits for the instant held in this variable (which the code sets).</summary>
    public WorkflowContract TimerAt(string stage, string variable) => With([new ContractName(ContractKind.Variable, variable), new ContractName(ContractKind.TimerVariable, variable, stage)]);

    /// <summary>Ends with these outcomes.</summary>
    public WorkflowContract End(params string[] outcomes) => With(outcomes.Select(outcome => new ContractName(ContractKind.End, outcome)));

    /// <summary>The same contract without the names of this kind and name (for a version that no longer has them).</summary>
    public WorkflowContract Without(ContractKind kind, string name) => new([.. _names.Where(n => n.Kind != kind || n.Name != name)]);

    private WorkflowContract With(IEnumerable<ContractName> names) => new([.. _names, .. names.Where(n => !_names.Contains(n))]);

    /// <summary>What the definition lacks, each as the element where it should be and what is missing, in the contract's order.</summary>
    public IReadOnlyList<(string Element, string Problem)> Problems(WorkflowDefinition definition)
    {
        var problems = new List<(string, string)>();
        foreach (var name in _names)
        {
            if (Problem(definition, name) is { } problem && !problems.Contains(problem))
            {
                problems.Add(problem);
            }
        }

        return problems;
    }

    private static (string Element, string Problem)? Problem(WorkflowDefinition definition, ContractName name)
    {
        var activities = definition.Root.Activities;
        int IndexOf(string id) => activities.Select((a, i) => (a, i)).FirstOrDefault(x => x.a.Id == id, (null!, -1)).Item2;
        (string, string)? Missing(string activity) => ("/root/activities", $"the activity '{activity}' is missing");
        var tasks = activities.SelectMany((a, i) => (a.Tasks ?? []).Select((t, j) => (Task: t, At: $"/root/activities/{i}/tasks/{j}"))).ToList();

        switch (name.Kind)
        {
            case ContractKind.Activity:
                return IndexOf(name.Name) < 0 ? Missing(name.Name) : null;

            case ContractKind.Port:
            {
                var index = IndexOf(name.Of!);
                return index < 0 ? Missing(name.Of!)
                    : activities[index].Ports().Contains(name.Name) ? null
                    : ($"/root/activities/{index}", $"the activity '{name.Of}' has no port '{name.Name}'");
            }

            case ContractKind.Event:
            {
                if (!activities.Any(a => (a.Events ?? []).Any(e => e.Event == name.Name)))
                {
                    return ("/root/activities", $"no activity waits for the event '{name.Name}'");
                }

                if (name.Of is null)
                {
                    return null;
                }

                var index = IndexOf(name.Of);
                return index < 0 ? Missing(name.Of)
                    : (activities[index].Events ?? []).Any(e => e.Event == name.Name) ? null
                    : ($"/root/activities/{index}/events", $"the activity '{name.Of}' does not wait for the event '{name.Name}'");
            }

            case ContractKind.Task:
                return tasks.Any(t => t.Task.Id == name.Name) ? null : ("/root/activities", $"the task '{name.Name}' is missing");

            case ContractKind.Outcome:
            {
                var lacking = tasks.FirstOrDefault(t => t.Task.Id == name.Of && !t.Task.Outcomes.Contains(name.Name));
                return lacking.Task is null ? null : ($"{lacking.At}/outcomes", $"the task '{name.Of}' has no outcome '{name.Name}'");
            }

            case ContractKind.Input:
            {
                var lacking = tasks.FirstOrDefault(t => t.Task.Id == name.Of && !(t.Task.Inputs ?? []).Any(i => i.Name == name.Name));
                return lacking.Task is null ? null : ($"{lacking.At}/inputs", $"the task '{name.Of}' has no input '{name.Name}'");
            }

            case ContractKind.Variable:
                return (definition.Variables ?? []).Any(v => v.Name == name.Name) ? null : ("/variables", $"the variable '{name.Name}' is not declared");

            case ContractKind.Timer:
            {
                var index = IndexOf(name.Of!);
                return index < 0 ? Missing(name.Of!)
                    : (activities[index].Timers ?? []).Any(t => t.Id == name.Name) ? null
                    : ($"/root/activities/{index}/timers", $"the activity '{name.Of}' has no timer '{name.Name}'");
            }

            case ContractKind.TimerVariable:
            {
                var index = IndexOf(name.Of!);
                return index < 0 ? Missing(name.Of!)
                    : (activities[index].Timers ?? []).Any(t => t.AtVariable == name.Name) ? null
                    : ($"/root/activities/{index}/timers", $"no timer of the activity '{name.Of}' waits for the variable '{name.Name}'");
            }

            case ContractKind.End:
                return activities.Any(a => a.Type == ActivityTypes.End && a.Outcome == name.Name) ? null
                    : ("/root/activities", $"no end has the outcome '{name.Name}'");

            default:
                throw new InvalidOperationException($"Unknown kind of name {name.Kind}.");
        }
    }
}

/// <summary>
/// The contracts a host's code has with its definitions, per definition id and version. A definition whose id has
/// contracts here must match the contract of its version, and a version with no contract is refused, so a new version
/// of a definition the code relies on comes with its contract. Definitions with other ids need none.
/// </summary>
/// <param name="source">Where the contracts are written, for messages (e.g. the C# class a developer edits).</param>
public sealed class WorkflowContracts(string source)
{
    private readonly Dictionary<(string DefinitionId, int Version), WorkflowContract> _contracts = [];

    /// <summary>Where the contracts are written.</summary>
    public string Source => source;

    /// <summary>The definition ids and versions that have a contract.</summary>
    public IEnumerable<(string DefinitionId, int Version)> Versions => _contracts.Keys.OrderBy(k => k.DefinitionId, StringComparer.Ordinal).ThenBy(k => k.Version);

    public WorkflowContracts Add(string definitionId, int version, WorkflowContract contract)
    {
        _contracts.Add((definitionId, version), contract);
        return this;
    }

    public WorkflowContract? For(string definitionId, int version) => _contracts.GetValueOrDefault((definitionId, version));

    /// <summary>True when the code relies on some version of this definition, so every version needs a contract.</summary>
    public bool Governs(string definitionId) => _contracts.Keys.Any(k => k.DefinitionId == definitionId);

    /// <summary>Refuses a definition that lacks a name its contract asks for, naming the first and counting the rest.</summary>
    public void Check(WorkflowDefinition definition, string file)
    {
        if (!Governs(definition.DefinitionId))
        {
            return;
        }

        var contract = For(definition.DefinitionId, definition.Version)
            ?? throw new WorkflowDefinitionException(file, "/version", $"the code has no contract for version {definition.Version} of '{definition.DefinitionId}'. Add one to {source}, naming what the code needs from this version (a new version usually needs what the previous one did)");
        var problems = contract.Problems(definition);
        if (problems.Count > 0)
        {
            var (element, problem) = problems[0];
            throw new WorkflowDefinitionException(file, element, $"{problem}, which the code relies on (see {source})" + (problems.Count > 1 ? $" (and {problems.Count - 1} more problem(s))" : string.Empty));
        }
    }
}
