using System.Text.Json.Nodes;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Definitions;

namespace Commissioning.Tests.Workflows;

/// <summary>
/// The grant code relies on names in the definitions (the stages it looks for, the events it publishes, the tasks and
/// outcomes it reads, the variables it sets, the ends it acts on). A definition that lacks one is refused when it
/// loads, naming the file, the kind of name and the name, instead of failing when an instance reaches it.
/// </summary>
public sealed class DefinitionContractTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "workflows");

    private static readonly WorkflowDefinitionSchema Schema = WorkflowDefinitionSchema.Load(Path.Combine(Folder, WorkflowDefinitionLoader.SchemaFileName));

    private const string SmallGrants = "police-property-act-fund.v2.json";

    private const string VictimsServices = "victims-services-grant.v2.json";

    [Fact]
    public void The_published_definitions_give_the_code_every_name_it_relies_on()
    {
        var definitions = WorkflowDefinitionLoader.LoadFolder(Folder, GrantWorkflowHandlers.Create());

        Assert.Equal(7, definitions.Count);
    }

    [Fact]
    public void A_definition_without_a_stage_the_code_names_is_refused_naming_the_activity()
    {
        var error = Refused(SmallGrants, Shipped(SmallGrants).Replace("\"offer\"", "\"offer-letter\"", StringComparison.Ordinal));

        Assert.StartsWith("police-property-act-fund.v2.json: /root/activities: the activity 'offer' is missing, which the code relies on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_in_which_no_stage_waits_for_an_event_the_code_publishes_is_refused_naming_the_event()
    {
        var error = Refused(VictimsServices, Shipped(VictimsServices).Replace("\"event\": \"ApplicationWithdrawn\"", "\"event\": \"ApplicationRetracted\"", StringComparison.Ordinal));

        Assert.StartsWith("victims-services-grant.v2.json: /root/activities: no activity waits for the event 'ApplicationWithdrawn', which the code relies on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_in_which_a_stage_the_code_publishes_an_event_to_does_not_wait_for_it_is_refused_naming_the_stage_and_the_event()
    {
        var broken = Edit(Shipped(SmallGrants), definition =>
        {
            var activities = definition["root"]!["activities"]!.AsArray();
            activities.Single(a => (string)a!["id"]! == "panel")!.AsObject().Remove("events");
            var connections = definition["root"]!["connections"]!.AsArray();
            connections.Remove(connections.Single(c => (string)c!["source"]!["activity"]! == "panel" && (string)c["source"]!["port"]! == "Withdrawn"));
        });

        var error = Refused(SmallGrants, broken);

        Assert.StartsWith("police-property-act-fund.v2.json: /root/activities/5/events: the activity 'panel' does not wait for the event 'ApplicationWithdrawn', which the code relies on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_whose_stage_lacks_a_port_the_code_relies_on_is_refused_naming_the_port()
    {
        var error = Refused(SmallGrants, Shipped(SmallGrants).Replace("\"port\": \"Expired\"", "\"port\": \"Lapsed\"", StringComparison.Ordinal));

        Assert.StartsWith("police-property-act-fund.v2.json: /root/activities/8: the activity 'offer' has no port 'Expired', which the code relies on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_without_a_task_the_code_names_is_refused_naming_the_task()
    {
        var file = "police-property-act-fund.v1.json";
        var error = Refused(file, Shipped(file).Replace("\"id\": \"decide\"", "\"id\": \"pcc-decides\"", StringComparison.Ordinal));

        Assert.StartsWith("police-property-act-fund.v1.json: /root/activities: the task 'decide' is missing, which the code relies on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_whose_task_lacks_an_outcome_the_code_reads_is_refused_naming_the_task_and_the_outcome()
    {
        var error = Refused(VictimsServices, Shipped(VictimsServices).Replace("ReturnForChanges", "SendBack", StringComparison.Ordinal));

        Assert.StartsWith("victims-services-grant.v2.json: /root/activities/11/tasks/0/outcomes: the task 'review-return' has no outcome 'ReturnForChanges', which the code relies on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_whose_task_lacks_an_input_the_code_reads_is_refused_naming_the_task_and_the_input()
    {
        var error = Refused(SmallGrants, Shipped(SmallGrants).Replace("\"name\": \"underspend\"", "\"name\": \"unspent\"", StringComparison.Ordinal));

        Assert.StartsWith("police-property-act-fund.v2.json: /root/activities/12/tasks/0/inputs: the task 'review-report' has no input 'underspend', which the code relies on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_that_does_not_declare_a_variable_the_code_sets_is_refused_naming_the_variable()
    {
        var error = Refused(SmallGrants, Shipped(SmallGrants).Replace("offerExpiresAt", "offerLapsesAt", StringComparison.Ordinal));

        Assert.StartsWith("police-property-act-fund.v2.json: /variables: the variable 'offerExpiresAt' is not declared, which the code relies on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_in_which_no_timer_waits_for_a_date_the_code_sets_is_refused_naming_the_stage_and_the_variable()
    {
        var error = Refused(SmallGrants, Shipped(SmallGrants).Replace("\"atVariable\": \"spendDeadline\"", "\"after\": \"P365D\"", StringComparison.Ordinal));

        Assert.StartsWith("police-property-act-fund.v2.json: /root/activities/9/timers: no timer of the activity 'active' waits for the variable 'spendDeadline', which the code relies on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_whose_stage_lacks_a_timer_the_code_looks_for_is_refused_naming_the_timer()
    {
        var error = Refused(SmallGrants, Shipped(SmallGrants).Replace("acceptance-period-ends", "answer-by", StringComparison.Ordinal));

        Assert.StartsWith("police-property-act-fund.v2.json: /root/activities/8/timers: the activity 'offer' has no timer 'acceptance-period-ends', which the code relies on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_without_an_end_whose_outcome_the_code_acts_on_is_refused_naming_the_outcome()
    {
        var error = Refused(VictimsServices, Shipped(VictimsServices).Replace("\"outcome\": \"offer-expired\"", "\"outcome\": \"lapsed\"", StringComparison.Ordinal));

        Assert.StartsWith("victims-services-grant.v2.json: /root/activities: no end has the outcome 'offer-expired', which the code relies on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_missing_several_names_is_told_the_first_and_how_many_more()
    {
        var broken = Shipped(SmallGrants)
            .Replace("\"outcome\": \"offer-expired\"", "\"outcome\": \"lapsed\"", StringComparison.Ordinal)
            .Replace("\"name\": \"underspend\"", "\"name\": \"unspent\"", StringComparison.Ordinal);

        var error = Refused(SmallGrants, broken);

        Assert.EndsWith("(and 1 more problem(s))", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_version_of_a_grant_definition_without_a_contract_in_the_code_is_refused()
    {
        var error = Refused("police-property-act-fund.v99.json", Shipped(SmallGrants).Replace("\"version\": 2", "\"version\": 99", StringComparison.Ordinal));

        Assert.StartsWith("police-property-act-fund.v99.json: /version: the code has no contract for version 99 of 'police-property-act-fund'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_definition_the_grant_code_does_not_use_needs_no_contract()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Web", "TestWorkflows", "page-test-review.v1.json");

        var definition = WorkflowDefinitionLoader.Load(file, File.ReadAllText(file), Schema, GrantWorkflowHandlers.Create());

        Assert.Equal("page-test-review", definition.DefinitionId);
    }

    [Fact]
    public async Task The_app_refuses_to_start_when_a_definition_lacks_an_event_the_code_publishes()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var folder = EngineTestDefinitions.WriteFolder([.. Directory.GetFiles(Folder, "*.v*.json").Select(f => (Path.GetFileName(f), File.ReadAllText(f)))]);
        File.WriteAllText(Path.Combine(folder, VictimsServices), Shipped(VictimsServices).Replace("\"event\": \"ApplicationWithdrawn\"", "\"event\": \"ApplicationRetracted\"", StringComparison.Ordinal));
        await using var app = EngineTests.Start(database, folder, start: false);

        var error = Assert.Throws<WorkflowDefinitionException>(() => app.Server);

        Assert.Equal(VictimsServices, error.File);
        Assert.Contains("no activity waits for the event 'ApplicationWithdrawn'", error.Message, StringComparison.Ordinal);
    }

    private static string Shipped(string file) => File.ReadAllText(Path.Combine(Folder, file));

    private static string Edit(string content, Action<JsonObject> change)
    {
        var definition = JsonNode.Parse(content)!.AsObject();
        change(definition);
        return definition.ToJsonString();
    }

    private static WorkflowDefinitionException Refused(string file, string content) =>
        Assert.Throws<WorkflowDefinitionException>(() => WorkflowDefinitionLoader.Load(file, content, Schema, GrantWorkflowHandlers.Create()));
}
