using System.Text.Json.Nodes;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Definitions;

namespace Commissioning.Tests.Workflows;

/// <summary>
/// A definition that breaks workflow-definition.schema.json is refused with one problem a person can act on: the
/// file, the element, and what is wrong there, taken from the form the definition was written in.
/// </summary>
public sealed class DefinitionSchemaTests
{
    private static readonly WorkflowDefinitionSchema Schema = WorkflowDefinitionSchema.Load(Path.Combine(AppContext.BaseDirectory, "workflows", WorkflowDefinitionLoader.SchemaFileName));

    [Fact]
    public void The_published_definitions_match_the_schema()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "workflows");
        var definitions = WorkflowDefinitionLoader.LoadFolder(folder, GrantWorkflowHandlers.Create());

        Assert.Equal(
            ["community-safety-fund.v1", "police-property-act-fund.v1", "police-property-act-fund.v2", "police-property-act-fund.v3", "victims-services-grant.v1", "victims-services-grant.v2", "victims-services-grant.v3"],
            definitions.Select(d => $"{d.DefinitionId}.v{d.Version}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_activity_of_one_type_is_told_what_that_type_needs_not_what_every_other_type_needs()
    {
        var broken = Edit(definition => definition["root"]!["activities"]!.AsArray().Add(new JsonObject { ["id"] = "wait", ["type"] = "Grants.Timer", ["name"] = "Wait a week" }));

        var error = Assert.Throws<WorkflowDefinitionException>(() => Load(broken));

        Assert.Equal("engine-review.v1.json: /root/activities/4: the required property 'after' is missing", error.Message);
    }

    [Fact]
    public void An_activity_with_something_its_type_may_not_have_is_told_which_property()
    {
        var broken = Edit(definition => definition["root"]!["activities"]![1]!["after"] = "P1D");

        var error = Assert.Throws<WorkflowDefinitionException>(() => Load(broken));

        Assert.Equal("engine-review.v1.json: /root/activities/1: may not have 'after' here", error.Message);
    }

    [Fact]
    public void A_stage_with_an_empty_task_list_is_told_about_that_list_not_every_way_a_stage_can_wait()
    {
        var broken = Edit(definition => definition["root"]!["activities"]![0] = new JsonObject { ["id"] = "review", ["type"] = "Grants.Stage", ["name"] = "Review", ["tasks"] = new JsonArray() });

        var error = Assert.Throws<WorkflowDefinitionException>(() => Load(broken));

        Assert.Equal("engine-review.v1.json: /root/activities/0/tasks: needs at least 1 item(s)", error.Message);
    }

    [Fact]
    public void A_value_in_the_wrong_format_is_refused()
    {
        var broken = Edit(definition => definition["$schema"] = "http://[not-an-address");

        var error = Assert.Throws<WorkflowDefinitionException>(() => Load(broken));

        Assert.Equal("engine-review.v1.json: /$schema: 'http://[not-an-address' is not a valid uri-reference", error.Message);
    }

    [Fact]
    public void A_property_outside_the_format_is_named()
    {
        var broken = Edit(definition => definition["root"]!["activities"]![0]!["tasks"]![0]!["colour"] = "blue");

        var error = Assert.Throws<WorkflowDefinitionException>(() => Load(broken));

        Assert.Equal("engine-review.v1.json: /root/activities/0/tasks/0: the property 'colour' is not part of the definition format", error.Message);
    }

    private static string Edit(Action<JsonObject> change)
    {
        var definition = JsonNode.Parse(EngineTestDefinitions.Review())!.AsObject();
        change(definition);
        return definition.ToJsonString();
    }

    private static WorkflowDefinition Load(string content) =>
        WorkflowDefinitionLoader.Load("engine-review.v1.json", content, Schema, GrantWorkflowHandlers.Create());
}
