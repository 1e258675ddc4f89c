using System.Globalization;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Primitives;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// One section of the round's form. A question shown only for an answer to an earlier yes/no or choice question in the
/// same section sits under that answer as a GOV.UK conditional reveal (open at once with JavaScript, always visible
/// without it); the server decides what is asked: an answer whose condition is not met is neither required nor kept
/// (a file is deleted). A question depending on another section's answer is asked once that answer is saved. Saving
/// (<see cref="SaveSection"/>) keeps every valid answer on the page even when others are wrong (those are shown with
/// their messages and not saved, so nothing saved before is lost). Several people may work on one application: the
/// last save of a question wins, and whoever saves over an answer someone else changed since the page was opened is
/// told who changed which question and when.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class SectionModel(CommissioningDbContext db, SaveSection save, TimeProvider clock) : PageModel
{
    public LoadedApplication Loaded { get; private set; } = null!;

    public FormSection Section { get; private set; } = null!;

    public IReadOnlyList<FormQuestion> Shown { get; private set; } = [];

    /// <summary>The questions the page lists in turn; the others it shows are revealed under an answer (see <see cref="SectionView.RevealedBy"/>).</summary>
    public IEnumerable<FormQuestion> Listed => Shown.Where(q => !View.IsRevealedInPage(q));

    /// <summary>The section's questions as the question partial draws them, with this application's answers and uploads.</summary>
    public SectionView View => new(Section, Inputs, Loaded.Application.Id, key => Answers.File(Loaded.AnswerOf(key)));

    /// <summary>What each question's inputs show: the stored answer, or what was posted when it could not be saved.</summary>
    public Dictionary<string, AnswerInput> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>When each stored answer was last changed, as this page shows it (UTC ticks; 0 for no answer).</summary>
    public Dictionary<string, long> Seen { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<SaveSection.Conflict> Conflicts { get; private set; } = [];

    /// <summary>Some answers on the page were saved although others had problems.</summary>
    public bool SavedOthers { get; private set; }

    public bool Saved { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromRoute] string sectionKey, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.ForMemberAsync(db, id, User, cancellationToken);
        var section = loaded?.Form.Sections.SingleOrDefault(s => s.Key == sectionKey);
        if (loaded is null || section is null)
        {
            return NotFound();
        }

        (Loaded, Section) = (loaded, section);
        if (!Loaded.IsEditable(clock.GetUtcNow()))
        {
            return Redirect(ApplicationProgress.Href(Loaded, "CheckAnswers"));
        }

        ShowStored();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromRoute] string sectionKey, [FromForm] string? action, [FromForm] Guid? roundId, CancellationToken cancellationToken)
    {
        if (ApplicationAccess.UserId(User) is not { } userId)
        {
            return NotFound();
        }

        var values = Request.Form.ToDictionary(f => f.Key, f => f.Value, StringComparer.OrdinalIgnoreCase);
        var files = new Dictionary<string, SaveSection.UploadedFile>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in Request.Form.Files)
        {
            files.TryAdd(file.Name, new SaveSection.UploadedFile(file.FileName, file.Length, file.OpenReadStream));
        }

        var seen = values
            .Where(f => f.Key.StartsWith(FormFields.SeenPrefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(f => f.Key[FormFields.SeenPrefix.Length..], f => SeenTicks(f.Value), StringComparer.OrdinalIgnoreCase);
        var shown = values.TryGetValue(FormFields.ShownField, out var shownKeys) ? shownKeys.OfType<string>().ToList() : [];
        var saveAndContinue = action != "later";
        var input = new SaveSection.Input(id, sectionKey, roundId, saveAndContinue, shown, values, files, seen);
        switch (await save.RunAsync(input, userId, User.Identity!.Name!, cancellationToken))
        {
            case SaveSection.DifferentRound refused:
                return Refuse(refused.Loaded, refused.Section, refused.Message, StatusCodes.Status400BadRequest);
            case SaveSection.ReadOnly refused:
                return Refuse(refused.Loaded, refused.Section, refused.Message, StatusCodes.Status409Conflict);
            case SaveSection.Saved result:
                return Show(result, values, seen, saveAndContinue);
            default:
                return NotFound();
        }
    }

    private PageResult Refuse(LoadedApplication loaded, FormSection section, string message, int statusCode)
    {
        (Loaded, Section) = (loaded, section);
        ShowStored();
        ModelState.AddModelError(string.Empty, message);
        Response.StatusCode = statusCode;
        return Page();
    }

    private IActionResult Show(SaveSection.Saved result, Dictionary<string, StringValues> values, Dictionary<string, long> seen, bool saveAndContinue)
    {
        (Loaded, Section) = (result.Loaded, result.Section);
        Conflicts = result.Conflicts;
        foreach (var (key, message) in result.Problems)
        {
            ModelState.AddModelError(key, message);
        }

        switch (result.Next)
        {
            case SaveSection.NextStep.FixProblems:
                SavedOthers = result.SavedKeys.Count > 0;
                ShowAfterProblems(result.Posted, result.SavedKeys, values, seen);
                return Page();
            case SaveSection.NextStep.ReadConflicts:
                Saved = true;
                ShowStored();
                return Page();
            case SaveSection.NextStep.ShowstopperAnsweredNo:
                return Redirect(ApplicationProgress.Href(Loaded));
            case SaveSection.NextStep.AnswerNewlyAsked:
                return Redirect(ApplicationProgress.Href(Loaded, $"Sections/{Section.Key}"));
            default:
                Notice = saveAndContinue
                    ? $"Your answers to \u2018{Section.Title}\u2019 have been saved."
                    : $"Your answers have been saved. You can come back to this application at any time before {UkTime.Describe(Loaded.Round.ClosesAt)} (UK time).";
                return Redirect(ApplicationProgress.Href(Loaded));
        }
    }

    private static long SeenTicks(StringValues value) =>
        long.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : 0;

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
    private void ShowAfterProblems(IReadOnlyList<FormQuestion> posted, IReadOnlySet<string> saved, Dictionary<string, StringValues> values, Dictionary<string, long> seen)
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
                Inputs[question.Key] = FormFields.Read(values, question);
            }

            Seen[question.Key] = seen.GetValueOrDefault(question.Key);
        }
    }
}
