using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// Where a submitted application is: what has happened so far, the stage it is at and what happens next (with the
/// stage's deadline), questions from the office to answer, the offer when there is one, and the outcome at the end.
/// Members of the applying organisation only.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class StatusModel(CommissioningDbContext db, WorkflowRegistry registry, TimeProvider clock) : PageModel
{
    public LoadedApplication Loaded { get; private set; } = null!;

    public ApplicationJourney? Journey { get; private set; }

    public IReadOnlyList<Clarification> Clarifications { get; private set; } = [];

    public OfferResponse? OfferResponse { get; private set; }

    /// <summary>The grant, once an offer has been made: conditions, payments and reports.</summary>
    public GrantProgress? Grant { get; private set; }

    public DateTimeOffset Now { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.ForMemberAsync(db, id, User, cancellationToken);
        if (loaded is null)
        {
            return NotFound();
        }

        if (loaded.Application.Status == ApplicationStatus.Draft || loaded.Application.Reference is null)
        {
            return Redirect(ApplicationProgress.Href(loaded));
        }

        Loaded = loaded;
        Now = clock.GetUtcNow();
        Journey = await ApplicationJourney.LoadAsync(db, registry, loaded.Application.Id, cancellationToken);
        Clarifications = await db.Clarifications.AsNoTracking().Where(c => c.ApplicationId == loaded.Application.Id).ToListAsync(cancellationToken);
        Clarifications = [.. Clarifications.OrderBy(c => c.AskedAt)];
        OfferResponse = await db.OfferResponses.AsNoTracking().SingleOrDefaultAsync(r => r.ApplicationId == loaded.Application.Id, cancellationToken);
        Grant = await GrantProgress.LoadAsync(db, loaded.Application.Id, loaded.Organisation, loaded.Fund.Programme, UkTime.DateOf(Now), cancellationToken);
        return Page();
    }
}
