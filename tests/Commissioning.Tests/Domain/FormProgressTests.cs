using Commissioning.Domain.Applications;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;

namespace Commissioning.Tests.Domain;

public class FormProgressTests
{
    private static readonly ApplicationForm Form = new(
    [
        new FormSection("money", "Money",
        [
            new FormQuestion("other", "Asked anyone else?", QuestionType.YesNo),
            new FormQuestion("who", "Who?", QuestionType.ShortText, ShowWhen: new ShowWhen("other", "yes")),
            new FormQuestion("how-much", "How much from them?", QuestionType.Money, ShowWhen: new ShowWhen("who", "The council")),
            new FormQuestion("notes", "Anything else?", QuestionType.LongText, Required: false),
        ]),
    ]);

    private static Func<string, string?> With(params (string Key, string Value)[] answers) => key => answers.FirstOrDefault(a => a.Key == key).Value;

    [Fact]
    public void A_question_is_asked_only_when_the_earlier_answer_needs_it()
    {
        var section = Form.Sections[0];

        Assert.Equal(["other", "notes"], FormProgress.ShownQuestions(Form, section, With(("other", "no"))).Select(q => q.Key));
        Assert.Equal(["other", "who", "notes"], FormProgress.ShownQuestions(Form, section, With(("other", "yes"))).Select(q => q.Key));
    }

    [Fact]
    public void A_question_that_depends_on_a_hidden_question_is_hidden_too()
    {
        var section = Form.Sections[0];

        var shown = FormProgress.ShownQuestions(Form, section, With(("other", "no"), ("who", "The council"))).Select(q => q.Key);

        Assert.DoesNotContain("how-much", shown);
    }

    [Fact]
    public void A_section_is_not_started_in_progress_or_completed_by_its_required_questions_that_are_asked()
    {
        var section = Form.Sections[0];

        Assert.Equal(SectionStatus.NotStarted, FormProgress.StatusOf(Form, section, With()));
        Assert.Equal(SectionStatus.InProgress, FormProgress.StatusOf(Form, section, With(("other", "yes"))));
        Assert.Equal(SectionStatus.Completed, FormProgress.StatusOf(Form, section, With(("other", "no"))));
        Assert.Equal(SectionStatus.Completed, FormProgress.StatusOf(Form, section, With(("other", "yes"), ("who", "A trust"))));
    }

    [Theory]
    [InlineData(ProgrammeKind.PolicePropertyActFund, 42, "PPAF-2026-00042")]
    [InlineData(ProgrammeKind.VictimsServicesGrant, 1, "VSG-2026-00001")]
    [InlineData(ProgrammeKind.CommunitySafetyFund, 99_999, "CSF-2026-99999")]
    public void References_carry_the_programme_the_year_and_a_five_figure_number(ProgrammeKind programme, int number, string expected)
    {
        Assert.Equal(expected, ApplicationReference.Format(programme, Build.Year, number));
    }

    [Fact]
    public void A_reference_number_beyond_five_figures_is_refused()
    {
        var message = Refusal.Of(() => ApplicationReference.Format(ProgrammeKind.PolicePropertyActFund, Build.Year, 100_000));

        Assert.Equal("An application reference number runs from 1 to 99,999; 100000 is outside that.", message);
    }
}
