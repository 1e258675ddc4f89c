using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;

namespace Commissioning.Workflows.Runtime;

/// <summary>
/// The named C# predicates (for Decision activities) and actions (run on entering an activity or when a reminder
/// fires) that definitions may refer to. There is no scripting language: a definition can only name what the host
/// registered here, and the engine asks these, never deciding grant rules itself.
/// </summary>
public sealed class WorkflowHandlers
{
    private readonly Dictionary<string, Func<WorkflowContext, CancellationToken, Task<bool>>> _predicates = new(StringComparer.Ordinal);

    private readonly Dictionary<string, Func<WorkflowContext, CancellationToken, Task>> _actions = new(StringComparer.Ordinal);

    private readonly List<Func<WorkflowContext, string, CancellationToken, Task>> _finished = [];

    private readonly List<Func<WorkflowContext, string, string, CancellationToken, Task>> _reminded = [];

    private readonly List<Func<WorkflowContext, HumanTask, CancellationToken, Task>> _completed = [];

    private Func<WorkflowContext, HumanTask, CancellationToken, Task<AssignmentRequest?>>? _nobodyMayTake;

    public WorkflowHandlers AddPredicate(string name, Func<WorkflowContext, CancellationToken, Task<bool>> predicate)
    {
        _predicates.Add(name, predicate);
        return this;
    }

    public WorkflowHandlers AddPredicate(string name, Func<WorkflowContext, bool> predicate) =>
        AddPredicate(name, (context, _) => Task.FromResult(predicate(context)));

    public WorkflowHandlers AddAction(string name, Func<WorkflowContext, CancellationToken, Task> action)
    {
        _actions.Add(name, action);
        return this;
    }

    public WorkflowHandlers AddAction(string name, Action<WorkflowContext> action) =>
        AddAction(name, (context, _) =>
        {
            action(context);
            return Task.CompletedTask;
        });

    /// <summary>
    /// Runs whenever an instance of any definition finishes, with the outcome of the end it reached, inside the same
    /// transaction (e.g. to give back money an offer held when the offer was declined or not accepted in time).
    /// </summary>
    public WorkflowHandlers OnFinished(Func<WorkflowContext, string, CancellationToken, Task> handler)
    {
        _finished.Add(handler);
        return this;
    }

    /// <summary>
    /// Runs whenever a reminder timer of any definition fires, with the activity and the timer's id, inside the same
    /// transaction (e.g. to e-mail the people who owe what the stage waits for).
    /// </summary>
    public WorkflowHandlers OnReminder(Func<WorkflowContext, string, string, CancellationToken, Task> handler)
    {
        _reminded.Add(handler);
        return this;
    }

    /// <summary>
    /// Runs whenever a person completes a task of any definition, before the workflow moves on, inside the same
    /// transaction (e.g. to record an officer's review of a report on the report itself).
    /// </summary>
    public WorkflowHandlers OnTaskCompleted(Func<WorkflowContext, HumanTask, CancellationToken, Task> handler)
    {
        _completed.Add(handler);
        return this;
    }

    /// <summary>
    /// The names the host's code relies on finding in its definitions, per definition id and version; each definition
    /// is checked against them when it loads (see <see cref="WorkflowContract"/>).
    /// </summary>
    public WorkflowHandlers RequireContracts(WorkflowContracts contracts)
    {
        Contracts = contracts;
        return this;
    }

    public WorkflowContracts? Contracts { get; private set; }

    /// <summary>
    /// Asked when a copy of a multi-instance task replaces one given up (a declared conflict) and nobody who holds its
    /// role may take it: says who is to assign someone to it, and the name of their task; null asks nobody.
    /// </summary>
    public WorkflowHandlers OnNobodyMayTake(Func<WorkflowContext, HumanTask, CancellationToken, Task<AssignmentRequest?>> handler)
    {
        _nobodyMayTake = handler;
        return this;
    }

    public bool HasPredicate(string name) => _predicates.ContainsKey(name);

    public bool HasAction(string name) => _actions.ContainsKey(name);

    public IEnumerable<string> PredicateNames => _predicates.Keys.Order(StringComparer.Ordinal);

    public IEnumerable<string> ActionNames => _actions.Keys.Order(StringComparer.Ordinal);

    internal Task<bool> EvaluateAsync(string name, WorkflowContext context, CancellationToken cancellationToken) => _predicates[name](context, cancellationToken);

    internal Task RunAsync(string name, WorkflowContext context, CancellationToken cancellationToken) => _actions[name](context, cancellationToken);

    internal async Task TaskCompletedAsync(WorkflowContext context, HumanTask task, CancellationToken cancellationToken)
    {
        foreach (var handler in _completed)
        {
            await handler(context, task, cancellationToken);
        }
    }

    internal async Task<AssignmentRequest?> NobodyMayTakeAsync(WorkflowContext context, HumanTask copy, CancellationToken cancellationToken) =>
        _nobodyMayTake is null ? null : await _nobodyMayTake(context, copy, cancellationToken);

    internal async Task RemindedAsync(WorkflowContext context, string activityId, string timerKey, CancellationToken cancellationToken)
    {
        foreach (var handler in _reminded)
        {
            await handler(context, activityId, timerKey, cancellationToken);
        }
    }

    internal async Task FinishedAsync(WorkflowContext context, string outcome, CancellationToken cancellationToken)
    {
        foreach (var handler in _finished)
        {
            await handler(context, outcome, cancellationToken);
        }
    }
}
