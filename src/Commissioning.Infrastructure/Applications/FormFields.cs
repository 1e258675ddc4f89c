using Commissioning.Domain.Applications;
using Commissioning.Domain.Rounds;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Primitives;

namespace Commissioning.Infrastructure.Applications;

/// <summary>
/// How a form question's answer travels in an HTML form: field names (q.{key}, with .day/.month/.year for a date and
/// .line1/.line2/.town/.postcode for an address), element ids, and the model-state key each problem is reported
/// under, so the GOV.UK error summary links to the field that needs fixing.
/// </summary>
public static class FormFields
{
    /// <summary>The field listing the keys of the questions a page showed, so a save knows which answers were on it.</summary>
    public const string ShownField = "shown";

    /// <summary>How the fields saying when each answer shown was last changed begin (see <see cref="SeenName"/>).</summary>
    public const string SeenPrefix = "seen.";

    public static string Name(FormQuestion question, string? part = null) => part is null or "" ? $"q.{question.Key}" : $"q.{question.Key}.{part}";

    public static string SeenName(FormQuestion question) => SeenPrefix + question.Key;

    public static string Id(string name) => TagBuilder.CreateSanitizedId(name, "_");

    /// <summary>The part a whole-answer problem is shown against: the first field of a date or an address.</summary>
    public static string ErrorKey(FormQuestion question, string part) => Name(question, part.Length > 0 ? part : question.Type switch
    {
        QuestionType.Date => "day",
        QuestionType.Address => "line1",
        _ => null,
    });

    /// <summary>Every model-state key a question's problems can be under.</summary>
    public static IEnumerable<string> ErrorKeys(FormQuestion question) => question.Type switch
    {
        QuestionType.Date => [Name(question, "day"), Name(question, "month"), Name(question, "year")],
        QuestionType.Address => [Name(question, "line1"), Name(question, "line2"), Name(question, "town"), Name(question, "postcode")],
        _ => [Name(question)],
    };

    /// <summary>A question's answer as posted, from the form's raw values by field name.</summary>
    public static AnswerInput Read(IReadOnlyDictionary<string, StringValues> form, FormQuestion question)
    {
        string? Value(string? part = null) => form.TryGetValue(Name(question, part), out var values) ? values.ToString() : null;
        return question.Type switch
        {
            QuestionType.MultipleChoice => new AnswerInput(Choices: form.TryGetValue(Name(question), out var values) ? values.Where(v => v is not null).Select(v => v!).ToList() : []),
            QuestionType.Date => new AnswerInput(Day: Value("day"), Month: Value("month"), Year: Value("year")),
            QuestionType.Address => new AnswerInput(Line1: Value("line1"), Line2: Value("line2"), Town: Value("town"), Postcode: Value("postcode")),
            _ => new AnswerInput(Text: Value()),
        };
    }

    /// <summary>A stored answer as the inputs of its question show it.</summary>
    public static AnswerInput FromStored(FormQuestion question, string? value)
    {
        if (value is null)
        {
            return new AnswerInput();
        }

        switch (question.Type)
        {
            case QuestionType.MultipleChoice:
                return new AnswerInput(Choices: Answers.Choices(value));
            case QuestionType.Date when Answers.Date(value) is { } date:
                return new AnswerInput(Day: date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture), Month: date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture), Year: date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
            case QuestionType.Address when Answers.Address(value) is { } address:
                return new AnswerInput(Line1: address.Line1, Line2: address.Line2, Town: address.Town, Postcode: address.Postcode);
            case QuestionType.FileUpload:
                return new AnswerInput();
            default:
                return new AnswerInput(Text: value);
        }
    }
}
