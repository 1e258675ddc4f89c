using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Rounds.FormBuilder;

/// <summary>Asks before removing a section (with its questions) or a question from a round's form, then removes it.</summary>
[Authorize(Roles = FormBuilderPages.Roles)]
public sealed class RemoveModel(CommissioningDbContext db, ChangeApplicationForm change) : PageModel
{
    public FundingRound Round { get; private set; } = null!;

    public FormSection? Section { get; private set; }

    public FormQuestion? Question { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid roundId, [FromQuery] string? section, [FromQuery] string? question, CancellationToken cancellationToken) =>
        await LoadAsync(roundId, section, question, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid roundId, [FromQuery] string? section, [FromQuery] string? question, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, section, question, cancellationToken))
        {
            return NotFound();
        }

        var (sectionKey, questionKey) = (Section?.Key, Question?.Key);
        var result = await change.RunAsync(roundId, form => questionKey is not null ? form.RemoveQuestion(questionKey) : form.RemoveSection(sectionKey!), cancellationToken);
        switch (result)
        {
            case ChangeApplicationForm.Changed:
                TempData[FormBuilderPages.NoticeKey] = Question is not null ? $"The question \u2018{Question.Text}\u2019 has been removed." : $"The section \u2018{Section!.Title}\u2019 has been removed.";
                return Redirect(FormBuilderPages.Href(roundId));
            case ChangeApplicationForm.Refused refused:
                ModelState.AddModelError(string.Empty, refused.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid roundId, string? sectionKey, string? questionKey, CancellationToken cancellationToken)
    {
        if (await FormBuilderPages.RoundAsync(db, roundId, cancellationToken) is not { } round)
        {
            return false;
        }

        Round = round;
        Question = questionKey is null ? null : round.Form.Find(questionKey);
        Section = Question is not null ? null : sectionKey is null ? null : round.Form.FindSection(sectionKey);
        return Question is not null || Section is not null;
    }
}
