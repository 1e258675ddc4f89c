using System.Net;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Tests.Support;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Commissioning.Tests.Web.ApplyApp;

namespace Commissioning.Tests.Web;

/// <summary>
/// A grants officer builds a round's application form in the pages: sections and questions of every type with their
/// settings, conditional questions and showstoppers; previews it as applicants will see it; and publishes the round,
/// which is refused with its reasons until it is ready. Until then applicants can neither see the round nor apply to it.
/// </summary>
public abstract class FormBuilderPagesTests(CommissioningApp app)
{
    private const string Officer = "officer@demo.commissioning.test";
    private const string Applicant = "applicant@demo.commissioning.test";
    private const string FreeToVictims = "The fund only supports services that are free to victims.";

    [Fact]
    public async Task An_officer_builds_a_form_with_every_question_type_previews_and_publishes_it_and_an_applicant_then_answers_it()
    {
        var officer = await SignInAsync(Officer);
        var round = await NewRoundAsync($"Form builder round {Guid.NewGuid():N}"[..30]);
        var form = $"/Admin/Rounds/{round.Id}/Form";

        var empty = HttpForms.Text(await officer.GetStringAsync(form));
        Assert.Contains("Not published", empty, StringComparison.Ordinal);
        Assert.Contains("The application form has no sections.", empty, StringComparison.Ordinal);

        await AddSectionAsync(officer, form, "About your project");
        await AddSectionAsync(officer, form, "Money and safety");
        await AddQuestionAsync(officer, form, "about-your-project", Question("Project name", QuestionType.ShortText));
        await AddQuestionAsync(officer, form, "about-your-project", Question("Describe your project", QuestionType.LongText, ("Input.MaxWords", "300"), ("Input.Hint", "What will you do, and who will benefit?")));
        await AddQuestionAsync(officer, form, "about-your-project", Question("Is the service free to victims?", QuestionType.YesNo, ("Input.Showstopper", "true"), ("Input.ShowstopperExplanation", FreeToVictims)));
        await AddQuestionAsync(officer, form, "about-your-project", Question("Where will you work?", QuestionType.SingleChoice, ("Input.SingleChoiceOptions", "Reading\r\nOxford\r\n\r\nMilton Keynes")));
        await AddQuestionAsync(officer, form, "about-your-project", Question("Who will benefit?", QuestionType.MultipleChoice, ("Input.MultipleChoiceOptions", "Young people\nOlder people\nVictims of crime")));
        await AddQuestionAsync(officer, form, "about-your-project", Question("Tell us about your work with young people", QuestionType.LongText, ("Input.ShowWhen", "who-will-benefit|Young people")));
        await AddQuestionAsync(officer, form, "about-your-project", Question("How many people will take part?", QuestionType.WholeNumber, ("Input.WholeNumberMinimum", "1"), ("Input.WholeNumberMaximum", "500")));
        await AddQuestionAsync(officer, form, "about-your-project", Question("When will the project start?", QuestionType.Date));
        await AddQuestionAsync(officer, form, "about-your-project", Question("Where will the project take place?", QuestionType.Address, ("Input.Required", "no")));
        await AddQuestionAsync(officer, form, "money-and-safety", Question("How much are you asking for?", QuestionType.Money, ("Input.MoneyMinimum", "500"), ("Input.MoneyMaximum", "£10,000"), ("Input.IsAmountAsked", "true")));
        await AddQuestionAsync(officer, form, "money-and-safety", Question("Upload your safeguarding policy", QuestionType.FileUpload, ("Input.Required", "no")));
        await AddQuestionAsync(officer, form, "money-and-safety", Question("Have you asked anyone else for funding?", QuestionType.YesNo));
        await AddQuestionAsync(officer, form, "money-and-safety", Question("Who else have you asked?", QuestionType.ShortText, ("Input.ShowWhen", "have-you-asked-anyone-else-for-funding|yes")));

        var built = (await RoundAsync(round.Id)).Form;
        Assert.Equal(["about-your-project", "money-and-safety"], built.Sections.Select(s => s.Key));
        Assert.Equal(
            ["project-name", "describe-your-project", "is-the-service-free-to-victims", "where-will-you-work", "who-will-benefit", "tell-us-about-your-work-with-young-people", "how-many-people-will-take-part", "when-will-the-project-start", "where-will-the-project-take-place", ApplicationForm.AmountQuestionKey, "upload-your-safeguarding-policy", "have-you-asked-anyone-else-for-funding", "who-else-have-you-asked"],
            built.Questions.Select(q => q.Key));
        Assert.Equal(Enum.GetValues<QuestionType>().Order(), built.Questions.Select(q => q.Type).Distinct().Order());
        Assert.Equal((300, "What will you do, and who will benefit?"), (built.Find("describe-your-project")!.MaxWords, built.Find("describe-your-project")!.Hint));
        Assert.Equal(FreeToVictims, built.Find("is-the-service-free-to-victims")!.StopsApplicationIfNo);
        Assert.Equal(["Reading", "Oxford", "Milton Keynes"], built.Find("where-will-you-work")!.Options!);
        Assert.Equal(new ShowWhen("who-will-benefit", "Young people"), built.Find("tell-us-about-your-work-with-young-people")!.ShowWhen);
        Assert.Equal((1L, 500L), (built.Find("how-many-people-will-take-part")!.Minimum!.Value, built.Find("how-many-people-will-take-part")!.Maximum!.Value));
        Assert.False(built.Find("where-will-the-project-take-place")!.Required);
        Assert.Equal((50_000L, 1_000_000L), (built.AmountQuestion!.Minimum!.Value, built.AmountQuestion.Maximum!.Value));

        var outline = HttpForms.Text(await officer.GetStringAsync(form));
        Assert.Contains("1. About your project", outline, StringComparison.Ordinal);
        Assert.Contains("Describe your project Long text Required Up to 300 words", outline, StringComparison.Ordinal);
        Assert.Contains($"Showstopper: a \u2018No\u2019 stops the application (\u2018{FreeToVictims}\u2019)", outline, StringComparison.Ordinal);
        Assert.Contains("Shown only when \u2018Who will benefit?\u2019 is answered \u2018Young people\u2019", outline, StringComparison.Ordinal);
        Assert.Contains("How much are you asking for? Amount of money Required From £500.00 to £10,000.00 The amount asked for", outline, StringComparison.Ordinal);

        var preview = await officer.GetStringAsync($"{form}/Preview");
        Assert.Contains("Nothing you type here is saved.", HttpForms.Text(preview), StringComparison.Ordinal);
        foreach (var id in new[] { "q_project-name", "q_describe-your-project", "q_is-the-service-free-to-victims", "q_where-will-you-work", "q_who-will-benefit", "q_tell-us-about-your-work-with-young-people", "q_how-many-people-will-take-part", "q_when-will-the-project-start_day", "q_where-will-the-project-take-place_line1" })
        {
            Assert.Contains($"id=\"{id}\"", preview, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("method=\"post\"", preview[preview.IndexOf("<main", StringComparison.Ordinal)..], StringComparison.Ordinal);
        var secondPreview = await officer.GetStringAsync($"{form}/Preview/money-and-safety");
        Assert.Contains("id=\"q_amount\"", secondPreview, StringComparison.Ordinal);
        Assert.Contains("id=\"q_upload-your-safeguarding-policy\" name=\"q.upload-your-safeguarding-policy\" type=\"file\"", secondPreview, StringComparison.Ordinal);

        var published = await officer.PostFormAsync($"{form}?handler=Publish", []);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.NotNull((await RoundAsync(round.Id)).PublishedAt);
        Assert.Contains("has been published", HttpForms.Text(await officer.GetStringAsync(form)), StringComparison.Ordinal);

        var applicant = await SignInAsync(Applicant);
        Assert.Contains(round.Title, HttpForms.Text(await applicant.GetStringAsync("/Funding")), StringComparison.Ordinal);
        var applicationId = await StartApplicationThroughPagesAsync(applicant, await RoundAsync(round.Id), "A project built through the pages");
        var (started, latest) = await app.InScopeAsync(async services => (
            await services.GetRequiredService<CommissioningDbContext>().Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == applicationId.ToString()),
            services.GetRequiredService<WorkflowRegistry>().Latest(GrantWorkflowContract.Definitions.PolicePropertyActFund)));
        Assert.Equal((latest.DefinitionId, latest.Version), (started.DefinitionId, started.DefinitionVersion));
        var taskList = HttpForms.Text(await applicant.GetStringAsync($"/Applications/{applicationId}"));
        Assert.Contains("About your project", taskList, StringComparison.Ordinal);
        Assert.Contains("Money and safety", taskList, StringComparison.Ordinal);

        var about = await applicant.GetStringAsync($"/Applications/{applicationId}/Sections/about-your-project");
        Assert.Contains("<textarea class=\"govuk-textarea govuk-js-character-count\" id=\"q_describe-your-project\"", about, StringComparison.Ordinal);
        Assert.Contains("type=\"checkbox\" value=\"Young people\"", about, StringComparison.Ordinal);
        Assert.Matches("id=\"conditional-q_who-will-benefit\"[^>]*>[\\s\\S]*id=\"q_tell-us-about-your-work-with-young-people\"", about);
        Assert.Contains("Where will the project take place? (optional)", HttpForms.Text(about), StringComparison.Ordinal);
        var money = await applicant.GetStringAsync($"/Applications/{applicationId}/Sections/money-and-safety");
        Assert.Contains("id=\"q_amount\"", money, StringComparison.Ordinal);
        Assert.Matches("id=\"conditional-q_have-you-asked-anyone-else-for-funding\"[^>]*>[\\s\\S]*id=\"q_who-else-have-you-asked\"", money);

        var stopped = await PostPageAsync(applicant, $"/Applications/{applicationId}/Sections/about-your-project", [new("q.is-the-service-free-to-victims", "no"), new("action", "later")]);
        Assert.Equal(HttpStatusCode.Redirect, stopped.StatusCode);
        Assert.Contains($"You cannot continue with this application. {FreeToVictims}", HttpForms.Text(await applicant.GetStringAsync($"/Applications/{applicationId}")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Keys_stay_when_text_changes_and_questions_move_while_a_refused_change_is_shown_with_what_was_typed_kept()
    {
        var officer = await SignInAsync(Officer);
        var round = await NewRoundAsync($"Editing round {Guid.NewGuid():N}"[..26]);
        var form = $"/Admin/Rounds/{round.Id}/Form";
        await AddSectionAsync(officer, form, "About you");
        await AddSectionAsync(officer, form, "About you");
        await AddQuestionAsync(officer, form, "about-you", Question("Who will benefit?", QuestionType.SingleChoice, ("Input.SingleChoiceOptions", "Young people\nOlder people")));
        await AddQuestionAsync(officer, form, "about-you", Question("Tell us about the young people", QuestionType.LongText, ("Input.ShowWhen", "who-will-benefit|Young people")));
        await AddQuestionAsync(officer, form, "about-you", Question("Project name", QuestionType.ShortText));
        Assert.Equal(["about-you", "about-you-2"], (await RoundAsync(round.Id)).Form.Sections.Select(s => s.Key));

        var renamed = await officer.PostFormAsync($"{form}/Questions/project-name", Question("What is your project called?", QuestionType.ShortText));
        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        var moved = await officer.PostFormAsync($"{form}?handler=MoveQuestion", new() { ["key"] = "project-name", ["direction"] = "up" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        var afterMove = (await RoundAsync(round.Id)).Form;
        Assert.Equal(["who-will-benefit", "project-name", "tell-us-about-the-young-people"], afterMove.Questions.Select(q => q.Key));
        Assert.Equal("What is your project called?", afterMove.Find("project-name")!.Text);

        var beforeTrigger = await officer.PostFormAsync($"{form}?handler=MoveQuestion", new() { ["key"] = "project-name", ["direction"] = "up" });
        Assert.Equal(HttpStatusCode.Redirect, beforeTrigger.StatusCode);
        var dependentFirst = await officer.PostFormAsync($"{form}?handler=MoveQuestion", new() { ["key"] = "tell-us-about-the-young-people", ["direction"] = "up" });
        Assert.Equal(HttpStatusCode.OK, dependentFirst.StatusCode);
        Assert.Contains("\u2018Tell us about the young people\u2019 is shown only after an answer to an earlier question, so it must come after that question.", HttpForms.Text(await dependentFirst.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var refused = await officer.PostFormAsync($"{form}/Questions/who-will-benefit", Question("Who will your project help?", QuestionType.SingleChoice, ("Input.SingleChoiceOptions", "Older people\nVictims of crime")));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("There is a problem \u2018Tell us about the young people\u2019 is shown only after the answer \u2018Young people\u2019 to \u2018Who will your project help?\u2019, which that question no longer offers.", HttpForms.Text(refusedPage), StringComparison.Ordinal);
        Assert.Contains("value=\"Who will your project help?\"", refusedPage, StringComparison.Ordinal);
        Assert.Contains(">Older people\nVictims of crime</textarea>", WebUtility.HtmlDecode(refusedPage), StringComparison.Ordinal);

        var removeTrigger = await officer.PostFormAsync($"{form}/Remove?question=who-will-benefit", [], tokenFrom: form);
        Assert.Equal(HttpStatusCode.OK, removeTrigger.StatusCode);
        Assert.Contains("\u2018Tell us about the young people\u2019 is shown only after an answer to this question. Change or remove that question first.", HttpForms.Text(await removeTrigger.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var badSettings = await officer.PostFormAsync($"{form}/Questions?section=about-you", Question(" ", QuestionType.Money, ("Input.MoneyMinimum", "ten pounds"), ("Input.MoneyMaximum", "20")), tokenFrom: form);
        var badPage = HttpForms.Text(await badSettings.Content.ReadAsStringAsync());
        Assert.Contains("Enter the question.", badPage, StringComparison.Ordinal);
        Assert.Contains("Enter an amount in pounds using numbers only, like 1500 or 1500.50, or leave it empty", badPage, StringComparison.Ordinal);
        var oneOption = HttpForms.Text(await (await officer.PostFormAsync($"{form}/Questions?section=about-you", Question("Pick one", QuestionType.MultipleChoice, ("Input.MultipleChoiceOptions", "Only")), tokenFrom: form)).Content.ReadAsStringAsync());
        Assert.Contains("Enter at least two options, one on each line.", oneOption, StringComparison.Ordinal);
        var noType = HttpForms.Text(await (await officer.PostFormAsync($"{form}/Questions?section=about-you", new() { ["Input.Text"] = "A question" }, tokenFrom: form)).Content.ReadAsStringAsync());
        Assert.Contains("Select the type of answer the question takes", noType, StringComparison.Ordinal);
        Assert.Equal(3, (await RoundAsync(round.Id)).Form.Questions.Count());

        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"{form}/Remove?section=about-you-2", [], tokenFrom: form)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync($"{form}/Remove?question=tell-us-about-the-young-people", [], tokenFrom: form)).StatusCode);
        Assert.Equal(["project-name", "who-will-benefit"], (await RoundAsync(round.Id)).Form.Questions.Select(q => q.Key));
        Assert.Equal(["about-you"], (await RoundAsync(round.Id)).Form.Sections.Select(s => s.Key));
    }

    [Fact]
    public async Task Making_another_money_question_the_amount_asked_for_moves_the_amount_key_to_it()
    {
        var officer = await SignInAsync(Officer);
        var round = await NewRoundAsync($"Amount round {Guid.NewGuid():N}"[..25]);
        var form = $"/Admin/Rounds/{round.Id}/Form";
        await AddSectionAsync(officer, form, "Money");
        await AddQuestionAsync(officer, form, "money", Question("How much in total?", QuestionType.Money, ("Input.IsAmountAsked", "true")));
        await AddQuestionAsync(officer, form, "money", Question("How much from us?", QuestionType.Money));

        var changed = await officer.PostFormAsync($"{form}/Questions/how-much-from-us", Question("How much from us?", QuestionType.Money, ("Input.IsAmountAsked", "true")));

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        var built = (await RoundAsync(round.Id)).Form;
        Assert.Equal("How much from us?", built.AmountQuestion!.Text);
        Assert.Equal(["how-much-in-total", ApplicationForm.AmountQuestionKey], built.Questions.Select(q => q.Key));
        var notMoney = await officer.PostFormAsync($"{form}/Questions?section=money", Question("How many people?", QuestionType.WholeNumber, ("Input.IsAmountAsked", "true")), tokenFrom: form);
        Assert.Equal(HttpStatusCode.Redirect, notMoney.StatusCode);
        var after = (await RoundAsync(round.Id)).Form;
        Assert.Equal(("How much from us?", "how-many-people"), (after.AmountQuestion!.Text, after.Questions.Last().Key));
    }

    [Fact]
    public async Task Publishing_is_refused_with_every_reason_until_the_round_is_ready_and_nothing_is_published()
    {
        var officer = await SignInAsync(Officer);
        var round = await NewRoundAsync($"Not ready {Guid.NewGuid():N}"[..22]);
        var form = $"/Admin/Rounds/{round.Id}/Form";

        var noSections = HttpForms.Text(await (await officer.PostFormAsync($"{form}?handler=Publish", [])).Content.ReadAsStringAsync());
        Assert.Contains("There is a problem The application form has no sections. Add a section with the questions applicants are to answer.", noSections, StringComparison.Ordinal);

        await AddSectionAsync(officer, form, "Empty section");
        var noQuestions = HttpForms.Text(await (await officer.PostFormAsync($"{form}?handler=Publish", [])).Content.ReadAsStringAsync());
        Assert.Contains("The application form has no questions. Add the questions applicants are to answer.", noQuestions, StringComparison.Ordinal);

        await AddSectionAsync(officer, form, "Questions");
        await AddQuestionAsync(officer, form, "questions", Question("Project name", QuestionType.ShortText));
        var emptySection = HttpForms.Text(await (await officer.PostFormAsync($"{form}?handler=Publish", [])).Content.ReadAsStringAsync());
        Assert.Contains("The section \u2018Empty section\u2019 has no questions. Add a question to it, or remove it.", emptySection, StringComparison.Ordinal);
        await officer.PostFormAsync($"{form}/Remove?section=empty-section", [], tokenFrom: form);

        IReadOnlyList<AssessmentCriterion> short90 = [new("need", "Need", 60), new("value", "Value", 30)];
        await InDbAsync(db => db.Rounds.Where(r => r.Id == round.Id).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.Criteria, short90)
            .SetProperty(r => r.OpensAt, DateTimeOffset.UtcNow.AddDays(-10))
            .SetProperty(r => r.ClosesAt, DateTimeOffset.UtcNow.AddHours(-1))));
        var refused = await officer.PostFormAsync($"{form}?handler=Publish", []);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = HttpForms.Text(await refused.Content.ReadAsStringAsync());
        Assert.Contains("The assessment criteria's weights add up to 90%; they must add up to 100%. Change the weights first.", page, StringComparison.Ordinal);
        Assert.Contains("The round closed at ", page, StringComparison.Ordinal);
        Assert.Contains("Move its closing date into the future first.", page, StringComparison.Ordinal);
        Assert.Null((await RoundAsync(round.Id)).PublishedAt);
        Assert.Contains("Not published", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpublished_round_is_not_listed_and_cannot_be_opened_or_applied_to_by_its_address()
    {
        var round = await NewRoundAsync($"Unpublished {Guid.NewGuid():N}"[..24], new ApplicationForm([new FormSection("about", "About", [new FormQuestion("name", "Project name", QuestionType.ShortText)])]));
        var applicant = await SignInAsync(Applicant);

        Assert.DoesNotContain(round.Title, HttpForms.Text(await applicant.GetStringAsync("/Funding")), StringComparison.Ordinal);
        Assert.DoesNotContain(round.Title, HttpForms.Text(await applicant.GetStringAsync("/")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/Funding/{round.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync($"/Funding/{round.Id}/Eligibility")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.NewClient().GetAsync($"/Funding/{round.Id}")).StatusCode);
        var start = await applicant.PostFormAsync($"/Funding/{round.Id}/Eligibility?handler=Start", new() { ["RoundId"] = round.Id.ToString(), ["ProjectTitle"] = "Sneaking in" }, tokenFrom: "/Applications");

        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Equal(0, await InDbAsync(db => db.Applications.CountAsync(a => a.RoundId == round.Id)));
    }

    [Theory]
    [InlineData("assessor@demo.commissioning.test")]
    [InlineData("pcc@demo.commissioning.test")]
    [InlineData("finance@demo.commissioning.test")]
    [InlineData(Applicant)]
    public async Task Only_grants_officers_and_administrators_may_open_or_post_to_the_form_builder(string email)
    {
        var round = await NewRoundAsync($"Guarded {Guid.NewGuid():N}"[..20], new ApplicationForm([new FormSection("about", "About", [new FormQuestion("name", "Project name", QuestionType.ShortText)])]));
        var form = $"/Admin/Rounds/{round.Id}/Form";
        var pages = new[] { form, $"{form}/Sections", $"{form}/Sections/about", $"{form}/Questions?section=about", $"{form}/Questions/name", $"{form}/Remove?question=name", $"{form}/Preview", $"{form}/Preview/about" };
        var other = await SignInAsync(email);

        foreach (var url in pages)
        {
            var refused = await other.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", refused.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }

        foreach (var url in new[] { $"{form}?handler=Publish", $"{form}/Remove?question=name", $"{form}/Sections" })
        {
            var posted = await other.PostFormAsync(url, new() { ["Title"] = "Not mine" }, tokenFrom: "/");
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            Assert.StartsWith("/Account/AccessDenied", posted.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }

        var unchanged = await RoundAsync(round.Id);
        Assert.Equal((null, 1), (unchanged.PublishedAt, unchanged.Form.Sections.Count));
        Assert.Equal(HttpStatusCode.Redirect, (await app.NewClient().GetAsync(form)).StatusCode);
        var admin = await SignInAsync("admin@demo.commissioning.test");
        foreach (var url in pages)
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Admin/Rounds/{Guid.NewGuid()}/Form")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{form}/Questions/no-such-question")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{form}/Preview/no-such-section")).StatusCode);
    }

    private static async Task AddSectionAsync(HttpClient officer, string form, string title)
    {
        var response = await officer.PostFormAsync($"{form}/Sections", new() { ["Title"] = title });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Adding the section '{title}' gave {(int)response.StatusCode}: {HttpForms.Text(await response.Content.ReadAsStringAsync())}");
    }

    private static async Task AddQuestionAsync(HttpClient officer, string form, string section, Dictionary<string, string> fields)
    {
        var response = await officer.PostFormAsync($"{form}/Questions?section={section}", fields, tokenFrom: form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Adding the question '{fields["Input.Text"]}' gave {(int)response.StatusCode}: {HttpForms.Text(await response.Content.ReadAsStringAsync())}");
    }

    private static Dictionary<string, string> Question(string text, QuestionType type, params (string Key, string Value)[] settings)
    {
        var fields = new Dictionary<string, string> { ["Input.Text"] = text, ["Input.Type"] = type.ToString(), ["Input.Required"] = "yes" };
        foreach (var (key, value) in settings)
        {
            fields[key] = value;
        }

        return fields;
    }

    private Task<HttpClient> SignInAsync(string email) => app.SignedInClientAsync(email, DemoDataSeeder.Password);

    private Task<T> InDbAsync<T>(Func<CommissioningDbContext, Task<T>> work) =>
        app.InScopeAsync(services => work(services.GetRequiredService<CommissioningDbContext>()));

    private Task<FundingRound> RoundAsync(RoundId id) => InDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == id));

    /// <summary>An unpublished round of the Police Property Act Fund, open now, with no eligibility questions and the form given (none by default).</summary>
    private Task<FundingRound> NewRoundAsync(string title, ApplicationForm? form = null) => InDbAsync(async db =>
    {
        var fund = await db.Funds.SingleAsync(f => f.Programme == ProgrammeKind.PolicePropertyActFund);
        var now = DateTimeOffset.UtcNow;
        var round = new FundingRound(fund.Id, FinancialYear.Containing(UkTime.DateOf(now)), title, "Small grants for community projects.", now.AddHours(-1), now.AddDays(10), Money.FromPounds(500), Money.FromPounds(10_000), new ScoreScale(0, 10), [new AssessmentCriterion("need", "Need", 100)], [], form ?? ApplicationForm.Empty);
        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        return round;
    });
}

public sealed class FormBuilderPagesTestsOnSqlite(SqliteApp app) : FormBuilderPagesTests(app), IClassFixture<SqliteApp>;

public sealed class FormBuilderPagesTestsOnPostgres(PostgresApp app) : FormBuilderPagesTests(app), IClassFixture<PostgresApp>;
