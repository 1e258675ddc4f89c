using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.CaseFiles;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Staff.Organisations;

/// <summary>The directory of organisations that have applied or may apply, by name, searchable by name, registered number or org-id.</summary>
[Authorize(Roles = CaseFileAccess.DirectoryRoles)]
public sealed class IndexModel(CommissioningDbContext db) : PageModel
{
    public const int PageSize = 50;

    public const int SearchMaxLength = 200;

    public sealed record Row(OrganisationId Id, string Name, LegalForm LegalForm, string? OrgId, int Applications);

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    // Not "page": Razor Pages routes by a value of that name.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string? SearchError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var search = Search?.Trim();
        if (search is { Length: > SearchMaxLength })
        {
            SearchError = $"Search for {SearchMaxLength} characters or fewer";
            ModelState.AddModelError("q", SearchError);
            search = null;
        }

        var query = db.Organisations.AsNoTracking();
        if (!string.IsNullOrEmpty(search))
        {
            var pattern = $"%{Like(search.ToLowerInvariant())}%";
            query = query.Where(o => EF.Functions.Like(o.Name.ToLower(), pattern, "\\")
                || (o.CharityNumber != null && EF.Functions.Like(o.CharityNumber.ToLower(), pattern, "\\"))
                || (o.CompanyNumber != null && EF.Functions.Like(o.CompanyNumber.ToLower(), pattern, "\\"))
                || (o.OrgId != null && EF.Functions.Like(o.OrgId.ToLower(), pattern, "\\")));
        }

        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var found = await query.OrderBy(o => o.Name).ThenBy(o => o.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(o => new { o.Id, o.Name, o.LegalForm, o.OrgId })
            .ToListAsync(cancellationToken);
        var ids = found.Select(o => o.Id).ToList();
        var counts = await db.Applications.AsNoTracking().Where(a => ids.Contains(a.OrganisationId)).GroupBy(a => a.OrganisationId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        Rows = [.. found.Select(o => new Row(o.Id, o.Name, o.LegalForm, o.OrgId, counts.GetValueOrDefault(o.Id)))];
    }

    /// <summary>The text with LIKE's wildcards taken literally.</summary>
    public static string Like(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public string PageHref(int page) => $"/Staff/Organisations?{(string.IsNullOrWhiteSpace(Search) ? "" : $"q={Uri.EscapeDataString(Search.Trim())}&")}p={page}";
}
