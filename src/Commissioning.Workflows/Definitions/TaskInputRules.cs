using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Commissioning.Workflows.Definitions;

/// <summary>
/// What the engine accepts as a task's inputs, whoever completes it (a page, a job, a test): only the inputs the task
/// defines, each of its type and within its range, and every input the outcome needs. Pages parse what people type
/// and say what to fix field by field; the engine checks the values again before anything is saved.
/// </summary>
public static class TaskInputRules
{
    /// <summary>The longest text input, in characters.</summary>
    public const int MaxTextLength = 4000;

    /// <summary>What is wrong with <paramref name="data"/> for this task and outcome, in words; empty when nothing is.</summary>
    public static IReadOnlyList<string> Problems(TaskDefinition task, string outcome, JsonObject? data)
    {
        var problems = new List<string>();
        var inputs = task.Inputs ?? [];
        foreach (var (name, _) in data ?? [])
        {
            if (!inputs.Any(i => i.Name == name))
            {
                problems.Add($"'{task.Name}' has no input called '{name}'.");
            }
        }

        foreach (var input in inputs)
        {
            var value = data?[input.Name];
            if (value is null)
            {
                if ((input.RequiredFor ?? []).Contains(outcome, StringComparer.Ordinal))
                {
                    problems.Add($"{input.Label} is needed when the outcome is '{outcome}'.");
                }

                continue;
            }

            if (input.Type is TaskInputTypes.WholeNumber or TaskInputTypes.Money)
            {
                if (value.GetValueKind() != JsonValueKind.Number || !long.TryParse(value.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    problems.Add($"{input.Label} must be a whole number{(input.Type == TaskInputTypes.Money ? " of pence" : string.Empty)}.");
                }
                else if ((input.Minimum is { } min && number < min) || (input.Maximum is { } max && number > max))
                {
                    problems.Add($"{input.Label} must be {Range(input)}.");
                }
            }
            else if (value.GetValueKind() != JsonValueKind.String)
            {
                problems.Add($"{input.Label} must be text.");
            }
            else if (value.GetValue<string>() is var text && (text.Trim().Length == 0 || text.Length > MaxTextLength))
            {
                problems.Add(text.Trim().Length == 0 ? $"{input.Label} cannot be blank." : $"{input.Label} must be {MaxTextLength:N0} characters or fewer.");
            }
        }

        return problems;
    }

    private static string Range(TaskInput input) => (input.Minimum, input.Maximum) switch
    {
        ({ } min, { } max) => $"between {min:N0} and {max:N0}",
        ({ } min, null) => $"{min:N0} or more",
        (null, { } max) => $"{max:N0} or less",
        _ => "in range",
    };
}
