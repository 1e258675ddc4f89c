using System.Globalization;
using System.Text.Json.Nodes;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Workflows;
using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Web.Pages.Tasks;

/// <summary>
/// One task: what it is about, the instance's recent history, and the form to complete it with an outcome, the
/// inputs the definition asks for and a comment. Nothing is saved unless every answer is valid.
/// </summary>
[Authorize]
public sealed class DetailsModel(CommissioningDbContext db, WorkflowRegistry registry, CompleteTask complete, TimeProvider clock) : PageModel
{
    public const int MaxTextLength = TaskInputRules.MaxTextLength;

    public const int HistoryLength = 10;

    public HumanTask Current { get; private set; } = new();

    public WorkflowInstance Instance { get; private set; } = new();

    public WorkflowDefinition? Definition { get; private set; }

    public WorkflowSubject About { get; private set; } = new(string.Empty, string.Empty, null, null);

    public IReadOnlyList<TaskInput> Inputs { get; private set; } = [];

    public IReadOnlyList<HistoryRow> History { get; private set; } = [];

    public bool AssignedToMe { get; private set; }

    public DateTimeOffset Now { get; private set; }

    [BindProperty]
    public string? Outcome { get; set; }

    [BindProperty]
    public string? Comment { get; set; }

    /// <summary>What the person typed in each input, by input name, shown again when the form has errors.</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    [TempData]
    public string? Notice { get; set; }

    public static string FieldId(TaskInput input) => $"Input_{input.Name}";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, answering: false, cancellationToken))
        {
            return NotFound();
        }

        return Current.ForTaskId is null ? Page() : Redirect(TaskInbox.HrefOf(Current));
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, answering: true, cancellationToken))
        {
            return NotFound();
        }

        if (Current.ForTaskId is not null)
        {
            return Redirect(TaskInbox.HrefOf(Current));
        }

        var outcome = Outcome?.Trim();
        if (string.IsNullOrEmpty(outcome))
        {
            ModelState.AddModelError(nameof(Outcome), "Select an outcome");
        }
        else if (!Current.OutcomeList.Contains(outcome, StringComparer.Ordinal))
        {
            ModelState.AddModelError(nameof(Outcome), "Select one of the outcomes listed");
            outcome = null;
        }

        var data = ReadInputs(outcome);
        if (Comment is { Length: > MaxTextLength })
        {
            ModelState.AddModelError(nameof(Comment), $"Your comment must be {WorkflowWords.Number(MaxTextLength)} characters or fewer");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await complete.RunAsync(id, outcome!, WorkflowPeople.ActorFor(User), Comment, data.Count == 0 ? null : data, cancellationToken) is CompleteTask.Refused refused)
        {
            ModelState.AddModelError(string.Empty, refused.Message);
            await LoadAsync(id, answering: true, cancellationToken);
            return Page();
        }

        Notice = $"You completed ‘{Current.Name}’ with the outcome ‘{WorkflowWords.Humanise(outcome)}’.";
        return RedirectToPage("/Tasks/Index");
    }

    /// <summary>Checks each input against its type, its range and the outcomes it is required for; returns the valid values.</summary>
    private JsonObject ReadInputs(string? outcome)
    {
        var data = new JsonObject();
        foreach (var input in Inputs)
        {
            var key = FieldId(input);
            var raw = Request.Form[key].ToString().Trim();
            Values[input.Name] = raw;
            if (raw.Length == 0)
            {
                if (outcome is not null && (input.RequiredFor ?? []).Contains(outcome, StringComparer.Ordinal))
                {
                    ModelState.AddModelError(key, $"Enter {WorkflowWords.LowerFirst(input.Label)} – it is needed when the outcome is ‘{WorkflowWords.Humanise(outcome)}’");
                }

                continue;
            }

            switch (input.Type)
            {
                case TaskInputTypes.WholeNumber:
                    var digits = raw.Replace(",", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
                    if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                    {
                        ModelState.AddModelError(key, $"{input.Label} must be a whole number, like 15");
                    }
                    else if (OutOfRange(number, input) is { } range)
                    {
                        ModelState.AddModelError(key, $"{input.Label} must be {range}");
                    }
                    else
                    {
                        data[input.Name] = number;
                    }

                    break;
                case TaskInputTypes.Money:
                    if (!Money.TryParse(raw, out var money, out var error))
                    {
                        ModelState.AddModelError(key, $"{input.Label}: {WorkflowWords.LowerFirst(error!)}");
                    }
                    else if (OutOfRange(money.Pence, input, pence => Money.FromPence(pence).ToString()) is { } range)
                    {
                        ModelState.AddModelError(key, $"{input.Label} must be {range}");
                    }
                    else
                    {
                        data[input.Name] = money.Pence;
                    }

                    break;
                default:
                    if (raw.Length > MaxTextLength)
                    {
                        ModelState.AddModelError(key, $"{input.Label} must be {WorkflowWords.Number(MaxTextLength)} characters or fewer");
                    }
                    else
                    {
                        data[input.Name] = raw;
                    }

                    break;
            }
        }

        return data;
    }

    /// <summary>The allowed range in words if the value is outside it; limits of money inputs are in pence, like the stored value.</summary>
    private static string? OutOfRange(long value, TaskInput input, Func<long, string>? format = null)
    {
        format ??= WorkflowWords.Number;
        return (input.Minimum, input.Maximum) switch
        {
            ({ } min, { } max) when value < min || value > max => $"between {format(min)} and {format(max)}",
            ({ } min, null) when value < min => $"{format(min)} or more",
            (null, { } max) when value > max => $"{format(max)} or less",
            _ => null,
        };
    }

    private async Task<bool> LoadAsync(Guid id, bool answering, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var actor = WorkflowPeople.ActorFor(User);
        var task = await db.Set<HumanTask>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null || !TaskInbox.MaySee(task, actor, answering))
        {
            return false;
        }

        Current = task;
        AssignedToMe = task.AssigneeUserId is not null && task.AssigneeUserId == actor.UserId;
        Instance = await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.Id == task.InstanceId, cancellationToken);
        Definition = registry.Find(Instance.DefinitionId, Instance.DefinitionVersion);
        Inputs = Definition?.Root.Activities.FirstOrDefault(a => a.Id == task.ActivityId)?.Tasks?.FirstOrDefault(t => t.Id == task.TaskKey)?.Inputs ?? [];
        var applications = await WorkflowSubject.ApplicationsAsync(db, [Instance.CorrelationId], cancellationToken);
        About = WorkflowSubject.For(registry, Instance.DefinitionId, Instance.DefinitionVersion, Instance.CorrelationId, applications);
        var log = await db.Set<WorkflowLogEntry>().AsNoTracking()
            .Where(l => l.InstanceId == Instance.Id)
            .OrderByDescending(l => l.Position)
            .Take(HistoryLength)
            .ToListAsync(cancellationToken);
        History = log.Select(l => new HistoryRow(l.At, l.Actor, Describe(l))).ToList();
        return true;
    }

    public bool IsOpen => Current.Status == TaskStatus.Open;

    private string Describe(WorkflowLogEntry entry)
    {
        var outcome = WorkflowWords.Humanise(entry.Outcome);
        var move = entry.FromActivityId is null ? $"Started at ‘{WorkflowWords.ActivityName(Definition, entry.ToActivityId)}’"
            : entry.FromActivityId == entry.ToActivityId ? $"{outcome} at ‘{WorkflowWords.ActivityName(Definition, entry.ToActivityId)}’"
            : $"{outcome}: from ‘{WorkflowWords.ActivityName(Definition, entry.FromActivityId)}’ to ‘{WorkflowWords.ActivityName(Definition, entry.ToActivityId)}’";
        return entry.Reason is null ? move : $"{move} ({entry.Reason})";
    }

    public sealed record HistoryRow(DateTimeOffset At, string Actor, string What);
}
