using System.Security.Claims;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Applications;

/// <summary>An application with what its pages need: its round, fund and organisation.</summary>
public sealed record LoadedApplication(GrantApplication Application, FundingRound Round, Fund Fund, Organisation Organisation)
{
    public ApplicationForm Form => Round.Form;

    public Func<string, string?> AnswerOf => Application.AnswerTo;

    /// <summary>Answers can change only in a draft, while the round is open.</summary>
    public bool IsEditable(DateTimeOffset now) => Application.Status == ApplicationStatus.Draft && Round.StatusAt(now) == RoundStatus.Open;

    /// <summary>Why the answers cannot change now, in the words shown to the applicant; null when they can.</summary>
    public string? WhyReadOnly(DateTimeOffset now)
    {
        if (Application.Status != ApplicationStatus.Draft)
        {
            return $"This application was {GrantApplication.Describe(Application.Status)} and can no longer be changed.";
        }

        try
        {
            Round.EnsureOpenForSubmission(now);
            return null;
        }
        catch (DomainException ex)
        {
            return ex.Message;
        }
    }
}

/// <summary>
/// Loads applications only for the people allowed to see them: members of the applying organisation (and, for files,
/// the office's staff). Anyone else gets nothing, which the pages turn into a plain 404 that reveals nothing.
/// </summary>
public static class ApplicationAccess
{
    public static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);

    public static bool IsStaff(ClaimsPrincipal user) => Roles.Staff.Any(user.IsInRole);

    /// <summary>The roles that may open an offer or a report: the organisation's members, and grants officers and finance, who read them.</summary>
    public const string MembersAndOfficeReaders = $"{Roles.Applicant},{Roles.GrantsOfficer},{Roles.Finance}";

    public static bool IsOfficeReader(ClaimsPrincipal user) => user.IsInRole(Roles.GrantsOfficer) || user.IsInRole(Roles.Finance);

    /// <summary>
    /// For a member of the applying organisation; when <paramref name="reading"/>, also for a grants officer or finance
    /// (ByOffice says so, and the page then offers nothing to change). Anyone else gets null.
    /// </summary>
    public static async Task<(LoadedApplication Loaded, bool ByOffice)?> ForMemberOrOfficeReaderAsync(CommissioningDbContext db, Guid id, ClaimsPrincipal user, bool reading, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(db, id, user, allowStaff: reading && IsOfficeReader(user), cancellationToken);
        return loaded is null ? null : (loaded, !loaded.Organisation.HasMember(UserId(user)!));
    }

    public static Task<LoadedApplication?> ForMemberAsync(CommissioningDbContext db, Guid id, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        LoadAsync(db, id, user, allowStaff: false, cancellationToken);

    public static async Task<LoadedApplication?> LoadAsync(CommissioningDbContext db, Guid id, ClaimsPrincipal user, bool allowStaff, CancellationToken cancellationToken)
    {
        var userId = UserId(user);
        if (userId is null)
        {
            return null;
        }

        var applicationId = GrantApplicationId.From(id);
        var application = await db.Applications.Include(a => a.Answers).SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var organisation = await db.Organisations.SingleAsync(o => o.Id == application.OrganisationId, cancellationToken);
        if (!organisation.HasMember(userId) && !(allowStaff && IsStaff(user)))
        {
            return null;
        }

        var round = await db.Rounds.SingleAsync(r => r.Id == application.RoundId, cancellationToken);
        var fund = await db.Funds.SingleAsync(f => f.Id == round.FundId, cancellationToken);
        return new LoadedApplication(application, round, fund, organisation);
    }

    /// <summary>The organisations the person belongs to, by name.</summary>
    public static async Task<IReadOnlyList<Organisation>> OrganisationsOfAsync(CommissioningDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var userId = UserId(user);
        return userId is null ? [] : await db.Organisations.AsNoTracking().Where(o => o.People.Any(p => p.UserId == userId)).OrderBy(o => o.Name).ToListAsync(cancellationToken);
    }
}
