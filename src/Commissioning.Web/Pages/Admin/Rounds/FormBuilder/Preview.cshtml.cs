using Commissioning.Domain.Applications;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Pages.Applications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Rounds.FormBuilder;

/// <summary>
/// A section of a round's form as applicants will see it, drawn by the same partial as their section page, with every
/// question in view (those asked after an answer in another section are marked so) and a list of the sections to move
/// between. Nothing here is a form that saves.
/// </summary>
[Authorize(Roles = FormBuilderPages.Roles)]
public sealed class PreviewModel(CommissioningDbContext db) : PageModel
{
    public FundingRound Round { get; private set; } = null!;

    public FormSection Section { get; private set; } = null!;

    public SectionView View { get; private set; } = null!;

    /// <summary>The questions listed in turn; the others sit under the answer that reveals them.</summary>
    public IEnumerable<FormQuestion> Listed => Section.Questions.Where(q => !View.IsRevealedInPage(q));

    public async Task<IActionResult> OnGetAsync(Guid roundId, string? sectionKey, CancellationToken cancellationToken)
    {
        if (await FormBuilderPages.RoundAsync(db, roundId, cancellationToken) is not { } round)
        {
            return NotFound();
        }

        var section = sectionKey is null ? round.Form.Sections.FirstOrDefault() : round.Form.FindSection(sectionKey);
        if (section is null)
        {
            return sectionKey is null ? Redirect(FormBuilderPages.Href(roundId)) : NotFound();
        }

        (Round, Section) = (round, section);
        View = new SectionView(section, new Dictionary<string, AnswerInput>());
        return Page();
    }
}
