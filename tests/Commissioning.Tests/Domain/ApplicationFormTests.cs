using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Domain;

public class ApplicationFormTests
{
    [Fact]
    public void A_valid_form_lists_its_questions_in_order_across_sections_and_finds_them_by_key()
    {
        var form = new ApplicationForm(
        [
            Build.Section("about", Build.Question("project_title"), Build.Question("works_with_dv", QuestionType.YesNo)),
            Build.Section(
                "detail",
                Build.Question("dv_detail", QuestionType.LongText, showWhen: new ShowWhen("works_with_dv", "yes")),
                Build.Question("area", QuestionType.SingleChoice, options: ["North", "South"]),
                Build.Question("insured", QuestionType.YesNo, stopsIfNo: "You must hold public liability insurance.")),
        ]);

        Assert.Equal(["project_title", "works_with_dv", "dv_detail", "area", "insured"], form.Questions.Select(q => q.Key));
        Assert.Equal(QuestionType.SingleChoice, form.Find("area")?.Type);
        Assert.Equal("You must hold public liability insurance.", form.Find("insured")?.StopsApplicationIfNo);
        Assert.Null(form.Find("AREA"));
        Assert.Null(form.Find("missing"));
    }

    [Fact]
    public void The_empty_form_has_no_questions()
    {
        Assert.Empty(ApplicationForm.Empty.Questions);
    }

    [Fact]
    public void Two_questions_with_the_same_key_are_refused_even_in_different_sections()
    {
        var message = Refusal.Of(() => new ApplicationForm(
        [
            Build.Section("about", Build.Question("project_title")),
            Build.Section("detail", Build.Question("project_title", QuestionType.LongText)),
        ]));

        Assert.Equal("Two form questions share the key 'project_title'.", message);
    }

    [Fact]
    public void Two_sections_with_the_same_key_are_refused()
    {
        var message = Refusal.Of(() => new ApplicationForm([Build.Section("about", Build.Question("a")), Build.Section("about", Build.Question("b"))]));

        Assert.Equal("Two form sections share the key 'about'.", message);
    }

    [Fact]
    public void A_choice_question_without_options_is_refused()
    {
        var message = Refusal.Of(() => Build.Form(Build.Question("area", QuestionType.SingleChoice)));

        Assert.Equal("Question 'area' is a choice question and needs at least two options.", message);
    }

    [Fact]
    public void A_multiple_choice_question_with_only_one_option_is_refused()
    {
        var message = Refusal.Of(() => Build.Form(Build.Question("groups", QuestionType.MultipleChoice, options: ["Young people"])));

        Assert.Equal("Question 'groups' is a choice question and needs at least two options.", message);
    }

    [Fact]
    public void A_question_shown_depending_on_a_later_question_is_refused()
    {
        var message = Refusal.Of(() => Build.Form(
            Build.Question("dv_detail", QuestionType.LongText, showWhen: new ShowWhen("works_with_dv", "yes")),
            Build.Question("works_with_dv", QuestionType.YesNo)));

        Assert.Equal("Question 'dv_detail' is shown depending on 'works_with_dv', which must be an earlier question.", message);
    }

    [Fact]
    public void A_question_shown_depending_on_itself_is_refused()
    {
        var message = Refusal.Of(() => Build.Form(Build.Question("loop", QuestionType.YesNo, showWhen: new ShowWhen("loop", "yes"))));

        Assert.Equal("Question 'loop' is shown depending on 'loop', which must be an earlier question.", message);
    }

    [Fact]
    public void A_question_shown_depending_on_a_question_that_does_not_exist_is_refused()
    {
        var message = Refusal.Of(() => Build.Form(Build.Question("dv_detail", showWhen: new ShowWhen("nowhere", "yes"))));

        Assert.Equal("Question 'dv_detail' is shown depending on 'nowhere', which must be an earlier question.", message);
    }

    [Fact]
    public void A_showstopper_on_a_question_that_is_not_yes_or_no_is_refused()
    {
        var message = Refusal.Of(() => Build.Form(Build.Question("insurance", QuestionType.ShortText, stopsIfNo: "You must hold insurance.")));

        Assert.Equal("Question 'insurance' can only stop an application if it is a yes/no question.", message);
    }

    [Fact]
    public void A_number_question_with_a_maximum_below_its_minimum_is_refused()
    {
        var question = new FormQuestion("beneficiaries", "How many people will benefit?", QuestionType.WholeNumber, Minimum: 10, Maximum: 5);

        Assert.Equal("Question 'beneficiaries' has a maximum below its minimum.", Refusal.Of(() => Build.Form(question)));
    }

    [Theory]
    [InlineData("", "What is your project called?")]
    [InlineData("project_title", " ")]
    public void A_question_needs_a_key_and_its_text(string key, string text)
    {
        var message = Refusal.Of(() => Build.Form(new FormQuestion(key, text, QuestionType.ShortText)));

        Assert.Equal("Every form question needs a key and the text of the question.", message);
    }

    [Fact]
    public void A_round_can_replace_its_form()
    {
        var round = Build.Round();
        var form = Build.Form(Build.Question("project_title"));

        round.ReplaceForm(form);

        Assert.Same(form, round.Form);
    }
}
