using Commissioning.Domain.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Applications;

/// <summary>The applications of the signed-in person's organisations, newest first.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class IndexModel(CommissioningDbContext db) : PageModel
{
    public sealed record Row(GrantApplication Application, string Organisation, string Round, DateTimeOffset ClosesAt);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var organisations = (await ApplicationAccess.OrganisationsOfAsync(db, User, cancellationToken)).ToDictionary(o => o.Id, o => o.Name);
        var ids = organisations.Keys.ToList();
        var applications = await db.Applications.AsNoTracking().Where(a => ids.Contains(a.OrganisationId)).ToListAsync(cancellationToken);
        var roundIds = applications.Select(a => a.RoundId).Distinct().ToList();
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        Rows = applications.OrderByDescending(a => a.StartedAt)
            .Select(a => new Row(a, organisations[a.OrganisationId], rounds[a.RoundId].Title, rounds[a.RoundId].ClosesAt))
            .ToList();
    }
}
