using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Pointer;
using Json.Schema;

namespace Commissioning.Workflows.Definitions;

/// <summary>
/// The JSON Schema for workflow definitions (draft 2020-12), evaluated by JsonSchema.Net with format validation on.
/// Problems are reported as (JSON pointer, message) in the project's own words. Where a <c>oneOf</c> or <c>anyOf</c>
/// fails, only the branch the definition was evidently written for is reported: branches that fail on a
/// <c>const</c> or <c>enum</c> below the combination (the activity's <c>type</c>, say) are set aside, and of the
/// rest the one with the fewest problems, then the one whose problem lies deepest, is taken.
/// </summary>
public sealed class WorkflowDefinitionSchema
{
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.Hierarchical, RequireFormatValidation = true };

    private readonly JsonSchema _schema;

    private readonly JsonNode _schemaDocument;

    private WorkflowDefinitionSchema(JsonSchema schema, JsonNode schemaDocument)
    {
        _schema = schema;
        _schemaDocument = schemaDocument;
    }

    public static WorkflowDefinitionSchema Load(string path)
    {
        var text = File.ReadAllText(path);
        var document = JsonNode.Parse(text) as JsonObject ?? throw new InvalidOperationException($"{path} is not a JSON Schema object.");

        // Each load gets its own registry, so the schema's $id can be registered again (tests load it many times).
        var schema = JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        return new WorkflowDefinitionSchema(schema, document);
    }

    /// <summary>Every problem found, each as (JSON pointer, message); empty when the document is valid.</summary>
    public IReadOnlyList<(string Pointer, string Message)> Validate(JsonNode? document)
    {
        var results = _schema.Evaluate(JsonSerializer.SerializeToElement(document), Options);
        if (results.IsValid)
        {
            return [];
        }

        var problems = Collect(results, document).Distinct().ToList();
        if (problems.Count == 0)
        {
            problems.Add(new Problem("/", string.Empty, "does not match the workflow definition format"));
        }

        return [.. problems.Select(p => (p.Pointer, p.Message))];
    }

    private List<Problem> Collect(EvaluationResults node, JsonNode? document)
    {
        var problems = new List<Problem>();
        if (node.IsValid)
        {
            return problems;
        }

        var pointer = Display(node.InstanceLocation);
        var schema = SchemaAt(node.SchemaLocation);
        var value = node.InstanceLocation.TryEvaluate(document, out var found) ? found : null;
        foreach (var (keyword, libraryMessage) in node.Errors ?? [])
        {
            problems.AddRange(Describe(node, keyword, libraryMessage, schema, value, pointer));
        }

        var children = (node.Details ?? []).GroupBy(child => KeywordUnder(node, child)).ToList();
        foreach (var group in children)
        {
            switch (group.Key)
            {
                case "if":
                    // A failed condition is not a problem: it only chooses between then and else.
                    break;
                case "not":
                    // A schema under "not" that fails is what was wanted; one that passes is the problem.
                    if (group.Any(c => c.IsValid))
                    {
                        problems.Add(new Problem(pointer, "not", NotAllowed(schema, value)));
                    }

                    break;
                case "anyOf" or "oneOf":
                    problems.AddRange(Combination(node, group.Key, [.. group], document, pointer));
                    break;
                default:
                    foreach (var child in group.Where(c => !c.IsValid))
                    {
                        problems.AddRange(Collect(child, document));
                    }

                    break;
            }
        }

        return problems;
    }

    private List<Problem> Combination(EvaluationResults node, string keyword, List<EvaluationResults> branches, JsonNode? document, string pointer)
    {
        var matching = branches.Count(b => b.IsValid);
        if (keyword == "oneOf" && matching > 1)
        {
            return [new Problem(pointer, keyword, "matches more than one of the allowed forms")];
        }

        if (matching > 0)
        {
            return [];
        }

        var depth = node.InstanceLocation.SegmentCount;
        var relevant = branches
            .Select(branch => Collect(branch, document))
            .Where(found => found.Count > 0 && !found.Any(p => p.Keyword is "const" or "enum" && p.Depth > depth))
            .OrderBy(found => found.Count)
            .ThenByDescending(found => found.Max(p => p.Depth))
            .FirstOrDefault();
        return relevant ?? [new Problem(pointer, keyword, "matches none of the allowed forms")];
    }

    private static IEnumerable<Problem> Describe(EvaluationResults node, string keyword, string libraryMessage, JsonObject? schema, JsonNode? value, string pointer)
    {
        switch (keyword)
        {
            case "" when LastSegment(node.EvaluationPath) == "additionalProperties":
                yield return new Problem(Display(node.InstanceLocation.GetParent(1) ?? JsonPointer.Empty), "additionalProperties", $"the property '{LastSegment(node.InstanceLocation)}' is not part of the definition format");
                break;
            case "":
                yield return new Problem(pointer, keyword, "is not allowed here");
                break;
            case "required":
                var present = value as JsonObject;
                foreach (var name in (schema?["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Where(r => present?.ContainsKey(r) != true))
                {
                    yield return new Problem(pointer, keyword, $"the required property '{name}' is missing");
                }

                break;
            case "type":
                yield return new Problem(pointer, keyword, $"must be {DescribeType(schema?["type"])}, not {KindOf(value)}");
                break;
            case "enum":
                var options = schema?["enum"] as JsonArray ?? [];
                yield return new Problem(pointer, keyword, $"must be one of {string.Join(", ", options.Select(o => o?.ToJsonString()))}; it is {Json(value)}");
                break;
            case "const":
                yield return new Problem(pointer, keyword, $"must be {Json(schema?["const"])}; it is {Json(value)}");
                break;
            case "pattern":
                yield return new Problem(pointer, keyword, $"'{Text(value)}' does not match the pattern {schema?["pattern"]}");
                break;
            case "format":
                yield return new Problem(pointer, keyword, $"'{Text(value)}' is not a valid {schema?["format"]}");
                break;
            case "minLength":
                yield return new Problem(pointer, keyword, $"must be at least {schema?["minLength"]} character(s) long");
                break;
            case "minItems":
                yield return new Problem(pointer, keyword, $"needs at least {schema?["minItems"]} item(s)");
                break;
            case "minimum":
                yield return new Problem(pointer, keyword, $"must be at least {schema?["minimum"]}");
                break;
            case "maximum":
                yield return new Problem(pointer, keyword, $"must be at most {schema?["maximum"]}");
                break;
            default:
                yield return new Problem(pointer, keyword, libraryMessage);
                break;
        }
    }

    /// <summary>For the schema's "not": { "anyOf": [ { "required": ["x"] }, ... ] }, names the properties that may not be there.</summary>
    private static string NotAllowed(JsonObject? schema, JsonNode? value)
    {
        var forbidden = (schema?["not"]?["anyOf"] as JsonArray ?? [])
            .Select(branch => branch?["required"] is JsonArray { Count: 1 } required ? required[0]!.GetValue<string>() : null)
            .Where(name => name is not null && value is JsonObject obj && obj.ContainsKey(name))
            .ToList();
        return forbidden.Count == 0 ? "has a form that is not allowed" : $"may not have {string.Join(" or ", forbidden.Select(f => $"'{f}'"))} here";
    }

    /// <summary>The keyword of the parent's schema that a nested result was evaluated under ("properties", "oneOf", ...).</summary>
    private static string KeywordUnder(EvaluationResults parent, EvaluationResults child)
    {
        var rest = child.EvaluationPath.ToString()[parent.EvaluationPath.ToString().Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        return rest.Length == 0 ? string.Empty : Unescape(rest[0]);
    }

    private static string LastSegment(JsonPointer pointer) => pointer.SegmentCount == 0 ? string.Empty : Unescape(pointer.ToString()[(pointer.ToString().LastIndexOf('/') + 1)..]);

    private JsonObject? SchemaAt(Uri location)
    {
        var fragment = Uri.UnescapeDataString(location.Fragment.TrimStart('#'));
        return fragment.Length == 0 ? _schemaDocument as JsonObject
            : JsonPointer.Parse(fragment).TryEvaluate(_schemaDocument, out var node) ? node as JsonObject : null;
    }

    private static string DescribeType(JsonNode? type) => type switch
    {
        JsonArray types => string.Join(" or ", types.Select(t => Article(t!.GetValue<string>()))),
        JsonValue single => Article(single.GetValue<string>()),
        _ => "another type",
    };

    private static string Article(string type) => type switch { "object" or "array" or "integer" => $"an {type}", "null" => "null", _ => $"a {type}" };

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch { JsonValueKind.String => "a string", JsonValueKind.Number => "a number", _ => "a boolean" },
        _ => "something else",
    };

    private static string Json(JsonNode? value) => value?.ToJsonString() ?? "null";

    private static string Text(JsonNode? value) => value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : Json(value);

    private static string Unescape(string segment) => segment.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);

    private static string Display(JsonPointer pointer) => pointer.SegmentCount == 0 ? "/" : pointer.ToString();

    private sealed record Problem(string Pointer, string Keyword, string Message)
    {
        public int Depth => Pointer == "/" ? 0 : Pointer.Count(c => c == '/');
    }
}
