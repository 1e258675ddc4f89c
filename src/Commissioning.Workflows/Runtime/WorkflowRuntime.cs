using System.Text.Json;
using System.Text.Json.Nodes;
using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Workflows.Runtime;

/// <summary>Gives the engine the host's unit of work, so a transition and the domain change it causes commit together.</summary>
public interface IWorkflowDbContextAccessor
{
    DbContext Context { get; }
}

public sealed class WorkflowOptions
{
    public const string Section = "Workflows";

    /// <summary>The folder holding the definitions and their schema; relative paths are from the content root.</summary>
    public string DefinitionsFolder { get; set; } = "workflows";

    /// <summary>The time zone in which a duration's calendar months and years are added (see <see cref="WorkflowDefinitionLoader.AddDuration"/>); UTC unless the host sets its own.</summary>
    public TimeZoneInfo CalendarTimeZone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>Tells a broken business rule (the person's to fix, shown to them) from a fault (an incident for admins).</summary>
    public Func<Exception, bool> IsRuleViolation { get; set; } = _ => false;

    /// <summary>How messages and the execution log state an instant, e.g. "6:54am on Thursday 3 December 2026"; the host gives its own local time.</summary>
    public Func<DateTimeOffset, string> DescribeInstant { get; set; } = instant => instant.ToUniversalTime().ToString("h:mmtt 'on' dddd d MMMM yyyy 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How many deliveries after a commit run at once in this process (see <see cref="WorkflowDeliveryQueue"/>).</summary>
    public int DeliveryWorkers { get; set; } = 1;
}

/// <summary>
/// Runs workflow instances. Each operation (start, complete a task, fire a timer, deliver an event, retry an
/// incident) is one database transaction holding the instance's move, its execution log entries and whatever the
/// registered actions changed. Conflicting operations on one instance are detected by its revision: the loser
/// either retries on the new state (timers, events) or gets a clear message (a person completing a task someone else
/// just completed).
/// </summary>
public sealed class WorkflowRuntime(
    IWorkflowDbContextAccessor accessor,
    WorkflowRegistry registry,
    WorkflowHandlers handlers,
    IWorkflowTimerSweepTrigger sweepTrigger,
    WorkflowOptions options,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<WorkflowRuntime> logger)
{
    private const int MaxAttempts = 50;

    private const int MaxStepsPerOperation = 200;

    private DbContext Db => accessor.Context;

    private WorkflowRegistry Registry => registry;

    private WorkflowHandlers Handlers => handlers;

    private IWorkflowTimerSweepTrigger SweepTrigger => sweepTrigger;

    private IServiceProvider Services => services;

    private TimeZoneInfo Calendar => options.CalendarTimeZone;

    public async Task<WorkflowInstance> StartAsync(string definitionId, string correlationId, JsonObject? variables, WorkflowActor actor, CancellationToken cancellationToken = default)
    {
        var definition = registry.Latest(definitionId);
        var now = clock.GetUtcNow();
        var instance = NewInstance(definition, correlationId, variables, now);
        var arguments = new JsonObject { ["activityId"] = definition.Root.Start };
        await RunAsync(instance.Id, "Start", arguments, actor, async session =>
        {
            Db.Add(instance);
            await session.EnterAsync(definition.Activity(definition.Root.Start), null, "Started", null);
        }, onFault: () => Db.Add(new WorkflowInstance
        {
            Id = instance.Id,
            DefinitionId = instance.DefinitionId,
            DefinitionVersion = instance.DefinitionVersion,
            CorrelationId = correlationId,
            Variables = instance.Variables,
            CreatedAt = now,
            UpdatedAt = now,
            CurrentActivityId = definition.Root.Start,
            Status = InstanceStatus.Faulted,
        }), cancellationToken);
        return instance;
    }

    /// <summary>
    /// Records, in the caller's unit of work, that an instance is to start: it is saved with the domain change that
    /// causes it, in the same transaction, and started by <see cref="DeliverAsync"/> after the commit (or by the sweep
    /// after a crash). Nothing runs until then.
    /// </summary>
    public WorkflowInstance RecordStart(string definitionId, string correlationId, JsonObject? variables, WorkflowActor actor)
    {
        var definition = registry.Latest(definitionId);
        var instance = NewInstance(definition, correlationId, variables, clock.GetUtcNow());
        instance.CurrentActivityId = definition.Root.Start;
        instance.Status = InstanceStatus.Starting;
        instance.StartedBy = actor.ToJson().ToJsonString();
        Db.Add(instance);
        return instance;
    }

    private static WorkflowInstance NewInstance(WorkflowDefinition definition, string correlationId, JsonObject? variables, DateTimeOffset now) => new()
    {
        DefinitionId = definition.DefinitionId,
        DefinitionVersion = definition.Version,
        CorrelationId = correlationId,
        Variables = (variables ?? []).ToJsonString(),
        CreatedAt = now,
        UpdatedAt = now,
    };

    /// <summary>
    /// Records, in the caller's unit of work, an event for a correlation id: it is saved with the domain change that
    /// causes it, in the same transaction, and delivered by <see cref="DeliverAsync"/> after the commit (or by the
    /// sweep after a crash). An event recorded before a stage's deadline is delivered even if the deadline's timer
    /// fires first.
    /// </summary>
    /// <param name="at">The instant the person acted, when the caller decided at that instant whether they still could (before a deadline); by default now.</param>
    public WorkflowEvent RecordEvent(string eventName, string correlationId, string? payload = null, DateTimeOffset? at = null)
    {
        var received = new WorkflowEvent { EventName = eventName, CorrelationId = correlationId, Payload = payload, ReceivedAt = at ?? clock.GetUtcNow() };
        Db.Add(received);
        return received;
    }

    /// <summary>
    /// Records, in the caller's unit of work, that the instant in the variable <paramref name="atVariable"/> of each
    /// running instance with one of <paramref name="correlationIds"/> is now <paramref name="dueAt"/>, and moves the
    /// pending timers that wait for that variable's instant (an application's closing deadline, say) with it. An
    /// instance recorded but not yet started gets the new instant in its variable, so it makes its timer there.
    /// Each move is an entry in the instance's execution log, like any other operation, and moves the instance's
    /// revision: a transition of the instance at the same moment makes the caller's save fail with a concurrency
    /// conflict, to be decided again. An instance whose timer has fired or whose stage was left (a submitted
    /// application's) keeps its timers and its variable. Returns the moves recorded.
    /// </summary>
    public async Task<IReadOnlyList<TimerMove>> MovePendingTimersAsync(IReadOnlyCollection<string> correlationIds, string atVariable, DateTimeOffset dueAt, WorkflowActor actor, string reason, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var due = dueAt.ToUniversalTime();
        var instances = await Db.Set<WorkflowInstance>()
            .Where(i => correlationIds.Contains(i.CorrelationId) && (i.Status == InstanceStatus.Running || i.Status == InstanceStatus.Starting))
            .ToListAsync(cancellationToken);
        var ids = instances.Select(i => i.Id).ToList();
        var timers = await Db.Set<WorkflowTimer>()
            .Where(t => ids.Contains(t.InstanceId) && t.Status == TimerStatus.Pending)
            .ToListAsync(cancellationToken);
        var moves = new List<TimerMove>();
        foreach (var instance in instances)
        {
            var definition = registry.Get(instance.DefinitionId, instance.DefinitionVersion);
            var waiting = definition.Root.Activities
                .SelectMany(a => (a.Timers ?? []).Where(t => t.AtVariable == atVariable).Select(t => (ActivityId: a.Id, TimerKey: t.Id)))
                .ToList();
            var pending = timers.Where(t => t.InstanceId == instance.Id && waiting.Contains((t.ActivityId, t.TimerKey))).ToList();
            if (pending.Count == 0 && instance.Status != InstanceStatus.Starting)
            {
                continue;
            }

            var variables = instance.ReadVariables();
            variables[atVariable] = due.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            instance.WriteVariables(variables);
            foreach (var timer in pending)
            {
                moves.Add(new TimerMove(instance.Id, instance.CorrelationId, timer.TimerKey, timer.DueAt, due));
                Db.Add(new WorkflowLogEntry
                {
                    InstanceId = instance.Id,
                    Position = ++instance.LogLength,
                    At = now,
                    Actor = actor.Name,
                    FromActivityId = timer.ActivityId,
                    ToActivityId = timer.ActivityId,
                    Outcome = TimerMovedOutcome,
                    Reason = Clip($"'{timer.TimerKey}' moved from {Describe(timer.DueAt)} to {Describe(due)}: {reason}"),
                });
                timer.DueAt = due;
                timer.Revision++;
            }

            if (pending.Count == 0)
            {
                moves.Add(new TimerMove(instance.Id, instance.CorrelationId, null, null, due));
            }

            instance.Revision++;
            instance.UpdatedAt = now;
        }

        return moves;
    }

    /// <summary>The outcome in the execution log of a pending timer moved to another instant.</summary>
    public const string TimerMovedOutcome = "TimerMoved";

    private static string Clip(string text) => text.Length > 4000 ? text[..4000] : text;

    /// <summary>
    /// After a commit that recorded starts or events for this correlation id: starts the recorded instances and
    /// delivers the events to those waiting for them. Safe to run twice and on two nodes at once: a start or an event
    /// is taken once.
    /// </summary>
    public async Task DeliverAsync(string correlationId, CancellationToken cancellationToken = default)
    {
        Db.ChangeTracker.Clear();
        var starting = await Db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.CorrelationId == correlationId && i.Status == InstanceStatus.Starting)
            .OrderBy(i => i.CreatedAt).Select(i => i.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in starting)
        {
            await StartRecordedAsync(id, cancellationToken);
        }

        await DeliverPendingEventsAsync(correlationId, cancellationToken);
    }

    /// <summary>
    /// Whether an event recorded now for this correlation id would be taken where the workflow stands: every instance
    /// not yet finished is at a stage waiting for it (an instance still starting is at its first activity), and none
    /// is paused by an incident. True when no instance is running for it. A caller asks this before recording an event
    /// that a stage of an older definition version may not wait for, so the event is not left undelivered.
    /// </summary>
    public async Task<bool> WouldTakeAsync(string correlationId, string eventName, CancellationToken cancellationToken = default)
    {
        var instances = await Db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.CorrelationId == correlationId && i.Status != InstanceStatus.Finished)
            .ToListAsync(cancellationToken);
        return instances.All(i => i.Status != InstanceStatus.Faulted && WaitsFor(i, eventName));
    }

    /// <summary>The correlation ids with something recorded and not yet delivered: instances still starting, events kept for a running instance.</summary>
    public async Task<IReadOnlyList<string>> UndeliveredAsync(CancellationToken cancellationToken = default)
    {
        Db.ChangeTracker.Clear();
        var starting = await Db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.Status == InstanceStatus.Starting)
            .Select(i => i.CorrelationId)
            .ToListAsync(cancellationToken);
        var waiting = await Db.Set<WorkflowEvent>().AsNoTracking()
            .Where(e => e.ConsumedAt == null)
            .Join(Db.Set<WorkflowInstance>().Where(i => i.Status == InstanceStatus.Running), e => e.CorrelationId, i => i.CorrelationId, (e, i) => new { Event = e, Instance = i })
            .ToListAsync(cancellationToken);
        var instanceIds = waiting.Select(w => w.Instance.Id).Distinct().ToList();
        var deadlines = await Db.Set<WorkflowTimer>().AsNoTracking()
            .Where(t => instanceIds.Contains(t.InstanceId) && t.Status == TimerStatus.Pending && t.Kind == TimerKinds.Deadline)
            .ToListAsync(cancellationToken);
        return [.. starting.Concat(waiting.Where(w => WaitsFor(w.Instance, w.Event.EventName) && !DeadlinePassedBefore(deadlines, w.Instance, w.Event)).Select(w => w.Instance.CorrelationId)).Distinct()];
    }

    private async Task StartRecordedAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var stored = await Db.Set<WorkflowInstance>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == instanceId, cancellationToken);
        if (stored is not { Status: InstanceStatus.Starting })
        {
            return;
        }

        var actor = WorkflowActor.FromJson(stored.StartedBy is { } by ? JsonNode.Parse(by)?.AsObject() : null);
        var arguments = actor.ToJson();
        arguments["activityId"] = stored.CurrentActivityId;
        await RunAsync(instanceId, "Start", arguments, actor, async session =>
        {
            var instance = await session.LoadInstanceAsync();
            if (instance.Status != InstanceStatus.Starting)
            {
                return; // started a moment ago by another node or the sweep
            }

            instance.Status = InstanceStatus.Running;
            await session.EnterAsync(session.Definition.Activity(session.Definition.Root.Start), null, "Started", null);
        }, onFault: null, cancellationToken);
    }

    /// <summary>Takes an unassigned task from the role's queue so colleagues can see who is working on it.</summary>
    public async Task ClaimTaskAsync(Guid taskId, WorkflowActor actor, CancellationToken cancellationToken = default)
    {
        Db.ChangeTracker.Clear();
        var task = await Db.Set<HumanTask>().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken) ?? throw new WorkflowException("That task does not exist.");
        EnsureMayAct(task, actor);
        await OnePersonOneCopy.EnsureAsync(Db, task, actor, cancellationToken);
        if (task.AssigneeUserId is not null)
        {
            throw new WorkflowException(task.AssigneeUserId == actor.UserId ? "This task is already yours." : "Someone else has already taken this task.");
        }

        task.AssigneeUserId = actor.UserId;
        task.Revision++;
        await CloseAssignmentTasksAsync(task, actor, cancellationToken);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new WorkflowException("Someone else took or completed this task a moment ago. Nothing was changed; look at your tasks again.");
        }
    }

    /// <summary>
    /// The people who may take this task copy now (see <see cref="OnePersonOneCopy"/>), for an officer choosing whom
    /// to assign it to; empty when the host registered no <see cref="IWorkflowPeople"/>.
    /// </summary>
    public async Task<IReadOnlyList<WorkflowPerson>> WhoMayTakeAsync(Guid copyId, CancellationToken cancellationToken = default)
    {
        var copy = await Db.Set<HumanTask>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == copyId, cancellationToken) ?? throw new WorkflowException("That task does not exist.");
        return Services.GetService(typeof(IWorkflowPeople)) is IWorkflowPeople people
            ? await OnePersonOneCopy.WhoMayTakeAsync(Db, people, copy, cancellationToken)
            : [];
    }

    /// <summary>
    /// Answers a task that asks for someone to take a copy nobody could (<see cref="HumanTask.ForTaskId"/>): the copy
    /// becomes the chosen person's, the asking task is completed, and the execution log says who assigned whom. Refused
    /// with a message when the person may no longer take it, or the copy was taken or the stage left meanwhile.
    /// </summary>
    public async Task AssignCopyAsync(Guid assignmentTaskId, string userId, WorkflowActor actor, CancellationToken cancellationToken = default)
    {
        var asking = await Db.Set<HumanTask>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == assignmentTaskId, cancellationToken) ?? throw new WorkflowException("That task does not exist.");
        var arguments = actor.ToJson();
        arguments["taskId"] = assignmentTaskId.ToString();
        arguments["userId"] = userId;
        await RunAsync(asking.InstanceId, "AssignCopy", arguments, actor, session => session.AssignCopyAsync(assignmentTaskId, userId), onFault: null, cancellationToken, conflictMessage: async () =>
        {
            Db.ChangeTracker.Clear();
            var again = await Db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.Id == assignmentTaskId, cancellationToken);
            return again.Status == TaskStatus.Open ? null : AlreadyDone(again);
        });
    }

    /// <summary>
    /// Completes a person's task with one of its outcomes. If someone else completed it first, this says so and
    /// changes nothing.
    /// </summary>
    public async Task CompleteTaskAsync(Guid taskId, string outcome, WorkflowActor actor, string? comment = null, JsonObject? data = null, CancellationToken cancellationToken = default)
    {
        var arguments = actor.ToJson();
        arguments["taskId"] = taskId.ToString();
        arguments["outcome"] = outcome;
        arguments["comment"] = comment;
        arguments["data"] = data?.DeepClone();
        await RunAsync(null, "CompleteTask", arguments, actor, session => session.CompleteTaskAsync(taskId, outcome, comment, data), onFault: null, cancellationToken, conflictMessage: async () =>
        {
            Db.ChangeTracker.Clear();
            var task = await Db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.Id == taskId, cancellationToken);
            return task.Status == TaskStatus.Open ? null : AlreadyDone(task);
        });
    }

    /// <summary>Called by the timer sweep when a timer is due. Safe to call twice or after the stage was left: it then does nothing.</summary>
    public async Task FireTimerAsync(Guid timerId, CancellationToken cancellationToken = default)
    {
        var timer = await Db.Set<WorkflowTimer>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == timerId, cancellationToken);
        if (timer is null || timer.Status != TimerStatus.Pending)
        {
            logger.LogDebug("Timer {Timer} is gone or already handled; nothing to do", timerId);
            return;
        }

        await RunAsync(timer.InstanceId, "FireTimer", new JsonObject { ["timerId"] = timerId.ToString() }, WorkflowActor.System, session => session.FireTimerAsync(timerId), onFault: null, cancellationToken);
    }

    /// <summary>
    /// Records an event for a correlation id and delivers it to an instance waiting for it. If none is waiting yet,
    /// the event is kept and delivered as soon as an instance reaches a stage that waits for it.
    /// </summary>
    public async Task PublishEventAsync(string eventName, string correlationId, string? payload = null, CancellationToken cancellationToken = default)
    {
        Db.ChangeTracker.Clear();
        RecordEvent(eventName, correlationId, payload);
        await Db.SaveChangesAsync(cancellationToken);
        await DeliverPendingEventsAsync(correlationId, cancellationToken);
    }

    /// <summary>Runs again the operation that faulted, as it was first asked for; on success the incident is resolved.</summary>
    public async Task RetryIncidentAsync(Guid incidentId, WorkflowActor admin, CancellationToken cancellationToken = default)
    {
        Db.ChangeTracker.Clear();
        var incident = await Db.Set<WorkflowIncident>().SingleOrDefaultAsync(i => i.Id == incidentId, cancellationToken) ?? throw new WorkflowException("That incident does not exist.");
        if (incident.ResolvedAt is not null)
        {
            throw new WorkflowException($"This incident was resolved at {options.DescribeInstant(incident.ResolvedAt.Value)} by {incident.ResolvedBy}.");
        }

        var arguments = JsonNode.Parse(incident.Arguments)!.AsObject();
        var actor = WorkflowActor.FromJson(arguments);
        await RunAsync(incident.InstanceId, incident.Operation, arguments, actor, async session =>
        {
            var instance = await session.LoadInstanceAsync();
            instance.Status = InstanceStatus.Running;
            switch (incident.Operation)
            {
                case "Start":
                    await session.EnterAsync(session.Definition.Activity(arguments["activityId"]!.GetValue<string>()), null, "Started", $"retried by {admin.Name}");
                    break;
                case "CompleteTask":
                    await session.CompleteTaskAsync(Guid.Parse(arguments["taskId"]!.GetValue<string>()), arguments["outcome"]!.GetValue<string>(), arguments["comment"]?.GetValue<string>(), arguments["data"]?.AsObject());
                    break;
                case "FireTimer":
                    await session.FireTimerAsync(Guid.Parse(arguments["timerId"]!.GetValue<string>()));
                    break;
                case "AssignCopy":
                    await session.AssignCopyAsync(Guid.Parse(arguments["taskId"]!.GetValue<string>()), arguments["userId"]!.GetValue<string>());
                    break;
                case "DeliverEvent":
                    await session.DeliverEventAsync(Guid.Parse(arguments["eventId"]!.GetValue<string>()));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown incident operation '{incident.Operation}'.");
            }

            var tracked = await Db.Set<WorkflowIncident>().SingleAsync(i => i.Id == incidentId, cancellationToken);
            tracked.ResolvedAt = session.Now;
            tracked.ResolvedBy = admin.Name;
            tracked.Attempts++;
        }, onFault: null, cancellationToken, incidentToUpdate: incidentId);
    }

    /// <summary>Delivers kept events to instances that are now waiting for them (after a stage is entered, or when an event arrives).</summary>
    public async Task DeliverPendingEventsAsync(string correlationId, CancellationToken cancellationToken = default)
    {
        for (var round = 0; round < MaxStepsPerOperation; round++)
        {
            Db.ChangeTracker.Clear();
            var pending = await Db.Set<WorkflowEvent>().AsNoTracking()
                .Where(e => e.CorrelationId == correlationId && e.ConsumedAt == null)
                .OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id)
                .ToListAsync(cancellationToken);
            var waiting = await Db.Set<WorkflowInstance>().AsNoTracking()
                .Where(i => i.CorrelationId == correlationId && i.Status == InstanceStatus.Running)
                .ToListAsync(cancellationToken);
            var waitingIds = waiting.Select(i => i.Id).ToList();
            var deadlines = await Db.Set<WorkflowTimer>().AsNoTracking()
                .Where(t => waitingIds.Contains(t.InstanceId) && t.Status == TimerStatus.Pending && t.Kind == TimerKinds.Deadline)
                .ToListAsync(cancellationToken);
            var match = pending
                .SelectMany(e => waiting.Where(i => WaitsFor(i, e.EventName) && !DeadlinePassedBefore(deadlines, i, e)).Select(i => (Event: e, Instance: i)))
                .FirstOrDefault();
            if (match.Event is null)
            {
                return;
            }

            await RunAsync(match.Instance.Id, "DeliverEvent", new JsonObject { ["eventId"] = match.Event.Id.ToString() }, WorkflowActor.System, session => session.DeliverEventAsync(match.Event.Id), onFault: null, cancellationToken);
        }
    }

    /// <summary>
    /// The stage's deadline was due before the event was recorded: the deadline, not the event, decides (its timer
    /// fires on the next sweep), and the event is kept for a later stage that may wait for it.
    /// </summary>
    private static bool DeadlinePassedBefore(IEnumerable<WorkflowTimer> deadlines, WorkflowInstance instance, WorkflowEvent received) =>
        deadlines.Any(t => t.InstanceId == instance.Id && t.ActivityId == instance.CurrentActivityId && t.Visit == instance.Visits && t.DueAt < received.ReceivedAt);

    private bool WaitsFor(WorkflowInstance instance, string eventName) =>
        registry.Find(instance.DefinitionId, instance.DefinitionVersion)?.Root.Activities
            .FirstOrDefault(a => a.Id == instance.CurrentActivityId)?.Events?.Any(e => e.Event == eventName) == true;

    private async Task RunAsync(Guid? instanceId, string operation, JsonObject arguments, WorkflowActor actor, Func<Session, Task> work, Action? onFault, CancellationToken cancellationToken, Func<Task<string?>>? conflictMessage = null, Guid? incidentToUpdate = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            Db.ChangeTracker.Clear();
            var session = new Session(this, instanceId, actor, clock.GetUtcNow(), cancellationToken);
            await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);

            // The whole operation commits or rolls back as one; a savepoint around SaveChanges would only add round trips.
            Db.Database.AutoSavepointsEnabled = false;
            try
            {
                await work(session);
                await Db.SaveChangesAsync(cancellationToken);
                if (operation == "DeliverEvent")
                {
                    CrashPoints.Reach(CrashPoints.BeforeEventDeliveryCommitted);
                }

                await transaction.CommitAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                if (conflictMessage is not null && await conflictMessage() is { } message)
                {
                    throw new WorkflowException(message);
                }

                await Task.Delay(Random.Shared.Next(1, 4 * Math.Min(attempt, 10)), cancellationToken);
                continue;
            }
            catch (Exception ex) when (ex is WorkflowException || options.IsRuleViolation(ex))
            {
                await transaction.RollbackAsync(CancellationToken.None);
                Db.ChangeTracker.Clear();
                throw;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                if ((session.InstanceId ?? instanceId) is not { } faulted)
                {
                    throw;
                }

                await RecordIncidentAsync(faulted, session.ActivityId, operation, arguments, ex, onFault, incidentToUpdate);
                throw new WorkflowFaultException($"Something went wrong in the service while doing this, so nothing was changed. It has been recorded for an administrator, who can run it again once the problem is fixed.", ex);
            }

            await session.AfterCommitAsync();
            return;
        }
    }

    private async Task RecordIncidentAsync(Guid instanceId, string? activityId, string operation, JsonObject arguments, Exception ex, Action? onFault, Guid? incidentToUpdate)
    {
        logger.LogError(ex, "Workflow instance {Instance} faulted during {Operation}", instanceId, operation);
        Db.ChangeTracker.Clear();
        var now = clock.GetUtcNow();
        if (incidentToUpdate is { } existing)
        {
            var incident = await Db.Set<WorkflowIncident>().SingleAsync(i => i.Id == existing);
            incident.Attempts++;
            incident.Message = ex.Message;
            incident.Details = ex.ToString();
        }
        else
        {
            var instance = await Db.Set<WorkflowInstance>().SingleOrDefaultAsync(i => i.Id == instanceId);
            if (instance is null)
            {
                onFault?.Invoke();
            }
            else
            {
                instance.Status = InstanceStatus.Faulted;
                instance.Revision++;
                instance.UpdatedAt = now;
            }

            Db.Add(new WorkflowIncident { InstanceId = instanceId, ActivityId = activityId ?? instance?.CurrentActivityId, At = now, Operation = operation, Arguments = arguments.ToJsonString(), Message = ex.Message, Details = ex.ToString() });
        }

        await Db.SaveChangesAsync();
        Db.ChangeTracker.Clear();
    }

    /// <summary>The outcome of a task that asked for someone to take a copy, once someone has been assigned.</summary>
    public const string AssignedOutcome = "Assigned";

    private static string AssignmentTaskKey(string copyTaskKey) => $"{copyTaskKey}:assign";

    /// <summary>A copy taken or answered needs nobody assigned any more: any task asking for someone to take it goes.</summary>
    private async Task CloseAssignmentTasksAsync(HumanTask copy, WorkflowActor actor, CancellationToken cancellationToken)
    {
        var asking = await Db.Set<HumanTask>().Where(t => t.ForTaskId == copy.Id && t.Status == TaskStatus.Open).ToListAsync(cancellationToken);
        foreach (var task in asking)
        {
            task.Status = TaskStatus.Cancelled;
            task.Comment = $"{actor.Name} took '{copy.Name}' themselves.";
            task.Revision++;
        }
    }

    private string AlreadyDone(HumanTask task) => task.Status == TaskStatus.Completed
        ? $"'{task.Name}' was already completed by {task.CompletedBy} at {options.DescribeInstant(task.CompletedAt!.Value)} (outcome: {task.Outcome}). Your answer was not saved, and nothing else was changed."
        : $"'{task.Name}' is no longer waiting for anyone: the workflow moved on. Your answer was not saved.";

    private static void EnsureMayAct(HumanTask task, WorkflowActor actor)
    {
        if (!actor.Roles.Contains(task.Role))
        {
            throw new WorkflowException($"'{task.Name}' is for the {task.Role} role, which you do not have.");
        }

        if (task.AssigneeUserId is not null && task.AssigneeUserId != actor.UserId)
        {
            throw new WorkflowException($"'{task.Name}' is assigned to someone else.");
        }
    }

    /// <summary>One operation's work on one instance, inside one transaction.</summary>
    private sealed class Session(WorkflowRuntime runtime, Guid? instanceId, WorkflowActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        private readonly List<WorkflowTimer> _scheduled = [];

        private WorkflowInstance? _instance;

        private JsonObject _variables = [];

        private int _steps;

        public DateTimeOffset Now => now;

        public string? ActivityId => _instance?.CurrentActivityId;

        public Guid? InstanceId => _instance?.Id ?? instanceId;

        private Guid Id => _instance?.Id ?? instanceId ?? throw new InvalidOperationException("No workflow instance is loaded.");

        public WorkflowDefinition Definition { get; private set; } = null!;

        private DbContext Db => runtime.Db;

        public async Task<WorkflowInstance> LoadInstanceAsync()
        {
            if (_instance is not null)
            {
                return _instance;
            }

            var id = instanceId ?? throw new InvalidOperationException("No workflow instance is named.");
            return Use(Db.ChangeTracker.Entries<WorkflowInstance>().Select(e => e.Entity).SingleOrDefault(i => i.Id == id)
                ?? await Db.Set<WorkflowInstance>().SingleOrDefaultAsync(i => i.Id == id, cancellationToken)
                ?? throw new WorkflowException("That workflow instance does not exist."));
        }

        private WorkflowInstance Use(WorkflowInstance instance)
        {
            _instance = instance;
            Definition = runtime.Registry.Get(instance.DefinitionId, instance.DefinitionVersion);
            _variables = instance.ReadVariables();
            return instance;
        }

        public async Task CompleteTaskAsync(Guid taskId, string outcome, string? comment, JsonObject? data)
        {
            // One round trip for the task and its instance: this is the hot path of every person's decision.
            var loaded = await Db.Set<HumanTask>().Where(t => t.Id == taskId)
                .Join(Db.Set<WorkflowInstance>(), t => t.InstanceId, i => i.Id, (t, i) => new { Task = t, Instance = i })
                .SingleOrDefaultAsync(cancellationToken) ?? throw new WorkflowException("That task does not exist.");
            var task = loaded.Task;
            var instance = _instance is null ? Use(loaded.Instance) : _instance;
            if (task.Status != TaskStatus.Open)
            {
                throw new WorkflowException(runtime.AlreadyDone(task));
            }

            EnsureMayAct(task, actor);
            if (task.ForTaskId is not null)
            {
                throw new WorkflowException($"'{task.Name}' is answered by choosing the person on its page.");
            }

            if (Definition.Activity(task.ActivityId).Tasks?.SingleOrDefault(t => t.Id == task.TaskKey)?.MultiInstance is not null)
            {
                await OnePersonOneCopy.EnsureAsync(Db, task, actor, cancellationToken);
            }

            if (!task.OutcomeList.Contains(outcome))
            {
                throw new WorkflowException($"Choose one of: {string.Join(", ", task.OutcomeList)}.");
            }

            if (Definition.Activity(task.ActivityId).Tasks?.SingleOrDefault(t => t.Id == task.TaskKey) is { } taskDefinition
                && TaskInputRules.Problems(taskDefinition, outcome, data) is { Count: > 0 } problems)
            {
                throw new WorkflowException($"Nothing was saved. {string.Join(" ", problems)}");
            }

            if (comment is { Length: > TaskInputRules.MaxTextLength })
            {
                throw new WorkflowException($"Nothing was saved. The comment must be {TaskInputRules.MaxTextLength:N0} characters or fewer.");
            }

            if (instance.Status != InstanceStatus.Running)
            {
                throw new WorkflowException("This workflow is paused because of a problem in the service. An administrator has been told; try again later.");
            }

            task.Status = TaskStatus.Completed;
            task.Outcome = outcome;
            task.Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
            task.Data = data?.ToJsonString();
            task.CompletedBy = actor.Name;
            task.CompletedAt = now;
            OnePersonOneCopy.Take(task, actor);
            task.Revision++;
            Touch(instance);

            var stage = Definition.Activity(task.ActivityId);
            var definition = stage.Tasks!.Single(t => t.Id == task.TaskKey);
            await runtime.Handlers.TaskCompletedAsync(Context(task, null, []), task, cancellationToken);
            if (definition.MultiInstance is not { } multi)
            {
                await LeaveAsync(stage, outcome, outcome, task.Comment, task);
                return;
            }

            await runtime.CloseAssignmentTasksAsync(task, actor, cancellationToken);
            var visitTasks = await Db.Set<HumanTask>().Where(t => t.InstanceId == instance.Id && t.ActivityId == stage.Id && t.Visit == task.Visit && t.TaskKey == task.TaskKey).ToListAsync(cancellationToken);
            var replaced = multi.Replaced ?? [];
            if (replaced.Contains(outcome))
            {
                var replacement = NewTask(stage, definition, task.Visit, null);
                Db.Add(replacement);
                Log(stage.Id, stage.Id, outcome, $"{task.Name}: {actor.Name} {outcome}; a new task was created for another {definition.Role}");
                await AskForSomeoneIfNobodyMayTakeAsync(stage, replacement, task);
                return;
            }

            var counted = visitTasks.Count(t => t.Status == TaskStatus.Completed && !replaced.Contains(t.Outcome!));
            var open = visitTasks.Count(t => t.Status == TaskStatus.Open);
            var complete = multi.Completion == CompletionRules.All ? open == 0 : counted >= multi.Quorum;
            if (complete)
            {
                await LeaveAsync(stage, multi.Port, multi.Port, $"{counted} of {visitTasks.Count(t => !replaced.Contains(t.Outcome ?? string.Empty))} completed ({multi.Completion})", task);
            }
            else
            {
                Log(stage.Id, stage.Id, outcome, $"{task.Name}: {counted} completed, {open} still open");
            }
        }

        /// <summary>
        /// A new copy nobody who holds its role may take (every one of them has a copy of this stage visit already):
        /// the host names who is asked to assign someone, and a task for them is made beside the copy.
        /// </summary>
        private async Task AskForSomeoneIfNobodyMayTakeAsync(ActivityDefinition stage, HumanTask copy, HumanTask givenUp)
        {
            if (runtime.Services.GetService(typeof(IWorkflowPeople)) is not IWorkflowPeople people)
            {
                return;
            }

            // The copy given up is saved with this operation; until then the database does not know whose it was.
            var mayTake = (await OnePersonOneCopy.WhoMayTakeAsync(Db, people, copy, cancellationToken))
                .Where(p => p.UserId != givenUp.AssigneeUserId)
                .ToList();
            if (mayTake.Count > 0 || await runtime.Handlers.NobodyMayTakeAsync(Context(givenUp, null, []), copy, cancellationToken) is not { } request)
            {
                return;
            }

            Db.Add(new HumanTask
            {
                InstanceId = Id,
                ActivityId = copy.ActivityId,
                Visit = copy.Visit,
                TaskKey = AssignmentTaskKey(copy.TaskKey),
                Name = request.Name.Length > 200 ? request.Name[..200] : request.Name,
                Role = request.Role,
                Outcomes = AssignedOutcome,
                CreatedAt = now,
                ForTaskId = copy.Id,
            });
            Log(stage.Id, stage.Id, "NobodyMayTake", $"nobody else who is a {copy.Role} may take '{copy.Name}'; a {request.Role} is asked to assign someone");
        }

        public async Task AssignCopyAsync(Guid assignmentTaskId, string userId)
        {
            var asking = await Db.Set<HumanTask>().SingleAsync(t => t.Id == assignmentTaskId, cancellationToken);
            var instance = await LoadInstanceAsync();
            if (asking.Status != TaskStatus.Open)
            {
                throw new WorkflowException(runtime.AlreadyDone(asking));
            }

            EnsureMayAct(asking, actor);
            var copy = asking.ForTaskId is { } copyId ? await Db.Set<HumanTask>().SingleOrDefaultAsync(t => t.Id == copyId, cancellationToken) : null;
            if (copy is null)
            {
                throw new WorkflowException($"'{asking.Name}' is not about another task, so nobody can be assigned with it.");
            }

            if (copy.Status != TaskStatus.Open)
            {
                throw new WorkflowException(runtime.AlreadyDone(copy));
            }

            if (copy.AssigneeUserId is not null)
            {
                throw new WorkflowException($"Someone has already taken '{copy.Name}', so it needs nobody else. Nothing was changed.");
            }

            if (instance.Status != InstanceStatus.Running)
            {
                throw new WorkflowException("This workflow is paused because of a problem in the service. An administrator has been told; try again later.");
            }

            var people = runtime.Services.GetService(typeof(IWorkflowPeople)) as IWorkflowPeople;
            IReadOnlyList<WorkflowPerson> mayTake = people is null ? [] : await OnePersonOneCopy.WhoMayTakeAsync(Db, people, copy, cancellationToken);
            var chosen = mayTake.FirstOrDefault(p => p.UserId == userId)
                ?? throw new WorkflowException($"That person can no longer take '{copy.Name}': they no longer hold the {copy.Role} role, or already have a copy of it here. Choose someone from the list again.");

            copy.AssigneeUserId = chosen.UserId;
            copy.Revision++;
            asking.Status = TaskStatus.Completed;
            asking.Outcome = AssignedOutcome;
            asking.CompletedBy = actor.Name;
            asking.CompletedAt = now;
            asking.AssigneeUserId ??= actor.UserId;
            asking.Data = new JsonObject { ["assigneeUserId"] = chosen.UserId, ["assigneeName"] = chosen.Name }.ToJsonString();
            asking.Revision++;
            Touch(instance);
            Log(copy.ActivityId, copy.ActivityId, AssignedOutcome, $"{actor.Name} assigned '{copy.Name}' to {chosen.Name}");
        }

        public async Task FireTimerAsync(Guid timerId)
        {
            var instance = await LoadInstanceAsync();
            var timer = await Db.Set<WorkflowTimer>().SingleAsync(t => t.Id == timerId, cancellationToken);
            if (timer.Status != TimerStatus.Pending)
            {
                return;
            }

            if (instance.Status != InstanceStatus.Running || instance.CurrentActivityId != timer.ActivityId || instance.Visits != timer.Visit)
            {
                timer.Status = TimerStatus.Cancelled;
                timer.Revision++;
                return;
            }

            var activity = Definition.Activity(timer.ActivityId);
            if (activity.Timers?.SingleOrDefault(t => t.Id == timer.TimerKey) is { Kind: TimerKinds.Deadline } && await RecordedBeforeAsync(activity, instance, timer.DueAt) is { } early)
            {
                // The person acted before the deadline (their change and its event committed together) but the
                // event was not delivered yet: what they did stands, and the deadline is not reached.
                var waiting = activity.Events!.First(e => e.Event == early.EventName);
                Consume(early, instance);
                Touch(instance);
                await LeaveAsync(activity, waiting.Port, early.EventName, $"event recorded at {runtime.Describe(early.ReceivedAt)}, before the deadline at {runtime.Describe(timer.DueAt)}", null, early);
                return;
            }

            timer.Status = TimerStatus.Fired;
            timer.FiredAt = now;
            timer.Revision++;
            Touch(instance);
            if (activity.Type == ActivityTypes.Timer)
            {
                await LeaveAsync(activity, "Elapsed", "Elapsed", $"waited {activity.After}", null);
                return;
            }

            var definition = activity.Timers!.Single(t => t.Id == timer.TimerKey);
            if (definition.Kind == TimerKinds.Reminder)
            {
                if (definition.Action is { } action)
                {
                    await runtime.Handlers.RunAsync(action, Context(null, null, []), cancellationToken);
                }

                await runtime.Handlers.RemindedAsync(Context(null, null, []), activity.Id, definition.Id, cancellationToken);

                Log(activity.Id, activity.Id, "Reminder", $"{definition.Id} was due at {runtime.Describe(timer.DueAt)}");
                SaveVariables();
                return;
            }

            await LeaveAsync(activity, definition.Port!, definition.Port!, $"{definition.Id}: the deadline passed at {runtime.Describe(timer.DueAt)}", null);
        }

        /// <summary>The first event this stage waits for that was recorded by <paramref name="before"/> and not yet taken.</summary>
        private async Task<WorkflowEvent?> RecordedBeforeAsync(ActivityDefinition activity, WorkflowInstance instance, DateTimeOffset before)
        {
            var names = (activity.Events ?? []).Select(e => e.Event).ToList();
            if (names.Count == 0)
            {
                return null;
            }

            var recorded = await Db.Set<WorkflowEvent>()
                .Where(e => e.CorrelationId == instance.CorrelationId && e.ConsumedAt == null && names.Contains(e.EventName))
                .ToListAsync(cancellationToken);
            return recorded.Where(e => e.ReceivedAt <= before).OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id).FirstOrDefault();
        }

        public async Task DeliverEventAsync(Guid eventId)
        {
            var instance = await LoadInstanceAsync();
            var received = await Db.Set<WorkflowEvent>().SingleAsync(e => e.Id == eventId, cancellationToken);
            if (received.ConsumedAt is not null || instance.Status != InstanceStatus.Running)
            {
                return;
            }

            var activity = Definition.Activity(instance.CurrentActivityId);
            var waiting = activity.Events?.FirstOrDefault(e => e.Event == received.EventName);
            if (waiting is null)
            {
                return;
            }

            var deadlines = await Db.Set<WorkflowTimer>().AsNoTracking()
                .Where(t => t.InstanceId == instance.Id && t.Status == TimerStatus.Pending && t.Kind == TimerKinds.Deadline)
                .ToListAsync(cancellationToken);
            if (DeadlinePassedBefore(deadlines, instance, received))
            {
                return;
            }

            Consume(received, instance);
            Touch(instance);
            await LeaveAsync(activity, waiting.Port, received.EventName, $"event received at {runtime.Describe(received.ReceivedAt)}", null, received);
        }

        public async Task EnterAsync(ActivityDefinition activity, string? from, string outcome, string? reason, HumanTask? completedTask = null, WorkflowEvent? receivedEvent = null)
        {
            if (++_steps > MaxStepsPerOperation)
            {
                throw new InvalidOperationException($"The workflow moved more than {MaxStepsPerOperation} times in one operation; a Decision loop in {Definition.FileName} is likely.");
            }

            var instance = await LoadInstanceAsync();
            instance.Visits++;
            instance.CurrentActivityId = activity.Id;
            Touch(instance);
            Log(from, activity.Id, outcome, reason);
            if (activity.OnEnter is { } action)
            {
                await runtime.Handlers.RunAsync(action, Context(completedTask, receivedEvent, await VisitTasksAsync(from, instance)), cancellationToken);
            }

            switch (activity.Type)
            {
                case ActivityTypes.End:
                    instance.Status = InstanceStatus.Finished;
                    instance.Outcome = activity.Outcome;
                    instance.FinishedAt = now;
                    await runtime.Handlers.FinishedAsync(Context(completedTask, receivedEvent, await VisitTasksAsync(from, instance)), activity.Outcome ?? activity.Id, cancellationToken);
                    break;
                case ActivityTypes.Decision:
                    var result = await runtime.Handlers.EvaluateAsync(activity.Predicate!, Context(completedTask, receivedEvent, await VisitTasksAsync(from, instance)), cancellationToken);
                    var port = result ? "True" : "False";
                    await MoveAsync(activity, port, port, $"{activity.Predicate} is {result.ToString().ToLowerInvariant()}", completedTask, receivedEvent);
                    break;
                case ActivityTypes.Timer:
                    AddTimer(activity.Id, "elapsed", TimerKinds.Deadline, WorkflowDefinitionLoader.AddDuration(now, activity.After!, runtime.Calendar), instance.Visits);
                    break;
                case ActivityTypes.Stage:
                    await EnterStageAsync(activity, instance);
                    break;
            }

            SaveVariables();
        }

        private async Task EnterStageAsync(ActivityDefinition stage, WorkflowInstance instance)
        {
            // An event that arrived before this stage was reached is delivered now, before any task or timer is made for it.
            foreach (var waiting in stage.Events ?? [])
            {
                // The database does not yet know about events consumed earlier in this same operation; the tracked copies do.
                var early = (await Db.Set<WorkflowEvent>()
                    .Where(e => e.EventName == waiting.Event && e.CorrelationId == instance.CorrelationId && e.ConsumedAt == null)
                    .OrderBy(e => e.ReceivedAt).ThenBy(e => e.Id)
                    .Take(MaxStepsPerOperation)
                    .ToListAsync(cancellationToken))
                    .FirstOrDefault(e => e.ConsumedAt is null);
                if (early is not null)
                {
                    Consume(early, instance);
                    await LeaveAsync(stage, waiting.Port, early.EventName, $"event received earlier, at {runtime.Describe(early.ReceivedAt)}", null, early);
                    return;
                }
            }

            foreach (var task in stage.Tasks ?? [])
            {
                if (task.MultiInstance is { } multi)
                {
                    var assignees = multi.AssigneesVariable is { } name ? (_variables[name]?.AsArray() ?? []).Select(a => a!.GetValue<string>()).ToList() : null;
                    foreach (var assignee in assignees ?? Enumerable.Repeat<string?>(null, multi.Count!.Value).ToList()!)
                    {
                        Db.Add(NewTask(stage, task, instance.Visits, assignee));
                    }

                    if (assignees is { Count: 0 })
                    {
                        throw new InvalidOperationException($"'{stage.Id}' needs people in the variable '{multi.AssigneesVariable}', which is empty.");
                    }
                }
                else
                {
                    var assignee = task.AssigneeVariable is { } variable ? _variables[variable]?.GetValue<string>() : null;
                    Db.Add(NewTask(stage, task, instance.Visits, assignee));
                }
            }

            foreach (var timer in stage.Timers ?? [])
            {
                var due = timer.After is { } after
                    ? WorkflowDefinitionLoader.AddDuration(now, after, runtime.Calendar)
                    : DateTimeOffset.Parse(_variables[timer.AtVariable!]?.GetValue<string>() ?? throw new InvalidOperationException($"The timer '{timer.Id}' of '{stage.Id}' needs the instant in the variable '{timer.AtVariable}', which is empty."), System.Globalization.CultureInfo.InvariantCulture);
                AddTimer(stage.Id, timer.Id, timer.Kind, due, instance.Visits);
            }
        }

        private async Task LeaveAsync(ActivityDefinition activity, string port, string outcome, string? reason, HumanTask? completedTask, WorkflowEvent? receivedEvent = null)
        {
            var instance = await LoadInstanceAsync();

            // The definition says what can still be open here; a stage with one plain task and no timers needs no look-up.
            var tasks = activity.Tasks ?? [];
            var othersMayBeOpen = tasks.Count > 1 || tasks.Any(t => t.MultiInstance is not null) || (completedTask is null && tasks.Count > 0);
            var openTasks = othersMayBeOpen
                ? await Db.Set<HumanTask>().Where(t => t.InstanceId == instance.Id && t.ActivityId == activity.Id && t.Status == TaskStatus.Open).ToListAsync(cancellationToken)
                : [];
            foreach (var open in openTasks)
            {
                if (open.Id != completedTask?.Id)
                {
                    open.Status = TaskStatus.Cancelled;
                    open.Revision++;
                }
            }

            var timersMayBePending = activity.Type == ActivityTypes.Timer || activity.Timers is { Count: > 0 };
            var pendingTimers = timersMayBePending
                ? await Db.Set<WorkflowTimer>().Where(t => t.InstanceId == instance.Id && t.ActivityId == activity.Id && t.Status == TimerStatus.Pending).ToListAsync(cancellationToken)
                : [];
            // The query matched the database; a timer this operation already fired is tracked as Fired and must stay so.
            foreach (var pending in pendingTimers.Where(t => t.Status == TimerStatus.Pending))
            {
                pending.Status = TimerStatus.Cancelled;
                pending.Revision++;
            }

            foreach (var pending in _scheduled.Where(t => t.ActivityId == activity.Id && t.Status == TimerStatus.Pending))
            {
                pending.Status = TimerStatus.Cancelled;
            }

            await MoveAsync(activity, port, outcome, reason, completedTask, receivedEvent);
        }

        private async Task MoveAsync(ActivityDefinition from, string port, string outcome, string? reason, HumanTask? completedTask, WorkflowEvent? receivedEvent)
        {
            var next = Definition.Next(from.Id, port) ?? throw new InvalidOperationException($"'{from.Id}' has no connection from its port '{port}'.");
            await EnterAsync(next, from.Id, outcome, reason, completedTask, receivedEvent);
        }

        private async Task<IReadOnlyList<HumanTask>> VisitTasksAsync(string? from, WorkflowInstance instance)
        {
            if (from is null)
            {
                return [];
            }

            var tasks = await Db.Set<HumanTask>().Where(t => t.InstanceId == instance.Id && t.ActivityId == from).ToListAsync(cancellationToken);
            tasks.AddRange(Db.ChangeTracker.Entries<HumanTask>().Where(e => e.State == EntityState.Added && e.Entity.ActivityId == from).Select(e => e.Entity));
            var lastVisit = tasks.Count == 0 ? 0 : tasks.Max(t => t.Visit);
            return [.. tasks.Where(t => t.Visit == lastVisit).DistinctBy(t => t.Id).OrderBy(t => t.Status).ThenBy(t => t.CompletedAt)];
        }

        private WorkflowContext Context(HumanTask? completedTask, WorkflowEvent? receivedEvent, IReadOnlyList<HumanTask> visitTasks) =>
            new(_instance!, _variables, Db, runtime.Services, actor, now, visitTasks, completedTask, receivedEvent);

        private HumanTask NewTask(ActivityDefinition stage, TaskDefinition task, int visit, string? assignee) => new()
        {
            InstanceId = Id,
            ActivityId = stage.Id,
            Visit = visit,
            TaskKey = task.Id,
            Name = task.Name,
            Role = task.Role,
            AssigneeUserId = assignee,
            Outcomes = string.Join('|', task.Outcomes),
            CreatedAt = now,
            DueAt = task.DueIn is { } due ? WorkflowDefinitionLoader.AddDuration(now, due, runtime.Calendar) : null,
        };

        private void AddTimer(string activityId, string key, string kind, DateTimeOffset due, int visit)
        {
            var timer = new WorkflowTimer { InstanceId = Id, ActivityId = activityId, Visit = visit, TimerKey = key, Kind = kind, DueAt = due };
            Db.Add(timer);
            _scheduled.Add(timer);
        }

        private void Consume(WorkflowEvent received, WorkflowInstance instance)
        {
            received.ConsumedAt = now;
            received.ConsumedByInstanceId = instance.Id;
            received.Revision++;
        }

        private void Log(string? from, string? to, string outcome, string? reason) => Db.Add(new WorkflowLogEntry
        {
            InstanceId = Id,
            Position = _instance is { } instance ? ++instance.LogLength : throw new InvalidOperationException("No workflow instance is loaded."),
            At = now,
            Actor = actor.Name,
            FromActivityId = from,
            ToActivityId = to,
            Outcome = outcome,
            Reason = reason is { Length: > 4000 } ? reason[..4000] : reason,
        });

        private void Touch(WorkflowInstance instance)
        {
            if (Db.Entry(instance).State == EntityState.Added)
            {
                return;
            }

            if (!Db.Entry(instance).Property(i => i.Revision).IsModified)
            {
                instance.Revision++;
            }

            instance.UpdatedAt = now;
        }

        private void SaveVariables()
        {
            if (_instance is not null)
            {
                _instance.WriteVariables(_variables);
            }
        }

        public async Task AfterCommitAsync()
        {
            // Timers are rows that the scheduled sweep fires when due; only one already due is worth a sweep now.
            if (_scheduled.Any(t => t.Status == TimerStatus.Pending && t.DueAt <= now))
            {
                runtime.SweepTrigger.SweepNow();
            }

            if (_instance is { Status: InstanceStatus.Running } instance && runtime.WaitsForAny(instance))
            {
                await runtime.DeliverPendingEventsAsync(instance.CorrelationId, cancellationToken);
            }
        }
    }

    private string Describe(DateTimeOffset instant) => options.DescribeInstant(instant);

    private bool WaitsForAny(WorkflowInstance instance) =>
        registry.Find(instance.DefinitionId, instance.DefinitionVersion)?.Root.Activities.FirstOrDefault(a => a.Id == instance.CurrentActivityId)?.Events is { Count: > 0 };
}

/// <summary>A pending timer moved to another instant: <see cref="TimerKey"/> and <see cref="From"/> are null for an instance not yet started, whose variable was changed.</summary>
public sealed record TimerMove(Guid InstanceId, string CorrelationId, string? TimerKey, DateTimeOffset? From, DateTimeOffset To);

/// <summary>A fault (not the person's doing) while running a workflow operation; recorded as an incident.</summary>
public sealed class WorkflowFaultException(string message, Exception inner) : Exception(message, inner);
