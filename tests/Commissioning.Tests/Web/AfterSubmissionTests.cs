using System.Net;
using System.Text.Json.Nodes;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Tests.Support;
using Commissioning.Tests.Workflows.Support;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Commissioning.Tests.Web.ApplyApp;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Tests.Web;

/// <summary>After submitting: the status page, officers' questions and their answers, and the offer.</summary>
public abstract class AfterSubmissionTests(ApplyApp app)
{
    private const string OfficerNote = "INTERNAL NOTE: the treasurer is known to us";

    private const string AssessorComment = "INTERNAL ASSESSOR COMMENT: weak on outcomes";

    [Fact]
    public async Task The_status_page_shows_where_the_application_is_and_what_happens_next_and_moves_with_the_workflow_without_internal_notes()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await SubmittedApplicationAsync(client, "Status page walk");
        var application = await app.ApplicationAsync(id);

        var first = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Status"));
        Assert.Contains($"Reference {application.Reference}", first, StringComparison.Ordinal);
        Assert.Contains($"Submitted {UkTime.Describe(application.SubmittedAt!.Value)} (UK time)", first, StringComparison.Ordinal);
        Assert.Contains("Stage Eligibility and due diligence", first, StringComparison.Ordinal);
        Assert.Contains("What happens next We are checking that your organisation and project can be funded", first, StringComparison.Ordinal);
        Assert.Contains("What has happened so far Eligibility and due diligence", first, StringComparison.Ordinal);
        Assert.Contains("Application started", first, StringComparison.Ordinal);

        await CompleteAsync(id, "Eligible", Staff.Officer, OfficerNote);
        await CompleteAsync(id, "Scored", Staff.Anne, AssessorComment, new JsonObject { ["score"] = 77 });
        await CompleteAsync(id, "Scored", Staff.Ben, AssessorComment, new JsonObject { ["score"] = 74 });

        var html = await client.GetStringAsync($"/Applications/{id}/Status");
        var moved = HttpForms.Text(html);
        Assert.Contains("Stage Panel", moved, StringComparison.Ordinal);
        Assert.Contains("What happens next A panel of the office's staff is comparing the applications", moved, StringComparison.Ordinal);
        Assert.Contains("What has happened so far Panel", moved, StringComparison.Ordinal);
        Assert.Contains("Assessment", moved, StringComparison.Ordinal);
        Assert.DoesNotContain("INTERNAL", html, StringComparison.Ordinal);
        Assert.DoesNotContain("score", moved, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Staff.Officer.Name, moved, StringComparison.Ordinal);
        Assert.DoesNotContain(Staff.Anne.Name, moved, StringComparison.Ordinal);
        Assert.DoesNotContain("Do the assessors", moved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_applications_list_and_the_confirmation_link_to_the_status_page()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await SubmittedApplicationAsync(client, "Linked status");

        Assert.Contains($"href=\"/Applications/{id}/Status\"", await client.GetStringAsync("/Applications"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/Applications/{id}/Status\"", await client.GetStringAsync($"/Applications/{id}/Submitted"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_outside_the_applying_organisation_get_404_for_its_status_questions_and_offer()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await SubmittedApplicationAsync(client, "Private status");
        var question = await AskAsync(id, "Who will run the sessions?");
        var outsider = await app.SignedInClientAsync(OtherOrganisationsApplicant);

        foreach (var path in new[] { "/Status", "/Offer", $"/Clarifications/{question}" })
        {
            var response = await outsider.GetAsync($"/Applications/{id}{path}");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} gave {(int)response.StatusCode}");
        }

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/{id}/Clarifications/{Guid.NewGuid()}")).StatusCode);
        var applicantAsks = await client.GetAsync($"/Applications/{id}/Clarifications/Ask");
        Assert.NotEqual(HttpStatusCode.OK, applicantAsks.StatusCode);
    }

    [Fact]
    public async Task An_officer_asks_a_question_the_applicant_answers_it_once_and_the_officer_sees_the_answer()
    {
        var (client, _, email) = await app.NewApplicantAsync();
        var id = await SubmittedApplicationAsync(client, "Clarified project");
        var reference = (await app.ApplicationAsync(id)).Reference!;
        var officer = await app.SignedInClientAsync(Officer);

        var empty = await PostPageAsync(officer, $"/Applications/{id}/Clarifications/Ask", Fields(("Question", "  ")));
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Enter the question.", HttpForms.Text(await empty.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var asked = await PostPageAsync(officer, $"/Applications/{id}/Clarifications/Ask", Fields(("Question", "Who will run the sessions, and are they DBS checked?")));
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        var question = await app.InDbAsync(db => db.Clarifications.AsNoTracking().SingleAsync(c => c.ApplicationId == GrantApplicationId.From(id)));
        Assert.Equal(Officer, question.AskedBy);
        var toApplicant = await OutboxAsync(email, $"A question about your application {reference}");
        Assert.Contains($"/Applications/{id}/Clarifications/{question.Id}", toApplicant.Body, StringComparison.Ordinal);

        var status = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Status"));
        Assert.Contains("We have a question about your application", status, StringComparison.Ordinal);

        var url = $"/Applications/{id}/Clarifications/{question.Id}";
        var blank = await PostPageAsync(client, url, Fields(("Answer", "")));
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        Assert.Contains("There is a problem Enter the answer.", HttpForms.Text(await blank.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var tooLong = await PostPageAsync(client, url, Fields(("Answer", new string('x', Clarification.AnswerMaxLength + 1))));
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains($"The answer must be {Clarification.AnswerMaxLength} characters or fewer", HttpForms.Text(await tooLong.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var state = await PageStateAsync(client, url);
        var answered = await PostPageAsync(client, url, Fields(("Answer", "Two sessional youth workers, both with enhanced DBS checks.")), state);
        Assert.Equal((HttpStatusCode.Redirect, $"/Applications/{id}/Status"), (answered.StatusCode, answered.Headers.Location!.OriginalString));
        var again = await PostPageAsync(client, url, Fields(("Answer", "Changed my mind.")), state);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("This question was already answered by", HttpForms.Text(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var stored = await app.InDbAsync(db => db.Clarifications.AsNoTracking().SingleAsync(c => c.Id == question.Id));
        Assert.Equal(("Two sessional youth workers, both with enhanced DBS checks.", email), (stored.Answer, stored.AnsweredBy));
        Assert.NotNull(stored.AnsweredAt);
        var toOfficer = await OutboxAsync(Officer, $"Answer to your question about {reference}");
        Assert.Contains("Two sessional youth workers", toOfficer.Body, StringComparison.Ordinal);
        var officerPage = HttpForms.Text(await officer.GetStringAsync($"/Applications/{id}/Clarifications/Ask"));
        Assert.Contains("Two sessional youth workers, both with enhanced DBS checks.", officerPage, StringComparison.Ordinal);
        Assert.Contains("Questions you have answered", HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Status")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accepting_the_offer_records_the_signatory_time_and_address_moves_the_workflow_on_and_a_second_post_changes_nothing()
    {
        var (client, _, email) = await app.NewApplicantAsync();
        var id = await OfferedApplicationAsync(client, "Accepted offer");

        var status = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Status"));
        Assert.Contains("Stage Offer", status, StringComparison.Ordinal);
        Assert.Contains("Accept or decline the offer by", status, StringComparison.Ordinal);
        Assert.Contains("Your offer We have offered you a grant of £4,500.00", status, StringComparison.Ordinal);
        var offer = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Offer"));
        Assert.Contains("Amount offered £4,500.00", offer, StringComparison.Ordinal);
        Assert.Contains("Get our written approval before moving money between the lines of your budget.", offer, StringComparison.Ordinal);

        var url = $"/Applications/{id}/Offer";
        var state = await PageStateAsync(client, url);
        var incomplete = await PostPageAsync(client, url + "?handler=Accept", Fields(("SignatoryName", ""), ("SignatoryRole", ""), ("SignedOn.Day", "31"), ("SignedOn.Month", "2"), ("SignedOn.Year", "2026")), state);
        var errors = HttpForms.Text(await incomplete.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        Assert.Contains("Enter the full name of the person accepting the offer", errors, StringComparison.Ordinal);
        Assert.Contains("Enter their role in the organisation", errors, StringComparison.Ordinal);
        Assert.Contains("Enter the date of signing as a real date", errors, StringComparison.Ordinal);
        Assert.Contains("Confirm that you accept the offer", errors, StringComparison.Ordinal);
        Assert.Equal(0, await app.InDbAsync(db => db.OfferResponses.CountAsync(r => r.ApplicationId == GrantApplicationId.From(id))));

        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var fields = Fields(("SignatoryName", "Ann Chair"), ("SignatoryRole", "Chair of trustees"), ("SignedOn.Day", today.Day.ToString()), ("SignedOn.Month", today.Month.ToString()), ("SignedOn.Year", today.Year.ToString()), ("Confirmed", "true")).ToList();
        var before = DateTimeOffset.UtcNow;
        var accepted = await PostPageAsync(client, url + "?handler=Accept", fields, state);
        var after = DateTimeOffset.UtcNow;
        Assert.Equal((HttpStatusCode.Redirect, url), (accepted.StatusCode, accepted.Headers.Location!.OriginalString));
        var second = await PostPageAsync(client, url + "?handler=Accept", fields, state);
        Assert.True(second.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"A second acceptance gave {(int)second.StatusCode}");

        var response = Assert.Single(await app.InDbAsync(db => db.OfferResponses.AsNoTracking().Where(r => r.ApplicationId == GrantApplicationId.From(id)).ToListAsync()));
        Assert.Equal((OfferDecision.Accepted, "Ann Chair", "Chair of trustees", (DateOnly?)today, TestRemoteAddress.Address.ToString(), email), (response.Decision, response.SignatoryName, response.SignatoryRole, response.SignedOn, response.IpAddress, response.RespondedBy));
        Assert.InRange(response.RespondedAt, before.AddSeconds(-1), after.AddSeconds(1));
        Assert.False(string.IsNullOrEmpty(response.UserId));
        var correlation = id.ToString();
        Assert.Equal(1, await app.InDbAsync(db => db.Set<WorkflowEvent>().CountAsync(e => e.CorrelationId == correlation && e.EventName == "OfferAccepted")));
        var activeInstance = await InstanceAsync(id);
        var instanceId = activeInstance.Id;
        Assert.Equal("active", activeInstance.CurrentActivityId);

        var page = HttpForms.Text(await client.GetStringAsync(url));
        Assert.Contains("Offer accepted", page, StringComparison.Ordinal);
        Assert.Contains("Signed by Ann Chair, Chair of trustees", page, StringComparison.Ordinal);
        var moved = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Status"));
        Assert.Contains("Stage Active grant", moved, StringComparison.Ordinal);
        var spendDeadline = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().Where(t => t.InstanceId == instanceId && t.ActivityId == "active" && t.TimerKey == "spend-deadline").ToListAsync());
        var due = Assert.Single(spendDeadline, t => t.InstanceId == instanceId).DueAt;
        Assert.Contains($"Spend the grant by {UkTime.Describe(due)} (UK time)", moved, StringComparison.Ordinal);
        Assert.Contains($"End-of-grant report due by {UkTime.Describe(due + System.Xml.XmlConvert.ToTimeSpan("P3M"))} (UK time)", moved, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Declining_the_offer_needs_a_reason_and_finishes_the_application()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await OfferedApplicationAsync(client, "Declined offer");
        var url = $"/Applications/{id}/Offer";

        var noReason = await PostPageAsync(client, url + "?handler=Decline", Fields(("DeclineReason", " ")));
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Enter why you are declining the offer", HttpForms.Text(await noReason.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var declined = await PostPageAsync(client, url + "?handler=Decline", Fields(("DeclineReason", "The venue closed, so the project cannot run.")));
        Assert.Equal(HttpStatusCode.Redirect, declined.StatusCode);

        var response = await app.InDbAsync(db => db.OfferResponses.AsNoTracking().SingleAsync(r => r.ApplicationId == GrantApplicationId.From(id)));
        Assert.Equal((OfferDecision.Declined, "The venue closed, so the project cannot run."), (response.Decision, response.DeclineReason));
        var instance = await InstanceAsync(id);
        Assert.Equal(("offer-declined", InstanceStatus.Finished), (instance.CurrentActivityId, instance.Status));
        var status = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Status"));
        Assert.Contains("Outcome Offer declined by the group", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_the_acceptance_period_the_offer_page_says_so_and_nothing_is_saved()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await OfferedApplicationAsync(client, "Expired offer");
        var url = $"/Applications/{id}/Offer";
        var state = await PageStateAsync(client, url);
        var instance = await InstanceAsync(id);
        var timer = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.TimerKey == "acceptance-period-ends" && t.Status == TimerStatus.Pending));
        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().FireTimerAsync(timer.Id);
            return 0;
        });

        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var late = await PostPageAsync(client, url + "?handler=Accept", Fields(("SignatoryName", "Ann Chair"), ("SignatoryRole", "Chair"), ("SignedOn.Day", today.Day.ToString()), ("SignedOn.Month", today.Month.ToString()), ("SignedOn.Year", today.Year.ToString()), ("Confirmed", "true")), state);
        var page = HttpForms.Text(await late.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var fired = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.Id == timer.Id));
        Assert.Contains($"The acceptance period for this offer ended at {UkTime.Describe(fired.FiredAt!.Value)} (UK time). The offer can no longer be accepted or declined, and nothing you send now will be saved.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Accept the offer", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.InDbAsync(db => db.OfferResponses.CountAsync(r => r.ApplicationId == GrantApplicationId.From(id))));
        var correlation = id.ToString();
        Assert.Equal(0, await app.InDbAsync(db => db.Set<WorkflowEvent>().CountAsync(e => e.CorrelationId == correlation && e.EventName == "OfferAccepted")));
        Assert.Equal("offer-expired", (await InstanceAsync(id)).CurrentActivityId);
        Assert.Contains("Outcome Offer not accepted in time", HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Status")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Once_the_acceptance_period_is_past_an_offer_cannot_be_declined_even_before_the_deadline_timer_has_run()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await OfferedApplicationAsync(client, "Offer past its deadline");
        var url = $"/Applications/{id}/Offer";
        var state = await PageStateAsync(client, url);
        var instance = await InstanceAsync(id);
        var timer = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.TimerKey == "acceptance-period-ends"));

        // The deadline has passed but the scheduler has not fired its timer yet (the app was down, say).
        var due = DateTimeOffset.UtcNow.AddMinutes(-5);
        await app.InDbAsync(async db =>
        {
            (await db.Set<WorkflowTimer>().SingleAsync(t => t.Id == timer.Id)).DueAt = due;
            return await db.SaveChangesAsync();
        });

        var late = await PostPageAsync(client, url + "?handler=Decline", Fields(("DeclineReason", "Too late to say.")), state);
        var page = HttpForms.Text(await late.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains($"The acceptance period for this offer ended at {UkTime.Describe(due)} (UK time).", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.InDbAsync(db => db.OfferResponses.CountAsync(r => r.ApplicationId == GrantApplicationId.From(id))));
        var correlation = id.ToString();
        Assert.Equal(0, await app.InDbAsync(db => db.Set<WorkflowEvent>().CountAsync(e => e.CorrelationId == correlation && e.EventName == "OfferDeclined")));
        Assert.Equal("offer", (await InstanceAsync(id)).CurrentActivityId);
    }

    private async Task<Guid> SubmittedApplicationAsync(HttpClient client, string title)
    {
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), title);
        await app.CompleteDemoApplicationAsync(client, id);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, id)).StatusCode);
        Assert.Equal("eligibility", (await InstanceAsync(id)).CurrentActivityId);
        return id;
    }

    /// <summary>A submitted application driven by the office's staff through every stage up to the offer.</summary>
    private async Task<Guid> OfferedApplicationAsync(HttpClient client, string title)
    {
        var id = await SubmittedApplicationAsync(client, title);
        await CompleteAsync(id, "Eligible", Staff.Officer);
        await CompleteAsync(id, "Scored", Staff.Anne, null, new JsonObject { ["score"] = 80 });
        await CompleteAsync(id, "Scored", Staff.Ben, null, new JsonObject { ["score"] = 78 });
        await CompleteAsync(id, "Shortlisted", Staff.Officer);
        await CompleteAsync(id, "Approved", Staff.Officer);
        await CompleteAsync(id, "Approved", Staff.Commissioner);
        Assert.Equal("offer", (await InstanceAsync(id)).CurrentActivityId);
        return id;
    }

    private async Task<Guid> AskAsync(Guid id, string question)
    {
        var officer = await app.SignedInClientAsync(Officer);
        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(officer, $"/Applications/{id}/Clarifications/Ask", Fields(("Question", question)))).StatusCode);
        return await app.InDbAsync(db => db.Clarifications.AsNoTracking().Where(c => c.ApplicationId == GrantApplicationId.From(id)).OrderByDescending(c => c.AskedAt).Select(c => c.Id).FirstAsync());
    }

    /// <summary>Completes the open task of the current stage (the actor's own copy of a multi-instance task) as that member of staff.</summary>
    private async Task CompleteAsync(Guid id, string outcome, WorkflowActor actor, string? comment = null, JsonObject? data = null)
    {
        var instance = await InstanceAsync(id);
        if (instance.CurrentActivityId == "eligibility")
        {
            // The assessors who score this bid are chosen before assessment starts.
            await app.InDbAsync(async db =>
            {
                var tracked = await db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id);
                var variables = tracked.ReadVariables();
                variables["assessors"] = new JsonArray(Staff.Anne.UserId, Staff.Ben.UserId);
                tracked.WriteVariables(variables);
                return await db.SaveChangesAsync();
            });
        }

        var open = await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking()
            .Where(t => t.InstanceId == instance.Id && t.ActivityId == instance.CurrentActivityId && t.Status == TaskStatus.Open)
            .ToListAsync());
        var task = open.FirstOrDefault(t => t.AssigneeUserId == actor.UserId) ?? open.Single(t => t.AssigneeUserId is null);
        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().CompleteTaskAsync(task.Id, outcome, actor, comment, data);
            return 0;
        });
    }

    private Task<WorkflowInstance> InstanceAsync(Guid id) =>
        app.InDbAsync(db => db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == id.ToString()));

    private async Task<Commissioning.Infrastructure.Mail.OutboxMessage> OutboxAsync(string to, string subject)
    {
        var messages = await app.InDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.To == to && m.Subject == subject).ToListAsync());
        return Assert.Single(messages);
    }
}

public sealed class AfterSubmissionTestsOnSqlite(SqliteApplyApp app) : AfterSubmissionTests(app), IClassFixture<SqliteApplyApp>;

public sealed class AfterSubmissionTestsOnPostgres(PostgresApplyApp app) : AfterSubmissionTests(app), IClassFixture<PostgresApplyApp>;
