using System.Globalization;
using System.Text.Json;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;

namespace Commissioning.Domain.Applications;

/// <summary>What a person typed or chose for one question, before it is checked. Only the parts the question's type uses are read.</summary>
public sealed record AnswerInput(
    string? Text = null,
    IReadOnlyList<string>? Choices = null,
    string? Day = null,
    string? Month = null,
    string? Year = null,
    string? Line1 = null,
    string? Line2 = null,
    string? Town = null,
    string? Postcode = null)
{
    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(Text) && (Choices is null || Choices.All(string.IsNullOrWhiteSpace))
        && string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year)
        && string.IsNullOrWhiteSpace(Line1) && string.IsNullOrWhiteSpace(Line2) && string.IsNullOrWhiteSpace(Town) && string.IsNullOrWhiteSpace(Postcode);
}

/// <summary>
/// One problem with an answer. <see cref="Part"/> names the part of a date or address it is about ("day", "month",
/// "year", "line1", "town", "postcode"), or is empty for the answer as a whole.
/// </summary>
public sealed record AnswerProblem(string Part, string Message);

/// <summary>The stored value an answer becomes (null: no answer), or the problems that stop it being saved.</summary>
public sealed record AnswerCheck(string? Value, IReadOnlyList<AnswerProblem> Problems)
{
    public bool IsValid => Problems.Count == 0;

    public static AnswerCheck Valid(string? value) => new(value, []);

    public static AnswerCheck Invalid(string message, string part = "") => new(null, [new AnswerProblem(part, message)]);
}

public sealed record AddressAnswer(string Line1, string? Line2, string Town, string Postcode);

public sealed record FileAnswer(string StoredName, string FileName, string ContentType, long SizeInBytes);

/// <summary>
/// The rules for answers to a round's form questions: how each type of answer is checked (with messages in the GOV.UK
/// style that say what to do), how it is stored as text, and how it reads back to a person. Stored forms: yes/no as
/// "yes" or "no"; a multiple choice as a JSON array in the order of the options; money as pounds with two decimals
/// ("1500.00"); a date as ISO 8601 ("2027-01-31"); an address or a file as a small JSON object.
/// </summary>
public static class Answers
{
    public const int ShortTextMaxLength = 500;

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string Yes = "yes";

    public const string No = "no";

    /// <summary>Checks an answer. With <paramref name="required"/> an empty answer to a required question is a problem; otherwise it clears the answer.</summary>
    public static AnswerCheck Check(FormQuestion question, AnswerInput input, bool required)
    {
        if (input.IsEmpty)
        {
            return required && question.Required ? AnswerCheck.Invalid(MissingMessage(question)) : AnswerCheck.Valid(null);
        }

        return question.Type switch
        {
            QuestionType.ShortText => CheckText(input.Text, question.MaxLength ?? ShortTextMaxLength, null),
            QuestionType.LongText => CheckText(input.Text, question.MaxLength ?? ApplicationAnswer.ValueMaxLength, question.MaxWords),
            QuestionType.YesNo => CheckChoice(question, input.Text, [Yes, No], "Select yes or no"),
            QuestionType.SingleChoice => CheckChoice(question, input.Text, question.Options ?? [], "Select one of the options given"),
            QuestionType.MultipleChoice => CheckChoices(question, input.Choices ?? []),
            QuestionType.WholeNumber => CheckWholeNumber(question, input.Text),
            QuestionType.Money => CheckMoney(question, input.Text),
            QuestionType.Date => CheckDate(question, input),
            QuestionType.Address => CheckAddress(input),
            QuestionType.FileUpload => AnswerCheck.Invalid("Choose a file to upload"),
            _ => AnswerCheck.Invalid("This question cannot be answered."),
        };
    }

    /// <summary>The stored value of an uploaded file's answer.</summary>
    public static string ForFile(FileAnswer file) => JsonSerializer.Serialize(file, Json);

    public static string MissingMessage(FormQuestion question) => question.Type switch
    {
        QuestionType.YesNo => $"Select yes or no for \u2018{question.Text}\u2019",
        QuestionType.SingleChoice => $"Select an answer for \u2018{question.Text}\u2019",
        QuestionType.MultipleChoice => $"Select at least one answer for \u2018{question.Text}\u2019",
        QuestionType.Date => $"Enter the date for \u2018{question.Text}\u2019",
        QuestionType.Address => $"Enter the address for \u2018{question.Text}\u2019",
        QuestionType.FileUpload => $"Choose a file for \u2018{question.Text}\u2019",
        QuestionType.Money => $"Enter an amount for \u2018{question.Text}\u2019",
        QuestionType.WholeNumber => $"Enter a number for \u2018{question.Text}\u2019",
        _ => $"Enter an answer to \u2018{question.Text}\u2019",
    };

    public static int CountWords(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    /// <summary>Whether a stored answer meets a <see cref="ShowWhen"/> condition: for a multiple choice, when the option is among those chosen.</summary>
    public static bool Meets(string? value, string expected) =>
        value is not null && (string.Equals(value, expected, StringComparison.OrdinalIgnoreCase) || (value.StartsWith('[') && Choices(value).Contains(expected, StringComparer.OrdinalIgnoreCase)));

    public static IReadOnlyList<string> Choices(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return [];
        }

        try
        {
            return JsonSerializer.Deserialize<List<string>>(value, Json) ?? [];
        }
        catch (JsonException)
        {
            return [value];
        }
    }

    public static AddressAnswer? Address(string? value) => Read<AddressAnswer>(value);

    public static FileAnswer? File(string? value) => Read<FileAnswer>(value);

    public static DateOnly? Date(string? value) => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public static Money? Amount(string? value) => Money.TryParse(value, out var money, out _) ? money : null;

    /// <summary>An answer as a person reads it on the check-your-answers page and in the PDF copy.</summary>
    public static string Describe(FormQuestion question, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "Not answered";
        }

        return question.Type switch
        {
            QuestionType.YesNo => value == Yes ? "Yes" : value == No ? "No" : value,
            QuestionType.MultipleChoice => string.Join(", ", Choices(value)),
            QuestionType.Money => Amount(value)?.ToString() ?? value,
            QuestionType.Date => Date(value)?.ToString("d MMMM yyyy", UkCulture) ?? value,
            QuestionType.Address => Address(value) is { } a ? string.Join(", ", new[] { a.Line1, a.Line2, a.Town, a.Postcode }.Where(p => !string.IsNullOrEmpty(p))) : value,
            QuestionType.FileUpload => File(value) is { } f ? $"{f.FileName} ({DescribeSize(f.SizeInBytes)})" : value,
            _ => value,
        };
    }

    public static string DescribeSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{Math.Ceiling(bytes / 1024m):0} KB",
        _ => $"{bytes / (1024m * 1024m):0.0} MB",
    };

    private static T? Read<T>(string? value)
        where T : class
    {
        if (string.IsNullOrEmpty(value) || !value.StartsWith('{'))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<T>(value, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static AnswerCheck CheckText(string? text, int maxLength, int? maxWords)
    {
        var value = (text ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (maxWords is { } limit && CountWords(value) is var words && words > limit)
        {
            return AnswerCheck.Invalid($"Your answer must be {limit} words or fewer; it has {words}");
        }

        return value.Length > maxLength
            ? AnswerCheck.Invalid($"Your answer must be {maxLength:N0} characters or fewer; it has {value.Length:N0}")
            : AnswerCheck.Valid(value);
    }

    private static AnswerCheck CheckChoice(FormQuestion question, string? chosen, IReadOnlyList<string> options, string message)
    {
        var match = options.FirstOrDefault(o => string.Equals(o, chosen?.Trim(), StringComparison.Ordinal));
        return match is null ? AnswerCheck.Invalid(question.Type == QuestionType.YesNo ? $"{message} for \u2018{question.Text}\u2019" : message) : AnswerCheck.Valid(match);
    }

    private static AnswerCheck CheckChoices(FormQuestion question, IReadOnlyList<string> chosen)
    {
        var options = question.Options ?? [];
        var picked = chosen.Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (picked.Any(c => !options.Contains(c, StringComparer.Ordinal)))
        {
            return AnswerCheck.Invalid("Select only from the options given");
        }

        return AnswerCheck.Valid(JsonSerializer.Serialize(options.Where(picked.Contains).ToList(), Json));
    }

    private static AnswerCheck CheckWholeNumber(FormQuestion question, string? text)
    {
        var trimmed = (text ?? string.Empty).Trim().Replace(",", string.Empty, StringComparison.Ordinal);
        if (!long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return AnswerCheck.Invalid("Enter a whole number, like 25");
        }

        if (question.Minimum is { } min && number < min)
        {
            return AnswerCheck.Invalid($"The number must be {min:N0} or more");
        }

        return question.Maximum is { } max && number > max
            ? AnswerCheck.Invalid($"The number must be {max:N0} or fewer")
            : AnswerCheck.Valid(number.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Money questions hold their <see cref="FormQuestion.Minimum"/> and <see cref="FormQuestion.Maximum"/> in pence.</summary>
    private static AnswerCheck CheckMoney(FormQuestion question, string? text)
    {
        if (!Money.TryParse(text, out var amount, out var error))
        {
            return AnswerCheck.Invalid(error!);
        }

        if (amount.IsNegative)
        {
            return AnswerCheck.Invalid("The amount cannot be negative. Enter an amount of £0.00 or more");
        }

        if (question.Minimum is { } min && amount < Money.FromPence(min))
        {
            return AnswerCheck.Invalid($"The amount must be {Money.FromPence(min)} or more");
        }

        return question.Maximum is { } max && amount > Money.FromPence(max)
            ? AnswerCheck.Invalid($"The amount must be {Money.FromPence(max)} or less")
            : AnswerCheck.Valid(amount.ToPlainString());
    }

    /// <summary>The GOV.UK date input's messages: which parts are missing, then whether it is a real date.</summary>
    private static AnswerCheck CheckDate(FormQuestion question, AnswerInput input)
    {
        var label = $"\u2018{question.Text}\u2019";
        var parts = new (string Name, string? Text)[] { ("day", input.Day), ("month", input.Month), ("year", input.Year) };
        var missing = parts.Where(p => string.IsNullOrWhiteSpace(p.Text)).Select(p => p.Name).ToList();
        if (missing.Count > 0)
        {
            var names = missing.Count == 1 ? missing[0] : $"{string.Join(", ", missing.Take(missing.Count - 1))} and {missing[^1]}";
            return AnswerCheck.Invalid($"{label} must include a {names}", missing[0]);
        }

        if (!int.TryParse(input.Day!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(input.Month!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(input.Year!.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            return AnswerCheck.Invalid($"{label} must be a real date", "day");
        }

        if (input.Year!.Trim().Length != 4)
        {
            return AnswerCheck.Invalid("Year must include 4 numbers", "year");
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || year < 1900)
        {
            return AnswerCheck.Invalid($"{label} must be a real date", month is < 1 or > 12 ? "month" : "day");
        }

        return AnswerCheck.Valid(new DateOnly(year, month, day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static AnswerCheck CheckAddress(AnswerInput input)
    {
        var problems = new List<AnswerProblem>();
        if (string.IsNullOrWhiteSpace(input.Line1))
        {
            problems.Add(new AnswerProblem("line1", "Enter the first line of the address, like 14 Mill Lane"));
        }
        else if (input.Line1.Trim().Length > 200)
        {
            problems.Add(new AnswerProblem("line1", "The first line of the address must be 200 characters or fewer"));
        }

        if (input.Line2 is { } line2 && line2.Trim().Length > 200)
        {
            problems.Add(new AnswerProblem("line2", "The second line of the address must be 200 characters or fewer"));
        }

        if (string.IsNullOrWhiteSpace(input.Town))
        {
            problems.Add(new AnswerProblem("town", "Enter the town or city"));
        }
        else if (input.Town.Trim().Length > 100)
        {
            problems.Add(new AnswerProblem("town", "The town or city must be 100 characters or fewer"));
        }

        string? postcode = null;
        if (string.IsNullOrWhiteSpace(input.Postcode))
        {
            problems.Add(new AnswerProblem("postcode", "Enter the postcode, like OX14 3HP"));
        }
        else
        {
            try
            {
                postcode = UkPostcode.Normalise(input.Postcode);
            }
            catch (DomainException ex)
            {
                problems.Add(new AnswerProblem("postcode", ex.Message.TrimEnd('.')));
            }
        }

        if (problems.Count > 0)
        {
            return new AnswerCheck(null, problems);
        }

        var address = new AddressAnswer(input.Line1!.Trim(), string.IsNullOrWhiteSpace(input.Line2) ? null : input.Line2.Trim(), input.Town!.Trim(), postcode!);
        return AnswerCheck.Valid(JsonSerializer.Serialize(address, Json));
    }
}
