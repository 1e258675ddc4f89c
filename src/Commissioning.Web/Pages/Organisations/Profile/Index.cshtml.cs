using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations.Profile;

/// <summary>The organisation's profile as a summary list, each part with a Change link to a small form.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class IndexModel(CommissioningDbContext db, UserManager<AppUser> users, TimeProvider clock) : MemberPageModel(db, users, clock)
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        await Db.Entry(Organisation).Collection(o => o.Documents).LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Nothing is posted to this page: 404 for anyone else, 405 for a member.</summary>
    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? StatusCode(StatusCodes.Status405MethodNotAllowed) : NotFound();
}
