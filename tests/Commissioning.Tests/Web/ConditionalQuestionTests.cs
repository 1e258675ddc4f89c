using System.Net;
using System.Text.RegularExpressions;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Rounds;
using Commissioning.Tests.Support;
using static Commissioning.Tests.Web.ApplyApp;

namespace Commissioning.Tests.Web;

/// <summary>
/// Questions asked only for an earlier answer: under that answer on the same page when it is a yes/no or choice
/// question of the same section (GOV.UK conditional reveal), and once that answer is saved when it is on another section.
/// The server decides what is asked: an answer whose condition is not met is not required and not kept.
/// </summary>
public abstract class ConditionalQuestionTests(ApplyApp app)
{
    private const string Details = "Who else have you asked, and for how much?";

    [Fact]
    public async Task A_question_for_a_yes_answer_is_on_the_same_page_inside_that_answers_conditional_reveal_hidden_until_yes_is_chosen()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Revealed in the page");

        var html = await client.GetStringAsync($"/Applications/{id}/Sections/money");

        Assert.Matches("<input class=\"govuk-radios__input\" id=\"q_other-funding\" [^>]*value=\"yes\"[^>]* data-aria-controls=\"conditional-q_other-funding\">", html);
        var conditional = ConditionalOf(html, "conditional-q_other-funding");
        Assert.Contains("govuk-radios__conditional--hidden", conditional.Classes, StringComparison.Ordinal);
        Assert.Contains("<textarea class=\"govuk-textarea govuk-js-character-count\" id=\"q_other-funding-details\"", conditional.Content, StringComparison.Ordinal);
        Assert.Contains(Details, HttpForms.Text(conditional.Content), StringComparison.Ordinal);
        Assert.DoesNotContain("data-aria-controls=\"conditional-q_other-funding-2\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-radios--inline", RadiosOf(html, "q_other-funding"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Yes_and_the_revealed_answer_are_saved_together_and_the_section_is_complete_in_one_go()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "One go");

        var response = await PostPageAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", "3000"), ("q.other-funding", "yes"), ("q.other-funding-details", "Town council, £500"), ("action", "continue")));
        var html = await client.GetStringAsync($"/Applications/{id}/Sections/money");
        var check = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/CheckAnswers"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/Applications/{id}", response.Headers.Location!.OriginalString);
        var application = await app.ApplicationAsync(id);
        Assert.Equal(("yes", "Town council, £500"), (application.AnswerTo("other-funding"), application.AnswerTo("other-funding-details")));
        Assert.Contains("Money Completed", HttpForms.Text(await client.GetStringAsync($"/Applications/{id}")), StringComparison.Ordinal);
        Assert.DoesNotContain("govuk-radios__conditional--hidden", ConditionalOf(html, "conditional-q_other-funding").Classes, StringComparison.Ordinal);
        Assert.Contains($"{Details} Town council, £500 Change", check, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_revealed_answer_is_named_in_the_error_summary_with_its_answer_open_and_yes_saved()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Missing revealed answer");

        var response = await PostPageAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", "3000"), ("q.other-funding", "yes"), ("q.other-funding-details", " "), ("action", "continue")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Matches("<div class=\"govuk-error-summary\"[\\s\\S]*<a href=\"#q_other-funding-details\">Enter an answer to [^<]*Who else have you asked, and for how much\\?[^<]*</a>", html);
        Assert.Contains($"There is a problem Enter an answer to \u2018{Details}\u2019", HttpForms.Text(html), StringComparison.Ordinal);
        var conditional = ConditionalOf(html, "conditional-q_other-funding");
        Assert.DoesNotContain("govuk-radios__conditional--hidden", conditional.Classes, StringComparison.Ordinal);
        Assert.Contains("govuk-form-group--error", conditional.Content, StringComparison.Ordinal);
        Assert.Contains("id=\"q_other-funding-details-error\"", conditional.Content, StringComparison.Ordinal);
        Assert.Matches("id=\"q_other-funding\"[^>]*value=\"yes\" checked", html);
        var application = await app.ApplicationAsync(id);
        Assert.Equal(("3000.00", "yes"), (application.AnswerTo("amount"), application.AnswerTo("other-funding")));
        Assert.Null(application.AnswerTo("other-funding-details"));
    }

    [Fact]
    public async Task With_no_chosen_the_revealed_answer_is_not_required_not_kept_and_not_shown_on_check_your_answers()
    {
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, await app.DemoRoundAsync(), "Answer changed to no");
        await AssertSavedAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", "3000"), ("q.other-funding", "yes"), ("q.other-funding-details", "Town council, £500"), ("action", "continue")));

        // Without JavaScript the revealed question is always on the page, so what was typed in it is posted too.
        var response = await PostPageAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", "3000"), ("q.other-funding", "no"), ("q.other-funding-details", "Typed, then no was chosen"), ("action", "continue")));
        var check = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/CheckAnswers"));
        var blank = await PostPageAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", "3000"), ("q.other-funding", "no"), ("q.other-funding-details", Words(400)), ("action", "continue")));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, blank.StatusCode);
        var application = await app.ApplicationAsync(id);
        Assert.Equal("no", application.AnswerTo("other-funding"));
        Assert.Null(application.AnswerTo("other-funding-details"));
        Assert.DoesNotContain(Details, check, StringComparison.Ordinal);
        Assert.DoesNotContain("Typed, then no was chosen", check, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_depending_on_another_sections_answer_is_asked_once_that_answer_is_saved()
    {
        var round = await app.NewRoundAsync("Round with a question on another section", form: TwoSectionForm);
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, round, "Across sections");

        var before = HttpForms.Text(await client.GetStringAsync($"/Applications/{id}/Sections/support"));
        await AssertSavedAsync(client, $"/Applications/{id}/Sections/about", Fields(("q.victims", "yes"), ("q.services", "Counselling"), ("action", "continue")));
        var afterHtml = await client.GetStringAsync($"/Applications/{id}/Sections/support");
        var missing = await PostPageAsync(client, $"/Applications/{id}/Sections/support", Fields(("q.contact", "Amira Okafor"), ("action", "continue")));

        Assert.DoesNotContain("How will victims be referred to you?", before, StringComparison.Ordinal);
        Assert.Contains("How will victims be referred to you?", HttpForms.Text(afterHtml), StringComparison.Ordinal);
        Assert.DoesNotContain("conditional-", afterHtml, StringComparison.Ordinal);
        Assert.Contains("Enter an answer to \u2018How will victims be referred to you?\u2019", HttpForms.Text(await missing.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_for_one_checkbox_is_revealed_under_it_and_saved_only_while_that_box_is_ticked()
    {
        var round = await app.NewRoundAsync("Round with a checkbox reveal", form: TwoSectionForm);
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, round, "Checkbox reveal");
        var url = $"/Applications/{id}/Sections/about";

        var html = await client.GetStringAsync(url);
        await AssertSavedAsync(client, url, Fields(("q.victims", "no"), ("q.services", "Counselling"), ("q.services", "Something else"), ("q.other-service", "Befriending"), ("action", "continue")));
        var ticked = await app.ApplicationAsync(id);
        await AssertSavedAsync(client, url, Fields(("q.victims", "no"), ("q.services", "Counselling"), ("q.other-service", "Befriending"), ("action", "continue")));
        var unticked = await app.ApplicationAsync(id);

        Assert.Contains("data-aria-controls=\"conditional-q_services-3\"", html, StringComparison.Ordinal);
        var conditional = ConditionalOf(html, "conditional-q_services-3");
        Assert.Contains("govuk-checkboxes__conditional govuk-checkboxes__conditional--hidden", conditional.Classes, StringComparison.Ordinal);
        Assert.Contains("id=\"q_other-service\"", conditional.Content, StringComparison.Ordinal);
        Assert.Equal("Befriending", ticked.AnswerTo("other-service"));
        Assert.Null(unticked.AnswerTo("other-service"));
        Assert.Equal("[\"Counselling\"]", unticked.AnswerTo("services"));
    }

    [Fact]
    public async Task Unticking_every_box_keeps_the_saved_choice_and_shows_the_revealed_question_with_its_problem_open()
    {
        var round = await app.NewRoundAsync("Round with a checkbox reveal and problems", form: TwoSectionForm);
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, round, "Unticked boxes");
        var url = $"/Applications/{id}/Sections/about";
        await AssertSavedAsync(client, url, Fields(("q.victims", "no"), ("q.services", "Something else"), ("q.other-service", "Befriending"), ("action", "continue")));

        var response = await PostPageAsync(client, url, Fields(("q.victims", "no"), ("q.other-service", ""), ("action", "continue")));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Select at least one answer for \u2018Which services will you offer?\u2019", HttpForms.Text(html), StringComparison.Ordinal);
        Assert.Contains("Enter an answer to \u2018What else will you offer?\u2019", HttpForms.Text(html), StringComparison.Ordinal);
        Assert.Matches("id=\"q_services-3\"[^>]*value=\"Something else\" checked", html);
        var conditional = ConditionalOf(html, "conditional-q_services-3");
        Assert.DoesNotContain("--hidden", conditional.Classes, StringComparison.Ordinal);
        Assert.Contains("id=\"q_other-service-error\"", conditional.Content, StringComparison.Ordinal);
        var application = await app.ApplicationAsync(id);
        Assert.Equal(("[\"Something else\"]", "Befriending"), (application.AnswerTo("services"), application.AnswerTo("other-service")));
    }

    [Fact]
    public async Task A_file_revealed_under_yes_is_deleted_with_its_answer_when_the_answer_becomes_no()
    {
        var round = await app.NewRoundAsync("Round with a revealed upload", form: TwoSectionForm);
        var client = await app.SignedInClientAsync(Applicant);
        var id = await app.StartApplicationAsync(client, round, "Revealed upload");
        var url = $"/Applications/{id}/Sections/about";
        byte[] pdf = [.. "%PDF-1.7\n"u8, 1, 2, 3];

        await AssertSavedPostAsync(client, url, Fields(("q.victims", "yes"), ("q.services", "Counselling"), ("action", "later")), new Dictionary<string, (string, byte[])> { ["q.policy"] = ("Referral policy.pdf", pdf) });
        var file = Answers.File((await app.ApplicationAsync(id)).AnswerTo("policy"))!;
        var stored = Path.Combine(app.DataFolder, "uploads", file.StoredName);
        Assert.True(File.Exists(stored));
        await AssertSavedPostAsync(client, url, Fields(("q.victims", "no"), ("q.services", "Counselling"), ("action", "later")), new Dictionary<string, (string, byte[])> { ["q.policy"] = ("Another policy.pdf", pdf) });

        Assert.Null((await app.ApplicationAsync(id)).AnswerTo("policy"));
        Assert.False(File.Exists(stored));
        Assert.DoesNotContain(Directory.EnumerateFiles(Path.Combine(app.DataFolder, "uploads")), f => File.ReadAllBytes(f).SequenceEqual(pdf));
    }

    /// <summary>About: victims yes/no (revealing a file), services as checkboxes (revealing "other"). Support: a question depending on victims.</summary>
    private static ApplicationForm TwoSectionForm { get; } = new(
    [
        new FormSection("about", "About the service",
        [
            new FormQuestion("victims", "Will the service work with victims of crime?", QuestionType.YesNo),
            new FormQuestion("policy", "Upload your referral policy", QuestionType.FileUpload, Required: false, ShowWhen: new ShowWhen("victims", "yes")),
            new FormQuestion("services", "Which services will you offer?", QuestionType.MultipleChoice, Options: ["Counselling", "Advocacy", "Something else"]),
            new FormQuestion("other-service", "What else will you offer?", QuestionType.ShortText, ShowWhen: new ShowWhen("services", "Something else")),
        ]),
        new FormSection("support", "Support",
        [
            new FormQuestion("referrals", "How will victims be referred to you?", QuestionType.LongText, ShowWhen: new ShowWhen("victims", "yes")),
            new FormQuestion("contact", "Who is the contact for this project?", QuestionType.ShortText),
        ]),
    ]);

    private static async Task AssertSavedPostAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, IReadOnlyDictionary<string, (string FileName, byte[] Content)> files)
    {
        var response = await PostPageAsync(client, url, fields, files: files);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Saving {url} gave {(int)response.StatusCode}: {HttpForms.Text(await response.Content.ReadAsStringAsync())}");
    }

    /// <summary>A conditional reveal's classes and what it holds: everything up to the next radio or checkbox, or the end of the group.</summary>
    private static (string Classes, string Content) ConditionalOf(string html, string id)
    {
        var match = Regex.Match(html, $"<div class=\"([^\"]*__conditional[^\"]*)\" id=\"{Regex.Escape(id)}\">");
        Assert.True(match.Success, $"No conditional reveal {id} on the page.");
        var rest = html[(match.Index + match.Length)..];
        var end = new[] { rest.IndexOf("<div class=\"govuk-radios__item\">", StringComparison.Ordinal), rest.IndexOf("<div class=\"govuk-checkboxes__item\">", StringComparison.Ordinal), rest.IndexOf("</fieldset>", StringComparison.Ordinal) }.Where(i => i >= 0).Min();
        return (match.Groups[1].Value, rest[..end]);
    }

    private static string RadiosOf(string html, string id)
    {
        var at = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        var start = html.LastIndexOf("<div class=\"govuk-radios", at, StringComparison.Ordinal);
        return html[start..html.IndexOf('>', start)];
    }
}

public sealed class ConditionalQuestionTestsOnSqlite(SqliteApplyApp app) : ConditionalQuestionTests(app), IClassFixture<SqliteApplyApp>;

public sealed class ConditionalQuestionTestsOnPostgres(PostgresApplyApp app) : ConditionalQuestionTests(app), IClassFixture<PostgresApplyApp>;
