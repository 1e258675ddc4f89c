using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Admin.Users;

/// <summary>The office's staff: their roles, two-factor sign-in, whether the account is active, and when they last signed in.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(CommissioningDbContext db) : PageModel
{
    internal IReadOnlyList<PeoplePages.Person> Staff { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Staff = await PeoplePages.StaffAsync(db, null, cancellationToken);
}
