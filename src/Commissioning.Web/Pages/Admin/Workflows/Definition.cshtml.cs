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

/// <summary>One definition version drawn as a flowchart, with the same information as a table beside it.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class DefinitionModel(CommissioningDbContext db, WorkflowRegistry registry) : PageModel
{
    public WorkflowDefinition Definition { get; private set; } = null!;

    public FlowchartDrawing Drawing { get; private set; } = null!;

    public IReadOnlyList<ActivityRow> Activities { get; private set; } = [];

    public IReadOnlyDictionary<InstanceStatus, int> Counts { get; private set; } = new Dictionary<InstanceStatus, int>();

    public async Task<IActionResult> OnGetAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        if (registry.Find(definitionId, version) is not { } definition)
        {
            return NotFound();
        }

        Definition = definition;
        Drawing = FlowchartSvg.Draw(definition, "flowchart");
        var back = Drawing.Edges.Where(e => e.IsBack).Select(e => e.Connection).ToHashSet();
        Activities = [.. definition.Root.Activities.Select(a => new ActivityRow(
            a.Id,
            a.Name,
            WorkflowWords.TypeName(a.Type),
            a.Id == definition.Root.Start,
            Details(a),
            [.. definition.Root.Connections.Where(c => c.Source.Activity == a.Id)
                .Select(c => new Lead(WorkflowWords.Humanise(c.Source.Port), WorkflowWords.ActivityName(definition, c.Target.Activity), back.Contains(c)))]))];
        Counts = await db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.DefinitionId == definitionId && i.DefinitionVersion == version)
            .GroupBy(i => i.Status)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return Page();
    }

    public int Count(InstanceStatus status) => Counts.GetValueOrDefault(status);

    private static IReadOnlyList<string> Details(ActivityDefinition activity)
    {
        var details = new List<string>();
        if (activity.Description is { Length: > 0 } description)
        {
            details.Add(description);
        }

        if (activity.OnEnter is { } action)
        {
            details.Add($"On entering: runs ‘{action}’.");
        }

        switch (activity.Type)
        {
            case ActivityTypes.Decision:
                details.Add($"Decided by the rule ‘{activity.Predicate}’: leaves by True or False.");
                break;
            case ActivityTypes.Timer:
                details.Add($"Waits {WorkflowWords.Duration(activity.After)}, then leaves by Elapsed.");
                break;
            case ActivityTypes.End:
                details.Add($"Ends the workflow with the outcome ‘{activity.Outcome}’.");
                break;
        }

        foreach (var task in activity.Tasks ?? [])
        {
            var text = $"Task ‘{task.Name}’ for {Roles.Describe(task.Role).ToLowerInvariant()}";
            if (task.AssigneeVariable is { } assignee)
            {
                text += $", given to the person in ‘{assignee}’";
            }

            if (task.DueIn is { } due)
            {
                text += $", due in {WorkflowWords.Duration(due)}";
            }

            text += $". Outcomes: {string.Join(", ", task.Outcomes.Select(WorkflowWords.Humanise))}.";
            if (task.MultiInstance is { } multi)
            {
                var copies = multi.AssigneesVariable is { } people ? $"one copy per person in ‘{people}’" : $"{multi.Count} copies";
                var rule = multi.Completion == CompletionRules.Quorum ? $"once {multi.Quorum} are complete" : "once all are complete";
                text += $" Multi-instance: {copies}; leaves by {WorkflowWords.Humanise(multi.Port)} {rule}.";
                if (multi.Replaced is { Count: > 0 } replaced)
                {
                    text += $" {string.Join(", ", replaced.Select(WorkflowWords.Humanise))} does not count: a new copy replaces the task.";
                }
            }

            foreach (var input in task.Inputs ?? [])
            {
                var kind = input.Type switch
                {
                    TaskInputTypes.WholeNumber => "whole number",
                    TaskInputTypes.Money => "amount of money",
                    _ => "text",
                };
                var range = input.Minimum is null && input.Maximum is null ? string.Empty : $" from {input.Minimum?.ToString() ?? "any"} to {input.Maximum?.ToString() ?? "any"}";
                var needed = input.RequiredFor is { Count: > 0 } required ? $", needed for {string.Join(" or ", required.Select(WorkflowWords.Humanise))}" : ", optional";
                text += $" Asks for ‘{input.Label}’ ({kind}{range}{needed}).";
            }

            details.Add(text);
        }

        foreach (var timer in activity.Timers ?? [])
        {
            var when = timer.After is { } after ? $"after {WorkflowWords.Duration(after)}" : $"at the time in ‘{timer.AtVariable}’";
            details.Add(timer.Kind == TimerKinds.Reminder
                ? $"Reminder ‘{timer.Id}’ {when}{(timer.Action is { } run ? $", runs ‘{run}’" : string.Empty)}; the stage is not left."
                : $"Deadline ‘{timer.Id}’ {when}: leaves by {WorkflowWords.Humanise(timer.Port)}{(timer.Action is { } run2 ? $", runs ‘{run2}’" : string.Empty)}.");
        }

        foreach (var waiting in activity.Events ?? [])
        {
            details.Add($"Waits for the event ‘{waiting.Event}’: leaves by {WorkflowWords.Humanise(waiting.Port)}.");
        }

        return details;
    }

    public sealed record ActivityRow(string Id, string Name, string Type, bool IsStart, IReadOnlyList<string> Details, IReadOnlyList<Lead> Leads);

    public sealed record Lead(string Port, string Target, bool IsBack);
}
