using System.Text.Json;
using System.Text.Json.Nodes;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Workflows;
using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Workflows;

/// <summary>Everything about one instance: its pinned version, state, variables, tasks, timers, incidents and full execution log.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class InstanceModel(CommissioningDbContext db, WorkflowRegistry registry) : PageModel
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public WorkflowInstance Instance { get; private set; } = new();

    public WorkflowDefinition? Definition { get; private set; }

    public WorkflowSubject About { get; private set; } = new(string.Empty, string.Empty, null, null);

    public IReadOnlyList<(string Name, string Value)> Variables { get; private set; } = [];

    public IReadOnlyList<HumanTask> Tasks { get; private set; } = [];

    public IReadOnlyList<WorkflowTimer> Timers { get; private set; } = [];

    public IReadOnlyList<WorkflowIncident> Incidents { get; private set; } = [];

    public IReadOnlyList<WorkflowLogEntry> Log { get; private set; } = [];

    /// <summary>Email addresses of the people tasks are assigned to, by user id.</summary>
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Set<WorkflowInstance>().AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, cancellationToken) is not { } instance)
        {
            return NotFound();
        }

        Instance = instance;
        Definition = registry.Find(instance.DefinitionId, instance.DefinitionVersion);
        var applications = await WorkflowSubject.ApplicationsAsync(db, [instance.CorrelationId], cancellationToken);
        About = WorkflowSubject.For(registry, instance.DefinitionId, instance.DefinitionVersion, instance.CorrelationId, applications);
        Variables = [.. instance.ReadVariables().OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => (v.Key, Show(v.Value)))];
        Tasks = await db.Set<HumanTask>().AsNoTracking().Where(t => t.InstanceId == id).OrderBy(t => t.CreatedAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        Timers = await db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.InstanceId == id).OrderBy(t => t.DueAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);
        Incidents = await db.Set<WorkflowIncident>().AsNoTracking().Where(i => i.InstanceId == id).OrderByDescending(i => i.At).ToListAsync(cancellationToken);
        Log = await db.Set<WorkflowLogEntry>().AsNoTracking().Where(l => l.InstanceId == id).OrderBy(l => l.Position).ThenBy(l => l.At).ThenBy(l => l.Id).ToListAsync(cancellationToken);
        var assignees = Tasks.Select(t => t.AssigneeUserId).OfType<string>().Distinct().ToList();
        People = await db.Users.AsNoTracking().Where(u => assignees.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, cancellationToken);
        return Page();
    }

    public string Activity(string? activityId) => WorkflowWords.ActivityName(Definition, activityId);

    /// <summary>What the person entered with the outcome, labelled as the definition labels the inputs; money in pounds.</summary>
    public IReadOnlyList<(string Label, string Value)> Answers(HumanTask task)
    {
        if (task.Data is null || JsonNode.Parse(task.Data) is not JsonObject data)
        {
            return [];
        }

        var inputs = Definition?.Root.Activities.FirstOrDefault(a => a.Id == task.ActivityId)?.Tasks?.FirstOrDefault(t => t.Id == task.TaskKey)?.Inputs ?? [];
        return [.. data.Select(pair =>
        {
            var input = inputs.FirstOrDefault(i => i.Name == pair.Key);
            var value = input?.Type == TaskInputTypes.Money && pair.Value is JsonValue pence && pence.TryGetValue<long>(out var amount)
                ? Money.FromPence(amount).ToString()
                : Show(pair.Value);
            return (input?.Label ?? pair.Key, value);
        })];
    }

    public string Person(string? userId) => userId is null ? "Anyone in the role" : People.GetValueOrDefault(userId, userId);

    private static string Show(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(Indented),
    };
}
