using Commissioning.Domain.Rounds;

namespace Commissioning.Domain.Applications;

public enum SectionStatus
{
    NotStarted = 1,
    InProgress = 2,
    Completed = 3,
}

/// <summary>
/// Which questions of a form an application is asked (a question with <see cref="ShowWhen"/> only when the earlier
/// answer needs it, and only if that earlier question is itself asked), and how far each section has got.
/// </summary>
public static class FormProgress
{
    public static bool IsShown(ApplicationForm form, FormQuestion question, Func<string, string?> answerOf)
    {
        var current = question;
        for (var depth = 0; current.ShowWhen is { } condition && depth < 100; depth++)
        {
            if (!Answers.Meets(answerOf(condition.QuestionKey), condition.Answer))
            {
                return false;
            }

            current = form.Find(condition.QuestionKey) ?? throw new InvalidOperationException($"Question '{question.Key}' depends on '{condition.QuestionKey}', which the form does not have.");
        }

        return true;
    }

    public static IReadOnlyList<FormQuestion> ShownQuestions(ApplicationForm form, FormSection section, Func<string, string?> answerOf) =>
        section.Questions.Where(q => IsShown(form, q, answerOf)).ToList();

    /// <summary>A question that must be answered when it is asked: a required one, or a showstopper (whose answer decides whether the application can go on).</summary>
    public static bool MustBeAnswered(FormQuestion question) => question.Required || question.StopsApplicationIfNo is not null;

    /// <summary>Not started: nothing answered. Completed: every question asked that needs an answer has one. In progress otherwise.</summary>
    public static SectionStatus StatusOf(ApplicationForm form, FormSection section, Func<string, string?> answerOf)
    {
        if (section.Questions.All(q => string.IsNullOrEmpty(answerOf(q.Key))))
        {
            return SectionStatus.NotStarted;
        }

        return ShownQuestions(form, section, answerOf).Where(MustBeAnswered).All(q => !string.IsNullOrEmpty(answerOf(q.Key)))
            ? SectionStatus.Completed
            : SectionStatus.InProgress;
    }

    public static IReadOnlyList<FormSection> IncompleteSections(ApplicationForm form, Func<string, string?> answerOf) =>
        form.Sections.Where(s => StatusOf(form, s, answerOf) != SectionStatus.Completed).ToList();

    public static Func<string, string?> AnswersOf(GrantApplication application) => application.AnswerTo;
}
