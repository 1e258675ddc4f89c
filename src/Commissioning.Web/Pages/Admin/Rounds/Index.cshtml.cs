using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Rounds;

/// <summary>The office's funding rounds by fund and financial year, and the way to set one up.</summary>
[Authorize(Roles = RoundsPages.Roles)]
public sealed class IndexModel(CommissioningDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<(Fund Fund, IReadOnlyList<IGrouping<Domain.Common.FinancialYear, FundingRound>> Years)> Funds { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public bool AnyBudgetLine { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var funds = await db.Funds.AsNoTracking().OrderBy(f => f.Name).ToListAsync(cancellationToken);
        var rounds = await db.Rounds.AsNoTracking().ToListAsync(cancellationToken);
        AnyBudgetLine = await db.BudgetLines.AnyAsync(cancellationToken);
        Funds = funds
            .Select(f => (f, (IReadOnlyList<IGrouping<Domain.Common.FinancialYear, FundingRound>>)rounds.Where(r => r.FundId == f.Id).OrderBy(r => r.OpensAt).GroupBy(r => r.Year).OrderByDescending(g => g.Key).ToList()))
            .ToList();
    }
}
