using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Plans;

/// <summary>Who sets up Police and Crime Plans (grants officers, and administrators), and what the plan pages share.</summary>
internal static class PlansPages
{
    public const string Roles = $"{Infrastructure.Identity.Roles.GrantsOfficer},{Infrastructure.Identity.Roles.Admin}";

    public const string NoticeKey = "Plans.Notice";

    public static string Describe(this PlanStatus status) => status switch
    {
        PlanStatus.Draft => "Draft",
        PlanStatus.Published => "Published",
        PlanStatus.InForce => "In force",
        PlanStatus.Superseded => "Superseded",
        _ => status.ToString(),
    };

    public static string TagClass(this PlanStatus status) => status switch
    {
        PlanStatus.Draft => "govuk-tag--grey",
        PlanStatus.Published => "govuk-tag--blue",
        PlanStatus.InForce => "govuk-tag--green",
        _ => "govuk-tag--yellow",
    };

    public static string Describe(this MeasureDirection direction) =>
        direction == MeasureDirection.HigherIsBetter ? "Higher is better" : "Lower is better";

    /// <summary>"Priority", "Theme" or "Outcome", for headings.</summary>
    public static string Capitalised(string word) => string.Concat(word[..1].ToUpperInvariant(), word[1..]);

    public static Task<PoliceAndCrimePlan?> FindAsync(CommissioningDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Plans.SingleOrDefaultAsync(p => p.Id == PlanId.From(id), cancellationToken);
}
