using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Funds;

/// <summary>One fund: its details and finance codes, and its budget for each year, line by line.</summary>
[Authorize(Roles = FundsPages.Roles)]
public sealed class FundModel(CommissioningDbContext db) : PageModel
{
    public Fund Fund { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var fund = await db.Funds.AsNoTracking().Include(f => f.Budgets).ThenInclude(b => b.Lines).SingleOrDefaultAsync(f => f.Id == FundId.From(id), cancellationToken);
        if (fund is null)
        {
            return NotFound();
        }

        Fund = fund;
        return Page();
    }
}
