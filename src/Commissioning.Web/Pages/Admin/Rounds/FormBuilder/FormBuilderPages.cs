using System.Globalization;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Rounds.FormBuilder;

/// <summary>Who builds a round's application form (grants officers, and administrators, as for funds), and what the form builder's pages share.</summary>
internal static class FormBuilderPages
{
    public const string Roles = Funds.FundsPages.Roles;

    public const string NoticeKey = "FormBuilder.Notice";

    public static string Href(Guid roundId, string? rest = null) => rest is null ? $"/Admin/Rounds/{roundId}/Form" : $"/Admin/Rounds/{roundId}/Form/{rest}";

    public static Task<FundingRound?> RoundAsync(CommissioningDbContext db, Guid roundId, CancellationToken cancellationToken) =>
        db.Rounds.AsNoTracking().SingleOrDefaultAsync(r => r.Id == RoundId.From(roundId), cancellationToken);

    public static string Describe(QuestionType type) => type switch
    {
        QuestionType.YesNo => "Yes or no",
        QuestionType.SingleChoice => "One choice from a list",
        QuestionType.MultipleChoice => "Several choices from a list",
        QuestionType.ShortText => "Short text",
        QuestionType.LongText => "Long text",
        QuestionType.WholeNumber => "Whole number",
        QuestionType.Money => "Amount of money",
        QuestionType.Date => "Date",
        QuestionType.Address => "Address",
        QuestionType.FileUpload => "File upload",
        _ => type.ToString(),
    };

    /// <summary>The types in the order the question page offers them.</summary>
    public static IReadOnlyList<QuestionType> TypesInOrder { get; } =
    [
        QuestionType.YesNo, QuestionType.SingleChoice, QuestionType.MultipleChoice, QuestionType.ShortText, QuestionType.LongText,
        QuestionType.WholeNumber, QuestionType.Money, QuestionType.Date, QuestionType.Address, QuestionType.FileUpload,
    ];

    /// <summary>An answer as applicants see it: Yes and No for a yes/no question, the option itself otherwise.</summary>
    public static string AnswerLabel(string answer) => answer switch
    {
        Answers.Yes => "Yes",
        Answers.No => "No",
        _ => answer,
    };

    /// <summary>"Shown only when ‘…’ is answered ‘…’", or null for a question always asked.</summary>
    public static string? Condition(ApplicationForm form, FormQuestion question) =>
        question.ShowWhen is { } when && form.Find(when.QuestionKey) is { } trigger
            ? $"Shown only when \u2018{trigger.Text}\u2019 is answered \u2018{AnswerLabel(when.Answer)}\u2019"
            : null;

    /// <summary>What the outline says about a question's settings, one phrase each.</summary>
    public static IReadOnlyList<string> Settings(ApplicationForm form, FormQuestion question)
    {
        var settings = new List<string> { Describe(question.Type), question.Required ? "Required" : "Optional" };
        if (question.MaxWords is { } words)
        {
            settings.Add($"Up to {words.ToString("N0", CultureInfo.GetCultureInfo("en-GB"))} words");
        }

        if (question.Options is { Count: > 0 } options)
        {
            settings.Add($"Options: {string.Join(", ", options)}");
        }

        if (question.Type == QuestionType.Money)
        {
            AddRange(settings, question.Minimum is { } min ? Money.FromPence(min).ToString() : null, question.Maximum is { } max ? Money.FromPence(max).ToString() : null);
        }
        else if (question.Type == QuestionType.WholeNumber)
        {
            AddRange(settings, question.Minimum?.ToString("N0", CultureInfo.GetCultureInfo("en-GB")), question.Maximum?.ToString("N0", CultureInfo.GetCultureInfo("en-GB")));
        }

        if (question.Key == ApplicationForm.AmountQuestionKey && question.Type == QuestionType.Money)
        {
            settings.Add("The amount asked for");
        }

        if (Condition(form, question) is { } condition)
        {
            settings.Add(condition);
        }

        if (question.StopsApplicationIfNo is { } explanation)
        {
            settings.Add($"Showstopper: a \u2018No\u2019 stops the application (\u2018{explanation}\u2019)");
        }

        return settings;
    }

    private static void AddRange(List<string> settings, string? minimum, string? maximum)
    {
        switch (minimum, maximum)
        {
            case (not null, not null):
                settings.Add($"From {minimum} to {maximum}");
                break;
            case (not null, null):
                settings.Add($"At least {minimum}");
                break;
            case (null, not null):
                settings.Add($"At most {maximum}");
                break;
        }
    }
}
