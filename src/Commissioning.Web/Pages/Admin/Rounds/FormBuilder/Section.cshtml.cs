using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Rounds.FormBuilder;

/// <summary>Adds a section to a round's form (no key), or changes a section's title; the key is made from the first title and kept.</summary>
[Authorize(Roles = FormBuilderPages.Roles)]
public sealed class SectionModel(CommissioningDbContext db, ChangeApplicationForm change) : PageModel
{
    [BindProperty]
    public string? Title { get; set; }

    public FundingRound Round { get; private set; } = null!;

    public FormSection? Existing { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid roundId, string? sectionKey, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, sectionKey, cancellationToken))
        {
            return NotFound();
        }

        Title = Existing?.Title;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid roundId, string? sectionKey, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(roundId, sectionKey, cancellationToken))
        {
            return NotFound();
        }

        var title = Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            ModelState.AddModelError(nameof(Title), "Enter the section title");
            return Page();
        }

        var result = await change.RunAsync(roundId, form => Existing is null ? form.AddSection(title) : form.RenameSection(Existing.Key, title), cancellationToken);
        switch (result)
        {
            case ChangeApplicationForm.Changed changed:
                TempData[FormBuilderPages.NoticeKey] = Existing is null ? $"The section \u2018{title}\u2019 has been added. Now add its questions." : $"The section \u2018{title}\u2019 has been changed.";
                var key = Existing?.Key ?? changed.Round.Form.Sections[^1].Key;
                return Redirect($"{FormBuilderPages.Href(roundId)}#section-{key}");
            case ChangeApplicationForm.Refused refused:
                ModelState.AddModelError(nameof(Title), refused.Message);
                return Page();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(Guid roundId, string? sectionKey, CancellationToken cancellationToken)
    {
        if (await FormBuilderPages.RoundAsync(db, roundId, cancellationToken) is not { } round)
        {
            return false;
        }

        Round = round;
        Existing = sectionKey is null ? null : round.Form.FindSection(sectionKey);
        return sectionKey is null || Existing is not null;
    }
}
