using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Finance;

/// <summary>Organisations and their supplier references in the finance ledger, for finance only.</summary>
[Authorize(Roles = Roles.Finance)]
public sealed class SuppliersModel(CommissioningDbContext db) : PageModel
{
    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Organisations = await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
}
