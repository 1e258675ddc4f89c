using System.Globalization;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Files;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// One section of the round's form. A question shown only for an answer to an earlier yes/no or choice question in the
/// same section sits under that answer as a GOV.UK conditional reveal (open at once with JavaScript, always visible
/// without it); the server decides what is asked: an answer whose condition is not met is neither required nor kept
/// (a file is deleted). A question depending on another section's answer is asked once that answer is saved. Saving
/// keeps every valid answer on the page even when others are wrong (those are shown with their messages and not saved,
/// so nothing saved before is lost). Several people may work on one
/// application: the last save of a question wins, and whoever saves over an answer someone else changed since the
/// page was opened is told who changed which question and when.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class SectionModel(CommissioningDbContext db, UploadStore uploads, TimeProvider clock) : PageModel
{
    private const int MaxSaveAttempts = 5;

    public sealed record Conflict(string Question, string ChangedBy, DateTimeOffset ChangedAt);

    public LoadedApplication Loaded { get; private set; } = null!;

    public FormSection Section { get; private set; } = null!;

    public IReadOnlyList<FormQuestion> Shown { get; private set; } = [];

    /// <summary>The questions the page lists in turn; the others it shows are revealed under an answer (see <see cref="RevealedBy"/>).</summary>
    public IEnumerable<FormQuestion> Listed => Shown.Where(q => !IsRevealedInPage(q));

    /// <summary>What each question's inputs show: the stored answer, or what was posted when it could not be saved.</summary>
    public Dictionary<string, AnswerInput> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>When each stored answer was last changed, as this page shows it (UTC ticks; 0 for no answer).</summary>
    public Dictionary<string, long> Seen { get; } = new(StringComparer.Ordinal);

    public List<Conflict> Conflicts { get; } = [];

    /// <summary>Some answers on the page were saved although others had problems.</summary>
    public bool SavedOthers { get; private set; }

    public bool Saved { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromRoute] string sectionKey, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, sectionKey, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (!Loaded.IsEditable(clock.GetUtcNow()))
        {
            return Redirect(ApplicationProgress.Href(Loaded, "CheckAnswers"));
        }

        ShowStored();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromRoute] string sectionKey, [FromForm] string? action, [FromForm] Guid? roundId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, sectionKey, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (roundId != Loaded.Application.RoundId.Value)
        {
            ShowStored();
            ModelState.AddModelError(string.Empty, "This form was for a different funding round, so nothing was saved. Go back to your application and try again.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var now = clock.GetUtcNow();
        if (Loaded.WhyReadOnly(now) is { } readOnly)
        {
            ShowStored();
            ModelState.AddModelError(string.Empty, readOnly);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var saveAndContinue = action != "later";
        var posted = PostedQuestions();
        var problems = new List<(string Key, string Message)>();
        var uploaded = await StoreUploadsAsync(posted, problems, cancellationToken);
        var filesBefore = StoredFiles(posted);
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var saved = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                db.ChangeTracker.Clear();
                if (await LoadAsync(id, sectionKey, cancellationToken) is { } gone)
                {
                    return gone;
                }
            }

            problems.RemoveAll(p => !uploaded.Failed.Contains(p.Key));
            Conflicts.Clear();
            saved.Clear();
            var values = Evaluate(posted, uploaded.Values, saveAndContinue, problems);
            await ApplyAsync(values, at, saved, problems, cancellationToken);
            if (saved.Count == 0)
            {
                break;
            }

            db.Touch(Loaded.Application);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxSaveAttempts)
            {
                // Someone saved this application a moment ago: apply these answers again on top of theirs.
                filesBefore.UnionWith(StoredFiles(posted));
            }
        }

        DeleteFilesNoLongerUsed(posted, filesBefore.Concat(uploaded.Values.Values.Select(v => Answers.File(v)?.StoredName)));

        foreach (var (key, message) in problems)
        {
            ModelState.AddModelError(key, message);
        }

        if (problems.Count > 0)
        {
            SavedOthers = saved.Count > 0;
            ShowAfterProblems(posted, saved);
            return Page();
        }

        if (Conflicts.Count > 0)
        {
            Saved = true;
            ShowStored();
            return Page();
        }

        if (Section.Questions.Any(q => q.StopsApplicationIfNo is not null && Loaded.Application.ShowstoppersAnsweredNo(Loaded.Round).Contains(q)))
        {
            return Redirect(ApplicationProgress.Href(Loaded));
        }

        var newlyAsked = FormProgress.ShownQuestions(Loaded.Form, Section, Loaded.AnswerOf).Where(q => !posted.Contains(q) && string.IsNullOrEmpty(Loaded.AnswerOf(q.Key)));
        if (saveAndContinue && newlyAsked.Any())
        {
            return Redirect(ApplicationProgress.Href(Loaded, $"Sections/{Section.Key}"));
        }

        Notice = saveAndContinue
            ? $"Your answers to \u2018{Section.Title}\u2019 have been saved."
            : $"Your answers have been saved. You can come back to this application at any time before {UkTime.Describe(Loaded.Round.ClosesAt)} (UK time).";
        return Redirect(ApplicationProgress.Href(Loaded));
    }

    /// <summary>Whether a question sits under an answer to an earlier yes/no or choice question of this section.</summary>
    public bool IsRevealedInPage(FormQuestion question) =>
        question.ShowWhen is { } condition
        && Section.Questions.FirstOrDefault(q => q.Key == condition.QuestionKey) is { } trigger
        && OptionValues(trigger).Contains(condition.Answer, StringComparer.OrdinalIgnoreCase);

    /// <summary>The questions revealed under any option of a question, and under theirs in turn.</summary>
    public IEnumerable<FormQuestion> AllRevealedBy(FormQuestion trigger) =>
        OptionValues(trigger).SelectMany(option => RevealedBy(trigger, option)).SelectMany(q => AllRevealedBy(q).Prepend(q));

    /// <summary>The questions revealed when an option of a question on this page is chosen.</summary>
    public IReadOnlyList<FormQuestion> RevealedBy(FormQuestion trigger, string option) =>
        Section.Questions
            .Where(q => q.ShowWhen is { } condition && condition.QuestionKey == trigger.Key && string.Equals(condition.Answer, option, StringComparison.OrdinalIgnoreCase) && IsRevealedInPage(q))
            .ToList();

    private static IReadOnlyList<string> OptionValues(FormQuestion question) => question.Type switch
    {
        QuestionType.YesNo => [Answers.Yes, Answers.No],
        QuestionType.SingleChoice or QuestionType.MultipleChoice => question.Options ?? [],
        _ => [],
    };

    private async Task<IActionResult?> LoadAsync(Guid id, string sectionKey, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.ForMemberAsync(db, id, User, cancellationToken);
        var section = loaded?.Form.Sections.SingleOrDefault(s => s.Key == sectionKey);
        if (loaded is null || section is null)
        {
            return NotFound();
        }

        Loaded = loaded;
        Section = section;
        return null;
    }

    /// <summary>The section's questions that were on the page that was posted, in the form's order.</summary>
    private List<FormQuestion> PostedQuestions()
    {
        var keys = Request.Form[FormFields.ShownField].Where(k => k is not null).ToHashSet(StringComparer.Ordinal);
        return Section.Questions.Where(q => keys.Contains(q.Key)).ToList();
    }

    private async Task<(Dictionary<string, string> Values, HashSet<string> Failed)> StoreUploadsAsync(List<FormQuestion> posted, List<(string Key, string Message)> problems, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in posted.Where(q => q.Type == QuestionType.FileUpload))
        {
            var file = Request.Form.Files.GetFile(FormFields.Name(question));
            if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
            {
                continue;
            }

            try
            {
                await using var stream = file.OpenReadStream();
                var stored = await uploads.SaveAsync(stream, file.FileName, cancellationToken);
                values[question.Key] = Answers.ForFile(new FileAnswer(stored.StoredName, stored.FileName, stored.ContentType, stored.SizeInBytes));
            }
            catch (DomainException ex)
            {
                var key = FormFields.Name(question);
                failed.Add(key);
                problems.Add((key, ex.Message.TrimEnd('.')));
            }
        }

        return (values, failed);
    }

    /// <summary>The answers to save (null clears one), with a problem recorded for each answer that cannot be saved.</summary>
    private Dictionary<string, string?> Evaluate(List<FormQuestion> posted, Dictionary<string, string> uploaded, bool saveAndContinue, List<(string Key, string Message)> problems)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var failed = new HashSet<string>(problems.Select(p => p.Key), StringComparer.Ordinal);
        foreach (var question in posted)
        {
            if (question.Type == QuestionType.FileUpload)
            {
                if (uploaded.TryGetValue(question.Key, out var file))
                {
                    values[question.Key] = file;
                }

                continue;
            }

            var check = Answers.Check(question, FormFields.Read(Request.Form, question), required: false);
            if (check.IsValid)
            {
                values[question.Key] = check.Value;
            }
            else
            {
                foreach (var problem in check.Problems)
                {
                    var key = FormFields.ErrorKey(question, problem.Part);
                    failed.Add(key);
                    problems.Add((key, problem.Message));
                }
            }
        }

        string? Merged(string key) => values.TryGetValue(key, out var value) ? value : Loaded.AnswerOf(key);
        // In the form's order, so whether a question is asked is decided on the final values of the answers before it.
        foreach (var question in posted)
        {
            if (!FormProgress.IsShown(Loaded.Form, question, Merged))
            {
                // Not asked with the answers it depends on (say, typed under "yes" before "no" was chosen): not checked, not kept.
                var keys = FormFields.ErrorKeys(question).ToHashSet(StringComparer.Ordinal);
                problems.RemoveAll(p => keys.Contains(p.Key));
                failed.ExceptWith(keys);
                values[question.Key] = null;
                continue;
            }

            if (saveAndContinue && question.Required && string.IsNullOrEmpty(Merged(question.Key)) && !FormFields.ErrorKeys(question).Any(failed.Contains))
            {
                // Not an answer that can be saved: whatever was saved before stays.
                values.Remove(question.Key);
                problems.Add((FormFields.ErrorKey(question, string.Empty), Answers.MissingMessage(question)));
            }
        }

        return values;
    }

    private async Task ApplyAsync(Dictionary<string, string?> values, DateTimeOffset at, HashSet<string> saved, List<(string Key, string Message)> problems, CancellationToken cancellationToken)
    {
        var me = User.Identity!.Name!;
        var application = Loaded.Application;
        foreach (var (key, value) in values)
        {
            var question = Loaded.Form.Find(key)!;
            var stored = application.Answers.SingleOrDefault(a => a.QuestionKey == key);
            if (stored?.Value == value || (stored is null && value is null))
            {
                continue;
            }

            if (key == ApplicationProgress.AmountQuestionKey && question.Type == QuestionType.Money && Answers.Amount(value) is { } amount)
            {
                try
                {
                    application.Request(amount, Loaded.Round);
                }
                catch (DomainException ex)
                {
                    problems.Add((FormFields.Name(question), ex.Message.TrimEnd('.')));
                    continue;
                }
            }

            if (stored is not null && stored.UpdatedBy != me && stored.UpdatedAt.UtcTicks != SeenTicks(question))
            {
                Conflicts.Add(new Conflict(question.Text, await NameOfAsync(stored.UpdatedBy, cancellationToken), stored.UpdatedAt));
            }

            application.Answer(key, value, at, me);
            saved.Add(key);
        }
    }

    private HashSet<string?> StoredFiles(List<FormQuestion> posted) =>
        posted.Where(q => q.Type == QuestionType.FileUpload).Select(q => Answers.File(Loaded.AnswerOf(q.Key))?.StoredName).ToHashSet(StringComparer.Ordinal);

    /// <summary>Deletes files that were, or were just uploaded as, answers on this page and are no answer now: replaced, or answers no longer asked for.</summary>
    private void DeleteFilesNoLongerUsed(List<FormQuestion> posted, IEnumerable<string?> candidates)
    {
        var used = StoredFiles(posted);
        foreach (var storedName in candidates.OfType<string>().Distinct(StringComparer.Ordinal).Where(n => !used.Contains(n)))
        {
            uploads.Delete(storedName);
        }
    }

    private long SeenTicks(FormQuestion question) =>
        long.TryParse(Request.Form[FormFields.SeenName(question)].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : 0;

    private async Task<string> NameOfAsync(string userName, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.FullName).SingleOrDefaultAsync(cancellationToken) is { Length: > 0 } name
            ? $"{name} ({userName})"
            : userName;

    private void ShowStored()
    {
        Shown = FormProgress.ShownQuestions(Loaded.Form, Section, Loaded.AnswerOf);
        foreach (var question in Section.Questions)
        {
            var stored = Loaded.Application.Answers.SingleOrDefault(a => a.QuestionKey == question.Key);
            Inputs[question.Key] = FormFields.FromStored(question, stored?.Value);
            Seen[question.Key] = stored?.UpdatedAt.UtcTicks ?? 0;
        }
    }

    /// <summary>The page again after problems: what was typed stays in the fields; answers that were saved show what is stored now.</summary>
    private void ShowAfterProblems(List<FormQuestion> posted, HashSet<string> saved)
    {
        ShowStored();
        var shown = Shown.ToList();
        foreach (var question in posted.Where(q => !shown.Contains(q)))
        {
            shown.Add(question);
        }

        Shown = Section.Questions.Where(shown.Contains).ToList();
        foreach (var question in posted.Where(q => !saved.Contains(q.Key)))
        {
            if (question.Type != QuestionType.FileUpload)
            {
                Inputs[question.Key] = FormFields.Read(Request.Form, question);
            }

            Seen[question.Key] = SeenTicks(question);
        }
    }
}
