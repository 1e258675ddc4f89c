using Commissioning.Domain.Common;

namespace Commissioning.Domain.Rounds;

public enum QuestionType
{
    ShortText = 1,
    LongText = 2,
    YesNo = 3,
    SingleChoice = 4,
    MultipleChoice = 5,
    WholeNumber = 6,
    Money = 7,
    Date = 8,
    Address = 9,
    FileUpload = 10,
}

/// <summary>Shows a question only when an earlier question was answered a certain way.</summary>
public sealed record ShowWhen(string QuestionKey, string Answer);

public sealed record FormQuestion(
    string Key,
    string Text,
    QuestionType Type,
    bool Required = true,
    string? Hint = null,
    int? MaxWords = null,
    int? MaxLength = null,
    IReadOnlyList<string>? Options = null,
    long? Minimum = null,
    long? Maximum = null,
    ShowWhen? ShowWhen = null,
    string? StopsApplicationIfNo = null);

public sealed record FormSection(string Key, string Title, IReadOnlyList<FormQuestion> Questions)
{
    public const int TitleMaxLength = 120;
}

/// <summary>
/// A round's application form as data: sections of typed questions with their rules. A yes/no question with
/// <see cref="FormQuestion.StopsApplicationIfNo"/> is a showstopper: "no" ends the application with that explanation.
/// </summary>
public sealed partial record ApplicationForm
{
    public ApplicationForm(IReadOnlyList<FormSection> sections)
    {
        Validate(sections);
        Sections = sections;
    }

    public static ApplicationForm Empty { get; } = new([]);

    public IReadOnlyList<FormSection> Sections { get; }

    public IEnumerable<FormQuestion> Questions => Sections.SelectMany(s => s.Questions);

    public FormQuestion? Find(string key) => Questions.FirstOrDefault(q => string.Equals(q.Key, key, StringComparison.Ordinal));

    /// <summary>The key of the form question whose answer is the amount asked for; a form without it takes the amount from the budget.</summary>
    public const string AmountQuestionKey = "amount";

    /// <summary>The money question whose answer is the amount asked for; null when the form has none.</summary>
    public FormQuestion? AmountQuestion => Find(AmountQuestionKey) is { Type: QuestionType.Money } question ? question : null;

    private static void Validate(IReadOnlyList<FormSection> sections)
    {
        var sectionDuplicate = sections.GroupBy(s => s.Key).FirstOrDefault(g => g.Count() > 1);
        if (sectionDuplicate is not null)
        {
            throw new DomainException($"Two form sections share the key '{sectionDuplicate.Key}'.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in sections.SelectMany(s => s.Questions))
        {
            if (string.IsNullOrWhiteSpace(question.Key) || string.IsNullOrWhiteSpace(question.Text))
            {
                throw new DomainException("Every form question needs a key and the text of the question.");
            }

            if (question.ShowWhen is { } condition && !seen.Contains(condition.QuestionKey))
            {
                throw new DomainException($"Question '{question.Key}' is shown depending on '{condition.QuestionKey}', which must be an earlier question.");
            }

            if (!seen.Add(question.Key))
            {
                throw new DomainException($"Two form questions share the key '{question.Key}'.");
            }

            if (question.Type is QuestionType.SingleChoice or QuestionType.MultipleChoice && (question.Options is null || question.Options.Count < 2))
            {
                throw new DomainException($"Question '{question.Key}' is a choice question and needs at least two options.");
            }

            if (question.StopsApplicationIfNo is not null && question.Type != QuestionType.YesNo)
            {
                throw new DomainException($"Question '{question.Key}' can only stop an application if it is a yes/no question.");
            }

            if (question.Minimum is { } min && question.Maximum is { } max && max < min)
            {
                throw new DomainException($"Question '{question.Key}' has a maximum below its minimum.");
            }
        }
    }
}
