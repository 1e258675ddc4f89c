using Commissioning.Domain.Applications;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Applications;

/// <summary>The confirmation after submitting, with the reference number.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class SubmittedModel(CommissioningDbContext db) : PageModel
{
    public LoadedApplication Loaded { get; private set; } = null!;

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
        return Page();
    }
}
