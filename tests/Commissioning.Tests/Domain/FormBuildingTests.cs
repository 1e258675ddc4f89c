using Commissioning.Domain.Applications;
using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Domain;

/// <summary>Building a round's form a change at a time, and publishing the round once it is ready.</summary>
public class FormBuildingTests
{
    [Fact]
    public void Keys_are_made_from_the_text_unique_and_kept_when_the_text_changes()
    {
        var form = ApplicationForm.Empty.AddSection("About your project").AddSection("About your project").AddSection("!!!");
        form = form.AddQuestion("about-your-project", new QuestionDraft("What's your project's name?", QuestionType.ShortText));
        form = form.AddQuestion("about-your-project-2", new QuestionDraft("What’s your project’s name?", QuestionType.ShortText));
        form = form.AddQuestion("section", new QuestionDraft("Amount", QuestionType.ShortText));
        form = form.AddQuestion("section", new QuestionDraft("Café opening hours in Llanfair, and much more besides that we would like to know about", QuestionType.LongText));

        Assert.Equal(["about-your-project", "about-your-project-2", "section"], form.Sections.Select(s => s.Key));
        Assert.Equal(["whats-your-projects-name", "whats-your-projects-name-2", "amount-2", "cafe-opening-hours-in-llanfair-and-much-more-besides-that-we"], form.Questions.Select(q => q.Key));

        var changed = form.ChangeQuestion("whats-your-projects-name", new QuestionDraft("Project name", QuestionType.ShortText));
        Assert.Equal("Project name", changed.Find("whats-your-projects-name")!.Text);
    }

    [Fact]
    public void Settings_that_do_not_belong_to_the_type_are_dropped_and_bad_ones_named_by_setting()
    {
        var form = ApplicationForm.Empty.AddSection("Main")
            .AddQuestion("main", new QuestionDraft("Name", QuestionType.ShortText, MaxWords: 30, Options: ["a", "b"], Minimum: 1, StopsApplicationIfNo: "No"));

        Assert.Equal(new FormQuestion("name", "Name", QuestionType.ShortText), form.Find("name"));
        var problems = new QuestionDraft(" ", QuestionType.SingleChoice, Required: false, Options: ["Yes", "yes"], IsAmountAsked: true).Problems();
        Assert.Equal(
            [(QuestionSetting.Text, "Enter the question."), (QuestionSetting.Options, "The option 'Yes' is listed twice; list each option once."), (QuestionSetting.AmountAsked, "Only a money question can be the amount asked for."), (QuestionSetting.AmountAsked, "The amount asked for must be a question every applicant answers: make it required.")],
            problems.Select(p => (p.Setting, p.Message)));
        Assert.Equal("Enter the explanation for applicants who answer no.", Refusal.Of(() => form.AddQuestion("main", new QuestionDraft("Free?", QuestionType.YesNo, StopsApplicationIfNo: " "))));
        Assert.Equal("The largest answer allowed must be at least the smallest.", Refusal.Of(() => form.AddQuestion("main", new QuestionDraft("How many?", QuestionType.WholeNumber, Minimum: 10, Maximum: 5))));
    }

    [Fact]
    public void The_amount_asked_for_is_one_money_question_and_moving_it_gives_the_old_one_a_key_of_its_own()
    {
        var form = ApplicationForm.Empty.AddSection("Money")
            .AddQuestion("money", new QuestionDraft("Total cost", QuestionType.Money, IsAmountAsked: true))
            .AddQuestion("money", new QuestionDraft("From us", QuestionType.Money, IsAmountAsked: true));

        Assert.Equal(["total-cost", ApplicationForm.AmountQuestionKey], form.Questions.Select(q => q.Key));
        Assert.Equal("From us", form.AmountQuestion!.Text);

        var none = form.ChangeQuestion(ApplicationForm.AmountQuestionKey, new QuestionDraft("From us", QuestionType.Money));
        Assert.Null(none.AmountQuestion);
        Assert.Equal(["total-cost", "from-us"], none.Questions.Select(q => q.Key));
    }

    [Fact]
    public void A_question_shown_after_an_answer_must_follow_that_question_and_keep_that_answer()
    {
        var form = ApplicationForm.Empty.AddSection("One").AddSection("Two")
            .AddQuestion("one", new QuestionDraft("Who benefits?", QuestionType.MultipleChoice, Options: ["Young people", "Older people"]))
            .AddQuestion("two", new QuestionDraft("Tell us about the young people", QuestionType.LongText, ShowWhen: new ShowWhen("who-benefits", "Young people")));

        Assert.Equal("\u2018Tell us about the young people\u2019 is shown only after an answer to an earlier question, so it must come after that question. Move it, or change when it is shown.", Refusal.Of(() => form.MoveSection("two", -1)));
        Assert.Equal("\u2018Tell us about the young people\u2019 is shown only after an answer to \u2018Who benefits?\u2019 in this section. Change or remove that question first.", Refusal.Of(() => form.RemoveSection("one")));
        Assert.Equal("\u2018Tell us about the young people\u2019 is shown only after an answer to this question. Change or remove that question first.", Refusal.Of(() => form.RemoveQuestion("who-benefits")));
        Assert.Equal("\u2018Tell us about the young people\u2019 is shown only after the answer \u2018Young people\u2019 to \u2018Who benefits?\u2019, which that question no longer offers. Change when it is shown first.", Refusal.Of(() => form.ChangeQuestion("who-benefits", new QuestionDraft("Who benefits?", QuestionType.YesNo))));
        Assert.Equal("\u2018One\u2019 is already the first section.", Refusal.Of(() => form.MoveSection("one", -1)));
        Assert.Equal(["two", "one"], form.RemoveQuestion("tell-us-about-the-young-people").MoveSection("two", -1).Sections.Select(s => s.Key));
    }

    [Fact]
    public void Publishing_is_refused_with_every_reason_until_the_round_has_questions_and_closes_later()
    {
        var round = Build.Round(form: ApplicationForm.Empty.AddSection("Empty"));

        Assert.Equal(
            "The application form has no questions. Add the questions applicants are to answer. The round closed at 12pm (midday) on Saturday 12 September 2026. Move its closing date into the future first.",
            Refusal.Of(() => round.Publish(Build.ClosesAt.AddDays(1))));
        Assert.Equal(["The application form has no sections. Add a section with the questions applicants are to answer."], Build.Round().WhyNotPublishable(Build.WhileOpen));
        Assert.Null(round.PublishedAt);

        round.ReplaceForm(round.Form.AddQuestion("empty", new QuestionDraft("Project name", QuestionType.ShortText)));
        round.Publish(Build.WhileOpen);

        Assert.Equal(Build.WhileOpen, round.PublishedAt);
        Assert.StartsWith($"{Build.RoundTitle} was already published", Refusal.Of(() => round.Publish(Build.WhileOpen)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_application_cannot_be_started_in_a_round_that_is_not_published()
    {
        var round = Build.Round(form: ApplicationForm.Empty.AddSection("About").AddQuestion("about", new QuestionDraft("Project name", QuestionType.ShortText)));

        Assert.Equal($"{Build.RoundTitle} is not open for applications.", Refusal.Of(() => GrantApplication.Start(round, Build.Record(), "Safer routes", Build.WhileOpen, "a@example.org")));

        round.Publish(Build.WhileOpen);
        Assert.Equal(round.Id, GrantApplication.Start(round, Build.Record(), "Safer routes", Build.WhileOpen, "a@example.org").RoundId);
    }
}
