using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Commissioning.Workflows.Runtime;

namespace Commissioning.Workflows.Definitions;

/// <summary>
/// Reads every workflows/{definitionId}.v{version}.json, validates it against workflow-definition.schema.json beside
/// it, against the rules a schema cannot express (connections, ports, reachability, registered predicates and
/// actions) and against the host's contract for its id and version (the names the host's code relies on). The first
/// problem stops start-up with the file and the element named.
/// </summary>
public static partial class WorkflowDefinitionLoader
{
    public const string SchemaFileName = "workflow-definition.schema.json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static IReadOnlyList<WorkflowDefinition> LoadFolder(string folder, WorkflowHandlers handlers)
    {
        if (!Directory.Exists(folder))
        {
            throw new WorkflowDefinitionException(folder, "/", "the workflow definitions folder does not exist");
        }

        var schemaPath = Path.Combine(folder, SchemaFileName);
        if (!File.Exists(schemaPath))
        {
            throw new WorkflowDefinitionException(schemaPath, "/", "the JSON Schema for workflow definitions is missing");
        }

        var schema = WorkflowDefinitionSchema.Load(schemaPath);
        var definitions = Directory.GetFiles(folder, "*.json")
            .Where(f => !string.Equals(Path.GetFileName(f), SchemaFileName, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => Load(f, File.ReadAllText(f), schema, handlers))
            .ToList();
        var duplicate = definitions.GroupBy(d => d.Key).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new WorkflowDefinitionException(duplicate.Last().FileName, "/version", $"{duplicate.Key} is also defined in {duplicate.First().FileName}");
        }

        return definitions;
    }

    public static WorkflowDefinition Load(string path, string content, WorkflowDefinitionSchema schema, WorkflowHandlers handlers)
    {
        var file = Path.GetFileName(path);
        JsonNode? document;
        try
        {
            document = JsonNode.Parse(content);
        }
        catch (JsonException ex)
        {
            throw new WorkflowDefinitionException(file, $"line {ex.LineNumber + 1}", $"is not valid JSON: {ex.Message}");
        }

        var errors = schema.Validate(document);
        if (errors.Count > 0)
        {
            var (pointer, message) = errors[0];
            throw new WorkflowDefinitionException(file, pointer, message + (errors.Count > 1 ? $" (and {errors.Count - 1} more problem(s))" : string.Empty));
        }

        WorkflowDefinition definition;
        try
        {
            definition = JsonSerializer.Deserialize<WorkflowDefinition>(content, Json)!;
        }
        catch (JsonException ex)
        {
            throw new WorkflowDefinitionException(file, ex.Path ?? "/", ex.Message);
        }

        definition = definition with { FileName = file, ContentHash = Hash(content) };
        Check(definition, file, handlers);
        return definition;
    }

    public static string Hash(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content.ReplaceLineEndings("\n"))));

    /// <summary>
    /// A fixed-length ISO 8601 duration such as P14D or PT12H. Months and years have no fixed length (a month is not
    /// 30 days), so a duration counting them is refused here: use <see cref="AddDuration"/>.
    /// </summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var (months, rest) = Split(text);
        return months == 0 ? rest : throw new FormatException($"'{text}' counts months or years, which have no fixed length.");
    }

    /// <summary>The whole calendar months (years counted as 12) an ISO 8601 duration starts with: 3 for P3M, 12 for P1Y, 0 for P14D.</summary>
    public static int CalendarMonths(string text) => Split(text).Months;

    /// <summary>
    /// The instant a duration after <paramref name="from"/>: calendar months and years are added to the local date in
    /// <paramref name="calendar"/> (the day clamped to the month's end, the local time kept), then days and hours
    /// exactly. P3M from 15 October 10:00 is 15 January 10:00 local time, never 90 days.
    /// </summary>
    public static DateTimeOffset AddDuration(DateTimeOffset from, string duration, TimeZoneInfo calendar)
    {
        var (months, rest) = Split(duration);
        if (months == 0)
        {
            return from + rest;
        }

        var local = TimeZoneInfo.ConvertTime(from, calendar).DateTime.AddMonths(months);
        if (calendar.IsInvalidTime(local))
        {
            // Clocks went forward over this local time: the same moment an hour on.
            local = local.AddHours(1);
        }

        var offset = calendar.IsAmbiguousTime(local) ? calendar.GetAmbiguousTimeOffsets(local).Max() : calendar.GetUtcOffset(local);
        return new DateTimeOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), offset).ToUniversalTime() + rest;
    }

    private static (int Months, TimeSpan Exact) Split(string text)
    {
        var match = CalendarPart().Match(text);
        if (!match.Success)
        {
            throw new FormatException($"'{text}' is not an ISO 8601 duration.");
        }

        var months = (match.Groups["years"].Success ? int.Parse(match.Groups["years"].Value, System.Globalization.CultureInfo.InvariantCulture) * 12 : 0)
            + (match.Groups["months"].Success ? int.Parse(match.Groups["months"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0);
        var rest = match.Groups["rest"].Value;
        return (months, rest.Length == 0 ? TimeSpan.Zero : XmlConvert.ToTimeSpan("P" + rest));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^P(?:(?<years>[0-9]+)Y)?(?:(?<months>[0-9]+)M)?(?<rest>(?:[0-9]+W)?(?:[0-9]+D)?(?:T.+)?)$")]
    private static partial System.Text.RegularExpressions.Regex CalendarPart();

    private static void Check(WorkflowDefinition definition, string file, WorkflowHandlers handlers)
    {
        var expectedName = $"{definition.DefinitionId}.v{definition.Version}.json";
        if (!string.Equals(file, expectedName, StringComparison.Ordinal))
        {
            throw new WorkflowDefinitionException(file, "/definitionId", $"the file must be named {expectedName} after its definitionId and version");
        }

        var activities = definition.Root.Activities;
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < activities.Count; i++)
        {
            var activity = activities[i];
            var at = $"/root/activities/{i}";
            if (!ids.TryAdd(activity.Id, i))
            {
                throw new WorkflowDefinitionException(file, $"{at}/id", $"the activity id '{activity.Id}' is used twice");
            }

            CheckActivity(activity, at, file, handlers);
        }

        if (!ids.ContainsKey(definition.Root.Start))
        {
            throw new WorkflowDefinitionException(file, "/root/start", $"the start activity '{definition.Root.Start}' does not exist");
        }

        for (var i = 0; i < definition.Root.Connections.Count; i++)
        {
            var connection = definition.Root.Connections[i];
            var at = $"/root/connections/{i}";
            if (!ids.TryGetValue(connection.Source.Activity, out var source))
            {
                throw new WorkflowDefinitionException(file, $"{at}/source/activity", $"there is no activity '{connection.Source.Activity}'");
            }

            if (!ids.ContainsKey(connection.Target.Activity))
            {
                throw new WorkflowDefinitionException(file, $"{at}/target/activity", $"there is no activity '{connection.Target.Activity}'");
            }

            if (!activities[source].Ports().Contains(connection.Source.Port))
            {
                throw new WorkflowDefinitionException(file, $"{at}/source/port", $"'{connection.Source.Activity}' has no port '{connection.Source.Port}'; its ports are {string.Join(", ", activities[source].Ports())}");
            }
        }

        foreach (var (activity, index) in activities.Select((a, i) => (a, i)))
        {
            foreach (var port in activity.Ports())
            {
                var count = definition.Root.Connections.Count(c => c.Source.Activity == activity.Id && c.Source.Port == port);
                if (count != 1)
                {
                    throw new WorkflowDefinitionException(file, $"/root/activities/{index}", $"the port '{port}' of '{activity.Id}' must have exactly one connection; it has {count}");
                }
            }
        }

        var reached = new HashSet<string>(StringComparer.Ordinal) { definition.Root.Start };
        var queue = new Queue<string>([definition.Root.Start]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var next in definition.Root.Connections.Where(c => c.Source.Activity == current).Select(c => c.Target.Activity).Where(reached.Add))
            {
                queue.Enqueue(next);
            }
        }

        var unreachable = activities.Select((a, i) => (a, i)).FirstOrDefault(x => !reached.Contains(x.a.Id));
        if (unreachable.a is not null)
        {
            throw new WorkflowDefinitionException(file, $"/root/activities/{unreachable.i}", $"'{unreachable.a.Id}' cannot be reached from the start");
        }

        handlers.Contracts?.Check(definition, file);
    }

    private static void CheckActivity(ActivityDefinition activity, string at, string file, WorkflowHandlers handlers)
    {
        if (activity.OnEnter is { } action && !handlers.HasAction(action))
        {
            throw new WorkflowDefinitionException(file, $"{at}/onEnter", $"no action called '{action}' is registered");
        }

        switch (activity.Type)
        {
            case ActivityTypes.Decision when !handlers.HasPredicate(activity.Predicate!):
                throw new WorkflowDefinitionException(file, $"{at}/predicate", $"no predicate called '{activity.Predicate}' is registered");
            case ActivityTypes.Timer:
                CheckDuration(activity.After, $"{at}/after", file);
                break;
            case ActivityTypes.Stage:
                CheckStage(activity, at, file, handlers);
                break;
        }
    }

    private static void CheckStage(ActivityDefinition stage, string at, string file, WorkflowHandlers handlers)
    {
        var tasks = stage.Tasks ?? [];
        if (tasks.Count(t => t.MultiInstance is not null) > 0 && tasks.Count > 1)
        {
            throw new WorkflowDefinitionException(file, $"{at}/tasks", "a stage with a multi-instance task can have no other task");
        }

        for (var t = 0; t < tasks.Count; t++)
        {
            var task = tasks[t];
            CheckDuration(task.DueIn, $"{at}/tasks/{t}/dueIn", file);
            if (task.MultiInstance is { } multi)
            {
                if (multi.Count is null == multi.AssigneesVariable is null)
                {
                    throw new WorkflowDefinitionException(file, $"{at}/tasks/{t}/multiInstance", "give either count or assigneesVariable, not both");
                }

                if (multi.Completion == CompletionRules.Quorum && multi.Quorum is null)
                {
                    throw new WorkflowDefinitionException(file, $"{at}/tasks/{t}/multiInstance/quorum", "a Quorum completion rule needs the quorum (how many must complete)");
                }

                foreach (var replaced in multi.Replaced ?? [])
                {
                    if (!task.Outcomes.Contains(replaced))
                    {
                        throw new WorkflowDefinitionException(file, $"{at}/tasks/{t}/multiInstance/replaced", $"'{replaced}' is not one of the task's outcomes");
                    }
                }
            }
        }

        var timers = stage.Timers ?? [];
        for (var t = 0; t < timers.Count; t++)
        {
            var timer = timers[t];
            var where = $"{at}/timers/{t}";
            if (timer.After is null == timer.AtVariable is null)
            {
                throw new WorkflowDefinitionException(file, where, "give either after (a duration) or atVariable (an instant), not both");
            }

            CheckDuration(timer.After, $"{where}/after", file);
            if (timer.Kind == TimerKinds.Deadline && timer.Port is null)
            {
                throw new WorkflowDefinitionException(file, $"{where}/port", "a deadline needs the port it leaves through");
            }

            if (timer.Kind == TimerKinds.Reminder && timer.Port is not null)
            {
                throw new WorkflowDefinitionException(file, $"{where}/port", "a reminder stays in the stage and has no port");
            }

            if (timer.Action is { } action && !handlers.HasAction(action))
            {
                throw new WorkflowDefinitionException(file, $"{where}/action", $"no action called '{action}' is registered");
            }
        }
    }

    private static void CheckDuration(string? value, string at, string file)
    {
        if (value is null)
        {
            return;
        }

        try
        {
            var (months, rest) = Split(value);
            if (months < 0 || rest < TimeSpan.Zero || (months == 0 && rest == TimeSpan.Zero) || value == "P")
            {
                throw new FormatException();
            }
        }
        catch (FormatException)
        {
            throw new WorkflowDefinitionException(file, at, $"'{value}' is not a positive ISO 8601 duration such as P14D or PT12H");
        }
    }
}
