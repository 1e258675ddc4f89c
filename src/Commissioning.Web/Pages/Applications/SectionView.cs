using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// What the question partial (_Question) needs to draw the questions of one section of a round's form as an applicant
/// sees them: the section, what each input shows, and, on an application, the file already uploaded for a question.
/// The applicant's section page and the form builder's preview both draw questions through it.
/// </summary>
public sealed class SectionView(FormSection section, IReadOnlyDictionary<string, AnswerInput> inputs, GrantApplicationId? applicationId = null, Func<string, FileAnswer?>? uploaded = null)
{
    public FormSection Section => section;

    /// <summary>The application whose answers are shown; null in a preview, where nothing is saved.</summary>
    public GrantApplicationId? ApplicationId => applicationId;

    public AnswerInput InputFor(FormQuestion question) => inputs.GetValueOrDefault(question.Key) ?? new AnswerInput();

    /// <summary>The file uploaded for a question on this application; none in a preview.</summary>
    public FileAnswer? UploadedFor(FormQuestion question) => uploaded?.Invoke(question.Key);

    public QuestionView For(FormQuestion question) => new(question, this);

    /// <summary>Whether a question sits under an answer to an earlier yes/no or choice question of this section.</summary>
    public bool IsRevealedInPage(FormQuestion question) =>
        question.ShowWhen is { } condition
        && section.Questions.FirstOrDefault(q => q.Key == condition.QuestionKey) is { } trigger
        && QuestionDraft.AnswersOf(trigger).Contains(condition.Answer, StringComparer.OrdinalIgnoreCase);

    /// <summary>The questions revealed under any option of a question, and under theirs in turn.</summary>
    public IEnumerable<FormQuestion> AllRevealedBy(FormQuestion trigger) =>
        QuestionDraft.AnswersOf(trigger).SelectMany(option => RevealedBy(trigger, option)).SelectMany(q => AllRevealedBy(q).Prepend(q));

    /// <summary>The questions revealed when an option of a question on this page is chosen.</summary>
    public IReadOnlyList<FormQuestion> RevealedBy(FormQuestion trigger, string option) =>
        section.Questions
            .Where(q => q.ShowWhen is { } condition && condition.QuestionKey == trigger.Key && string.Equals(condition.Answer, option, StringComparison.OrdinalIgnoreCase) && IsRevealedInPage(q))
            .ToList();
}

/// <summary>One question of a <see cref="SectionView"/>, for the _Question partial.</summary>
public sealed record QuestionView(FormQuestion Question, SectionView Section);
