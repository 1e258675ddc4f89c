using System.Globalization;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Rounds.FormBuilder;

/// <summary>
/// Adds a question to a section of a round's form (no key; the section in the query), or changes one: its text, hint,
/// type and the settings of that type (word limit, options one per line, smallest and largest answers, whether a money
/// question is the amount asked for, a showstopper's explanation), whether it is required, and whether it is shown
/// only after an answer to an earlier question. The key is made from the text when the question is added.
/// </summary>
[Authorize(Roles = FormBuilderPages.Roles)]
public sealed class QuestionModel(CommissioningDbContext db, ChangeApplicationForm change) : PageModel
{
    public static IReadOnlyList<string> FieldOrder { get; } =
    [
        "Input.Text", "Input.Hint", "Input.Type", "Input.SingleChoiceOptions", "Input.MultipleChoiceOptions", "Input.MaxWords",
        "Input.WholeNumberMinimum", "Input.WholeNumberMaximum", "Input.MoneyMinimum", "Input.MoneyMaximum", "Input.IsAmountAsked",
        "Input.ShowstopperExplanation", "Input.Required", "Input.ShowWhen",
    ];

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public FundingRound Round { get; private set; } = null!;

    public FormSection Section { get; private set; } = null!;

    public FormQuestion? Existing { get; private set; }

    /// <summary>The answers to earlier questions this one can be shown after: value "key|answer" and how it reads.</summary>
    public IReadOnlyList<(string Value, string Label)> ShowWhenChoices { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid roundId, string? questionKey, [FromQuery] string? section, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, questionKey, section, cancellationToken))
        {
            return NotFound();
        }

        Input = Existing is null ? new InputModel() : InputModel.From(Existing);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid roundId, string? questionKey, [FromQuery] string? section, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, questionKey, section, cancellationToken))
        {
            return NotFound();
        }

        var draft = ReadDraft();
        if (draft is null || !ModelState.IsValid)
        {
            return Page();
        }

        var sectionKey = Section.Key;
        var result = await change.RunAsync(roundId, form => Existing is null ? form.AddQuestion(sectionKey, draft) : form.ChangeQuestion(Existing.Key, draft), cancellationToken);
        switch (result)
        {
            case ChangeApplicationForm.Changed changed:
                var saved = Existing is null
                    ? changed.Round.Form.FindSection(sectionKey)!.Questions[^1]
                    : changed.Round.Form.Questions.FirstOrDefault(q => q.Key == Existing.Key || (draft.IsAmountAsked && q.Key == ApplicationForm.AmountQuestionKey)) ?? Existing;
                TempData[FormBuilderPages.NoticeKey] = Existing is null ? $"The question \u2018{saved.Text}\u2019 has been added to \u2018{Section.Title}\u2019." : $"The question \u2018{saved.Text}\u2019 has been changed.";
                return Redirect($"{FormBuilderPages.Href(roundId)}#question-{saved.Key}");
            case ChangeApplicationForm.Refused refused:
                ModelState.AddModelError(string.Empty, refused.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    /// <summary>The error key of a setting's field, for the type chosen.</summary>
    public string FieldOf(QuestionSetting setting, QuestionType type) => setting switch
    {
        QuestionSetting.Text => "Input.Text",
        QuestionSetting.Hint => "Input.Hint",
        QuestionSetting.Type => "Input.Type",
        QuestionSetting.MaxWords => "Input.MaxWords",
        QuestionSetting.Options => type == QuestionType.MultipleChoice ? "Input.MultipleChoiceOptions" : "Input.SingleChoiceOptions",
        QuestionSetting.Minimum => type == QuestionType.Money ? "Input.MoneyMinimum" : "Input.WholeNumberMinimum",
        QuestionSetting.Maximum => type == QuestionType.Money ? "Input.MoneyMaximum" : "Input.WholeNumberMaximum",
        QuestionSetting.ShowWhen => "Input.ShowWhen",
        QuestionSetting.Showstopper => "Input.ShowstopperExplanation",
        QuestionSetting.AmountAsked => "Input.IsAmountAsked",
        _ => string.Empty,
    };

    private QuestionDraft? ReadDraft()
    {
        if (!Enum.TryParse<QuestionType>(Input.Type, out var type) || !Enum.IsDefined(type) || int.TryParse(Input.Type, out _))
        {
            ModelState.AddModelError("Input.Type", "Select the type of answer the question takes");
            if (string.IsNullOrWhiteSpace(Input.Text))
            {
                ModelState.AddModelError("Input.Text", "Enter the question");
            }

            return null;
        }

        int? maxWords = null;
        long? minimum = null, maximum = null;
        IReadOnlyList<string>? options = null;
        switch (type)
        {
            case QuestionType.LongText:
                maxWords = (int?)WholeNumber("Input.MaxWords", Input.MaxWords, "the word limit", 1, QuestionDraft.WordLimitMaximum);
                break;
            case QuestionType.SingleChoice:
                options = Lines(Input.SingleChoiceOptions);
                break;
            case QuestionType.MultipleChoice:
                options = Lines(Input.MultipleChoiceOptions);
                break;
            case QuestionType.WholeNumber:
                minimum = WholeNumber("Input.WholeNumberMinimum", Input.WholeNumberMinimum, "the smallest number allowed", long.MinValue / 2, long.MaxValue / 2);
                maximum = WholeNumber("Input.WholeNumberMaximum", Input.WholeNumberMaximum, "the largest number allowed", long.MinValue / 2, long.MaxValue / 2);
                break;
            case QuestionType.Money:
                minimum = Pence("Input.MoneyMinimum", Input.MoneyMinimum);
                maximum = Pence("Input.MoneyMaximum", Input.MoneyMaximum);
                break;
        }

        ShowWhen? showWhen = null;
        if (!string.IsNullOrEmpty(Input.ShowWhen))
        {
            var choice = ShowWhenChoices.FirstOrDefault(c => c.Value == Input.ShowWhen);
            if (choice.Value is null)
            {
                ModelState.AddModelError("Input.ShowWhen", "Choose when the question is shown from the list: always, or after an answer to an earlier question");
            }
            else
            {
                var separator = choice.Value.IndexOf('|', StringComparison.Ordinal);
                showWhen = new ShowWhen(choice.Value[..separator], choice.Value[(separator + 1)..]);
            }
        }

        var showstopper = type == QuestionType.YesNo && Input.Showstopper ? Input.ShowstopperExplanation ?? string.Empty : null;
        var draft = new QuestionDraft(
            Input.Text,
            type,
            Input.Required != "no",
            Input.Hint,
            maxWords,
            options,
            minimum,
            maximum,
            showWhen,
            showstopper,
            type == QuestionType.Money && Input.IsAmountAsked);
        foreach (var problem in draft.Problems())
        {
            var key = FieldOf(problem.Setting, type);
            if (ModelState[key]?.Errors.Count is not > 0)
            {
                ModelState.AddModelError(key, problem.Message);
            }
        }

        return draft;
    }

    private long? WholeNumber(string key, string? text, string what, long smallest, long largest)
    {
        var trimmed = text?.Trim().Replace(",", string.Empty, StringComparison.Ordinal);
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) && number >= smallest && number <= largest)
        {
            return number;
        }

        ModelState.AddModelError(key, number < smallest || number > largest
            ? $"Enter {what} between {smallest.ToString("N0", UkCulture)} and {largest.ToString("N0", UkCulture)}, or leave it empty"
            : $"Enter {what} as a whole number, like 300, or leave it empty");
        return null;
    }

    private long? Pence(string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (Money.TryParse(text, out var money, out var error))
        {
            return money.Pence;
        }

        ModelState.AddModelError(key, $"{error}, or leave it empty");
        return null;
    }

    private static List<string> Lines(string? text) =>
        (text ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();

    private async Task<bool> LoadAsync(Guid roundId, string? questionKey, string? sectionKey, CancellationToken cancellationToken)
    {
        if (await FormBuilderPages.RoundAsync(db, roundId, cancellationToken) is not { } round)
        {
            return false;
        }

        Round = round;
        var form = round.Form;
        if (questionKey is not null)
        {
            Existing = form.Find(questionKey);
            if (Existing is null)
            {
                return false;
            }

            Section = form.SectionOf(questionKey)!;
        }
        else if (sectionKey is not null && form.FindSection(sectionKey) is { } section)
        {
            Section = section;
        }
        else
        {
            return false;
        }

        ShowWhenChoices = form.QuestionsBefore(Existing?.Key, Section.Key)
            .SelectMany(q => QuestionDraft.AnswersOf(q).Select(answer => ($"{q.Key}|{answer}", $"\u2018{q.Text}\u2019 is answered \u2018{FormBuilderPages.AnswerLabel(answer)}\u2019")))
            .ToList();
        return true;
    }

    public sealed class InputModel
    {
        public string? Text { get; set; }

        public string? Hint { get; set; }

        public string? Type { get; set; }

        /// <summary>"yes" (the default) or "no".</summary>
        public string? Required { get; set; } = "yes";

        public string? MaxWords { get; set; }

        public string? SingleChoiceOptions { get; set; }

        public string? MultipleChoiceOptions { get; set; }

        public string? WholeNumberMinimum { get; set; }

        public string? WholeNumberMaximum { get; set; }

        public string? MoneyMinimum { get; set; }

        public string? MoneyMaximum { get; set; }

        public bool IsAmountAsked { get; set; }

        public bool Showstopper { get; set; }

        public string? ShowstopperExplanation { get; set; }

        /// <summary>Empty for always, or "key|answer" of an earlier question.</summary>
        public string? ShowWhen { get; set; }

        public static InputModel From(FormQuestion question)
        {
            var options = question.Options is null ? null : string.Join("\n", question.Options);
            var isMoney = question.Type == QuestionType.Money;
            return new InputModel
            {
                Text = question.Text,
                Hint = question.Hint,
                Type = question.Type.ToString(),
                Required = question.Required ? "yes" : "no",
                MaxWords = question.MaxWords?.ToString(CultureInfo.InvariantCulture),
                SingleChoiceOptions = options,
                MultipleChoiceOptions = options,
                WholeNumberMinimum = isMoney ? null : question.Minimum?.ToString(CultureInfo.InvariantCulture),
                WholeNumberMaximum = isMoney ? null : question.Maximum?.ToString(CultureInfo.InvariantCulture),
                MoneyMinimum = isMoney && question.Minimum is { } min ? Money.FromPence(min).ToPounds().ToString("0.00", CultureInfo.InvariantCulture) : null,
                MoneyMaximum = isMoney && question.Maximum is { } max ? Money.FromPence(max).ToPounds().ToString("0.00", CultureInfo.InvariantCulture) : null,
                IsAmountAsked = isMoney && question.Key == ApplicationForm.AmountQuestionKey,
                Showstopper = question.StopsApplicationIfNo is not null,
                ShowstopperExplanation = question.StopsApplicationIfNo,
                ShowWhen = question.ShowWhen is { } when ? $"{when.QuestionKey}|{when.Answer}" : string.Empty,
            };
        }
    }
}
