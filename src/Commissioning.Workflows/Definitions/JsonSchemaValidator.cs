using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Commissioning.Workflows.Definitions;

/// <summary>
/// Validates a JSON document against a JSON Schema (draft 2020-12), for the keywords workflow definitions use:
/// type, properties, required, additionalProperties, items, minItems, enum, const, pattern, minLength, minimum,
/// maximum, $ref to local $defs, allOf, anyOf, oneOf, not, if/then/else. Any other keyword in the schema is an
/// error, so the schema never silently says more than is checked. Errors carry a JSON pointer to the element.
/// </summary>
public sealed class JsonSchemaValidator
{
    private static readonly HashSet<string> Supported =
    [
        "$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default",
        "type", "properties", "required", "additionalProperties", "items", "minItems", "enum", "const", "pattern",
        "minLength", "minimum", "maximum", "$ref", "allOf", "anyOf", "oneOf", "not", "if", "then", "else",
    ];

    private readonly JsonObject _root;

    public JsonSchemaValidator(JsonObject schema)
    {
        _root = schema;
        CheckKeywords(schema, "#");
    }

    public static JsonSchemaValidator Load(string path) =>
        new(JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidOperationException($"{path} is not a JSON Schema object."));

    /// <summary>Every problem found, each as (JSON pointer, message).</summary>
    public IReadOnlyList<(string Pointer, string Message)> Validate(JsonNode? document)
    {
        var errors = new List<(string, string)>();
        Check(_root, document, string.Empty, errors);
        return errors;
    }

    private void Check(JsonNode? schemaNode, JsonNode? value, string pointer, List<(string, string)> errors)
    {
        if (schemaNode is JsonValue boolean && boolean.TryGetValue<bool>(out var allowed))
        {
            if (!allowed)
            {
                errors.Add((Display(pointer), "is not allowed here"));
            }

            return;
        }

        if (schemaNode is not JsonObject schema)
        {
            return;
        }

        if (schema["$ref"] is JsonValue reference)
        {
            Check(Resolve(reference.GetValue<string>()), value, pointer, errors);
        }

        if (schema["type"] is { } type && !MatchesType(type, value))
        {
            errors.Add((Display(pointer), $"must be {Describe(type)}, not {KindOf(value)}"));
            return;
        }

        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
        {
            errors.Add((Display(pointer), $"must be one of {string.Join(", ", options.Select(o => o?.ToJsonString()))}; it is {value?.ToJsonString() ?? "null"}"));
        }

        if (schema.ContainsKey("const") && !JsonNode.DeepEquals(schema["const"], value))
        {
            errors.Add((Display(pointer), $"must be {schema["const"]?.ToJsonString()}; it is {value?.ToJsonString() ?? "null"}"));
        }

        switch (value)
        {
            case JsonObject obj:
                CheckObject(schema, obj, pointer, errors);
                break;
            case JsonArray array:
                if (schema["minItems"] is JsonValue minItems && array.Count < minItems.GetValue<int>())
                {
                    errors.Add((Display(pointer), $"needs at least {minItems.GetValue<int>()} item(s)"));
                }

                if (schema["items"] is { } itemSchema)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Check(itemSchema, array[i], $"{pointer}/{i}", errors);
                    }
                }

                break;
            case JsonValue scalar when scalar.GetValueKind() == JsonValueKind.String:
                var text = scalar.GetValue<string>();
                if (schema["minLength"] is JsonValue minLength && text.Length < minLength.GetValue<int>())
                {
                    errors.Add((Display(pointer), $"must be at least {minLength.GetValue<int>()} character(s) long"));
                }

                if (schema["pattern"] is JsonValue pattern && !Regex.IsMatch(text, pattern.GetValue<string>(), RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    errors.Add((Display(pointer), $"'{text}' does not match the pattern {pattern.GetValue<string>()}"));
                }

                break;
            case JsonValue number when number.GetValueKind() == JsonValueKind.Number:
                var n = number.GetValue<decimal>();
                if (schema["minimum"] is JsonValue minimum && n < minimum.GetValue<decimal>())
                {
                    errors.Add((Display(pointer), $"must be at least {minimum.GetValue<decimal>()}"));
                }

                if (schema["maximum"] is JsonValue maximum && n > maximum.GetValue<decimal>())
                {
                    errors.Add((Display(pointer), $"must be at most {maximum.GetValue<decimal>()}"));
                }

                break;
        }

        CheckCombinations(schema, value, pointer, errors);
    }

    private void CheckObject(JsonObject schema, JsonObject obj, string pointer, List<(string, string)> errors)
    {
        foreach (var required in (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).Where(r => !obj.ContainsKey(r)))
        {
            errors.Add((Display(pointer), $"the required property '{required}' is missing"));
        }

        var properties = schema["properties"] as JsonObject;
        foreach (var (name, child) in obj)
        {
            if (properties?[name] is { } propertySchema)
            {
                Check(propertySchema, child, $"{pointer}/{Escape(name)}", errors);
            }
            else if (schema["additionalProperties"] is { } additional)
            {
                if (additional is JsonValue flag && flag.TryGetValue<bool>(out var permitted) && !permitted)
                {
                    errors.Add(($"{Display(pointer)}", $"the property '{name}' is not part of the definition format"));
                }
                else
                {
                    Check(additional, child, $"{pointer}/{Escape(name)}", errors);
                }
            }
        }
    }

    private void CheckCombinations(JsonObject schema, JsonNode? value, string pointer, List<(string, string)> errors)
    {
        foreach (var part in schema["allOf"] as JsonArray ?? [])
        {
            Check(part, value, pointer, errors);
        }

        if (schema["anyOf"] is JsonArray anyOf && !anyOf.Any(part => Passes(part, value, pointer)))
        {
            var attempts = anyOf.Select(part => Errors(part, value, pointer).FirstOrDefault()).Where(e => e != default).Select(e => $"{e.Item1}: {e.Item2}");
            errors.Add((Display(pointer), $"matches none of the allowed forms ({string.Join("; or ", attempts)})"));
        }

        if (schema["oneOf"] is JsonArray oneOf)
        {
            var matches = oneOf.Count(part => Passes(part, value, pointer));
            if (matches != 1)
            {
                errors.Add((Display(pointer), matches == 0 ? "matches none of the allowed forms" : "matches more than one of the allowed forms"));
            }
        }

        if (schema["not"] is { } not && Passes(not, value, pointer))
        {
            errors.Add((Display(pointer), "has a form that is not allowed"));
        }

        if (schema["if"] is { } condition)
        {
            var branch = Passes(condition, value, pointer) ? schema["then"] : schema["else"];
            if (branch is not null)
            {
                Check(branch, value, pointer, errors);
            }
        }
    }

    private bool Passes(JsonNode? schema, JsonNode? value, string pointer) => Errors(schema, value, pointer).Count == 0;

    private List<(string, string)> Errors(JsonNode? schema, JsonNode? value, string pointer)
    {
        var errors = new List<(string, string)>();
        Check(schema, value, pointer, errors);
        return errors;
    }

    private JsonNode Resolve(string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Only local references are supported; '{reference}' is not local.");
        }

        JsonNode? node = _root;
        foreach (var part in reference[2..].Split('/'))
        {
            node = node?[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)];
        }

        return node ?? throw new InvalidOperationException($"The schema reference '{reference}' points at nothing.");
    }

    private static void CheckKeywords(JsonNode? node, string path)
    {
        if (node is not JsonObject schema)
        {
            return;
        }

        foreach (var (keyword, child) in schema)
        {
            if (!Supported.Contains(keyword))
            {
                throw new InvalidOperationException($"The schema keyword '{keyword}' at {path} is not supported by this validator.");
            }

            switch (keyword)
            {
                case "properties" or "$defs":
                    foreach (var (name, sub) in child!.AsObject())
                    {
                        CheckKeywords(sub, $"{path}/{keyword}/{name}");
                    }

                    break;
                case "allOf" or "anyOf" or "oneOf":
                    foreach (var sub in child!.AsArray())
                    {
                        CheckKeywords(sub, $"{path}/{keyword}");
                    }

                    break;
                case "items" or "additionalProperties" or "not" or "if" or "then" or "else":
                    CheckKeywords(child, $"{path}/{keyword}");
                    break;
            }
        }
    }

    private static bool MatchesType(JsonNode type, JsonNode? value) => type switch
    {
        JsonArray types => types.Any(t => MatchesType(t!, value)),
        _ => type.GetValue<string>() switch
        {
            "object" => value is JsonObject,
            "array" => value is JsonArray,
            "string" => value is JsonValue v && v.GetValueKind() == JsonValueKind.String,
            "integer" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number && decimal.IsInteger(v.GetValue<decimal>()),
            "number" => value is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
            "boolean" => value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "null" => value is null,
            var other => throw new InvalidOperationException($"Unknown JSON Schema type '{other}'."),
        },
    };

    private static string Describe(JsonNode type) => type is JsonArray types ? string.Join(" or ", types.Select(t => Article(t!.GetValue<string>()))) : Article(type.GetValue<string>());

    private static string Article(string type) => type switch { "object" or "array" or "integer" => $"an {type}", "null" => "null", _ => $"a {type}" };

    private static string KindOf(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        JsonValue v => v.GetValueKind() switch { JsonValueKind.String => "a string", JsonValueKind.Number => "a number", _ => "a boolean" },
        _ => "something else",
    };

    private static string Escape(string name) => name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Display(string pointer) => pointer.Length == 0 ? "/" : pointer;
}
