using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Commissioning.Domain.Applications;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Jobs;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Tests.Web;

/// <summary>The task inbox, the task page and the workflow admin pages, driven through the real app as people would use them.</summary>
public sealed partial class WorkflowPagesTests(WorkflowPagesApp app) : IClassFixture<WorkflowPagesApp>
{
    private const string Officer = "officer@demo.commissioning.test";
    private const string Assessor = "assessor@demo.commissioning.test";
    private const string Applicant = "applicant@demo.commissioning.test";
    private const string Admin = "admin@demo.commissioning.test";
    private const string SecondOfficer = "second-officer@test.commissioning.test";

    [Fact]
    public async Task The_inbox_lists_an_unclaimed_task_of_the_persons_role_with_what_it_is_about_and_not_tasks_of_other_roles()
    {
        var applicationId = await DraftApplicationAsync("Safer streets after dark");
        var instance = await app.StartAsync(applicationId.ToString());
        var task = (await app.TasksAsync(instance.Id)).Single();

        var officerInbox = await (await SignInAsync(Officer)).GetStringAsync("/Tasks");
        var assessorInbox = await (await SignInAsync(Assessor)).GetStringAsync("/Tasks");

        var row = RowFor(officerInbox, task.Id);
        Assert.Contains("Check eligibility", row, StringComparison.Ordinal);
        Assert.Contains("Page test review", row, StringComparison.Ordinal);
        Assert.Contains("Safer streets after dark", row, StringComparison.Ordinal);
        Assert.Contains("Check the application", row, StringComparison.Ordinal);
        Assert.Contains("Take this task", row, StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue", row, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Tasks/{task.Id}", assessorInbox, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overdue_tasks_are_tagged_and_listed_before_tasks_due_later()
    {
        var later = (await app.TasksAsync((await app.StartAsync()).Id)).Single();
        var overdue = (await app.TasksAsync((await app.StartAsync()).Id)).Single();
        await app.InDbAsync(async db =>
        {
            var task = await db.Set<HumanTask>().SingleAsync(t => t.Id == overdue.Id);
            task.DueAt = DateTimeOffset.UtcNow.AddDays(-1);
            return await db.SaveChangesAsync();
        });

        var inbox = await (await SignInAsync(Officer)).GetStringAsync("/Tasks");

        Assert.Contains("Overdue", RowFor(inbox, overdue.Id), StringComparison.Ordinal);
        Assert.DoesNotContain("Overdue", RowFor(inbox, later.Id), StringComparison.Ordinal);
        Assert.True(inbox.IndexOf($"/Tasks/{overdue.Id}", StringComparison.Ordinal) < inbox.IndexOf($"/Tasks/{later.Id}", StringComparison.Ordinal), "The overdue task is not listed first.");
    }

    [Fact]
    public async Task Taking_a_task_makes_it_yours_and_hides_it_from_colleagues_in_the_same_role()
    {
        var task = (await app.TasksAsync((await app.StartAsync()).Id)).Single();
        var officer = await SignInAsync(Officer);
        var colleague = await SecondOfficerAsync();
        Assert.Contains($"/Tasks/{task.Id}", await colleague.GetStringAsync("/Tasks"), StringComparison.Ordinal);

        var response = await officer.PostFormAsync("/Tasks?handler=Claim", new() { ["taskId"] = task.Id.ToString() }, "/Tasks");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Tasks/{task.Id}", response.Headers.Location!.OriginalString);
        var page = HttpForms.Text(await officer.GetStringAsync(response.Headers.Location));
        Assert.Contains("You have taken ‘Check eligibility’", page, StringComparison.Ordinal);
        Assert.Contains("Who it is for You", page, StringComparison.Ordinal);
        Assert.Equal(await app.UserIdAsync(Officer), (await app.TaskAsync(task.Id)).AssigneeUserId);
        Assert.Contains("Yours", HttpForms.Text(RowFor(await officer.GetStringAsync("/Tasks"), task.Id)), StringComparison.Ordinal);
        Assert.DoesNotContain($"/Tasks/{task.Id}", await colleague.GetStringAsync("/Tasks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_assigned_to_someone_else_an_unknown_task_and_a_task_of_another_role_are_not_found()
    {
        var task = (await app.TasksAsync((await app.StartAsync()).Id)).Single();
        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().ClaimTaskAsync(task.Id, new WorkflowActor(Officer, await app.UserIdAsync(Officer), [Roles.GrantsOfficer]));
            return 0;
        });
        var colleague = await SecondOfficerAsync();
        var assessor = await SignInAsync(Assessor);

        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Tasks/{task.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await assessor.GetAsync($"/Tasks/{(await app.TasksAsync((await app.StartAsync()).Id)).Single().Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync($"/Tasks/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync("/Tasks/not-a-task")).StatusCode);
        var post = await colleague.PostFormAsync($"/Tasks/{task.Id}", new() { ["Outcome"] = "Declined" }, "/Tasks");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var claim = await colleague.PostFormAsync("/Tasks?handler=Claim", new() { ["taskId"] = task.Id.ToString() }, "/Tasks");
        Assert.Equal(HttpStatusCode.NotFound, claim.StatusCode);
        Assert.Equal(TaskStatus.Open, (await app.TaskAsync(task.Id)).Status);
    }

    [Fact]
    public async Task The_task_page_offers_the_outcomes_in_plain_words_and_the_inputs_the_definition_asks_for()
    {
        var instance = await app.StartAsync();
        var check = (await app.TasksAsync(instance.Id)).Single();
        var officer = await SignInAsync(Officer);

        var page = await officer.GetStringAsync($"/Tasks/{check.Id}");

        Assert.Contains("<h1 class=\"govuk-heading-l\">Check eligibility</h1>", page, StringComparison.Ordinal);
        Assert.Matches("<input class=\"govuk-radios__input\" id=\"Outcome\" name=\"Outcome\" type=\"radio\" value=\"Approved\"", page);
        Assert.Matches("id=\"Input_score\" name=\"Input_score\" type=\"text\" inputmode=\"numeric\"", page);
        Assert.Contains("<div class=\"govuk-input__prefix\" aria-hidden=\"true\">", page, StringComparison.Ordinal);
        Assert.Matches("<textarea class=\"govuk-textarea\" id=\"Input_notes\"", page);
        Assert.Contains("Started at ‘Check the application’", HttpForms.Text(page), StringComparison.Ordinal);

        await CompleteAsync(officer, check.Id, new() { ["Outcome"] = "Approved", ["Input_score"] = "8", ["Input_amount"] = "2000" });
        var scoring = (await app.TasksAsync(instance.Id)).First(t => t.ActivityId == "assess");
        var assessorPage = HttpForms.Text(await (await SignInAsync(Assessor)).GetStringAsync($"/Tasks/{scoring.Id}"));
        Assert.Contains("Conflict declared", assessorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("ConflictDeclared", assessorPage, StringComparison.Ordinal);
        Assert.Contains("Total score", assessorPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completing_a_task_with_valid_answers_moves_the_instance_records_the_answers_and_says_so()
    {
        var instance = await app.StartAsync();
        var check = (await app.TasksAsync(instance.Id)).Single();
        var officer = await SignInAsync(Officer);

        var response = await officer.PostFormAsync($"/Tasks/{check.Id}", new()
        {
            ["Outcome"] = "Approved",
            ["Input_score"] = "7",
            ["Input_amount"] = "£1,250.50",
            ["Input_notes"] = "Meets the criteria.",
            ["Comment"] = "Good bid",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Tasks", response.Headers.Location!.OriginalString);
        Assert.Contains("You completed ‘Check eligibility’ with the outcome ‘Approved’", HttpForms.Text(await officer.GetStringAsync("/Tasks")), StringComparison.Ordinal);
        var completed = await app.TaskAsync(check.Id);
        Assert.Equal(TaskStatus.Completed, completed.Status);
        Assert.Equal("Approved", completed.Outcome);
        Assert.Equal(Officer, completed.CompletedBy);
        Assert.Equal("Good bid", completed.Comment);
        var data = JsonNode.Parse(completed.Data!)!;
        Assert.Equal(7, data["score"]!.GetValue<long>());
        Assert.Equal(125_050, data["amount"]!.GetValue<long>());
        Assert.Equal("Meets the criteria.", data["notes"]!.GetValue<string>());
        Assert.Equal("assess", (await app.InstanceAsync(instance.Id)).CurrentActivityId);
        var log = await app.InDbAsync(db => db.Set<WorkflowLogEntry>().AsNoTracking().Where(l => l.InstanceId == instance.Id).ToListAsync());
        Assert.Contains(log, l => l.FromActivityId == "check" && l.ToActivityId == "assess" && l.Outcome == "Approved" && l.Actor == Officer);
        Assert.Equal(2, (await app.TasksAsync(instance.Id)).Count(t => t.ActivityId == "assess" && t.Status == TaskStatus.Open));
    }

    [Fact]
    public async Task Inputs_needed_only_for_another_outcome_may_be_left_empty()
    {
        var instance = await app.StartAsync();
        var check = (await app.TasksAsync(instance.Id)).Single();

        await CompleteAsync(await SignInAsync(Officer), check.Id, new() { ["Outcome"] = "Declined", ["Input_score"] = "", ["Input_amount"] = "" });

        var finished = await app.InstanceAsync(instance.Id);
        Assert.Equal(InstanceStatus.Finished, finished.Status);
        Assert.Equal("declined", finished.Outcome);
        Assert.Null((await app.TaskAsync(check.Id)).Data);
    }

    [Theory]
    [InlineData(null, "5", "100", "Outcome", "Select an outcome")]
    [InlineData("Maybe", "5", "100", "Outcome", "Select one of the outcomes listed")]
    [InlineData("Approved", "", "100", "Input_score", "Enter eligibility score – it is needed when the outcome is ‘Approved’")]
    [InlineData("Approved", "5", "", "Input_amount", "Enter amount to offer – it is needed when the outcome is ‘Approved’")]
    [InlineData("Approved", "11", "100", "Input_score", "Eligibility score must be between 0 and 10")]
    [InlineData("Declined", "-1", "", "Input_score", "Eligibility score must be between 0 and 10")]
    [InlineData("Approved", "seven", "100", "Input_score", "Eligibility score must be a whole number, like 15")]
    [InlineData("Approved", "5.5", "100", "Input_score", "Eligibility score must be a whole number, like 15")]
    [InlineData("Approved", "5", "lots", "Input_amount", "Amount to offer: enter an amount in pounds using numbers only, like 1500 or 1500.50")]
    [InlineData("Approved", "5", "12.345", "Input_amount", "Amount to offer: enter an amount with no more than two decimal places, like 1500.50")]
    public async Task Answers_that_are_missing_or_not_valid_get_a_clear_message_and_nothing_is_saved(string? outcome, string score, string amount, string field, string message)
    {
        var instance = await app.StartAsync();
        var check = (await app.TasksAsync(instance.Id)).Single();
        var officer = await SignInAsync(Officer);
        var fields = new Dictionary<string, string> { ["Input_score"] = score, ["Input_amount"] = amount, ["Comment"] = "kept" };
        if (outcome is not null)
        {
            fields["Outcome"] = outcome;
        }

        var response = await officer.PostFormAsync($"/Tasks/{check.Id}", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: Check eligibility", page, StringComparison.Ordinal);
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"#{field}\"", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"{field}-error\"", page, StringComparison.Ordinal);
        Assert.Contains(message, HttpForms.Text(page), StringComparison.Ordinal);
        Assert.Contains($"value=\"{WebUtility.HtmlEncode(score)}\"", page, StringComparison.Ordinal);
        var unchanged = await app.TaskAsync(check.Id);
        Assert.Equal(TaskStatus.Open, unchanged.Status);
        Assert.Null(unchanged.Outcome);
        Assert.Null(unchanged.Data);
        Assert.Equal("check", (await app.InstanceAsync(instance.Id)).CurrentActivityId);
        Assert.Equal(1, await app.InDbAsync(db => db.Set<WorkflowLogEntry>().CountAsync(l => l.InstanceId == instance.Id)));
    }

    [Fact]
    public async Task A_task_completed_by_someone_else_first_says_who_did_it_and_saves_nothing()
    {
        var instance = await app.StartAsync();
        var check = (await app.TasksAsync(instance.Id)).Single();
        var officer = await SignInAsync(Officer);
        var colleague = await SecondOfficerAsync();
        Assert.Contains("Complete task", await officer.GetStringAsync($"/Tasks/{check.Id}"), StringComparison.Ordinal);
        await CompleteAsync(colleague, check.Id, new() { ["Outcome"] = "Declined" });

        var response = await officer.PostFormAsync($"/Tasks/{check.Id}", new() { ["Outcome"] = "Approved", ["Input_score"] = "9", ["Input_amount"] = "500" }, "/Tasks");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains($"'Check eligibility' was already completed by {SecondOfficer}", page, StringComparison.Ordinal);
        Assert.Contains("Your answer was not saved", page, StringComparison.Ordinal);
        var task = await app.TaskAsync(check.Id);
        Assert.Equal("Declined", task.Outcome);
        Assert.Equal(SecondOfficer, task.CompletedBy);
    }

    [Fact]
    public async Task A_fault_while_completing_a_task_is_explained_recorded_as_an_incident_and_saves_nothing()
    {
        // Escalating runs StartAssessment, which needs an application: this instance is about something that is not one.
        var instance = await app.StartAsync(Guid.NewGuid().ToString());
        var check = (await app.TasksAsync(instance.Id)).Single();
        var officer = await SignInAsync(Officer);

        var response = await officer.PostFormAsync($"/Tasks/{check.Id}", new() { ["Outcome"] = "Escalate" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("Something went wrong in the service while doing this, so nothing was changed. It has been recorded for an administrator", page, StringComparison.Ordinal);
        Assert.Contains("This workflow is paused because of a problem in the service", page, StringComparison.Ordinal);
        Assert.Equal(TaskStatus.Open, (await app.TaskAsync(check.Id)).Status);
        Assert.Equal(InstanceStatus.Faulted, (await app.InstanceAsync(instance.Id)).Status);
        var incident = await app.InDbAsync(db => db.Set<WorkflowIncident>().AsNoTracking().SingleAsync(i => i.InstanceId == instance.Id));
        Assert.Equal("CompleteTask", incident.Operation);
        Assert.Contains("Complete task", HttpForms.Text(await (await SignInAsync(Admin)).GetStringAsync("/Admin/Workflows/Incidents")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_grant_rule_that_refuses_the_change_is_explained_and_nothing_is_saved()
    {
        // A draft application cannot go into assessment, so the domain refuses what escalating asks of it.
        var instance = await app.StartAsync((await DraftApplicationAsync("Youth diversion pilot")).ToString());
        var check = (await app.TasksAsync(instance.Id)).Single();

        var response = await (await SignInAsync(Officer)).PostFormAsync($"/Tasks/{check.Id}", new() { ["Outcome"] = "Escalate" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Matches("An application that is .+ cannot become .+\\.", page);
        Assert.Equal(TaskStatus.Open, (await app.TaskAsync(check.Id)).Status);
        Assert.Equal(InstanceStatus.Running, (await app.InstanceAsync(instance.Id)).Status);
        Assert.False(await app.InDbAsync(db => db.Set<WorkflowIncident>().AnyAsync(i => i.InstanceId == instance.Id)));
    }

    [Fact]
    public async Task Posting_a_task_form_without_the_antiforgery_token_is_refused()
    {
        var check = (await app.TasksAsync((await app.StartAsync()).Id)).Single();
        var officer = await SignInAsync(Officer);

        var response = await officer.PostAsync($"/Tasks/{check.Id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["Outcome"] = "Declined" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(TaskStatus.Open, (await app.TaskAsync(check.Id)).Status);
    }

    [Theory]
    [InlineData(Applicant)]
    [InlineData(Officer)]
    public async Task People_who_are_not_administrators_cannot_reach_the_admin_pages(string email)
    {
        var client = await SignInAsync(email);
        var instance = await app.StartAsync();

        foreach (var url in new[] { "/Admin/Workflows", $"/Admin/Workflows/{WorkflowPagesApp.DefinitionId}/v1", "/Admin/Workflows/Instances", $"/Admin/Workflows/Instances/{instance.Id}", "/Admin/Workflows/Incidents", "/Admin/Jobs" })
        {
            var response = await client.GetAsync(url);
            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/Account/AccessDenied", $"{email} reached {url}: {(int)response.StatusCode} {response.Headers.Location}");
        }

        var retry = await client.PostFormAsync("/Admin/Workflows/Incidents?handler=Retry", new() { ["incidentId"] = Guid.NewGuid().ToString() }, "/Tasks");
        Assert.Equal("/Account/AccessDenied", retry.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task The_workflows_page_lists_each_definition_version_with_its_instance_counts()
    {
        await app.StartAsync();
        var admin = await SignInAsync(Admin);

        var page = await admin.GetStringAsync("/Admin/Workflows");

        Assert.Contains($"href=\"/Admin/Workflows/{WorkflowPagesApp.DefinitionId}/v1\"", page, StringComparison.Ordinal);
        Assert.Contains(WorkflowPagesApp.DefinitionFile, page, StringComparison.Ordinal);
        var running = await app.InDbAsync(db => db.Set<WorkflowInstance>().CountAsync(i => i.Status == InstanceStatus.Running));
        Assert.Contains($">{running}<span class=\"govuk-visually-hidden\"> running instances of Page test review version 1", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_definition_page_draws_the_flowchart_with_one_box_per_activity_and_gives_the_same_information_as_text()
    {
        var admin = await SignInAsync(Admin);

        var page = await admin.GetStringAsync($"/Admin/Workflows/{WorkflowPagesApp.DefinitionId}/v1");

        var svgText = Regex.Match(page, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"app-flowchart__svg\".*?</svg>", RegexOptions.Singleline).Value;
        Assert.False(string.IsNullOrEmpty(svgText), "The page has no flowchart SVG.");
        var svg = XDocument.Parse(svgText).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("img", svg.Attribute("role")?.Value);
        Assert.Equal("flowchart-title flowchart-desc", svg.Attribute("aria-labelledby")?.Value);
        Assert.Equal(7, svg.Descendants(ns + "g").Count(g => g.Attribute("class")?.Value == "node"));
        Assert.Equal(8, svg.Descendants(ns + "path").Count(p => p.Attribute("class")?.Value.Split(' ').Contains("edge") == true));
        Assert.Equal("moderate", svg.Descendants(ns + "path").Single(p => p.Attribute("class")?.Value == "edge edge--back").Attribute("data-from")?.Value);

        var text = HttpForms.Text(page);
        Assert.Contains("Activities and where they lead (the flowchart as text)", text, StringComparison.Ordinal);
        Assert.Contains("Approved leads to Assessment", text, StringComparison.Ordinal);
        Assert.Contains("Reassess leads to Assessment (back to an earlier activity)", text, StringComparison.Ordinal);
        Assert.Contains("Task ‘Check eligibility’ for grants officer, due in 5 days. Outcomes: Approved, Declined, Escalate.", text, StringComparison.Ordinal);
        Assert.Contains("Multi-instance: 2 copies; leaves by Assessed once all are complete. Conflict declared does not count", text, StringComparison.Ordinal);
        Assert.Contains("Reminder ‘nudge’ after 7 days", text, StringComparison.Ordinal);
        Assert.Contains("Decided by the rule ‘ScoresDiverge’", text, StringComparison.Ordinal);
        Assert.Contains("On entering: runs ‘StartAssessment’. Ends the workflow with the outcome ‘escalated’.", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Workflows/{WorkflowPagesApp.DefinitionId}/v2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/Admin/Workflows/no-such-workflow/v1")).StatusCode);
    }

    [Fact]
    public async Task Instances_are_listed_newest_first_fifty_to_a_page_and_can_be_filtered_by_status()
    {
        for (var i = 0; i < 51; i++)
        {
            await app.StartAsync();
        }

        var declined = await app.StartAsync();
        await CompleteAsync(await SignInAsync(Officer), (await app.TasksAsync(declined.Id)).Single().Id, new() { ["Outcome"] = "Declined" });
        var newest = await app.StartAsync();
        var total = await app.InDbAsync(db => db.Set<WorkflowInstance>().CountAsync());
        var admin = await SignInAsync(Admin);

        var first = await admin.GetStringAsync("/Admin/Workflows/Instances");
        var second = await admin.GetStringAsync("/Admin/Workflows/Instances?page=2");
        var finished = await admin.GetStringAsync("/Admin/Workflows/Instances?status=Finished");
        var running = await admin.GetStringAsync($"/Admin/Workflows/Instances?definition={WorkflowPagesApp.DefinitionId}&status=Running");

        var firstIds = InstanceLinks(first);
        Assert.Equal(50, firstIds.Count);
        Assert.Equal(newest.Id, firstIds[0]);
        Assert.Contains($"Showing 1 to 50 of {total}, newest first", HttpForms.Text(first), StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin/Workflows/Instances?page=2\" rel=\"next\"", first, StringComparison.Ordinal);
        Assert.Equal(Math.Min(50, total - 50), InstanceLinks(second).Count);
        Assert.Empty(firstIds.Intersect(InstanceLinks(second)));
        Assert.Contains(declined.Id, InstanceLinks(finished));
        Assert.DoesNotContain(newest.Id, InstanceLinks(finished));
        Assert.DoesNotContain(declined.Id, InstanceLinks(running));
        foreach (var nonsense in new[] { "?page=abc", "?page=-3", "?page=99999", "?status=Sideways", "?status=7", "?definition=%3Cscript%3E&version=x" })
        {
            var response = await admin.GetAsync("/Admin/Workflows/Instances" + nonsense);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{nonsense} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task An_instance_page_shows_its_pinned_version_state_variables_tasks_timers_and_full_log()
    {
        var instance = await app.StartAsync(variables: new JsonObject { ["moderationThreshold"] = 15 });
        var check = (await app.TasksAsync(instance.Id)).Single();
        await CompleteAsync(await SignInAsync(Officer), check.Id, new() { ["Outcome"] = "Approved", ["Input_score"] = "6", ["Input_amount"] = "900", ["Comment"] = "Fine by me" });
        var admin = await SignInAsync(Admin);

        var page = HttpForms.Text(await admin.GetStringAsync($"/Admin/Workflows/Instances/{instance.Id}"));

        Assert.Contains("Page test review, version 1", page, StringComparison.Ordinal);
        Assert.Contains("Pinned: this instance stays on version 1 for life.", page, StringComparison.Ordinal);
        Assert.Contains("Status Running", page, StringComparison.Ordinal);
        Assert.Contains("Current stage Assessment", page, StringComparison.Ordinal);
        Assert.Contains("moderationThreshold 15", page, StringComparison.Ordinal);
        Assert.Contains("Check eligibility Check the application, visit 1 Created", page, StringComparison.Ordinal);
        Assert.Contains($"Grants officer {Officer} Completed", page, StringComparison.Ordinal);
        Assert.Contains($"Approved By {Officer}", page, StringComparison.Ordinal);
        Assert.Contains("Eligibility score: 6 Amount to offer: £900.00 Comment: “Fine by me”", page, StringComparison.Ordinal);
        Assert.Contains("Score the bid Assessment, visit 2 Created", page, StringComparison.Ordinal);
        Assert.Contains("Assessor Anyone in the role Open", page, StringComparison.Ordinal);
        Assert.Contains("nudge Check the application, visit 1 Reminder", page, StringComparison.Ordinal);
        Assert.Contains("Cancelled", page, StringComparison.Ordinal);
        Assert.Contains($"{Officer} Check the application Assessment Approved", page, StringComparison.Ordinal);
        Assert.Contains("system Check the application Started", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Workflows/Instances/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    public async Task An_open_incident_is_listed_and_a_retry_that_fails_again_says_why_without_an_error_page()
    {
        var instance = await app.StartAsync();
        var incident = await AddIncidentAsync(instance.Id, "FireTimer", new JsonObject { ["timerId"] = Guid.NewGuid().ToString() }, "The mail server did not answer.");
        var admin = await SignInAsync(Admin);

        var list = HttpForms.Text(await admin.GetStringAsync("/Admin/Workflows/Incidents"));
        var response = await admin.PostFormAsync("/Admin/Workflows/Incidents?handler=Retry", new() { ["incidentId"] = incident.ToString() }, "/Admin/Workflows/Incidents");

        Assert.Contains("Open incidents", list, StringComparison.Ordinal);
        Assert.Contains("Fire timer The mail server did not answer.", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("The retry of ‘Fire timer’ failed again (attempt 2)", page, StringComparison.Ordinal);
        var after = await app.InDbAsync(db => db.Set<WorkflowIncident>().AsNoTracking().SingleAsync(i => i.Id == incident));
        Assert.Null(after.ResolvedAt);
        Assert.Equal(2, after.Attempts);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostFormAsync("/Admin/Workflows/Incidents?handler=Retry", new() { ["incidentId"] = Guid.NewGuid().ToString() }, "/Admin/Workflows/Incidents")).StatusCode);
    }

    [Fact]
    public async Task Retrying_an_incident_whose_cause_is_gone_resolves_it_and_the_instance_runs_again()
    {
        var instance = await app.StartAsync();
        var timer = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id));
        await app.InDbAsync(async db =>
        {
            (await db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id)).Status = InstanceStatus.Faulted;
            return await db.SaveChangesAsync();
        });
        var incident = await AddIncidentAsync(instance.Id, "FireTimer", new JsonObject { ["timerId"] = timer.Id.ToString() }, "The database was busy.");
        var admin = await SignInAsync(Admin);

        var response = await admin.PostFormAsync("/Admin/Workflows/Incidents?handler=Retry", new() { ["incidentId"] = incident.ToString() }, "/Admin/Workflows/Incidents");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = HttpForms.Text(await admin.GetStringAsync(response.Headers.Location!));
        Assert.Contains("The retry of ‘Fire timer’ worked", page, StringComparison.Ordinal);
        var resolvedSection = page[page.IndexOf("Recently resolved", StringComparison.Ordinal)..];
        Assert.Contains("The database was busy.", resolvedSection, StringComparison.Ordinal);
        Assert.Contains($"by {Admin}", resolvedSection, StringComparison.Ordinal);
        Assert.Equal(InstanceStatus.Running, (await app.InstanceAsync(instance.Id)).Status);
        Assert.Equal(TimerStatus.Fired, (await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.Id == timer.Id))).Status);
    }

    [Fact]
    public async Task Administrators_get_the_hangfire_dashboard_at_admin_jobs_with_the_recurring_jobs()
    {
        var admin = await SignInAsync(Admin);

        var home = await admin.GetAsync("/Admin/Jobs");
        var recurring = await admin.GetStringAsync("/Admin/Jobs/recurring");

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Hangfire", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(ScheduledJobs.TimerSweep, recurring, StringComparison.Ordinal);
        Assert.Contains(ScheduledJobs.OutboxDispatch, recurring, StringComparison.Ordinal);
        Assert.Contains(ScheduledJobs.DocumentExpiryReminders, recurring, StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_who_are_not_signed_in_are_sent_to_sign_in_from_the_jobs_dashboard()
    {
        foreach (var url in new[] { "/Admin/Jobs", "/Admin/Jobs/recurring", "/Admin/Jobs/stats" })
        {
            var response = await app.NewClient().GetAsync(url);

            Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.AbsolutePath == "/Account/SignIn", $"{url}: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [InlineData(Officer)]
    [InlineData(Applicant)]
    public async Task Other_roles_are_refused_the_jobs_dashboard_and_its_actions(string email)
    {
        var client = await SignInAsync(email);

        var page = await client.GetAsync("/Admin/Jobs/recurring");
        var trigger = await client.PostAsync("/Admin/Jobs/recurring/trigger", new FormUrlEncodedContent(new Dictionary<string, string> { ["jobs[]"] = ScheduledJobs.TimerSweep }));

        Assert.True(page.StatusCode == HttpStatusCode.Redirect && page.Headers.Location!.AbsolutePath == "/Account/AccessDenied", $"{email}: {(int)page.StatusCode} {page.Headers.Location}");
        Assert.True(trigger.StatusCode == HttpStatusCode.Redirect && trigger.Headers.Location!.AbsolutePath == "/Account/AccessDenied", $"{email}: {(int)trigger.StatusCode} {trigger.Headers.Location}");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(page.Headers.Location)).StatusCode);
    }

    [Fact]
    public async Task The_home_page_links_to_the_task_inbox_with_its_count_and_administrators_to_the_admin_pages()
    {
        var officer = await SignInAsync(Officer);
        var count = await app.InScopeAsync(async services =>
        {
            var roles = new[] { Roles.GrantsOfficer };
            var id = await app.UserIdAsync(Officer);
            return await services.GetRequiredService<Commissioning.Infrastructure.Persistence.CommissioningDbContext>().Set<HumanTask>()
                .CountAsync(t => t.Status == TaskStatus.Open && (t.AssigneeUserId == id || (t.AssigneeUserId == null && roles.Contains(t.Role))));
        });

        var officerHome = await officer.GetStringAsync("/");
        var adminHome = await (await SignInAsync(Admin)).GetStringAsync("/");

        Assert.Contains($"<a class=\"govuk-link\" href=\"/Tasks\">Your tasks ({count} open)</a>", officerHome, StringComparison.Ordinal);
        // Officers set up funds and budgets under /Admin/Funds; the administrators' own pages are not theirs.
        Assert.Contains("href=\"/Admin/Funds\">Funds and budgets</a>", officerHome, StringComparison.Ordinal);
        foreach (var adminOnly in new[] { "/Admin/Workflows", "/Admin/Jobs", "/Admin/Mail" })
        {
            Assert.DoesNotContain($"href=\"{adminOnly}", officerHome, StringComparison.Ordinal);
        }

        Assert.Contains("href=\"/Admin/Workflows\">Workflows</a>", adminHome, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin/Workflows/Incidents\">Incidents</a>", adminHome, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin/Jobs\">Scheduled jobs (Hangfire Dashboard)</a>", adminHome, StringComparison.Ordinal);
    }

    private async Task<HttpClient> SignInAsync(string email) => await app.SignedInClientAsync(email, DemoDataSeeder.Password);

    private async Task<HttpClient> SecondOfficerAsync()
    {
        await app.UserAsync(SecondOfficer, DemoDataSeeder.Password, Roles.GrantsOfficer);
        return await SignInAsync(SecondOfficer);
    }

    private static async Task CompleteAsync(HttpClient client, Guid taskId, Dictionary<string, string> fields)
    {
        var response = await client.PostFormAsync($"/Tasks/{taskId}", fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Completing task {taskId} answered {(int)response.StatusCode}: {HttpForms.Text(await response.Content.ReadAsStringAsync())}");
    }

    private Task<Guid> DraftApplicationAsync(string title) => app.InDbAsync(async db =>
    {
        var round = await db.Rounds.AsNoTracking().FirstAsync(r => r.Title == "Police Property Act Fund 2026/27: round 2");
        var organisation = await db.Organisations.AsNoTracking().FirstAsync(o => o.Name == "Riverside Youth Project");
        var application = new GrantApplication(round.Id, organisation.Id, title, DateTimeOffset.UtcNow, Applicant);
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return application.Id.Value;
    });

    private Task<Guid> AddIncidentAsync(Guid instanceId, string operation, JsonObject arguments, string message) => app.InDbAsync(async db =>
    {
        var incident = new WorkflowIncident { InstanceId = instanceId, ActivityId = "check", At = DateTimeOffset.UtcNow, Operation = operation, Arguments = arguments.ToJsonString(), Message = message };
        db.Add(incident);
        await db.SaveChangesAsync();
        return incident.Id;
    });

    /// <summary>The table row of the inbox that links to a task (empty if there is none).</summary>
    private static string RowFor(string inbox, Guid taskId)
    {
        var at = inbox.IndexOf($"href=\"/Tasks/{taskId}\"", StringComparison.Ordinal);
        if (at < 0)
        {
            return string.Empty;
        }

        var start = inbox.LastIndexOf("<tr", at, StringComparison.Ordinal);
        var end = inbox.IndexOf("</tr>", at, StringComparison.Ordinal);
        return inbox[start..end];
    }

    private static List<Guid> InstanceLinks(string page) =>
        [.. InstanceLink().Matches(page).Select(m => Guid.Parse(m.Groups[1].Value))];

    [GeneratedRegex("<a class=\"govuk-link\" href=\"/Admin/Workflows/Instances/([0-9a-f-]{36})\"")]
    private static partial Regex InstanceLink();
}
