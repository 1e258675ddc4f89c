using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Rounds.FormBuilder;

/// <summary>
/// The outline of a round's application form: its sections with their questions in order, where a grants officer adds,
/// changes, moves and removes them, previews the form as applicants will see it, and publishes the round.
/// </summary>
[Authorize(Roles = FormBuilderPages.Roles)]
public sealed class IndexModel(CommissioningDbContext db, ChangeApplicationForm change, PublishRound publish, TimeProvider clock) : PageModel
{
    public FundingRound Round { get; private set; } = null!;

    public Fund Fund { get; private set; } = null!;

    /// <summary>What stops the round being published now; empty when it can be (or already is).</summary>
    public IReadOnlyList<string> NotReady { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid roundId, CancellationToken cancellationToken) =>
        await ShowAsync(await FormBuilderPages.RoundAsync(db, roundId, cancellationToken), cancellationToken);

    public Task<IActionResult> OnPostMoveSectionAsync(Guid roundId, string? key, string? direction, CancellationToken cancellationToken) =>
        ChangeAsync(roundId, form => form.MoveSection(key ?? string.Empty, direction == "up" ? -1 : 1), cancellationToken);

    public Task<IActionResult> OnPostMoveQuestionAsync(Guid roundId, string? key, string? direction, CancellationToken cancellationToken) =>
        ChangeAsync(roundId, form => form.MoveQuestion(key ?? string.Empty, direction == "up" ? -1 : 1), cancellationToken);

    public async Task<IActionResult> OnPostPublishAsync(Guid roundId, CancellationToken cancellationToken)
    {
        switch (await publish.RunAsync(roundId, cancellationToken))
        {
            case PublishRound.Published published:
                TempData[FormBuilderPages.NoticeKey] = $"{published.Round.Title} has been published. Applicants can see it, and can apply while it is open.";
                return Redirect(FormBuilderPages.Href(roundId));
            case PublishRound.Refused refused:
                foreach (var reason in refused.Reasons)
                {
                    ModelState.AddModelError(string.Empty, reason);
                }

                return await ShowAsync(refused.Round, cancellationToken);
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult> ChangeAsync(Guid roundId, Func<ApplicationForm, ApplicationForm> edit, CancellationToken cancellationToken)
    {
        switch (await change.RunAsync(roundId, edit, cancellationToken))
        {
            case ChangeApplicationForm.Changed:
                return Redirect(FormBuilderPages.Href(roundId));
            case ChangeApplicationForm.Refused refused:
                ModelState.AddModelError(string.Empty, refused.Message);
                return await ShowAsync(refused.Round, cancellationToken);
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult> ShowAsync(FundingRound? round, CancellationToken cancellationToken)
    {
        if (round is null)
        {
            return NotFound();
        }

        Round = round;
        Fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Id == round.FundId, cancellationToken);
        NotReady = round.IsPublished ? [] : round.WhyNotPublishable(clock.GetUtcNow());
        return Page();
    }
}
