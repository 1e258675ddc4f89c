using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.CaseFiles;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Pages.Staff.Organisations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Staff.Applications;

/// <summary>
/// The officer's list of applications: one round's (or every round's), filtered by status, searched by reference or
/// organisation name, a page at a time; each links to its case file.
/// </summary>
[Authorize(Roles = CaseFileAccess.ApplicationListRoles)]
public sealed class IndexModel(CommissioningDbContext db) : PageModel
{
    public const int PageSize = 50;

    public sealed record Row(GrantApplicationId Id, string? Reference, string ProjectTitle, string Organisation, string Round, ApplicationStatus Status, DateTimeOffset? SubmittedAt, Money? RequestedAmount);

    [BindProperty(SupportsGet = true, Name = "round")]
    public Guid? RoundId { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    // Not "page": Razor Pages routes by a value of that name.
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<(RoundId Id, string Title)> Rounds { get; private set; } = [];

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string? RoundTitle { get; private set; }

    public static IReadOnlyList<ApplicationStatus> Statuses { get; } = Enum.GetValues<ApplicationStatus>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var rounds = await db.Rounds.AsNoTracking().Select(r => new { r.Id, r.Title, r.OpensAt }).ToListAsync(cancellationToken);
        Rounds = [.. rounds.OrderByDescending(r => r.OpensAt).ThenBy(r => r.Title).Select(r => (r.Id, r.Title))];
        var query = db.Applications.AsNoTracking();
        if (RoundId is { } roundGuid)
        {
            var roundId = Domain.Common.RoundId.From(roundGuid);
            RoundTitle = Rounds.FirstOrDefault(r => r.Id == roundId).Title;
            if (RoundTitle is null)
            {
                return NotFound();
            }

            query = query.Where(a => a.RoundId == roundId);
        }

        ApplicationStatus? status = null;
        if (!string.IsNullOrEmpty(Status))
        {
            if (!Enum.TryParse<ApplicationStatus>(Status, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(Status, out _))
            {
                ModelState.AddModelError("status", "Select a status from the list");
                Status = null;
            }
            else
            {
                status = parsed;
                query = query.Where(a => a.Status == parsed);
            }
        }

        var search = Search?.Trim();
        if (search is { Length: > OrganisationsSearchLimit })
        {
            ModelState.AddModelError("q", $"Search for {OrganisationsSearchLimit} characters or fewer");
            search = null;
        }

        if (!string.IsNullOrEmpty(search))
        {
            var pattern = $"%{Organisations.IndexModel.Like(search.ToLowerInvariant())}%";
            query = query.Where(a => (a.Reference != null && EF.Functions.Like(a.Reference.ToLower(), pattern, "\\"))
                || EF.Functions.Like(a.ProjectTitle.ToLower(), pattern, "\\")
                || db.Organisations.Any(o => o.Id == a.OrganisationId && EF.Functions.Like(o.Name.ToLower(), pattern, "\\")));
        }

        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Clamp(PageNumber, 1, Pages);
        var found = await (
            from application in query
            join organisation in db.Organisations on application.OrganisationId equals organisation.Id
            join round in db.Rounds on application.RoundId equals round.Id
            orderby application.StartedAt descending, application.Id
            select new { application.Id, application.Reference, application.ProjectTitle, Organisation = organisation.Name, Round = round.Title, application.Status, application.SubmittedAt, application.RequestedAmount })
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        Rows = [.. found.Select(a => new Row(a.Id, a.Reference, a.ProjectTitle, a.Organisation, a.Round, a.Status, a.SubmittedAt, a.RequestedAmount))];
        return Page();
    }

    private const int OrganisationsSearchLimit = Organisations.IndexModel.SearchMaxLength;

    public string PageHref(int page)
    {
        var parts = new List<string>();
        if (RoundId is { } round)
        {
            parts.Add($"round={round}");
        }

        if (!string.IsNullOrEmpty(Status))
        {
            parts.Add($"status={Uri.EscapeDataString(Status)}");
        }

        if (!string.IsNullOrWhiteSpace(Search))
        {
            parts.Add($"q={Uri.EscapeDataString(Search.Trim())}");
        }

        parts.Add($"p={page}");
        return $"/Staff/Applications?{string.Join("&", parts)}";
    }
}
