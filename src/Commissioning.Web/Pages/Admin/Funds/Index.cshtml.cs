using Commissioning.Domain.Funds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Funds;

/// <summary>The office's funds, each with its budgets by year, and the way to create a fund.</summary>
[Authorize(Roles = FundsPages.Roles)]
public sealed class IndexModel(CommissioningDbContext db) : PageModel
{
    public IReadOnlyList<Fund> Funds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Funds = await db.Funds.AsNoTracking().Include(f => f.Budgets).ThenInclude(b => b.Lines).OrderBy(f => f.Name).ToListAsync(cancellationToken);
}
