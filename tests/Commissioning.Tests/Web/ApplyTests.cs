using Commissioning.Infrastructure.Persistence;
using System.Net;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Mail;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Tests.Web.ApplyApp;

namespace Commissioning.Tests.Web;

/// <summary>Applying online through the real app: finding funding, eligibility, the form, the budget, priorities and submitting.</summary>
public abstract class ApplyTests(ApplyApp app)
{
    [Fact]
    public async Task The_funding_page_lists_the_open_round_with_who_can_apply_the_award_limits_closing_time_and_plan_priorities()
    {
        var round = await app.DemoRoundAsync();

        var response = await app.NewClient().GetAsync("/Funding");
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Police Property Act Fund 2026/27: round 2 Open", page, StringComparison.Ordinal);
        Assert.Contains("Who can apply Constituted voluntary and community groups working in the force area", page, StringComparison.Ordinal);
        Assert.Contains("Grants of £500.00 to £10,000.00", page, StringComparison.Ordinal);
        Assert.Contains($"Closing date {UkTime.Describe(round.ClosesAt)} (UK time)", page, StringComparison.Ordinal);
        Assert.Contains("Plan priorities it supports", page, StringComparison.Ordinal);
        Assert.Contains((await app.FirstPriorityAsync()).Title, page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_round_page_shows_the_eligibility_questions_and_the_way_in_and_an_unknown_round_is_not_found()
    {
        var round = await app.DemoRoundAsync();
        var client = app.NewClient();

        var page = HttpForms.Text(await client.GetStringAsync($"/Funding/{round.Id}"));
        var unknown = await client.GetAsync($"/Funding/{Guid.NewGuid()}");
        var unknownEligibility = await (await app.SignedInClientAsync(Applicant)).GetAsync($"/Funding/{Guid.NewGuid()}/Eligibility");

        Assert.Contains("Is your organisation a statutory body or a school?", page, StringComparison.Ordinal);
        Assert.Contains("Check if you can apply", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownEligibility.StatusCode);
    }

    [Fact]
    public async Task The_eligibility_check_asks_people_to_sign_in_as_an_applicant()
    {
        var round = await app.DemoRoundAsync();

        var response = await app.NewClient().GetAsync($"/Funding/{round.Id}/Eligibility");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/SignIn", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Someone_not_eligible_is_told_each_reason_in_plain_English_and_nothing_is_started()
    {
        var (client, organisation, _) = await app.NewApplicantAsync();
        var round = await app.DemoRoundAsync();
        var answers = EligibleAnswers.ToDictionary(a => $"Answers[{a.Key}]", a => a.Value);
        answers["Answers[statutory]"] = "yes";
        answers["Answers[core-costs]"] = "yes";

        var response = await client.PostFormAsync($"/Funding/{round.Id}/Eligibility", answers);
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You cannot apply to this round", page, StringComparison.Ordinal);
        Assert.Contains("Statutory bodies and schools cannot apply to the Police Property Act Fund.", page, StringComparison.Ordinal);
        Assert.Contains("The fund does not pay for core running costs, salaries or buildings.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("constituted groups", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.InDbAsync(db => db.Applications.CountAsync(a => a.OrganisationId == organisation.Id)));
    }

    [Fact]
    public async Task Unanswered_eligibility_questions_are_named_in_the_error_summary()
    {
        var round = await app.DemoRoundAsync();
        var client = await app.SignedInClientAsync(Applicant);

        var response = await client.PostFormAsync($"/Funding/{round.Id}/Eligibility", new() { ["Answers[constituted]"] = "yes", ["Answers[force-area]"] = "perhaps" });
        var html = await response.Content.ReadAsStringAsync();
        var page = HttpForms.Text(html);

        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("Select yes or no for \u2018Is your organisation a statutory body or a school?\u2019", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#Answers_force-area_\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_with_an_award_from_the_fund_in_the_last_12_months_is_told_so_whatever_it_answered()
    {
        var (client, organisation, _) = await app.NewApplicantAsync("Abingdon Lantern Club");
        var round = await app.DemoRoundAsync();
        await app.InDbAsync(async db =>
        {
            var line = await db.BudgetLines.FirstAsync(l => l.FundId == round.FundId);
            var priority = await db.PlanPriorities.FirstAsync();
            var award = Award.Make(organisation.Id, line, Money.FromPounds(2_000), "Lantern walks", UkTime.DateOf(DateTimeOffset.UtcNow).AddMonths(-3), priority.Id);
            award.Offer();
            db.Awards.Add(award);
            return await db.SaveChangesAsync();
        });
        var fields = EligibleAnswers.ToDictionary(a => $"Answers[{a.Key}]", a => a.Value);
        fields["RoundId"] = round.Id.ToString();
        fields["ProjectTitle"] = "Winter lantern walks";

        var response = await client.PostFormAsync($"/Funding/{round.Id}/Eligibility?handler=Start", fields, $"/Funding/{round.Id}/Eligibility");
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You cannot apply to this round", page, StringComparison.Ordinal);
        Assert.Contains("Groups can receive only one award from the fund in any 12 months. Our records show Abingdon Lantern Club was awarded £2,000.00 from this fund on", page, StringComparison.Ordinal);
        Assert.Equal(0, await app.InDbAsync(db => db.Applications.CountAsync(a => a.OrganisationId == organisation.Id)));
    }

    [Fact]
    public async Task Applying_from_eligibility_to_submission_gives_a_reference_moves_the_workflow_queues_the_email_and_offers_a_PDF()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var round = await app.DemoRoundAsync();

        var id = await app.StartApplicationAsync(client, round, "Evening youth club");
        var draftInstance = await InstanceAsync(id);
        Assert.Equal(("police-property-act-fund", "draft"), (draftInstance.DefinitionId, draftInstance.CurrentActivityId));

        var taskList = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}"));
        Assert.Contains("About your project Not started", taskList, StringComparison.Ordinal);
        Assert.Contains("Check your answers and submit Cannot start yet", taskList, StringComparison.Ordinal);

        await app.CompleteDemoApplicationAsync(client, id);
        taskList = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}"));
        Assert.Contains("About your project Completed", taskList, StringComparison.Ordinal);
        Assert.Contains("Budget Completed", taskList, StringComparison.Ordinal);
        Assert.Contains("Plan priorities Completed", taskList, StringComparison.Ordinal);

        var check = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/CheckAnswers"));
        Assert.Contains("How much are you asking for? £4,500.00 Change", check, StringComparison.Ordinal);
        Assert.Contains("When will the project start? 5 January 2027", check, StringComparison.Ordinal);
        Assert.Contains("Asked of the fund £4,500.00", check, StringComparison.Ordinal);
        Assert.DoesNotContain("Who else have you asked", check, StringComparison.Ordinal);

        var noDeclaration = await PostPageAsync(client, $"/Applications/{id}/CheckAnswers", []);
        Assert.Contains("Confirm the declaration to submit your application", HttpForms.Text(await noDeclaration.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var submitted = await SubmitAsync(client, id);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal($"/Applications/{id}/Submitted", submitted.Headers.Location!.OriginalString);

        var application = await app.ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        Assert.Matches("^PPAF-2026-[0-9]{5}$", application.Reference!);
        var confirmation = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Submitted"));
        Assert.Contains($"Application submitted Your reference number {application.Reference}", confirmation, StringComparison.Ordinal);

        Assert.Equal("eligibility", (await InstanceAsync(id)).CurrentActivityId);

        var mail = await app.InDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Subject.Contains(application.Reference!)).ToListAsync());
        var email = Assert.Single(mail);
        Assert.Equal(Applicant, email.To);
        Assert.Contains($"Reference number: {application.Reference}", email.Body, StringComparison.Ordinal);

        var pdf = await client.GetAsync($"/Applications/{id}/Pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", pdf.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"{application.Reference}.pdf", pdf.Content.Headers.ContentDisposition.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        if (Environment.GetEnvironmentVariable("COMMISSIONING_KEEP_PDF") is { Length: > 0 } keep)
        {
            await File.WriteAllBytesAsync(keep, bytes);
        }
    }

    [Fact]
    public async Task With_a_public_address_a_forged_host_header_does_not_change_the_link_in_the_submission_email()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var round = await app.DemoRoundAsync();
        var id = await app.StartApplicationAsync(client, round, "Forged host check");
        await app.CompleteDemoApplicationAsync(client, id);
        var state = await PageStateAsync(client, $"/Applications/{id}/CheckAnswers");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/Applications/{id}/CheckAnswers")
        {
            Content = new FormUrlEncodedContent(state.Where(s => s.Key != "Declaration").Append(KeyValuePair.Create("Declaration", "true"))),
        };
        request.Headers.Host = "attacker.example";

        var submitted = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        var reference = (await app.ApplicationAsync(id)).Reference!;
        var mail = Assert.Single(await app.InDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Subject.Contains(reference)).ToListAsync()));
        Assert.Equal(Applicant, mail.To);
        Assert.Contains($"{ApplyApp.PublicAddress}/Applications/{id}", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("attacker.example", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitted_answers_are_frozen()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await SubmittedApplicationAsync(client, "Frozen answers");
        var state = await PageStateAsync(client, $"/Applications/{id}/CheckAnswers");

        var section = await client.GetAsync($"/Applications/{id}/Sections/money");
        var change = await client.PostAsync($"/Applications/{id}/Sections/money", new FormUrlEncodedContent(Fields(
            ("__RequestVerificationToken", state.First(s => s.Key == "__RequestVerificationToken").Value), ("roundId", (await app.DemoRoundAsync()).Id.ToString()), ("shown", "amount"), ("q.amount", "9000"), ("action", "continue"))));

        Assert.Equal(HttpStatusCode.Redirect, section.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, change.StatusCode);
        Assert.Contains("This application was submitted and can no longer be changed.", HttpForms.Text(await change.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal("4500.00", (await app.ApplicationAsync(id)).AnswerTo("amount"));
    }

    [Fact]
    public async Task Missing_answers_are_named_and_the_valid_answers_on_the_same_page_are_saved()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Missing answers");

        var response = await PostPageAsync(client, $"/Applications/{id}/Sections/about-project", Fields(("q.project-summary", "Boxing sessions"), ("q.need", ""), ("action", "continue")));
        var html = await response.Content.ReadAsStringAsync();
        var page = HttpForms.Text(html);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", page, StringComparison.Ordinal);
        Assert.Contains("Enter an answer to \u2018What evidence is there that this project is needed?\u2019", page, StringComparison.Ordinal);
        Assert.Contains("Enter the date for \u2018When will the project start?\u2019", page, StringComparison.Ordinal);
        Assert.Contains("Select at least one answer for \u2018Which areas will the project work in?\u2019", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#q_need\"", html, StringComparison.Ordinal);
        Assert.True(html.IndexOf("href=\"#q_need\"", StringComparison.Ordinal) < html.IndexOf("href=\"#q_start-date_day\"", StringComparison.Ordinal), "The error summary should list errors in the order of the page.");
        Assert.True(html.IndexOf("href=\"#q_start-date_day\"", StringComparison.Ordinal) < html.IndexOf("href=\"#q_area\"", StringComparison.Ordinal), "The error summary should list errors in the order of the page.");
        Assert.Contains("href=\"#q_start-date_day\"", html, StringComparison.Ordinal);
        Assert.Contains("We saved your other answers on this page", page, StringComparison.Ordinal);
        Assert.Equal("Boxing sessions", (await app.ApplicationAsync(id)).AnswerTo("project-summary"));

        var later = await PostPageAsync(client, $"/Applications/{id}/Sections/about-project", Fields(("q.need", "Rising knife crime"), ("action", "later")));
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);
        Assert.Contains("About your project In progress", HttpForms.Text(await client.GetStringAsync($"/Applications/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_long_text_is_refused_with_the_word_count_and_the_answer_saved_before_is_kept()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Over-long text");
        await AssertSavedAsync(client, $"/Applications/{id}/Sections/about-project", Fields(("q.project-summary", "The first version."), ("action", "later")));

        var response = await PostPageAsync(client, $"/Applications/{id}/Sections/about-project", Fields(("q.project-summary", Words(312)), ("action", "later")));
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your answer must be 300 words or fewer; it has 312", page, StringComparison.Ordinal);
        Assert.Contains("word312", page, StringComparison.Ordinal);
        Assert.Equal("The first version.", (await app.ApplicationAsync(id)).AnswerTo("project-summary"));
    }

    [Theory]
    [InlineData("-100", "The amount cannot be negative. Enter an amount of £0.00 or more")]
    [InlineData("10000.01", "The amount must be £10,000.00 or less")]
    [InlineData("250", "Ask for between £500.00 and £10,000.00; £250.00 is outside what Police Property Act Fund 2026/27: round 2 can award")]
    [InlineData("1500.555", "Enter an amount with no more than two decimal places, like 1500.50")]
    public async Task Bad_amounts_are_refused_with_a_message_and_the_amount_saved_before_is_kept(string typed, string message)
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Bad amounts");
        await AssertSavedAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", "2000"), ("q.other-funding", "no"), ("action", "continue")));

        var response = await PostPageAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", typed), ("q.other-funding", "yes"), ("action", "later")));
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page, StringComparison.Ordinal);
        var application = await app.ApplicationAsync(id);
        Assert.Equal("2000.00", application.AnswerTo("amount"));
        Assert.Equal(Money.FromPounds(2_000), application.RequestedAmount);
        Assert.Equal("yes", application.AnswerTo("other-funding"));
    }

    [Fact]
    public async Task A_question_shown_only_for_an_earlier_answer_on_the_same_page_is_required_only_with_that_answer()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Conditional question");

        var missing = await PostPageAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", "3000"), ("q.other-funding", "yes"), ("action", "continue")));
        var cleared = await PostPageAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", ""), ("q.other-funding", ""), ("action", "continue")));

        var missingPage = HttpForms.Text(await missing.Content.ReadAsStringAsync());
        Assert.True(missingPage.Contains("Enter an answer to \u2018Who else have you asked, and for how much?\u2019", StringComparison.Ordinal), missingPage);
        Assert.Contains("Enter an amount for \u2018How much are you asking for?\u2019", HttpForms.Text(await cleared.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var application = await app.ApplicationAsync(id);
        Assert.Equal(("3000.00", "yes"), (application.AnswerTo("amount"), application.AnswerTo("other-funding")));
    }

    [Fact]
    public async Task A_budget_with_bad_lines_is_not_saved_and_one_that_does_not_match_the_amount_is_explained()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Budget checks");
        await AssertSavedAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", "3000"), ("q.other-funding", "no"), ("action", "continue")));
        await AssertSavedAsync(client, $"/Applications/{id}/Budget", Fields(("cost[0].description", "Coaching"), ("cost[0].amount", "3000"), ("action", "continue")));

        var bad = await PostPageAsync(client, $"/Applications/{id}/Budget", Fields(
            ("cost[0].description", "Coaching"), ("cost[0].amount", "-3000"),
            ("cost[1].description", ""), ("cost[1].amount", "20.001"),
            ("action", "continue")));
        var badPage = HttpForms.Text(await bad.Content.ReadAsStringAsync());

        Assert.Contains("Cost line 1: the amount must be more than £0.00", badPage, StringComparison.Ordinal);
        Assert.Contains("Cost line 2: enter what the money is for", badPage, StringComparison.Ordinal);
        Assert.Contains("Cost line 2: enter an amount with no more than two decimal places", badPage, StringComparison.Ordinal);
        Assert.Contains("Your budget has not been saved", badPage, StringComparison.Ordinal);
        Assert.Equal(Money.FromPounds(3_000), (await app.ApplicationAsync(id)).TotalCosts);

        var mismatch = await PostPageAsync(client, $"/Applications/{id}/Budget", Fields(("cost[0].description", "Coaching"), ("cost[0].amount", "2500"), ("match[0].description", "Reserves"), ("match[0].amount", "100"), ("action", "continue")));
        var mismatchPage = HttpForms.Text(await mismatch.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, mismatch.StatusCode);
        Assert.Contains("Your budget asks the fund for £2,400.00 but you are asking for £3,000.00", mismatchPage, StringComparison.Ordinal);
        Assert.Contains("Budget In progress", HttpForms.Text(await client.GetStringAsync($"/Applications/{id}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Priorities_must_come_from_the_plan_in_force_with_one_primary()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Priorities");
        var priority = await app.FirstPriorityAsync();

        var none = await PostPageAsync(client, $"/Applications/{id}/Priorities", []);
        var tampered = await PostPageAsync(client, $"/Applications/{id}/Priorities", Fields(("Supported", Guid.NewGuid().ToString()), ("Primary", priority.Id.ToString())));
        var chosen = await PostPageAsync(client, $"/Applications/{id}/Priorities", Fields(("Supported", priority.Id.ToString()), ("Primary", priority.Id.ToString())));

        Assert.Contains("Select the priority your project mainly supports", HttpForms.Text(await none.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("Select only from the priorities listed", HttpForms.Text(await tampered.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);
        var saved = Assert.Single((await app.InDbAsync(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == GrantApplicationId.From(id)))).Priorities);
        Assert.Equal((priority.Id, true), (saved.PriorityId, saved.IsPrimary));
    }

    [Fact]
    public async Task Submitting_after_the_round_closes_is_refused_and_the_draft_can_still_be_read()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var round = await app.NewRoundAsync("Closing round");
        var id = await app.StartApplicationAsync(client, round, "Too late");
        await app.CompleteDemoApplicationAsync(client, id);
        var state = await PageStateAsync(client, $"/Applications/{id}/CheckAnswers");
        var closedAt = app.Clock.GetUtcNow().AddMinutes(-1);
        await app.InDbAsync(async db =>
        {
            var tracked = await db.Rounds.SingleAsync(r => r.Id == round.Id);
            tracked.Reschedule(closedAt.AddDays(-20), closedAt);
            return await db.SaveChangesAsync();
        });

        var response = await SubmitAsync(client, id, state);
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());
        var read = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/CheckAnswers"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains($"Closing round closed at {UkTime.Describe(closedAt)}. You can still read your draft, but it can no longer be submitted.", page, StringComparison.Ordinal);
        Assert.Contains("Weekly evening sessions for young people at risk of exploitation.", read, StringComparison.Ordinal);
        var application = await app.ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Null(application.Reference);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/Applications/{id}/Sections/money")).StatusCode);
    }

    [Fact]
    public async Task Submitting_twice_creates_one_submission_and_shows_the_same_confirmation()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Double click");
        await app.CompleteDemoApplicationAsync(client, id);
        var state = await PageStateAsync(client, $"/Applications/{id}/CheckAnswers");

        var first = await SubmitAsync(client, id, state);
        var reference = (await app.ApplicationAsync(id)).Reference;
        var second = await SubmitAsync(client, id, state);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(reference, (await app.ApplicationAsync(id)).Reference);
        await AssertOneSubmissionAsync(id, reference!);
    }

    [Fact]
    public async Task Two_submissions_of_one_application_at_the_same_moment_create_one_submission()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Two at once");
        await app.CompleteDemoApplicationAsync(client, id);
        var state = await PageStateAsync(client, $"/Applications/{id}/CheckAnswers");

        var responses = await Task.WhenAll(SubmitAsync(client, id, state), SubmitAsync(client, id, state), SubmitAsync(client, id, state));

        Assert.All(responses, r => Assert.Equal((HttpStatusCode.Redirect, $"/Applications/{id}/Submitted"), (r.StatusCode, r.Headers.Location!.OriginalString)));
        var application = await app.ApplicationAsync(id);
        Assert.Equal(ApplicationStatus.Submitted, application.Status);
        await AssertOneSubmissionAsync(id, application.Reference!);
    }

    [Fact]
    public async Task Submissions_of_different_applications_at_the_same_moment_get_different_references()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var round = await app.DemoRoundAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await app.StartApplicationAsync(client, round, $"Parallel {i}"));
            await app.CompleteDemoApplicationAsync(client, ids[^1]);
        }

        var states = await Task.WhenAll(ids.Select(id => PageStateAsync(client, $"/Applications/{id}/CheckAnswers")));
        var responses = await Task.WhenAll(ids.Select((id, i) => SubmitAsync(client, id, states[i])));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        var references = new List<string>();
        foreach (var id in ids)
        {
            references.Add((await app.ApplicationAsync(id)).Reference!);
        }

        Assert.Equal(3, references.Distinct().Count());
        Assert.All(references, r => Assert.StartsWith("PPAF-2026-", r, StringComparison.Ordinal));
        var numbers = references.Select(r => int.Parse(r["PPAF-2026-".Length..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(numbers[0], 3), numbers);
    }

    [Fact]
    public async Task A_reference_sequence_first_used_after_references_were_given_without_it_carries_on_after_them()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "After an upgrade");
        await app.CompleteDemoApplicationAsync(client, id);
        // As in a database upgraded from before the counter: references given, no counter row for the sequence.
        var given = await app.InDbAsync(async db =>
        {
            await db.Set<ReferenceCounter>().Where(c => c.Prefix == "PPAF-2026-").ExecuteDeleteAsync();
            return await db.Applications.CountAsync(a => a.Reference != null && a.Reference.StartsWith("PPAF-2026-"));
        });

        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, id)).StatusCode);

        Assert.Equal($"PPAF-2026-{given + 1:00000}", (await app.ApplicationAsync(id)).Reference);
        Assert.Equal(given + 1, await app.InDbAsync(db => db.Set<ReferenceCounter>().Where(c => c.Prefix == "PPAF-2026-").Select(c => c.Last).SingleAsync()));
    }

    [Fact]
    public async Task Another_organisations_application_is_not_found_and_nothing_about_it_is_shown()
    {
        var applicant = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(applicant, await app.DemoRoundAsync(), "Riverside's secret project");
        await AssertSavedAsync(applicant, $"/Applications/{id}/Sections/money", Fields(("q.amount", "3000"), ("q.other-funding", "no"), ("action", "later")));
        var state = await PageStateAsync(applicant, $"/Applications/{id}/Sections/money");
        var other = await app.SignedInClientAsync(OtherOrganisationsApplicant);
        var otherToken = (await PageStateAsync(other, "/Account/Security")).First(s => s.Key == "__RequestVerificationToken").Value;

        foreach (var path in new[] { "", "/Sections/money", "/Budget", "/Priorities", "/CheckAnswers", "/Submitted", "/Pdf", "/Files/0190aaaa0000700080000000000000aa.pdf" })
        {
            var response = await other.GetAsync($"/Applications/{id}{path}");
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("secret project", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var posted = await other.PostAsync($"/Applications/{id}/Sections/money", new FormUrlEncodedContent(state.Where(s => s.Key != "__RequestVerificationToken").Concat(Fields(("__RequestVerificationToken", otherToken), ("q.amount", "9999"), ("action", "later")))));
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal("3000.00", (await app.ApplicationAsync(id)).AnswerTo("amount"));
        Assert.DoesNotContain("secret project", HttpForms.Text(await other.GetStringAsync("/Applications")), StringComparison.OrdinalIgnoreCase);

        var round = await app.DemoRoundAsync();
        var riverside = await app.OrganisationAsync("Riverside Youth Project");
        var fields = EligibleAnswers.ToDictionary(a => $"Answers[{a.Key}]", a => a.Value);
        fields["RoundId"] = round.Id.ToString();
        fields["ProjectTitle"] = "On someone else's behalf";
        fields["OrganisationId"] = riverside.Id.ToString();
        var start = await other.PostFormAsync($"/Funding/{round.Id}/Eligibility?handler=Start", fields, $"/Funding/{round.Id}/Eligibility");
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Equal(0, await app.InDbAsync(db => db.Applications.CountAsync(a => a.ProjectTitle == "On someone else's behalf")));
    }

    [Fact]
    public async Task A_tampered_round_id_is_refused_with_a_clear_message_and_nothing_is_saved()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var round = await app.DemoRoundAsync();
        var id = await app.StartApplicationAsync(client, round, "Tampered round");

        var section = await PostPageAsync(client, $"/Applications/{id}/Sections/money", Fields(("roundId", Guid.NewGuid().ToString()), ("q.amount", "3000"), ("action", "later")));
        var submit = await PostPageAsync(client, $"/Applications/{id}/CheckAnswers", Fields(("roundId", Guid.NewGuid().ToString()), ("Declaration", "true")));
        var fields = EligibleAnswers.ToDictionary(a => $"Answers[{a.Key}]", a => a.Value);
        fields["RoundId"] = Guid.NewGuid().ToString();
        fields["ProjectTitle"] = "Tampered start";
        var start = await client.PostFormAsync($"/Funding/{round.Id}/Eligibility?handler=Start", fields, $"/Funding/{round.Id}/Eligibility");

        Assert.Equal(HttpStatusCode.BadRequest, section.StatusCode);
        Assert.Contains("This form was for a different funding round, so nothing was saved.", HttpForms.Text(await section.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, submit.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, start.StatusCode);
        Assert.Contains("This form was for a different funding round", HttpForms.Text(await start.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var application = await app.ApplicationAsync(id);
        Assert.Null(application.AnswerTo("amount"));
        Assert.Equal(ApplicationStatus.Draft, application.Status);
        Assert.Equal(0, await app.InDbAsync(db => db.Applications.CountAsync(a => a.ProjectTitle == "Tampered start")));
    }

    [Fact]
    public async Task A_round_closing_at_noon_UK_time_in_summer_closes_at_11_UTC()
    {
        var closesAt = UkTime.ToInstant(new DateOnly(2027, 7, 15), new TimeOnly(12, 0));
        Assert.Equal(new DateTimeOffset(2027, 7, 15, 11, 0, 0, TimeSpan.Zero), closesAt);
        try
        {
            app.Clock.Set(new DateTimeOffset(2027, 7, 15, 9, 0, 0, TimeSpan.Zero));
            var round = await app.NewRoundAsync("Summer round", opensAt: new DateTimeOffset(2027, 7, 1, 8, 0, 0, TimeSpan.Zero), closesAt: closesAt);
            var client = await app.SignedInClientAsync(Applicant);
            var id = await app.StartApplicationAsync(client, round, "Summer scheme");
            await app.CompleteDemoApplicationAsync(client, id);
            var state = await PageStateAsync(client, $"/Applications/{id}/CheckAnswers");

            app.Clock.Set(new DateTimeOffset(2027, 7, 15, 11, 0, 1, TimeSpan.Zero));
            var late = await SubmitAsync(client, id, state);
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
            Assert.Contains("Summer round closed at 12pm (midday) on Thursday 15 July 2027.", HttpForms.Text(await late.Content.ReadAsStringAsync()), StringComparison.Ordinal);
            Assert.Equal(ApplicationStatus.Draft, (await app.ApplicationAsync(id)).Status);

            app.Clock.Set(new DateTimeOffset(2027, 7, 15, 10, 59, 59, TimeSpan.Zero));
            var inTime = await SubmitAsync(client, id, state);
            Assert.Equal(HttpStatusCode.Redirect, inTime.StatusCode);
            var application = await app.ApplicationAsync(id);
            Assert.Equal(ApplicationStatus.Submitted, application.Status);
            Assert.Equal(new DateTimeOffset(2027, 7, 15, 10, 59, 59, TimeSpan.Zero), application.SubmittedAt);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task When_two_people_change_one_answer_the_last_save_wins_and_its_author_is_warned()
    {
        var amira = await app.SignedInClientAsync(Applicant);
        var (colleague, _, colleagueEmail) = await app.NewApplicantAsync(joining: "Riverside Youth Project");
        var id = await app.StartApplicationAsync(amira, await app.DemoRoundAsync(), "Shared work");
        var url = $"/Applications/{id}/Sections/about-project";
        await AssertSavedAsync(amira, url, Fields(("q.project-summary", "First draft"), ("action", "later")));
        var amirasPage = await PageStateAsync(amira, url);

        await AssertSavedAsync(colleague, url, Fields(("q.project-summary", "The colleague's version"), ("action", "later")));
        var response = await PostPageAsync(amira, url, Fields(("q.project-summary", "Amira's version"), ("action", "continue")), amirasPage);
        var page = HttpForms.Text(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("someone else had changed some of them since you opened this page", page, StringComparison.Ordinal);
        Assert.Contains($"Sam Tester ({colleagueEmail}) changed \u2018Describe your project\u2019 at", page, StringComparison.Ordinal);
        Assert.Contains("Your answer has replaced theirs.", page, StringComparison.Ordinal);
        var answer = (await app.ApplicationAsync(id)).Answers.Single(a => a.QuestionKey == "project-summary");
        Assert.Equal(("Amira's version", Applicant), (answer.Value, answer.UpdatedBy));

        var again = await PostPageAsync(amira, url, Fields(("q.project-summary", "Amira's second version"), ("action", "later")));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Fact]
    public async Task A_victims_services_bid_that_answers_a_showstopper_no_is_stopped_with_the_explanation()
    {
        var form = new ApplicationForm(
        [
            new FormSection("showstoppers", "About the service",
            [
                new FormQuestion("cope-and-recover", "Does the service help victims cope and recover?", QuestionType.YesNo, StopsApplicationIfNo: "The grant can only pay for services that help victims cope and recover from crime."),
                new FormQuestion("free-and-accessible", "Is the service free and accessible to victims?", QuestionType.YesNo, StopsApplicationIfNo: "Services paid for by the grant must be free and accessible to victims."),
            ]),
            new FormSection("money", "Money", [new FormQuestion("amount", "How much are you asking for?", QuestionType.Money)]),
        ]);
        var round = await app.NewRoundAsync("Victims' services 2026/27", ProgrammeKind.VictimsServicesGrant, form);
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, round, "Support after burglary");
        Assert.Equal(("victims-services-grant", "draft"), ((await InstanceAsync(id)).DefinitionId, (await InstanceAsync(id)).CurrentActivityId));

        var saved = await PostPageAsync(client, $"/Applications/{id}/Sections/showstoppers", Fields(("q.cope-and-recover", "yes"), ("q.free-and-accessible", "no"), ("action", "continue")));
        var taskList = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}"));
        var check = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/CheckAnswers"));

        Assert.Equal($"/Applications/{id}", saved.Headers.Location!.OriginalString);
        Assert.Contains("You cannot continue with this application. Services paid for by the grant must be free and accessible to victims.", taskList, StringComparison.Ordinal);
        Assert.DoesNotContain("help victims cope and recover from crime.", taskList, StringComparison.Ordinal);
        Assert.Contains("Check your answers and submit Cannot start yet", taskList, StringComparison.Ordinal);
        Assert.Contains("Services paid for by the grant must be free and accessible to victims.", check, StringComparison.Ordinal);
        Assert.DoesNotContain("Submit application", check, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Uploads_are_checked_by_content_and_size_kept_under_generated_names_and_served_only_to_members_and_staff()
    {
        var round = await app.NewRoundAsync("Round with documents", form: DocumentsForm);
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, round, "Documents");
        var url = $"/Applications/{id}/Sections/documents";

        var disguised = await PostPageAsync(client, url, Fields(("action", "later")), files: new Dictionary<string, (string, byte[])> { ["q.governing-document"] = ("constitution.pdf", "MZ this is not a PDF"u8.ToArray()) });
        var tooBig = await PostPageAsync(client, url, Fields(("action", "later")), files: new Dictionary<string, (string, byte[])> { ["q.governing-document"] = ("big.pdf", [.. "%PDF-1.7\n"u8, .. new byte[10 * 1024 * 1024]]) });

        Assert.Contains("The selected file must be a PDF, DOCX, XLSX, ODT, JPG or PNG", HttpForms.Text(await disguised.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Contains("The selected file must be smaller than 10MB", HttpForms.Text(await tooBig.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Null((await app.ApplicationAsync(id)).AnswerTo("governing-document"));

        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4, 5, 6, 7, 8];
        var uploaded = await PostPageAsync(client, url, Fields(("action", "later")), files: new Dictionary<string, (string, byte[])> { ["q.governing-document"] = ("../../Our constitution.png", png) });
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var file = Answers.File((await app.ApplicationAsync(id)).AnswerTo("governing-document"))!;
        Assert.Equal(("Our constitution.png", "image/png", 16L), (file.FileName, file.ContentType, file.SizeInBytes));
        Assert.Matches("^[0-9a-f]{32}\\.png$", file.StoredName);
        Assert.True(File.Exists(Path.Combine(app.DataFolder, "uploads", file.StoredName)));

        var download = await client.GetAsync($"/Applications/{id}/Files/{file.StoredName}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.OK, (await (await app.SignedInClientAsync(Officer)).GetAsync($"/Applications/{id}/Files/{file.StoredName}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.SignedInClientAsync(OtherOrganisationsApplicant)).GetAsync($"/Applications/{id}/Files/{file.StoredName}")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().GetAsync($"/Applications/{id}/Files/{file.StoredName}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/Applications/{id}/Files/..%2Fcommissioning.db")).StatusCode);
    }

    [Fact]
    public async Task Tampered_choices_bad_addresses_and_numbers_are_refused_while_good_answers_on_the_page_are_saved()
    {
        var round = await app.NewRoundAsync("Round with every kind of question", form: DocumentsForm);
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, round, "Every kind");
        var url = $"/Applications/{id}/Sections/documents";

        var response = await PostPageAsync(client, url, Fields(
            ("q.size", "Enormous"),
            ("q.participants", "0"),
            ("q.venue.line1", "14 Mill Lane"), ("q.venue.town", "Abingdon"), ("q.venue.postcode", "ZZ"),
            ("q.contact", "Amira Okafor"),
            ("action", "continue")));
        var html = await response.Content.ReadAsStringAsync();
        var page = HttpForms.Text(html);

        Assert.Contains("Select one of the options given", page, StringComparison.Ordinal);
        Assert.Contains("The number must be 1 or more", page, StringComparison.Ordinal);
        Assert.Contains("Enter a real UK postcode, like OX5 2NX; 'ZZ' is not one", page, StringComparison.Ordinal);
        Assert.Contains("Choose a file for \u2018Upload your governing document\u2019", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#q_venue_postcode\"", html, StringComparison.Ordinal);
        Assert.Contains("We saved your other answers on this page", page, StringComparison.Ordinal);
        var application = await app.ApplicationAsync(id);
        Assert.Equal("Amira Okafor", application.AnswerTo("contact"));
        Assert.Null(application.AnswerTo("size"));
        Assert.Null(application.AnswerTo("venue"));

        await PostPageAsync(client, url, Fields(("q.size", "Small"), ("q.participants", "1,200"), ("q.venue.line1", "14 Mill Lane"), ("q.venue.town", "Abingdon"), ("q.venue.postcode", "ox143hp"), ("action", "later")));
        application = await app.ApplicationAsync(id);
        Assert.Equal(("Small", "1200"), (application.AnswerTo("size"), application.AnswerTo("participants")));
        Assert.Equal("14 Mill Lane, Abingdon, OX14 3HP", Answers.Describe(round.Form.Find("venue")!, application.AnswerTo("venue")));
    }

    private static ApplicationForm DocumentsForm { get; } = new(
    [
        new FormSection("documents", "Documents and details",
        [
            new FormQuestion("governing-document", "Upload your governing document", QuestionType.FileUpload),
            new FormQuestion("size", "How big is your group?", QuestionType.SingleChoice, Options: ["Small", "Large"]),
            new FormQuestion("participants", "How many people will take part?", QuestionType.WholeNumber, Minimum: 1, Maximum: 5_000),
            new FormQuestion("venue", "Where will the project happen?", QuestionType.Address),
            new FormQuestion("contact", "Who is the contact for this project?", QuestionType.ShortText),
        ]),
    ]);

    private Task<WorkflowInstance> InstanceAsync(Guid id) =>
        app.InDbAsync(db => db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == id.ToString()));

    private async Task<Guid> SubmittedApplicationAsync(HttpClient client, string title)
    {
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), title);
        await app.CompleteDemoApplicationAsync(client, id);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, id)).StatusCode);
        return id;
    }

    private async Task AssertOneSubmissionAsync(Guid id, string reference)
    {
        Assert.Equal(1, await app.InDbAsync(db => db.OutboxMessages.CountAsync(m => m.Subject.Contains(reference))));
        Assert.Equal(1, await app.InDbAsync(db => db.Applications.CountAsync(a => a.Reference == reference)));
        var correlation = id.ToString();
        Assert.Equal(1, await app.InDbAsync(db => db.Set<WorkflowEvent>().CountAsync(e => e.CorrelationId == correlation && e.EventName == "ApplicationSubmitted")));
        Assert.Equal("eligibility", (await InstanceAsync(id)).CurrentActivityId);
    }
}

public sealed class ApplyTestsOnSqlite(SqliteApplyApp app) : ApplyTests(app), IClassFixture<SqliteApplyApp>;

public sealed class ApplyTestsOnPostgres(PostgresApplyApp app) : ApplyTests(app), IClassFixture<PostgresApplyApp>;
