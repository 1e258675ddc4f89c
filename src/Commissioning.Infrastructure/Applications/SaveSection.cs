using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Files;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Primitives;

namespace Commissioning.Infrastructure.Applications;

/// <summary>
/// A member of the applying organisation saves the answers on one section of their application's form. The server
/// decides what is asked: an answer whose condition is not met is neither required nor kept (a file is deleted).
/// Every valid answer is saved even when others are wrong (those come back as problems and are not saved, so nothing
/// saved before is lost). Several people may work on one application: the last save of a question wins, a save that
/// meets a colleague's a moment before is applied again on top of theirs, and whoever saves over an answer someone
/// else changed since the page was read is told who changed which question and when. Uploaded files that end up as no
/// answer (replaced, or no longer asked for, or saved over by a colleague a moment later) are deleted. The application's
/// upload quota is asked before a file is kept and again, on the application as saved, whenever the save is applied, so
/// several uploads at once cannot together go beyond it.
/// </summary>
public sealed class SaveSection(CommissioningDbContext db, UploadStore uploads, UploadQuotas quotas, TimeProvider clock)
{
    private const int MaxSaveAttempts = 100;

    /// <summary>A file sent with the form, under the name of the field it was sent in.</summary>
    public sealed record UploadedFile(string FileName, long Length, Func<Stream> OpenReadStream);

    /// <summary>What the page posted.</summary>
    /// <param name="ApplicationId">The application; the person must be a member of its organisation.</param>
    /// <param name="SectionKey">The form section the page showed.</param>
    /// <param name="RoundId">The funding round the page was for.</param>
    /// <param name="SaveAndContinue">Save and continue (required answers must be given) rather than save and come back later.</param>
    /// <param name="Shown">The keys of the questions the page showed (<see cref="FormFields.ShownField"/>).</param>
    /// <param name="Values">The form's raw values by field name (<see cref="FormFields.Name"/>).</param>
    /// <param name="Files">The files sent, by field name.</param>
    /// <param name="Seen">When each answer the page showed had last been changed, as UTC ticks, by question key (0 for no answer).</param>
    public sealed record Input(
        Guid ApplicationId,
        string SectionKey,
        Guid? RoundId,
        bool SaveAndContinue,
        IReadOnlyCollection<string> Shown,
        IReadOnlyDictionary<string, StringValues> Values,
        IReadOnlyDictionary<string, UploadedFile> Files,
        IReadOnlyDictionary<string, long> Seen);

    /// <summary>An answer that could not be saved, under the field that needs fixing (<see cref="FormFields.ErrorKey"/>).</summary>
    public sealed record Problem(string Key, string Message);

    /// <summary>An answer saved over one a colleague had changed since the page was read.</summary>
    public sealed record Conflict(string Question, string ChangedBy, DateTimeOffset ChangedAt);

    /// <summary>Where the person goes once the answers that could be saved are saved.</summary>
    public enum NextStep
    {
        /// <summary>Some answers have problems: the section again, with them.</summary>
        FixProblems,

        /// <summary>Saved over colleagues' changes: the section again, saying whose.</summary>
        ReadConflicts,

        /// <summary>A showstopper in this section is answered no: the application, which says it cannot go on.</summary>
        ShowstopperAnsweredNo,

        /// <summary>The answers ask questions that were not on the page: the section again, to answer them.</summary>
        AnswerNewlyAsked,

        /// <summary>All saved: back to the application.</summary>
        Continue,
    }

    public abstract record Result;

    /// <summary>No such application or section, or the person is not a member of the organisation applying.</summary>
    public sealed record NotFound : Result;

    /// <summary>The page was for a different funding round: nothing was saved.</summary>
    public sealed record DifferentRound(LoadedApplication Loaded, FormSection Section, string Message) : Result;

    /// <summary>The answers cannot change now (submitted, or the round is not open): nothing was saved.</summary>
    public sealed record ReadOnly(LoadedApplication Loaded, FormSection Section, string Message) : Result;

    /// <summary>The answers that could be saved are saved (perhaps none); <paramref name="Loaded"/> holds the application as it now is.</summary>
    /// <param name="Posted">The section's questions that were on the page, in the form's order.</param>
    /// <param name="SavedKeys">The keys of the questions whose answers this save changed.</param>
    public sealed record Saved(LoadedApplication Loaded, FormSection Section, IReadOnlyList<FormQuestion> Posted, IReadOnlySet<string> SavedKeys, IReadOnlyList<Problem> Problems, IReadOnlyList<Conflict> Conflicts, NextStep Next) : Result;

    /// <param name="input">What the page posted.</param>
    /// <param name="userId">The signed-in person's id: they must be a member of the applying organisation.</param>
    /// <param name="by">The signed-in person's user name, recorded against each answer they change.</param>
    public async Task<Result> RunAsync(Input input, string userId, string by, CancellationToken cancellationToken)
    {
        if (await LoadAsync(input, userId, cancellationToken) is not { } found)
        {
            return new NotFound();
        }

        var (loaded, section) = found;

        if (input.RoundId != loaded.Application.RoundId.Value)
        {
            return new DifferentRound(loaded, section, "This form was for a different funding round, so nothing was saved. Go back to your application and try again.");
        }

        var now = clock.GetUtcNow();
        if (loaded.WhyReadOnly(now) is { } readOnly)
        {
            return new ReadOnly(loaded, section, readOnly);
        }

        var shownKeys = input.Shown.ToHashSet(StringComparer.Ordinal);
        var posted = section.Questions.Where(q => shownKeys.Contains(q.Key)).ToList();
        var problems = new List<Problem>();
        var conflicts = new List<Conflict>();
        var uploaded = await StoreUploadsAsync(loaded, input, posted, problems, cancellationToken);
        var filesBefore = StoredFiles(loaded, posted);
        var at = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
        var saved = new HashSet<string>(StringComparer.Ordinal);
        for (var attempt = 1; ; attempt++)
        {
            if (attempt > 1)
            {
                db.ChangeTracker.Clear();
                if (await LoadAsync(input, userId, cancellationToken) is not { } again)
                {
                    return new NotFound();
                }

                (loaded, section) = again;

                // What colleagues saved meanwhile may be replaced by this save: their files are candidates for deletion too.
                filesBefore.UnionWith(StoredFiles(loaded, posted));
            }

            problems.RemoveAll(p => !uploaded.Failed.Contains(p.Key));
            conflicts.Clear();
            saved.Clear();
            var values = Evaluate(loaded, input, posted, uploaded.Values, problems);
            await ApplyAsync(loaded, input, values, at, by, saved, problems, conflicts, cancellationToken);
            if (saved.Count == 0)
            {
                break;
            }

            db.Touch(loaded.Application);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException ex) when (attempt < MaxSaveAttempts && SavedMeanwhile(ex))
            {
                // Someone saved this application a moment ago: apply these answers again on top of theirs.
                filesBefore.UnionWith(StoredFiles(loaded, posted));
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
            }
            catch (DbUpdateException ex) when (SavedMeanwhile(ex))
            {
                db.ChangeTracker.Clear();
                (loaded, section) = await LoadAsync(input, userId, cancellationToken) is { } current ? current : (loaded, section);
                saved.Clear();
                conflicts.Clear();
                problems.Add(new Problem(string.Empty, "Many people are saving this application at once, so your answers on this page were not saved. Try again"));
                break;
            }
        }

        DeleteFilesNoLongerUsed(loaded, posted, filesBefore.Concat(uploaded.Values.Values.Select(v => Answers.File(v)?.StoredName)));
        return new Saved(loaded, section, posted, saved, problems, conflicts, WhatNext(loaded, section, posted, input.SaveAndContinue, problems, conflicts));
    }

    /// <summary>
    /// Whether a save failed because someone saved this application since it was read: its revision moved on, or
    /// a colleague's first answer to a question was inserted a moment before this one (the insert may run before
    /// the revision is checked).
    /// </summary>
    private static bool SavedMeanwhile(DbUpdateException failure) =>
        failure is DbUpdateConcurrencyException || failure.Entries.Any(e => e.Entity is ApplicationAnswer && e.State == EntityState.Added);

    private static NextStep WhatNext(LoadedApplication loaded, FormSection section, List<FormQuestion> posted, bool saveAndContinue, List<Problem> problems, List<Conflict> conflicts)
    {
        if (problems.Count > 0)
        {
            return NextStep.FixProblems;
        }

        if (conflicts.Count > 0)
        {
            return NextStep.ReadConflicts;
        }

        if (section.Questions.Any(q => q.StopsApplicationIfNo is not null && loaded.Application.ShowstoppersAnsweredNo(loaded.Round).Contains(q)))
        {
            return NextStep.ShowstopperAnsweredNo;
        }

        var newlyAsked = FormProgress.ShownQuestions(loaded.Form, section, loaded.AnswerOf).Where(q => !posted.Contains(q) && string.IsNullOrEmpty(loaded.AnswerOf(q.Key)));
        return saveAndContinue && newlyAsked.Any() ? NextStep.AnswerNewlyAsked : NextStep.Continue;
    }

    private async Task<(LoadedApplication Loaded, FormSection Section)?> LoadAsync(Input input, string userId, CancellationToken cancellationToken)
    {
        var loaded = await LoadedApplication.LoadAsync(db, input.ApplicationId, organisation => organisation.HasMember(userId), cancellationToken);
        var section = loaded?.Form.Sections.SingleOrDefault(s => s.Key == input.SectionKey);
        return loaded is null || section is null ? null : (loaded, section);
    }

    private async Task<(Dictionary<string, string> Values, HashSet<string> Failed)> StoreUploadsAsync(LoadedApplication loaded, Input input, List<FormQuestion> posted, List<Problem> problems, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var failed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var question in posted.Where(q => q.Type == QuestionType.FileUpload))
        {
            if (!input.Files.TryGetValue(FormFields.Name(question), out var file) || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
            {
                continue;
            }

            try
            {
                // Asked again when the answer is saved; asked here so that a file over quota is never kept.
                loaded.Application.EnsureRoomForFile(loaded.Form, question.Key, file.Length, quotas.PerApplication);
                await using var stream = file.OpenReadStream();
                var stored = await uploads.SaveAsync(stream, file.FileName, cancellationToken);
                values[question.Key] = Answers.ForFile(new FileAnswer(stored.StoredName, stored.FileName, stored.ContentType, stored.SizeInBytes));
            }
            catch (DomainException ex)
            {
                var key = FormFields.Name(question);
                failed.Add(key);
                problems.Add(new Problem(key, ex.Message.TrimEnd('.')));
            }
        }

        return (values, failed);
    }

    /// <summary>The answers to save (null clears one), with a problem recorded for each answer that cannot be saved.</summary>
    private static Dictionary<string, string?> Evaluate(LoadedApplication loaded, Input input, List<FormQuestion> posted, Dictionary<string, string> uploaded, List<Problem> problems)
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

            var check = Answers.Check(question, FormFields.Read(input.Values, question), required: false);
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
                    problems.Add(new Problem(key, problem.Message));
                }
            }
        }

        string? Merged(string key) => values.TryGetValue(key, out var value) ? value : loaded.AnswerOf(key);
        // In the form's order, so whether a question is asked is decided on the final values of the answers before it.
        foreach (var question in posted)
        {
            if (!FormProgress.IsShown(loaded.Form, question, Merged))
            {
                // Not asked with the answers it depends on (say, typed under "yes" before "no" was chosen): not checked, not kept.
                var keys = FormFields.ErrorKeys(question).ToHashSet(StringComparer.Ordinal);
                problems.RemoveAll(p => keys.Contains(p.Key));
                failed.ExceptWith(keys);
                values[question.Key] = null;
                continue;
            }

            if (input.SaveAndContinue && question.Required && string.IsNullOrEmpty(Merged(question.Key)) && !FormFields.ErrorKeys(question).Any(failed.Contains))
            {
                // Not an answer that can be saved: whatever was saved before stays.
                values.Remove(question.Key);
                problems.Add(new Problem(FormFields.ErrorKey(question, string.Empty), Answers.MissingMessage(question)));
            }
        }

        return values;
    }

    private async Task ApplyAsync(LoadedApplication loaded, Input input, Dictionary<string, string?> values, DateTimeOffset at, string by, HashSet<string> saved, List<Problem> problems, List<Conflict> conflicts, CancellationToken cancellationToken)
    {
        var application = loaded.Application;
        foreach (var (key, value) in values)
        {
            var question = loaded.Form.Find(key)!;
            var stored = application.Answers.SingleOrDefault(a => a.QuestionKey == key);
            if (stored?.Value == value || (stored is null && value is null))
            {
                continue;
            }

            if (key == ApplicationForm.AmountQuestionKey && question.Type == QuestionType.Money && Answers.Amount(value) is { } amount)
            {
                try
                {
                    application.Request(amount, loaded.Round);
                }
                catch (DomainException ex)
                {
                    problems.Add(new Problem(FormFields.Name(question), ex.Message.TrimEnd('.')));
                    continue;
                }
            }

            var overColleague = stored is not null && stored.UpdatedBy != by && stored.UpdatedAt.UtcTicks != input.Seen.GetValueOrDefault(key)
                ? new Conflict(question.Text, await NameOfAsync(stored.UpdatedBy, cancellationToken), stored.UpdatedAt)
                : null;
            try
            {
                if (question.Type == QuestionType.FileUpload && Answers.File(value) is { } file)
                {
                    application.AnswerWithFile(loaded.Form, key, file, quotas.PerApplication, at, by);
                }
                else
                {
                    application.Answer(key, value, at, by);
                }
            }
            catch (DomainException ex)
            {
                problems.Add(new Problem(FormFields.Name(question), ex.Message.TrimEnd('.')));
                continue;
            }

            if (overColleague is not null)
            {
                conflicts.Add(overColleague);
            }

            saved.Add(key);
        }
    }

    private static HashSet<string?> StoredFiles(LoadedApplication loaded, List<FormQuestion> posted) =>
        posted.Where(q => q.Type == QuestionType.FileUpload).Select(q => Answers.File(loaded.AnswerOf(q.Key))?.StoredName).ToHashSet(StringComparer.Ordinal);

    /// <summary>Deletes files that were, or were just uploaded as, answers on this page and are no answer now: replaced, or answers no longer asked for.</summary>
    private void DeleteFilesNoLongerUsed(LoadedApplication loaded, List<FormQuestion> posted, IEnumerable<string?> candidates)
    {
        var used = StoredFiles(loaded, posted);
        foreach (var storedName in candidates.OfType<string>().Distinct(StringComparer.Ordinal).Where(n => !used.Contains(n)))
        {
            uploads.Delete(storedName);
        }
    }

    private async Task<string> NameOfAsync(string userName, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.FullName).SingleOrDefaultAsync(cancellationToken) is { Length: > 0 } name
            ? $"{name} ({userName})"
            : userName;
}
