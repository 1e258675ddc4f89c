using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages;

/// <summary>The start page for the public, and for each signed-in person the part of the service their role uses.</summary>
[AllowAnonymous]
public sealed class IndexModel(CommissioningDbContext db, UserManager<AppUser> users, Commissioning.Workflows.Runtime.WorkflowRegistry registry, TimeProvider clock) : PageModel
{
    public string? FullName { get; private set; }

    public IReadOnlyList<string> Roles { get; private set; } = [];

    public IReadOnlyList<OrganisationSummary> Organisations { get; private set; } = [];

    public IReadOnlyList<RoundSummary> OpenRounds { get; private set; } = [];

    /// <summary>Reports the applicant's organisations owe on their grants: due, overdue, or returned for changes.</summary>
    public IReadOnlyList<ReportDue> ReportsDue { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public IReadOnlyList<BudgetRow> Budgets { get; private set; } = [];

    public IReadOnlyList<(string Role, int People)> PeopleByRole { get; private set; } = [];

    public FinancialYear Year { get; private set; }

    /// <summary>The signed-in person's open tasks and their roles' unclaimed ones, as the task inbox lists them.</summary>
    public int OpenTasks { get; private set; }

    /// <summary>An assessor's scoring tasks, straight from their task inbox: their own and those any assessor may take.</summary>
    public IReadOnlyList<Tasks.TaskInbox.Row> BidsToScore { get; private set; } = [];

    /// <summary>A grants officer's tasks to find someone for a copy nobody may take (e.g. an assessor after a declared conflict).</summary>
    public IReadOnlyList<Tasks.TaskInbox.Row> PeopleToAssign { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    /// <summary>The office's staff who watch the budgets: everyone but applicants and assessors.</summary>
    public bool SeesBudgets => Roles.Any(r => r is Infrastructure.Identity.Roles.GrantsOfficer or Infrastructure.Identity.Roles.Finance or Infrastructure.Identity.Roles.FinanceApprover or Infrastructure.Identity.Roles.DecisionMaker or Infrastructure.Identity.Roles.Admin);

    public bool Has(string role) => Roles.Contains(role);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        Year = FinancialYear.Containing(UkTime.DateOf(now));
        OpenRounds = await OpenRoundsAsync(now, cancellationToken);
        var user = User.Identity?.IsAuthenticated == true ? await users.GetUserAsync(User) : null;
        if (user is null)
        {
            return;
        }

        FullName = user.FullName;
        Roles = (await users.GetRolesAsync(user)).ToList();
        Now = now;
        var inbox = await Tasks.TaskInbox.RowsAsync(db, registry, Workflows.WorkflowPeople.ActorFor(User), cancellationToken);
        OpenTasks = inbox.Count;
        BidsToScore = [.. inbox.Where(r => r.Role == Infrastructure.Identity.Roles.Assessor)];
        PeopleToAssign = [.. inbox.Where(r => r.AssignsSomeone)];
        if (Has(Infrastructure.Identity.Roles.Applicant))
        {
            Organisations = await db.Organisations.AsNoTracking()
                .Where(o => o.People.Any(p => p.UserId == user.Id))
                .OrderBy(o => o.Name)
                .Select(o => new OrganisationSummary(o.Name, o.LegalForm, o.OrgId))
                .ToListAsync(cancellationToken);
            Today = UkTime.DateOf(now);
            ReportsDue = await ReportsDueAsync(user.Id, cancellationToken);
        }

        if (SeesBudgets)
        {
            var years = await db.BudgetLines.AsNoTracking().Select(l => l.Year).Distinct().ToListAsync(cancellationToken);
            Year = BudgetYearToShow(years, Year);
            var year = Year;
            var lines = await db.BudgetLines.AsNoTracking().Where(l => l.Year == year).ToListAsync(cancellationToken);
            var funds = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, cancellationToken);
            Budgets = lines.OrderBy(l => funds[l.FundId]).ThenBy(l => l.Name)
                .Select(l => new BudgetRow(funds[l.FundId], l.Name, l.IsRingFenced, l.Amount, l.OverProgrammingMargin, l.Committed, l.Remaining))
                .ToList();
        }

        if (Has(Infrastructure.Identity.Roles.Admin))
        {
            var counts = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).GroupBy(n => n).Select(g => new { Role = g.Key, People = g.Count() }).ToListAsync(cancellationToken);
            PeopleByRole = Infrastructure.Identity.Roles.All.Select(r => (r, counts.SingleOrDefault(c => c.Role == r)?.People ?? 0)).ToList();
        }
    }

    /// <summary>This financial year's budgets; before they are set, the latest year that has them.</summary>
    internal static FinancialYear BudgetYearToShow(IReadOnlyCollection<FinancialYear> yearsWithBudgets, FinancialYear current) =>
        yearsWithBudgets.Contains(current) || yearsWithBudgets.Count == 0 ? current
        : yearsWithBudgets.Where(y => y < current).DefaultIfEmpty(yearsWithBudgets.Min()).Max();

    private async Task<IReadOnlyList<RoundSummary>> OpenRoundsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rounds = await db.Rounds.AsNoTracking().Where(r => r.PublishedAt != null && r.ClosesAt > now).OrderBy(r => r.ClosesAt).ToListAsync(cancellationToken);
        var funds = await db.Funds.AsNoTracking().ToDictionaryAsync(f => f.Id, f => f.Name, cancellationToken);
        return rounds.Select(r => new RoundSummary(r.Id, r.Title, funds[r.FundId], r.StatusAt(now), r.OpensAt, r.ClosesAt, r.MaximumAward)).ToList();
    }

    public sealed record ReportDue(Guid ApplicationId, Guid ReportId, string Title, string? Reference, string Project, DateOnly DueOn, bool ChangesNeeded);

    private async Task<IReadOnlyList<ReportDue>> ReportsDueAsync(string userId, CancellationToken cancellationToken)
    {
        var live = new[] { Domain.Awards.AwardStatus.Accepted, Domain.Awards.AwardStatus.Active };
        var owed = new[] { Domain.Monitoring.ReturnStatus.Due, Domain.Monitoring.ReturnStatus.ReturnedForChanges };
        var rows = await (
            from report in db.MonitoringReturns.AsNoTracking()
            join award in db.Awards.AsNoTracking() on report.AwardId equals award.Id
            join application in db.Applications.AsNoTracking() on award.GrantApplicationId equals application.Id
            join organisation in db.Organisations.AsNoTracking() on award.OrganisationId equals organisation.Id
            where owed.Contains(report.Status) && live.Contains(award.Status) && organisation.People.Any(p => p.UserId == userId)
            select new { report.Id, report.Title, report.DueOn, report.Status, ApplicationId = application.Id, application.Reference, application.ProjectTitle })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.DueOn).Take(10)
            .Select(r => new ReportDue(r.ApplicationId.Value, r.Id.Value, r.Title, r.Reference, r.ProjectTitle, r.DueOn, r.Status == Domain.Monitoring.ReturnStatus.ReturnedForChanges))
            .ToList();
    }

    public sealed record OrganisationSummary(string Name, Domain.Organisations.LegalForm LegalForm, string? OrgId);

    public sealed record RoundSummary(RoundId Id, string Title, string Fund, RoundStatus Status, DateTimeOffset OpensAt, DateTimeOffset ClosesAt, Money MaximumAward);

    public sealed record BudgetRow(string Fund, string Line, bool RingFenced, Money Budget, Money Margin, Money Committed, Money Remaining);
}
