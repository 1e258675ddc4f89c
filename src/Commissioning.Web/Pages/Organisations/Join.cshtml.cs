using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations;

/// <summary>Finds an organisation to ask to join, by part of its name or by a registered number.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class JoinModel(CommissioningDbContext db, UserManager<AppUser> users) : PageModel
{
    public const int MaxResults = 20;

    public const int QueryMaxLength = 200;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public bool Searched { get; private set; }

    public IReadOnlyList<Result> Results { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var text = Query?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (text.Length < 2 || text.Length > QueryMaxLength)
        {
            ModelState.AddModelError("q", text.Length < 2 ? "Enter at least 2 letters or numbers" : $"Enter {QueryMaxLength} characters or fewer");
            return;
        }

        Searched = true;
        var userId = users.GetUserId(User);
        var lower = text.ToLowerInvariant();
        var compact = text.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var companyNumber = compact.All(char.IsAsciiDigit) && compact.Length is >= 6 and <= 8 ? compact.PadLeft(8, '0') : compact;
        var found = await db.Organisations.AsNoTracking()
            .Where(o => o.Name.ToLower().Contains(lower) || o.CharityNumber == compact || o.CompanyNumber == companyNumber || o.LocalAuthorityCode == compact || o.OrgId == compact)
            .OrderBy(o => o.Name)
            .Take(MaxResults + 1)
            .Select(o => new Result(
                o.Id,
                o.Name,
                o.LegalForm,
                o.CharityNumber ?? o.CompanyNumber ?? o.LocalAuthorityCode,
                o.Address == null ? null : o.Address.Town,
                o.People.Any(p => p.UserId == userId),
                o.JoinRequests.Any(r => r.UserId == userId && r.Status == JoinRequestStatus.Pending)))
            .ToListAsync(cancellationToken);
        Results = found;
    }

    public sealed record Result(OrganisationId Id, string Name, LegalForm LegalForm, string? Number, string? Town, bool IsMember, bool HasAsked);
}
