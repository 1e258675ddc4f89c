using System.Globalization;
using System.Text;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;

namespace Commissioning.Domain.Rounds;

/// <summary>A setting of a question, so that a problem with it can be shown beside the field that holds it.</summary>
public enum QuestionSetting
{
    Text = 1,
    Hint = 2,
    Type = 3,
    MaxWords = 4,
    Options = 5,
    Minimum = 6,
    Maximum = 7,
    ShowWhen = 8,
    Showstopper = 9,
    AmountAsked = 10,
}

/// <summary>A problem with one setting of a question, in words that say what to change.</summary>
public sealed record QuestionProblem(QuestionSetting Setting, string Message);

/// <summary>
/// A question as the person building the form sets it: everything but its key, which the form makes from the text.
/// <see cref="IsAmountAsked"/> marks the money question whose answer is the amount asked for
/// (<see cref="ApplicationForm.AmountQuestionKey"/>). Settings that do not belong to the type (a word limit on a yes/no
/// question) are dropped rather than refused, so changing a question's type keeps what was typed for the other types
/// out of the form.
/// </summary>
public sealed record QuestionDraft(
    string? Text,
    QuestionType Type,
    bool Required = true,
    string? Hint = null,
    int? MaxWords = null,
    IReadOnlyList<string>? Options = null,
    long? Minimum = null,
    long? Maximum = null,
    ShowWhen? ShowWhen = null,
    string? StopsApplicationIfNo = null,
    bool IsAmountAsked = false)
{
    public const int TextMaxLength = 500;

    public const int HintMaxLength = 1000;

    public const int OptionMaxLength = 200;

    public const int MaxOptions = 50;

    public const int ShowstopperMaxLength = 1000;

    public const int WordLimitMaximum = 5000;

    /// <summary>The answers a question of this type can be given that other questions can depend on: yes and no, or its options.</summary>
    public static IReadOnlyList<string> AnswersOf(FormQuestion question) => question.Type switch
    {
        QuestionType.YesNo => [Answers.Yes, Answers.No],
        QuestionType.SingleChoice or QuestionType.MultipleChoice => question.Options ?? [],
        _ => [],
    };

    /// <summary>The draft of an existing question, to change it.</summary>
    public static QuestionDraft Of(FormQuestion question) => new(
        question.Text,
        question.Type,
        question.Required,
        question.Hint,
        question.MaxWords,
        question.Options,
        question.Minimum,
        question.Maximum,
        question.ShowWhen,
        question.StopsApplicationIfNo,
        question.Key == ApplicationForm.AmountQuestionKey);

    /// <summary>What is wrong with the draft on its own (its place in the form is checked by the form); empty when nothing is.</summary>
    public IReadOnlyList<QuestionProblem> Problems()
    {
        var problems = new List<QuestionProblem>();
        Check(problems, QuestionSetting.Text, () => Common.Text.SingleLine(Text, "question", TextMaxLength));
        Check(problems, QuestionSetting.Hint, () => Common.Text.Optional(Hint, "hint", HintMaxLength) ?? string.Empty);
        if (!Enum.IsDefined(Type))
        {
            problems.Add(new(QuestionSetting.Type, "Select the type of answer the question takes."));
            return problems;
        }

        if (Type == QuestionType.LongText && MaxWords is { } words && words is < 1 or > WordLimitMaximum)
        {
            problems.Add(new(QuestionSetting.MaxWords, $"Enter a word limit between 1 and {WordLimitMaximum:N0}, or leave it empty for no limit."));
        }

        if (Type is QuestionType.SingleChoice or QuestionType.MultipleChoice)
        {
            var options = CleanOptions();
            if (options.Count < 2)
            {
                problems.Add(new(QuestionSetting.Options, "Enter at least two options, one on each line."));
            }
            else if (options.Count > MaxOptions)
            {
                problems.Add(new(QuestionSetting.Options, $"Enter no more than {MaxOptions} options; there are {options.Count}."));
            }
            else if (options.FirstOrDefault(o => o.Length > OptionMaxLength) is { } longOption)
            {
                problems.Add(new(QuestionSetting.Options, $"Each option must be {OptionMaxLength} characters or fewer; '{longOption[..40]}…' has {longOption.Length}."));
            }
            else if (options.GroupBy(o => o, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            {
                problems.Add(new(QuestionSetting.Options, $"The option '{repeated.Key}' is listed twice; list each option once."));
            }
        }

        if (Type is QuestionType.WholeNumber or QuestionType.Money && Minimum is { } min && Maximum is { } max && max < min)
        {
            problems.Add(new(QuestionSetting.Maximum, "The largest answer allowed must be at least the smallest."));
        }

        if (Type is QuestionType.Money && (Minimum < 0 || Maximum < 0))
        {
            problems.Add(new(Minimum < 0 ? QuestionSetting.Minimum : QuestionSetting.Maximum, "Amounts allowed cannot be less than £0.00."));
        }

        if (StopsApplicationIfNo is not null && Type == QuestionType.YesNo)
        {
            Check(problems, QuestionSetting.Showstopper, () => Common.Text.Required(StopsApplicationIfNo, "explanation for applicants who answer no", ShowstopperMaxLength));
        }

        if (IsAmountAsked && Type != QuestionType.Money)
        {
            problems.Add(new(QuestionSetting.AmountAsked, "Only a money question can be the amount asked for."));
        }

        if (IsAmountAsked && !Required)
        {
            problems.Add(new(QuestionSetting.AmountAsked, "The amount asked for must be a question every applicant answers: make it required."));
        }

        return problems;
    }

    /// <summary>The question this draft makes under a key, with only the settings its type uses.</summary>
    internal FormQuestion ToQuestion(string key)
    {
        if (Problems() is { Count: > 0 } problems)
        {
            throw new DomainException(problems[0].Message);
        }

        return new FormQuestion(
            key,
            Text!.Trim(),
            Type,
            Required,
            Common.Text.Optional(Hint, "hint", HintMaxLength),
            Type == QuestionType.LongText ? MaxWords : null,
            null,
            Type is QuestionType.SingleChoice or QuestionType.MultipleChoice ? CleanOptions() : null,
            Type is QuestionType.WholeNumber or QuestionType.Money ? Minimum : null,
            Type is QuestionType.WholeNumber or QuestionType.Money ? Maximum : null,
            ShowWhen,
            Type == QuestionType.YesNo ? StopsApplicationIfNo?.Trim() : null);
    }

    private List<string> CleanOptions() => (Options ?? []).Select(o => o.Trim()).Where(o => o.Length > 0).ToList();

    private static void Check(List<QuestionProblem> problems, QuestionSetting setting, Func<string> check)
    {
        try
        {
            check();
        }
        catch (DomainException refusal)
        {
            problems.Add(new(setting, refusal.Message));
        }
    }
}

/// <summary>
/// Building a form in the service's pages: each change makes a new, checked form (the round takes it through
/// <see cref="FundingRound.ReplaceForm"/>). Keys are made from the text once, when a section or question is added, and
/// kept when its text changes, so answers already saved stay with their question.
/// </summary>
public sealed partial record ApplicationForm
{
    /// <summary>The longest key made from a title or question.</summary>
    public const int KeyMaxLength = 60;

    public FormSection? FindSection(string key) => Sections.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.Ordinal));

    /// <summary>The section a question is in.</summary>
    public FormSection? SectionOf(string questionKey) => Sections.FirstOrDefault(s => s.Questions.Any(q => q.Key == questionKey));

    /// <summary>The questions before a place in the form: before the question given, or every question up to the end of the section given.</summary>
    public IReadOnlyList<FormQuestion> QuestionsBefore(string? questionKey, string? sectionKey)
    {
        var before = new List<FormQuestion>();
        foreach (var section in Sections)
        {
            foreach (var question in section.Questions)
            {
                if (question.Key == questionKey)
                {
                    return before;
                }

                before.Add(question);
            }

            if (questionKey is null && section.Key == sectionKey)
            {
                return before;
            }
        }

        return before;
    }

    /// <summary>The questions shown only after an answer to this one.</summary>
    public IReadOnlyList<FormQuestion> DependentsOf(string questionKey) => Questions.Where(q => q.ShowWhen?.QuestionKey == questionKey).ToList();

    public ApplicationForm AddSection(string? title)
    {
        var checkedTitle = Text.SingleLine(title, "section title", FormSection.TitleMaxLength);
        var key = KeyFrom(checkedTitle, Sections.Select(s => s.Key), "section");
        return Edited([.. Sections, new FormSection(key, checkedTitle, [])]);
    }

    public ApplicationForm RenameSection(string key, string? title)
    {
        var section = SectionOrRefuse(key);
        var checkedTitle = Text.SingleLine(title, "section title", FormSection.TitleMaxLength);
        return Edited(Sections.Select(s => s == section ? s with { Title = checkedTitle } : s).ToList());
    }

    /// <summary>Removes a section with its questions; refused while a question elsewhere is shown only after an answer in it.</summary>
    public ApplicationForm RemoveSection(string key)
    {
        var section = SectionOrRefuse(key);
        var inSection = section.Questions.Select(q => q.Key).ToHashSet(StringComparer.Ordinal);
        if (Questions.FirstOrDefault(q => !inSection.Contains(q.Key) && q.ShowWhen is { } when && inSection.Contains(when.QuestionKey)) is { } dependent)
        {
            var trigger = Find(dependent.ShowWhen!.QuestionKey)!;
            throw new DomainException($"\u2018{dependent.Text}\u2019 is shown only after an answer to \u2018{trigger.Text}\u2019 in this section. Change or remove that question first.");
        }

        return Edited(Sections.Where(s => s != section).ToList());
    }

    /// <summary>Moves a section one place up (-1) or down (+1).</summary>
    public ApplicationForm MoveSection(string key, int by)
    {
        var section = SectionOrRefuse(key);
        var list = Sections.ToList();
        var from = list.IndexOf(section);
        var to = from + Math.Sign(by);
        if (by == 0 || to < 0 || to >= list.Count)
        {
            throw new DomainException($"\u2018{section.Title}\u2019 is already the {(by < 0 ? "first" : "last")} section.");
        }

        list.RemoveAt(from);
        list.Insert(to, section);
        return Edited(list);
    }

    /// <summary>Adds a question at the end of a section, with a key made from its text (or the amount key).</summary>
    public ApplicationForm AddQuestion(string sectionKey, QuestionDraft draft)
    {
        var section = SectionOrRefuse(sectionKey);
        var key = draft.IsAmountAsked ? AmountQuestionKey : KeyFrom(draft.Text ?? string.Empty, Questions.Select(q => q.Key), "question");
        var question = draft.ToQuestion(key);
        List<FormSection> sections = draft.IsAmountAsked ? RekeyAmountQuestion(null) : [.. Sections];
        return Edited(sections.Select(s => s.Key == section.Key ? s with { Questions = [.. s.Questions, question] } : s).ToList());
    }

    /// <summary>Changes a question's settings in place; its key stays, unless it becomes or stops being the amount asked for.</summary>
    public ApplicationForm ChangeQuestion(string key, QuestionDraft draft)
    {
        var existing = QuestionOrRefuse(key);
        var newKey = key;
        if (draft.IsAmountAsked)
        {
            newKey = AmountQuestionKey;
        }
        else if (key == AmountQuestionKey)
        {
            newKey = KeyFrom(draft.Text ?? existing.Text, Questions.Where(q => q.Key != key).Select(q => q.Key), "question");
        }

        var question = draft.ToQuestion(newKey);
        if (newKey != key && DependentsOf(key).Count > 0)
        {
            throw new DomainException($"Other questions are shown only after an answer to \u2018{existing.Text}\u2019, so it cannot become or stop being the amount asked for.");
        }

        List<FormSection> sections = draft.IsAmountAsked ? RekeyAmountQuestion(key) : [.. Sections];
        return Edited(sections.Select(s => s with { Questions = s.Questions.Select(q => q.Key == key ? question : q).ToList() }).ToList());
    }

    /// <summary>Removes a question; refused while another question is shown only after an answer to it.</summary>
    public ApplicationForm RemoveQuestion(string key)
    {
        var question = QuestionOrRefuse(key);
        if (DependentsOf(key).FirstOrDefault() is { } dependent)
        {
            throw new DomainException($"\u2018{dependent.Text}\u2019 is shown only after an answer to this question. Change or remove that question first.");
        }

        return Edited(Sections.Select(s => s with { Questions = s.Questions.Where(q => q != question).ToList() }).ToList());
    }

    /// <summary>Moves a question one place up (-1) or down (+1) within its section.</summary>
    public ApplicationForm MoveQuestion(string key, int by)
    {
        var question = QuestionOrRefuse(key);
        var section = SectionOf(key)!;
        var list = section.Questions.ToList();
        var from = list.IndexOf(question);
        var to = from + Math.Sign(by);
        if (by == 0 || to < 0 || to >= list.Count)
        {
            throw new DomainException($"\u2018{question.Text}\u2019 is already the {(by < 0 ? "first" : "last")} question in its section.");
        }

        list.RemoveAt(from);
        list.Insert(to, question);
        return Edited(Sections.Select(s => s == section ? s with { Questions = list } : s).ToList());
    }

    /// <summary>
    /// A key made from text: lower-case letters and digits joined by hyphens, at most <see cref="KeyMaxLength"/>
    /// characters, made unique among those taken by a number on the end. The amount key is kept for the amount question.
    /// </summary>
    public static string KeyFrom(string text, IEnumerable<string> taken, string fallback)
    {
        var builder = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '\u2019')
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        if (slug.Length > KeyMaxLength)
        {
            var cut = slug[..KeyMaxLength];
            slug = slug[KeyMaxLength] == '-' ? cut : cut.LastIndexOf('-') is var space and > 10 ? cut[..space] : cut.TrimEnd('-');
        }

        if (slug.Length == 0)
        {
            slug = fallback;
        }

        var used = taken.Append(AmountQuestionKey).ToHashSet(StringComparer.Ordinal);
        var key = slug;
        for (var n = 2; used.Contains(key); n++)
        {
            key = $"{slug}-{n}";
        }

        return key;
    }

    private FormSection SectionOrRefuse(string key) =>
        FindSection(key) ?? throw new DomainException("That section is no longer on the form. Someone may have removed it: go back to the form and try again.");

    private FormQuestion QuestionOrRefuse(string key) =>
        Find(key) ?? throw new DomainException("That question is no longer on the form. Someone may have removed it: go back to the form and try again.");

    /// <summary>The sections, with the question that is the amount asked for now (unless it is <paramref name="becoming"/>) given a key of its own, as another question becomes it.</summary>
    private List<FormSection> RekeyAmountQuestion(string? becoming)
    {
        var current = Find(AmountQuestionKey);
        if (current is null || current.Key == becoming)
        {
            return [.. Sections];
        }

        if (DependentsOf(AmountQuestionKey).Count > 0)
        {
            throw new DomainException($"Other questions are shown only after an answer to \u2018{current.Text}\u2019, so another question cannot become the amount asked for.");
        }

        var newKey = KeyFrom(current.Text, Questions.Select(q => q.Key), "question");
        return Sections.Select(s => s with { Questions = s.Questions.Select(q => q.Key == AmountQuestionKey ? q with { Key = newKey } : q).ToList() }).ToList();
    }

    /// <summary>The new form, with questions that depend on another checked first so the refusal names them in words.</summary>
    private static ApplicationForm Edited(IReadOnlyList<FormSection> sections)
    {
        var earlier = new Dictionary<string, FormQuestion>(StringComparer.Ordinal);
        foreach (var question in sections.SelectMany(s => s.Questions))
        {
            if (question.ShowWhen is { } when)
            {
                if (!earlier.TryGetValue(when.QuestionKey, out var trigger))
                {
                    throw new DomainException($"\u2018{question.Text}\u2019 is shown only after an answer to an earlier question, so it must come after that question. Move it, or change when it is shown.");
                }

                if (!QuestionDraft.AnswersOf(trigger).Contains(when.Answer, StringComparer.OrdinalIgnoreCase))
                {
                    throw new DomainException($"\u2018{question.Text}\u2019 is shown only after the answer \u2018{when.Answer}\u2019 to \u2018{trigger.Text}\u2019, which that question no longer offers. Change when it is shown first.");
                }
            }

            earlier[question.Key] = question;
        }

        return new ApplicationForm(sections);
    }
}
