using System.Net;
using System.Text.Json.Nodes;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Monitoring;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Payments;
using Commissioning.Domain.Rounds;
using Commissioning.Web;
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

        // The award behind the offer is accepted: one payment, the end-of-grant report owed, the office told.
        var award = await AwardAsync(id);
        Assert.Equal(AwardStatus.Accepted, award.Status);
        var instalment = Assert.Single(award.Instalments);
        Assert.Equal((today, Money.FromPounds(4_500m)), (instalment.DueOn, instalment.Amount));
        Assert.Equal(today, award.Conditions.Single(c => c.Key == ConditionKeys.SignedAgreement).MetOn);
        var report = Assert.Single(await app.InDbAsync(db => db.MonitoringReturns.AsNoTracking().Where(r => r.AwardId == award.Id).ToListAsync()));
        Assert.Equal((ReturnKind.EndOfGrant, today.AddMonths(15)), (report.Kind, report.DueOn));
        Assert.Contains($"Send the end-of-grant report {UkDates.Date(today.AddMonths(15))} To do", moved, StringComparison.Ordinal);
        Assert.Contains("Amount awarded £4,500.00", moved, StringComparison.Ordinal);
        Assert.Contains($"The grant {UkDates.Date(today)} £4,500.00 On hold Add your organisation's bank details so that we can pay you.", moved, StringComparison.Ordinal);
        var toOffice = await OutboxAsync(Officer, $"Offer accepted: {(await app.ApplicationAsync(id)).Reference}");
        Assert.Contains("Signed by Ann Chair, Chair of trustees", toOffice.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_demo_grant_holder_finds_a_grant_under_way_paid_with_its_end_of_grant_report_to_send()
    {
        var client = await app.SignedInClientAsync(DemoGrant.GrantHolder);
        var applications = await client.GetStringAsync("/Applications");
        var id = await app.InDbAsync(async db =>
        {
            var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Name == "Cherwell Valley Community Shed");
            return (await db.Applications.AsNoTracking().SingleAsync(a => a.OrganisationId == organisation.Id)).Id.Value;
        });
        Assert.Contains($"/Applications/{id}/Status", applications, StringComparison.Ordinal);
        var home = HttpForms.Text(await client.GetStringAsync("/"));
        Assert.Contains("Reports to send End-of-grant report: Tools and mentoring for men at risk of isolation (PPAF-2026-", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Reports to send", HttpForms.Text(await (await app.SignedInClientAsync(Applicant)).GetStringAsync("/")), StringComparison.Ordinal);

        var status = await StatusTextAsync(client, id);
        Assert.Contains("Stage Active grant", status, StringComparison.Ordinal);
        Assert.Contains("Leila Ahmed accepted the offer at", status, StringComparison.Ordinal);
        Assert.Contains("Amount awarded £3,250.00 Paid so far £3,250.00", status, StringComparison.Ordinal);
        Assert.Contains("£3,250.00 Paid on", status, StringComparison.Ordinal);
        Assert.Contains("Send the end-of-grant report", status, StringComparison.Ordinal);
        var award = await AwardAsync(id);
        Assert.Equal((AwardStatus.Accepted, true), (award.Status, award.Instalments.Single().IsPaid));
        Assert.Equal(PaymentStatus.Paid, (await app.InDbAsync(db => db.Payments.AsNoTracking().SingleAsync(p => p.AwardId == award.Id))).Status);
    }

    [Fact]
    public async Task Approval_commits_the_award_against_the_funds_budget_line_and_the_offer_shows_its_amount_and_conditions()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var line = await PpafLineAsync();

        var id = await OfferedApplicationAsync(client, "Committed offer");

        var award = await AwardAsync(id);
        Assert.Equal((AwardStatus.Offered, Money.FromPounds(4_500m), line.Id), (award.Status, award.Amount, award.BudgetLineId));
        Assert.Equal(line.Committed + Money.FromPounds(4_500m), (await PpafLineAsync()).Committed);
        var application = await app.ApplicationAsync(id);
        Assert.Equal(application.Priorities.Single(p => p.IsPrimary).PriorityId, award.Priorities.Single(p => p.IsPrimary).PriorityId);
        Assert.Equal(2, award.Priorities.Count);
        Assert.Equal(GrantTerms.Conditions(ProgrammeKind.PolicePropertyActFund).Select(c => c.Text).Order(), award.Conditions.Select(c => c.Text).Order());
        var offer = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Offer"));
        Assert.Contains("Amount offered £4,500.00", offer, StringComparison.Ordinal);
        Assert.Contains(GrantTerms.VerifiedBankDetailsText, offer, StringComparison.Ordinal);
        Assert.Contains("How we will pay the grant In one payment", offer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_approval_the_budget_line_cannot_cover_is_refused_and_nothing_is_committed()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await SubmittedApplicationAsync(client, "Over budget");
        await CompleteAsync(id, "Eligible", Staff.Officer);
        await CompleteAsync(id, "Scored", Staff.Anne, null, new JsonObject { ["score"] = 80 });
        await CompleteAsync(id, "Scored", Staff.Ben, null, new JsonObject { ["score"] = 78 });
        await CompleteAsync(id, "Shortlisted", Staff.Officer);
        await CompleteAsync(id, "Approved", Staff.Officer);
        var line = await PpafLineAsync();
        await SetLineAmountAsync(line.Committed + Money.FromPounds(1_000m) - line.OverProgrammingMargin);
        try
        {
            var refused = await Assert.ThrowsAsync<DomainException>(() => CompleteAsync(id, "Approved", Staff.Commissioner));

            Assert.Contains("only £1,000.00 remains", refused.Message, StringComparison.Ordinal);
            Assert.Equal("pcc-decision", (await InstanceAsync(id)).CurrentActivityId);
            Assert.Equal(0, await app.InDbAsync(db => db.Awards.CountAsync(a => a.GrantApplicationId == GrantApplicationId.From(id))));
            Assert.Equal(line.Committed, (await PpafLineAsync()).Committed);
            Assert.Equal(ApplicationStatus.Recommended, (await app.ApplicationAsync(id)).Status);
        }
        finally
        {
            await SetLineAmountAsync(line.Amount);
        }
    }

    [Fact]
    public async Task Declining_or_letting_an_offer_lapse_gives_its_money_back_to_the_budget_line_and_tells_the_office()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var (another, _, _) = await app.NewApplicantAsync();
        var declined = await OfferedApplicationAsync(client, "Given back");
        var lapsed = await OfferedApplicationAsync(another, "Lapsed");
        var committed = (await PpafLineAsync()).Committed;

        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(client, $"/Applications/{declined}/Offer?handler=Decline", Fields(("DeclineReason", "Our volunteers have left.")))).StatusCode);
        Assert.Equal(AwardStatus.Withdrawn, (await AwardAsync(declined)).Status);
        Assert.Equal(committed - Money.FromPounds(4_500m), (await PpafLineAsync()).Committed);
        var toOffice = await OutboxAsync(Officer, $"Offer declined: {(await app.ApplicationAsync(declined)).Reference}");
        Assert.Contains("Their reason: Our volunteers have left.", toOffice.Body, StringComparison.Ordinal);

        var instance = await InstanceAsync(lapsed);
        var timer = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.TimerKey == "acceptance-period-ends" && t.Status == TimerStatus.Pending));
        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().FireTimerAsync(timer.Id);
            return 0;
        });

        Assert.Equal("offer-expired", (await InstanceAsync(lapsed)).CurrentActivityId);
        Assert.Equal(AwardStatus.Withdrawn, (await AwardAsync(lapsed)).Status);
        Assert.Equal(committed - Money.FromPounds(9_000m), (await PpafLineAsync()).Committed);
    }

    [Fact]
    public async Task The_status_page_shows_payments_as_finance_makes_them()
    {
        var (client, organisation, _) = await app.NewApplicantAsync();
        var id = await AcceptedApplicationAsync(client, "Paid grant");
        var award = await AwardAsync(id);
        var instalment = Assert.Single(award.Instalments);
        var now = DateTimeOffset.UtcNow;
        var bankDetails = new BankAccountDetails("Youth Club", "20-00-00", "55779911", null);
        await app.InDbAsync(async db =>
        {
            var tracked = await db.Organisations.SingleAsync(o => o.Id == organisation.Id);
            tracked.ChangeBankDetails(bankDetails, now);
            return await db.SaveChangesAsync();
        });
        Assert.Contains("On hold We are checking your organisation's new bank details.", await StatusTextAsync(client, id), StringComparison.Ordinal);

        await app.InDbAsync(async db =>
        {
            (await db.Organisations.SingleAsync(o => o.Id == organisation.Id)).VerifyBankDetails(bankDetails, bankDetails.Digest, Staff.Finance.UserId!, now);
            db.Payments.Add(new Payment(award.Id, instalment.Id, organisation.Id, instalment.Amount, instalment.DueOn));
            return await db.SaveChangesAsync();
        });
        Assert.Contains($"{GrantTerms.VerifiedBankDetailsText}", await StatusTextAsync(client, id), StringComparison.Ordinal);
        Assert.Contains("Waiting for conditions We pay once the conditions before payment are met.", await StatusTextAsync(client, id), StringComparison.Ordinal);

        var paidOn = UkTime.DateOf(now);
        await app.InDbAsync(async db =>
        {
            var payment = await db.Payments.SingleAsync(p => p.AwardId == award.Id);
            var payee = await db.Organisations.SingleAsync(o => o.Id == organisation.Id);
            payment.Approve(payee, Staff.Officer.Name, now);
            return await db.SaveChangesAsync();
        });
        Assert.Contains("The grant", await StatusTextAsync(client, id), StringComparison.Ordinal);
        Assert.Contains("Being paid It should reach your bank account within 10 working days.", await StatusTextAsync(client, id), StringComparison.Ordinal);

        await app.InDbAsync(async db =>
        {
            var payment = await db.Payments.SingleAsync(p => p.AwardId == award.Id);
            payment.MarkExported("BACS-2026-11-22");
            payment.MarkPaid(paidOn);
            var tracked = await db.Awards.Include(a => a.Instalments).SingleAsync(a => a.Id == award.Id);
            tracked.RecordInstalmentPaid(instalment.Id, paidOn);
            return await db.SaveChangesAsync();
        });
        var paid = await StatusTextAsync(client, id);
        Assert.Contains($"£4,500.00 Paid on {UkDates.Date(paidOn)}", paid, StringComparison.Ordinal);
        Assert.Contains("Paid so far £4,500.00", paid, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_end_of_grant_report_is_checked_sent_once_kept_for_the_workflow_and_acknowledged()
    {
        var (client, _, email) = await app.NewApplicantAsync();
        var id = await AcceptedApplicationAsync(client, "Reported grant");
        var award = await AwardAsync(id);
        var report = await app.InDbAsync(db => db.MonitoringReturns.AsNoTracking().SingleAsync(r => r.AwardId == award.Id));
        var url = $"/Applications/{id}/Reports/{report.Id}";
        Assert.Contains($"href=\"{url}\"", await client.GetStringAsync($"/Applications/{id}/Status"), StringComparison.Ordinal);

        async Task<string> RefusedAsync(params (string Key, string Value)[] fields)
        {
            var response = await PostPageAsync(client, url, Fields(fields));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return HttpForms.Text(await response.Content.ReadAsStringAsync());
        }

        var empty = await RefusedAsync(("SpendToDate", ""), ("Summary", " "));
        Assert.Contains("There is a problem", empty, StringComparison.Ordinal);
        Assert.Contains("Enter how much of the grant you have spent so far", empty, StringComparison.Ordinal);
        Assert.Contains("Enter a summary of what the grant has paid for and achieved", empty, StringComparison.Ordinal);
        Assert.Contains("Spend so far must be £0 or more", await RefusedAsync(("SpendToDate", "-5"), ("Summary", "Done.")), StringComparison.Ordinal);
        Assert.Contains("Spend so far:", await RefusedAsync(("SpendToDate", "10.005"), ("Summary", "Done.")), StringComparison.Ordinal);
        Assert.Contains("Spend so far must be no more than the grant of £4,500.00", await RefusedAsync(("SpendToDate", "4500.01"), ("Summary", "Done.")), StringComparison.Ordinal);
        var wordy = await RefusedAsync(("SpendToDate", "4,400.50"), ("Summary", Words(501)));
        Assert.Contains("The summary must be 500 words or fewer; it has 501", wordy, StringComparison.Ordinal);
        Assert.Contains("value=\"4,400.50\"", (await (await PostPageAsync(client, url, Fields(("SpendToDate", "4,400.50"), ("Summary", Words(501))))).Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(ReturnStatus.Due, (await ReportAsync(report.Id)).Status);

        var state = await PageStateAsync(client, url);
        var fields = Fields(("SpendToDate", "£4,400.50"), ("Summary", "Forty evening sessions; 63 young people came at least once.")).ToList();
        var sent = await PostPageAsync(client, url, fields, state);
        Assert.Equal((HttpStatusCode.Redirect, $"/Applications/{id}/Status"), (sent.StatusCode, sent.Headers.Location!.OriginalString));
        var again = await PostPageAsync(client, url, fields, state);
        Assert.True(again.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, $"A second send gave {(int)again.StatusCode}");

        var stored = await ReportAsync(report.Id);
        Assert.Equal((ReturnStatus.Submitted, (Money?)Money.FromPence(440_050), "Forty evening sessions; 63 young people came at least once.", email), (stored.Status, stored.SpendToDate, stored.Narrative, stored.SubmittedBy));
        var correlation = id.ToString();
        Assert.Equal(1, await app.InDbAsync(db => db.Set<WorkflowEvent>().CountAsync(e => e.CorrelationId == correlation && e.EventName == "EndOfGrantReportSubmitted")));
        var reference = (await app.ApplicationAsync(id)).Reference;
        Assert.Contains("Spend so far: £4,400.50 of the £4,500.00 awarded.", (await OutboxAsync(Officer, $"End-of-grant report sent: {reference}")).Body, StringComparison.Ordinal);
        await OutboxAsync(email, $"We have your end-of-grant report: {reference}");

        var readOnly = HttpForms.Text(await client.GetStringAsync(url));
        Assert.Contains("This report was sent on", readOnly, StringComparison.Ordinal);
        Assert.Contains("Spend so far £4,400.50", readOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Send the report", readOnly, StringComparison.Ordinal);
        Assert.Contains($"Sent on {UkDates.Date(stored.SubmittedAt!.Value)}", await StatusTextAsync(client, id), StringComparison.Ordinal);

        // Sent early, while the grant is still being spent: the workflow keeps it and takes it when the report stage comes.
        var instance = await InstanceAsync(id);
        Assert.Equal("active", instance.CurrentActivityId);
        var spendDeadline = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.TimerKey == "spend-deadline" && t.Status == TimerStatus.Pending));
        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().FireTimerAsync(spendDeadline.Id);
            return 0;
        });
        Assert.Equal("review-report", (await InstanceAsync(id)).CurrentActivityId);

        // The officer accepts it, finding nothing unspent: the report says so, and the grant closes.
        await CompleteAsync(id, "Accepted", Staff.Officer, null, new JsonObject { ["underspend"] = 0 });
        Assert.Equal(ReturnStatus.Accepted, (await ReportAsync(report.Id)).Status);
        Assert.Equal("closed", (await InstanceAsync(id)).CurrentActivityId);
        Assert.Contains("End-of-grant report", await StatusTextAsync(client, id), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_office_reads_the_accepted_offer_and_the_report_from_the_links_it_is_emailed_but_cannot_answer_or_send_them()
    {
        var (client, organisation, _) = await app.NewApplicantAsync();
        var id = await AcceptedApplicationAsync(client, "Read by the office");
        var reference = (await app.ApplicationAsync(id)).Reference;
        var award = await AwardAsync(id);
        var report = await app.InDbAsync(db => db.MonitoringReturns.AsNoTracking().SingleAsync(r => r.AwardId == award.Id));
        var officer = await app.SignedInClientAsync(Officer);

        var offerLink = (await OutboxAsync(Officer, $"Offer accepted: {reference}")).Body;
        Assert.Contains($"/Applications/{id}/Offer", offerLink, StringComparison.Ordinal);
        var offer = HttpForms.Text(await officer.GetStringAsync($"/Applications/{id}/Offer"));
        Assert.Contains("Offer accepted", offer, StringComparison.Ordinal);
        Assert.Contains("Signed by Ann Chair, Chair", offer, StringComparison.Ordinal);

        var notSent = HttpForms.Text(await officer.GetStringAsync($"/Applications/{id}/Reports/{report.Id}"));
        Assert.Contains($"{organisation.Name} has not sent this report yet.", notSent, StringComparison.Ordinal);
        Assert.DoesNotContain("Send the report", notSent, StringComparison.Ordinal);
        var officerPost = await officer.PostAsync($"/Applications/{id}/Reports/{report.Id}", new FormUrlEncodedContent(Fields(("SpendToDate", "1"), ("Summary", "Sent by the office."))));
        Assert.True(officerPost.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"An officer's post gave {(int)officerPost.StatusCode}");
        Assert.Equal(ReturnStatus.Due, (await ReportAsync(report.Id)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(client, $"/Applications/{id}/Reports/{report.Id}", Fields(("SpendToDate", "4500"), ("Summary", "All spent as planned.")))).StatusCode);
        var sent = HttpForms.Text(await officer.GetStringAsync($"/Applications/{id}/Reports/{report.Id}"));
        Assert.Contains("Spend so far £4,500.00", sent, StringComparison.Ordinal);
        Assert.Contains("All spent as planned.", sent, StringComparison.Ordinal);

        var assessor = await app.SignedInClientAsync("assessor@demo.commissioning.test");
        var refused = await assessor.GetAsync($"/Applications/{id}/Reports/{report.Id}");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task Reminders_e_mail_the_organisation_about_an_unanswered_offer_and_a_report_due_but_not_about_the_offices_own_stages()
    {
        var (client, _, email) = await app.NewApplicantAsync();
        var id = await SubmittedApplicationAsync(client, "Reminded");
        var reference = (await app.ApplicationAsync(id)).Reference;
        await FireTimerAsync(id, "eligibility", "nudge");
        Assert.Equal(0, await app.InDbAsync(db => db.OutboxMessages.CountAsync(m => m.To == email && m.Subject.StartsWith("Reminder"))));

        await CompleteAsync(id, "Eligible", Staff.Officer);
        await CompleteAsync(id, "Scored", Staff.Anne, null, new JsonObject { ["score"] = 80 });
        await CompleteAsync(id, "Scored", Staff.Ben, null, new JsonObject { ["score"] = 78 });
        await CompleteAsync(id, "Shortlisted", Staff.Officer);
        await CompleteAsync(id, "Approved", Staff.Officer);
        await CompleteAsync(id, "Approved", Staff.Commissioner);
        var instance = await InstanceAsync(id);
        var acceptBy = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.TimerKey == "acceptance-period-ends" && t.Status == TimerStatus.Pending));
        await FireTimerAsync(id, "offer", "nudge");
        var offerReminder = await OutboxAsync(email, $"Reminder: please answer our offer of a grant: {reference}");
        Assert.Contains($"It is due by {UkTime.Describe(acceptBy.DueAt)} (UK time).", offerReminder.Body, StringComparison.Ordinal);
        Assert.Contains($"/Applications/{id}/Offer", offerReminder.Body, StringComparison.Ordinal);

        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(client, $"/Applications/{id}/Offer?handler=Accept", Fields(("SignatoryName", "Ann Chair"), ("SignatoryRole", "Chair"), ("SignedOn.Day", today.Day.ToString()), ("SignedOn.Month", today.Month.ToString()), ("SignedOn.Year", today.Year.ToString()), ("Confirmed", "true")))).StatusCode);
        await FireTimerAsync(id, "active", "spend-deadline");
        await FireTimerAsync(id, "end-of-grant-report", "nudge");
        var reportReminder = await OutboxAsync(email, $"Reminder: your end-of-grant report is due: {reference}");
        Assert.Contains("We are waiting for your end-of-grant report for 'Reminded'", reportReminder.Body, StringComparison.Ordinal);
        Assert.Contains($"/Applications/{id}/Status", reportReminder.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_page_the_reminder_e_mail_and_the_workflow_give_the_same_calendar_due_date_for_the_end_of_grant_report()
    {
        var (client, _, email) = await app.NewApplicantAsync();
        var id = await AcceptedApplicationAsync(client, "Due dates that agree");
        var reference = (await app.ApplicationAsync(id)).Reference;
        var acceptedOn = UkTime.DateOf(DateTimeOffset.UtcNow);
        var report = await app.InDbAsync(db => db.MonitoringReturns.AsNoTracking().SingleAsync(r => r.AwardId == db.Awards.Single(a => a.GrantApplicationId == GrantApplicationId.From(id)).Id));
        var instance = await InstanceAsync(id);
        var spendDeadline = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.TimerKey == "spend-deadline" && t.Status == TimerStatus.Pending));

        // 12 calendar months to spend it, then 3 calendar months for the report: never 30-day months.
        Assert.Equal(acceptedOn.AddMonths(12).AddMonths(3), report.DueOn);
        Assert.Equal(UkTime.DueBy(acceptedOn.AddMonths(12).AddDays(-1)), spendDeadline.DueAt);

        await FireTimerAsync(id, "active", "spend-deadline");
        instance = await InstanceAsync(id);
        var reportDue = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.TimerKey == "report-due" && t.Status == TimerStatus.Pending));
        await FireTimerAsync(id, "end-of-grant-report", "nudge");
        var reminder = await OutboxAsync(email, $"Reminder: your end-of-grant report is due: {reference}");
        var status = await StatusTextAsync(client, id);

        Assert.Contains($"Send the end-of-grant report {UkDates.Date(report.DueOn)}", status, StringComparison.Ordinal);
        Assert.Equal(UkTime.DueBy(report.DueOn), reportDue.DueAt);
        Assert.Contains($"It is due by {UkTime.Describe(UkTime.DueBy(report.DueOn))} (UK time).", reminder.Body, StringComparison.Ordinal);
        Assert.Contains($"11:59pm on {report.DueOn.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}", reminder.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_signed_agreement_condition_is_still_met_on_acceptance_after_the_office_rewords_it()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await OfferedApplicationAsync(client, "Reworded conditions");
        const string reworded = "Our grant agreement, signed by your organisation (accepting the offer online signs it).";
        await app.InDbAsync(async db =>
        {
            var award = await db.Awards.Include(a => a.Conditions).SingleAsync(a => a.GrantApplicationId == GrantApplicationId.From(id));
            var signed = award.Conditions.Single(c => c.Text == GrantTerms.SignedAgreementText);
            db.Entry(signed).Property(c => c.Text).CurrentValue = reworded;
            return await db.SaveChangesAsync();
        });

        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var accepted = await PostPageAsync(client, $"/Applications/{id}/Offer?handler=Accept", Fields(("SignatoryName", "Ann Chair"), ("SignatoryRole", "Chair"), ("SignedOn.Day", today.Day.ToString()), ("SignedOn.Month", today.Month.ToString()), ("SignedOn.Year", today.Year.ToString()), ("Confirmed", "true")));

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var condition = (await AwardAsync(id)).Conditions.Single(c => c.Text == reworded);
        Assert.Equal(today, condition.MetOn);
    }

    [Fact]
    public async Task When_no_officer_chose_assessors_every_assessor_gets_a_scoring_task()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await SubmittedApplicationAsync(client, "Scored by every assessor");
        var instance = await InstanceAsync(id);
        var eligibility = await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.ActivityId == "eligibility" && t.Status == TaskStatus.Open));

        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().CompleteTaskAsync(eligibility.Id, "Eligible", Staff.Officer);
            return 0;
        });

        var assessors = await app.InScopeAsync(async services =>
            (await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Commissioning.Infrastructure.Identity.AppUser>>().GetUsersInRoleAsync(Commissioning.Infrastructure.Identity.Roles.Assessor)).Select(u => u.Id).Order().ToList());
        Assert.NotEmpty(assessors);
        var scoring = await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().Where(t => t.InstanceId == instance.Id && t.ActivityId == "assessment").Select(t => t.AssigneeUserId!).ToListAsync());
        Assert.Equal(assessors, scoring.Order());
        Assert.Equal("assessment", (await InstanceAsync(id)).CurrentActivityId);
    }

    [Fact]
    public async Task An_assessor_sees_the_same_bids_on_the_home_page_as_in_the_inbox_and_not_the_copy_that_replaced_their_declared_conflict()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await SubmittedApplicationAsync(client, "Scored after a conflict");
        var instance = await InstanceAsync(id);
        var eligibility = await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.ActivityId == "eligibility" && t.Status == TaskStatus.Open));
        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().CompleteTaskAsync(eligibility.Id, "Eligible", Staff.Officer);
            return 0;
        });
        var assessorUser = await app.InScopeAsync(async services =>
            await services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Commissioning.Infrastructure.Identity.AppUser>>().FindByEmailAsync("assessor@demo.commissioning.test"));
        var own = await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.ActivityId == "assessment" && t.AssigneeUserId == assessorUser!.Id));
        var assessor = await app.SignedInClientAsync("assessor@demo.commissioning.test");

        var home = await assessor.GetStringAsync("/");
        Assert.Contains($"/Tasks/{own.Id}", await assessor.GetStringAsync("/Tasks"), StringComparison.Ordinal);
        Assert.Contains($"/Tasks/{own.Id}", home, StringComparison.Ordinal);
        Assert.DoesNotContain("No bids have been assigned to you yet", home, StringComparison.Ordinal);

        // The assessor declares a conflict: their copy is replaced by one for another assessor, which they never see.
        var actor = new WorkflowActor(assessorUser!.Email!, assessorUser.Id, [Commissioning.Infrastructure.Identity.Roles.Assessor]);
        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().CompleteTaskAsync(own.Id, "ConflictDeclared", actor, "My brother chairs the group");
            return 0;
        });
        var replacement = await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.ActivityId == "assessment" && t.TaskKey == "score-bid" && t.AssigneeUserId == null && t.Status == TaskStatus.Open));

        var inbox = await assessor.GetStringAsync("/Tasks");
        home = await assessor.GetStringAsync("/");
        Assert.DoesNotContain($"/Tasks/{replacement.Id}", inbox, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Tasks/{replacement.Id}", home, StringComparison.Ordinal);
        Assert.DoesNotContain($"/Tasks/{own.Id}", home, StringComparison.Ordinal);
        var officer = await app.SignedInClientAsync(Officer);
        Assert.DoesNotContain($"/Tasks/{replacement.Id}", await officer.GetStringAsync("/Tasks"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_is_emailed_and_shown_with_the_reason_written_for_the_applicant_never_the_staff_comment()
    {
        var (client, _, email) = await app.NewApplicantAsync();
        var id = await SubmittedApplicationAsync(client, "Refused with a reason");
        const string reason = "Your governing document does not allow the group to run activities for under-18s.";

        await CompleteAsync(id, "Ineligible", Staff.Officer, OfficerNote, new JsonObject { ["reasonForApplicant"] = reason });

        var application = await app.ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Ineligible, application.Status);
        Assert.Equal(reason, application.StatusReason);
        var mail = await OutboxAsync(email, $"Your application is not eligible: {application.Reference}");
        Assert.Contains(reason, mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(OfficerNote, mail.Body, StringComparison.Ordinal);
        Assert.Contains($"/Applications/{id}/Status", mail.Body, StringComparison.Ordinal);
        var status = await StatusTextAsync(client, id);
        Assert.Contains($"The reason we gave {reason}", status, StringComparison.Ordinal);
        Assert.Contains("We have emailed your organisation about the outcome.", status, StringComparison.Ordinal);
        Assert.DoesNotContain(OfficerNote, status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refusal_without_a_reason_for_the_applicant_is_refused_and_nothing_changes()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await SubmittedApplicationAsync(client, "Refused without a reason");

        var refused = await Assert.ThrowsAsync<WorkflowException>(() => CompleteAsync(id, "Ineligible", Staff.Officer, OfficerNote));

        Assert.Contains("Reason to give the applicant is needed when the outcome is 'Ineligible'.", refused.Message, StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Submitted, (await app.ApplicationAsync(id)).Status);
        Assert.Equal("eligibility", (await InstanceAsync(id)).CurrentActivityId);
    }

    [Fact]
    public async Task An_offer_is_emailed_to_the_organisation_with_its_amount_and_the_date_to_answer_by()
    {
        var (client, _, email) = await app.NewApplicantAsync();
        var id = await OfferedApplicationAsync(client, "Offered by e-mail");

        var application = await app.ApplicationAsync(id);
        var mail = await OutboxAsync(email, $"We are offering you a grant: {application.Reference}");
        Assert.Contains("We are pleased to offer you a grant of £4,500.00 for 'Offered by e-mail'", mail.Body, StringComparison.Ordinal);
        Assert.Contains("accept or decline it by ", mail.Body, StringComparison.Ordinal);
        Assert.Contains($"/Applications/{id}/Offer", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_are_404_to_other_organisations_and_for_ids_that_are_not_this_awards()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await AcceptedApplicationAsync(client, "Private report");
        var award = await AwardAsync(id);
        var report = await app.InDbAsync(db => db.MonitoringReturns.AsNoTracking().SingleAsync(r => r.AwardId == award.Id));
        var (outsider, _, _) = await app.NewApplicantAsync();
        var (other, _, _) = await app.NewApplicantAsync();
        var othersId = await AcceptedApplicationAsync(other, "Another group's report");

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/Applications/{id}/Reports/{report.Id}")).StatusCode);
        var outsiderPost = await outsider.PostAsync($"/Applications/{id}/Reports/{report.Id}", new FormUrlEncodedContent(Fields(("SpendToDate", "1"), ("Summary", "Tampered."))));
        Assert.True(outsiderPost.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"An outsider's post gave {(int)outsiderPost.StatusCode}");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/{id}/Reports/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/{othersId}/Reports/{report.Id}")).StatusCode);
        var othersReport = await app.InDbAsync(async db =>
        {
            var othersAward = await db.Awards.AsNoTracking().SingleAsync(a => a.GrantApplicationId == GrantApplicationId.From(othersId));
            return await db.MonitoringReturns.AsNoTracking().SingleAsync(r => r.AwardId == othersAward.Id);
        });
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/{id}/Reports/{othersReport.Id}")).StatusCode);
        Assert.Equal(ReturnStatus.Due, (await ReportAsync(report.Id)).Status);
    }

    [Fact]
    public async Task A_victims_services_grant_is_paid_quarterly_and_its_quarterly_return_asks_for_victims_figures_once_the_quarter_ends()
    {
        var (client, _, email) = await app.NewApplicantAsync();
        var round = await app.NewRoundAsync($"Victims' services {Guid.NewGuid():N}", ProgrammeKind.VictimsServicesGrant);
        var id = await AcceptedApplicationAsync(client, "Support for victims of fraud", round);
        var award = await AwardAsync(id);
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var quarters = GrantTerms.PaymentSchedule(ProgrammeKind.VictimsServicesGrant, award.Amount, award.Year, today);
        Assert.Equal(quarters, award.Instalments.OrderBy(i => i.Number).Select(i => (i.DueOn, i.Amount)).ToList());
        var reports = await app.InDbAsync(db => db.MonitoringReturns.AsNoTracking().Where(r => r.AwardId == award.Id).OrderBy(r => r.DueOn).ToListAsync());
        Assert.Equal(quarters.Count, reports.Count);
        var first = reports[0];
        var url = $"/Applications/{id}/Reports/{first.Id}";

        var early = HttpForms.Text(await client.GetStringAsync(url));
        Assert.Contains($"You can send this return from {UkDates.Date(first.PeriodEnd)}, the last day of the quarter it covers.", early, StringComparison.Ordinal);
        Assert.DoesNotContain("Send the report", early, StringComparison.Ordinal);

        app.Clock.Set(UkTime.ToInstant(first.PeriodEnd.AddDays(3), new TimeOnly(10, 0)));
        try
        {
            // Weeks later, the provider signs in again to send the quarter's return.
            client = await app.SignedInClientAsync(email, "a-long-enough-password");
            var status = await StatusTextAsync(client, id);
            Assert.Contains($"Send the {first.TitleInSentence()}", status, StringComparison.Ordinal);

            var refused = await PostPageAsync(client, url, Fields(("SpendToDate", "1000"), ("Referrals", "40"), ("VictimsSupported", "30"), ("HelpedToCopeAndRecover", "31"), ("Summary", "Busy quarter.")));
            var errors = HttpForms.Text(await refused.Content.ReadAsStringAsync());
            Assert.Contains("Victims helped to cope and recover must be no more than the 30 victims supported", errors, StringComparison.Ordinal);
            var missing = HttpForms.Text(await (await PostPageAsync(client, url, Fields(("SpendToDate", "1000"), ("Referrals", "x"), ("VictimsSupported", ""), ("HelpedToCopeAndRecover", "-1"), ("Summary", "Busy quarter.")))).Content.ReadAsStringAsync());
            Assert.Contains("The number of referrals received must be a whole number", missing, StringComparison.Ordinal);
            Assert.Contains("Enter the number of victims supported, or 0 if there were none", missing, StringComparison.Ordinal);
            Assert.Contains("The number of victims helped to cope and recover must be 0 or more", missing, StringComparison.Ordinal);

            var sent = await PostPageAsync(client, url, Fields(("SpendToDate", "1000"), ("Referrals", "40"), ("VictimsSupported", "30"), ("HelpedToCopeAndRecover", "24"), ("Summary", "Busy quarter.")));
            Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
            Assert.Equal(new VictimFigures(40, 30, 24), (await ReportAsync(first.Id)).Figures);
            Assert.Equal("review-return", (await InstanceAsync(id)).CurrentActivityId);

            // The officer returns it for changes: a comment is needed, and the provider is told what to change.
            var noComment = await Assert.ThrowsAsync<DomainException>(() => CompleteAsync(id, "ReturnForChanges", Staff.Officer));
            Assert.Contains("Say in the comment what needs to change", noComment.Message, StringComparison.Ordinal);
            await CompleteAsync(id, "ReturnForChanges", Staff.Officer, "The referrals should include the 6 from the police hub.");
            Assert.Equal(ReturnStatus.ReturnedForChanges, (await ReportAsync(first.Id)).Status);
            var reference = (await app.ApplicationAsync(id)).Reference;
            Assert.Contains("The referrals should include the 6 from the police hub.", (await OutboxAsync(email, $"Changes needed to your {first.TitleInSentence()}: {reference}")).Body, StringComparison.Ordinal);
            Assert.Contains("Changes needed", await StatusTextAsync(client, id), StringComparison.Ordinal);
            var again = await client.GetStringAsync(url);
            Assert.Contains("We need some changes: The referrals should include the 6 from the police hub.", HttpForms.Text(again), StringComparison.Ordinal);
            Assert.Contains("value=\"40\"", again, StringComparison.Ordinal);

            var resent = await PostPageAsync(client, url, Fields(("SpendToDate", "1000"), ("Referrals", "46"), ("VictimsSupported", "30"), ("HelpedToCopeAndRecover", "24"), ("Summary", "Busy quarter, with the hub's referrals.")));
            Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
            Assert.Equal((ReturnStatus.Submitted, new VictimFigures(46, 30, 24)), ((await ReportAsync(first.Id)).Status, (await ReportAsync(first.Id)).Figures));
            Assert.Equal("review-return", (await InstanceAsync(id)).CurrentActivityId);
            await CompleteAsync(id, "Accepted", Staff.Officer);
            Assert.Equal(ReturnStatus.Accepted, (await ReportAsync(first.Id)).Status);
            Assert.Contains($"{first.Title} {UkDates.Date(first.DueOn)} Accepted", await StatusTextAsync(client, id), StringComparison.Ordinal);

            // The grant runs on, quarter by quarter, until every return it owes is accepted.
            foreach (var later in reports.Skip(1))
            {
                Assert.Equal("quarterly-return", (await InstanceAsync(id)).CurrentActivityId);
                app.Clock.Set(UkTime.ToInstant(later.PeriodEnd.AddDays(3), new TimeOnly(10, 0)));
                client = await app.SignedInClientAsync(email, "a-long-enough-password");
                Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(client, $"/Applications/{id}/Reports/{later.Id}", Fields(("SpendToDate", "2000"), ("Referrals", "20"), ("VictimsSupported", "18"), ("HelpedToCopeAndRecover", "15"), ("Summary", "Another quarter.")))).StatusCode);
                await CompleteAsync(id, "Accepted", Staff.Officer);
                Assert.Equal(ReturnStatus.Accepted, (await ReportAsync(later.Id)).Status);
            }

            Assert.Equal("year-end-reconciliation", (await InstanceAsync(id)).CurrentActivityId);
        }
        finally
        {
            app.Clock.Reset();
        }
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

    [Fact]
    public async Task Offer_acceptance_racing_the_offers_expiry_leaves_the_award_and_the_workflow_agreeing()
    {
        for (var round = 1; round <= 3; round++)
        {
            // One award per group in 12 months: each round is another group's.
            var (client, _, _) = await app.NewApplicantAsync();
            var id = await OfferedApplicationAsync(client, $"Race {round}");
            var instance = await InstanceAsync(id);
            var timer = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.TimerKey == "acceptance-period-ends" && t.Status == TimerStatus.Pending));
            var state = await PageStateAsync(client, $"/Applications/{id}/Offer");
            var today = UkTime.DateOf(DateTimeOffset.UtcNow);

            // The person presses Accept as the deadline's timer runs.
            var accept = PostPageAsync(client, $"/Applications/{id}/Offer?handler=Accept", Fields(("SignatoryName", "Ann Chair"), ("SignatoryRole", "Chair"), ("SignedOn.Day", today.Day.ToString()), ("SignedOn.Month", today.Month.ToString()), ("SignedOn.Year", today.Year.ToString()), ("Confirmed", "true")), state);
            var expire = app.InScopeAsync(async services =>
            {
                await services.GetRequiredService<WorkflowRuntime>().FireTimerAsync(timer.Id);
                return 0;
            });
            await Task.WhenAll(accept, expire);
            await app.InScopeAsync(services => services.GetRequiredService<WorkflowDeliverySweep>().RunAsync());

            var award = await AwardAsync(id);
            var ended = await InstanceAsync(id);
            var answered = await app.InDbAsync(db => db.OfferResponses.AsNoTracking().SingleOrDefaultAsync(r => r.ApplicationId == GrantApplicationId.From(id)));
            if (answered is null)
            {
                Assert.Equal(AwardStatus.Withdrawn, award.Status);
                Assert.Equal("offer-expired", ended.CurrentActivityId);
            }
            else
            {
                Assert.Equal(AwardStatus.Accepted, award.Status);
                Assert.NotEqual("offer-expired", ended.CurrentActivityId);
                Assert.NotEqual("offer", ended.CurrentActivityId);
            }
        }
    }

    [Fact]
    public async Task An_acceptance_saved_before_the_deadline_but_not_yet_delivered_wins_over_the_deadline()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await OfferedApplicationAsync(client, "Accepted at the last minute");
        var instance = await InstanceAsync(id);
        var timer = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.TimerKey == "acceptance-period-ends" && t.Status == TimerStatus.Pending));
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var acceptedAt = DateTimeOffset.UtcNow.AddMinutes(-2);

        // The acceptance and its event commit together; the process dies before the event reaches the workflow.
        await app.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<Commissioning.Infrastructure.Persistence.CommissioningDbContext>();
            var application = await db.Applications.SingleAsync(a => a.Id == GrantApplicationId.From(id));
            var now = acceptedAt;
            db.OfferResponses.Add(OfferResponse.Accept(application, "Ann Chair", "Chair", today, today, now, "192.0.2.1", "user", "applicant@test"));
            await Commissioning.Infrastructure.Applications.AnswerOffer.AcceptAwardAsync(db, application, today, CancellationToken.None);
            services.GetRequiredService<Commissioning.Infrastructure.Applications.ApplicationEvents>().Record("OfferAccepted", application.Id, now);
            return await db.SaveChangesAsync();
        });

        // Then the deadline passes and its timer runs before anything else (unless the minute's delivery sweep
        // delivers the acceptance first, which ends the same way).
        await app.InDbAsync(async db =>
        {
            (await db.Set<WorkflowTimer>().SingleAsync(t => t.Id == timer.Id)).DueAt = acceptedAt.AddMinutes(1);
            return await db.SaveChangesAsync();
        });
        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().FireTimerAsync(timer.Id);
            return 0;
        });

        Assert.Equal(AwardStatus.Accepted, (await AwardAsync(id)).Status);
        var moved = await InstanceAsync(id);
        Assert.NotEqual("offer-expired", moved.CurrentActivityId);
        Assert.NotEqual("offer", moved.CurrentActivityId);
        var correlation = id.ToString();
        Assert.Equal(0, await app.InDbAsync(db => db.Set<WorkflowEvent>().CountAsync(e => e.CorrelationId == correlation && e.ConsumedAt == null)));
    }

    [Fact]
    public async Task An_applicant_withdraws_a_draft_after_confirming_and_is_emailed_and_the_workflow_ends_withdrawn()
    {
        var (client, organisation, email) = await app.NewApplicantAsync();
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "No longer needed");
        Assert.Contains($"/Applications/{id}/Withdraw", await client.GetStringAsync($"/Applications/{id}"), StringComparison.Ordinal);

        var confirm = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Withdraw"));
        Assert.Contains("Are you sure you want to withdraw", confirm, StringComparison.Ordinal);
        var tooLong = await PostPageAsync(client, $"/Applications/{id}/Withdraw", Fields(("Reason", new string('x', 2001))));
        Assert.Equal(HttpStatusCode.Conflict, tooLong.StatusCode);
        Assert.Contains("The reason must be 2,000 characters or fewer", HttpForms.Text(await tooLong.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(ApplicationStatus.Draft, (await app.ApplicationAsync(id)).Status);

        var withdrawn = await PostPageAsync(client, $"/Applications/{id}/Withdraw", Fields(("Reason", "We found other funding.")));
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        var done = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Withdraw"));
        Assert.Contains("Application withdrawn", done, StringComparison.Ordinal);
        Assert.Contains($"We have sent a confirmation to {email}", done, StringComparison.Ordinal);

        var application = await app.ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Withdrawn, application.Status);
        Assert.Contains("We found other funding.", application.StatusReason, StringComparison.Ordinal);
        var instance = await InstanceAsync(id);
        Assert.Equal(InstanceStatus.Finished, instance.Status);
        Assert.Equal("withdrawn", instance.Outcome);
        var mail = await OutboxAsync(email, "You have withdrawn your draft application: No longer needed");
        Assert.Contains(organisation.Name, mail.Body, StringComparison.Ordinal);

        // Again: nothing more happens, and no second e-mail.
        await PostPageAsync(client, $"/Applications/{id}/Withdraw", Fields(("Reason", "Twice.")));
        Assert.Contains("We found other funding.", (await app.ApplicationAsync(id)).StatusReason, StringComparison.Ordinal);
        await OutboxAsync(email, "You have withdrawn your draft application: No longer needed");
        Assert.DoesNotContain($"/Applications/{id}/Withdraw\"", await client.GetStringAsync($"/Applications/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submitted_application_withdrawn_during_the_eligibility_check_takes_the_officers_task_away()
    {
        var (client, _, email) = await app.NewApplicantAsync();
        var id = await SubmittedApplicationAsync(client, "Withdrawn while checked");
        Assert.Contains("Withdraw this application", await StatusTextAsync(client, id), StringComparison.Ordinal);
        var instance = await InstanceAsync(id);
        Assert.Equal(1, await app.InDbAsync(db => db.Set<HumanTask>().CountAsync(t => t.InstanceId == instance.Id && t.Status == TaskStatus.Open)));

        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(client, $"/Applications/{id}/Withdraw", Fields(("Reason", string.Empty)))).StatusCode);

        Assert.Equal(ApplicationStatus.Withdrawn, (await app.ApplicationAsync(id)).Status);
        Assert.Equal("withdrawn", (await InstanceAsync(id)).Outcome);
        Assert.Equal(0, await app.InDbAsync(db => db.Set<HumanTask>().CountAsync(t => t.InstanceId == instance.Id && t.Status == TaskStatus.Open)));
        var reference = (await app.ApplicationAsync(id)).Reference;
        await OutboxAsync(email, $"You have withdrawn your application {reference}: Withdrawn while checked");
    }

    [Fact]
    public async Task After_an_offer_an_application_cannot_be_withdrawn_and_other_organisations_get_404()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await OfferedApplicationAsync(client, "Offered, not withdrawable");
        Assert.DoesNotContain("Withdraw this application", await StatusTextAsync(client, id), StringComparison.Ordinal);
        Assert.Contains("You cannot withdraw this application", HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Withdraw")), StringComparison.Ordinal);
        Assert.Contains("decline the offer instead", HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Withdraw")), StringComparison.Ordinal);

        var refused = await PostPageAsync(client, $"/Applications/{id}/Withdraw", Fields(("Reason", "Changed our minds.")));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(ApplicationStatus.Approved, (await app.ApplicationAsync(id)).Status);
        Assert.Equal("offer", (await InstanceAsync(id)).CurrentActivityId);

        var (stranger, _, _) = await app.NewApplicantAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/Applications/{id}/Withdraw")).StatusCode);
    }

    [Theory]
    [InlineData("chief-constable", "Record the Chief Constable's approval")]
    [InlineData("pcc-decision", "Decide (Police and Crime Commissioner)")]
    public async Task A_shortlisted_application_can_be_withdrawn_until_the_offer_which_takes_the_open_task_away_and_tells_the_office(string stage, string taskName)
    {
        var (client, _, email) = await app.NewApplicantAsync();
        var id = await ApplicationAtAsync(client, $"Withdrawn at {stage}", stage);
        var instance = await InstanceAsync(id);
        Assert.Equal(3, instance.DefinitionVersion);
        Assert.Equal(ApplicationStatus.Recommended, (await app.ApplicationAsync(id)).Status);
        Assert.Equal(taskName, (await app.InDbAsync(db => db.Set<HumanTask>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.Status == TaskStatus.Open))).Name);
        Assert.Contains("Withdraw this application", await StatusTextAsync(client, id), StringComparison.Ordinal);
        Assert.Contains("Are you sure you want to withdraw", HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Withdraw")), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PostPageAsync(client, $"/Applications/{id}/Withdraw", Fields(("Reason", "Our project lost its venue.")))).StatusCode);

        Assert.Equal(ApplicationStatus.Withdrawn, (await app.ApplicationAsync(id)).Status);
        Assert.Equal("withdrawn", (await InstanceAsync(id)).Outcome);
        Assert.Equal(0, await app.InDbAsync(db => db.Set<HumanTask>().CountAsync(t => t.InstanceId == instance.Id && t.Status == TaskStatus.Open)));
        var reference = (await app.ApplicationAsync(id)).Reference;
        await OutboxAsync(email, $"You have withdrawn your application {reference}: Withdrawn at {stage}");
        var toOffice = await OutboxAsync(Officer, $"Application withdrawn at decision: {reference}");
        Assert.Contains("Our project lost its venue.", toOffice.Body, StringComparison.Ordinal);
        var officer = await app.SignedInClientAsync(Officer);
        Assert.DoesNotContain(reference!, HttpForms.Text(await officer.GetStringAsync("/Tasks")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_application_whose_workflow_runs_on_a_version_without_withdrawal_at_the_decision_is_not_offered_it_and_is_told_to_contact_the_office()
    {
        var (client, _, _) = await app.NewApplicantAsync();
        var id = await ApplicationAtAsync(client, "Decided on version 2", "pcc-decision");
        var instance = await InstanceAsync(id);
        await app.InDbAsync(async db =>
        {
            (await db.Set<WorkflowInstance>().SingleAsync(i => i.Id == instance.Id)).DefinitionVersion = 2;
            return await db.SaveChangesAsync();
        });

        Assert.DoesNotContain("Withdraw this application", await StatusTextAsync(client, id), StringComparison.Ordinal);
        var page = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Withdraw"));
        Assert.Contains("You cannot withdraw this application", page, StringComparison.Ordinal);
        Assert.Contains("Contact the office to withdraw it.", page, StringComparison.Ordinal);

        var refused = await PostPageAsync(client, $"/Applications/{id}/Withdraw", Fields(("Reason", "Changed our minds.")));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal(ApplicationStatus.Recommended, (await app.ApplicationAsync(id)).Status);
        Assert.Equal(0, await app.InDbAsync(db => db.Set<WorkflowEvent>().CountAsync(e => e.CorrelationId == id.ToString() && e.EventName == "ApplicationWithdrawn")));
        Assert.Equal("pcc-decision", (await InstanceAsync(id)).CurrentActivityId);
    }

    private async Task<Guid> SubmittedApplicationAsync(HttpClient client, string title, FundingRound? round = null)
    {
        var id = await app.StartApplicationAsync(client, round ?? await app.DemoRoundAsync(), title);
        await app.CompleteDemoApplicationAsync(client, id);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, id)).StatusCode);
        Assert.Equal("eligibility", (await InstanceAsync(id)).CurrentActivityId);
        return id;
    }

    /// <summary>A submitted application driven by the office's staff through every stage up to the offer.</summary>
    private Task<Guid> OfferedApplicationAsync(HttpClient client, string title, FundingRound? round = null) =>
        ApplicationAtAsync(client, title, "offer", round);

    /// <summary>A submitted application driven by the office's staff, every stage approving it, until it reaches <paramref name="stopAt"/>.</summary>
    private async Task<Guid> ApplicationAtAsync(HttpClient client, string title, string stopAt, FundingRound? round = null)
    {
        var id = await SubmittedApplicationAsync(client, title, round);
        for (var stage = (await InstanceAsync(id)).CurrentActivityId; stage != stopAt; stage = (await InstanceAsync(id)).CurrentActivityId)
        {
            switch (stage)
            {
                case "eligibility":
                    await CompleteAsync(id, "Eligible", Staff.Officer);
                    break;
                case "assessment":
                    await CompleteAsync(id, "Scored", Staff.Anne, null, new JsonObject { ["score"] = 80 });
                    await CompleteAsync(id, "Scored", Staff.Ben, null, new JsonObject { ["score"] = 78 });
                    break;
                case "panel":
                    await CompleteAsync(id, "Shortlisted", Staff.Officer);
                    break;
                case "chief-constable":
                    await CompleteAsync(id, "Approved", Staff.Officer);
                    break;
                case "pcc-decision":
                    await CompleteAsync(id, "Approved", Staff.Commissioner);
                    break;
                default:
                    throw new InvalidOperationException($"The application stopped at '{stage}' on its way to an offer.");
            }
        }

        return id;
    }

    /// <summary>An offered application whose offer the applicant has accepted through the offer page.</summary>
    private async Task<Guid> AcceptedApplicationAsync(HttpClient client, string title, FundingRound? round = null)
    {
        var id = await OfferedApplicationAsync(client, title, round);
        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var accepted = await PostPageAsync(client, $"/Applications/{id}/Offer?handler=Accept", Fields(("SignatoryName", "Ann Chair"), ("SignatoryRole", "Chair"), ("SignedOn.Day", today.Day.ToString()), ("SignedOn.Month", today.Month.ToString()), ("SignedOn.Year", today.Year.ToString()), ("Confirmed", "true")));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(AwardStatus.Accepted, (await AwardAsync(id)).Status);
        return id;
    }

    private Task<Award> AwardAsync(Guid id) =>
        app.InDbAsync(db => db.Awards.AsNoTracking().Include(a => a.Conditions).Include(a => a.Instalments).Include(a => a.Priorities).SingleAsync(a => a.GrantApplicationId == GrantApplicationId.From(id)));

    private Task<MonitoringReturn> ReportAsync(MonitoringReturnId id) =>
        app.InDbAsync(db => db.MonitoringReturns.AsNoTracking().SingleAsync(r => r.Id == id));

    private async Task<BudgetLine> PpafLineAsync()
    {
        var round = await app.DemoRoundAsync();
        return await app.InDbAsync(db => db.BudgetLines.AsNoTracking().SingleAsync(l => l.FundId == round.FundId && l.Year == round.Year));
    }

    private async Task SetLineAmountAsync(Money amount)
    {
        var line = await PpafLineAsync();
        await app.InDbAsync(async db =>
        {
            (await db.BudgetLines.SingleAsync(l => l.Id == line.Id)).ChangeAmount(amount, "Budget revised for the test", Officer, DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
    }

    private static async Task<string> StatusTextAsync(HttpClient client, Guid id) =>
        HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Status"));

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

    private async Task FireTimerAsync(Guid id, string activityId, string timerKey)
    {
        var instance = await InstanceAsync(id);
        Assert.Equal(activityId, instance.CurrentActivityId);
        var timer = await app.InDbAsync(db => db.Set<WorkflowTimer>().AsNoTracking().SingleAsync(t => t.InstanceId == instance.Id && t.ActivityId == activityId && t.TimerKey == timerKey && t.Status == TimerStatus.Pending));
        await app.InScopeAsync(async services =>
        {
            await services.GetRequiredService<WorkflowRuntime>().FireTimerAsync(timer.Id);
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
