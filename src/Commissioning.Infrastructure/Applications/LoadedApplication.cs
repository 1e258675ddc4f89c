using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Applications;

/// <summary>An application with what its pages and use cases need: its round, fund and organisation.</summary>
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

    /// <summary>
    /// Loads an application, tracked and with its answers, when <paramref name="mayOpen"/> lets the person open it
    /// given its organisation; null for no such application or someone who may not open it.
    /// </summary>
    public static async Task<LoadedApplication?> LoadAsync(CommissioningDbContext db, Guid id, Func<Organisation, bool> mayOpen, CancellationToken cancellationToken)
    {
        var applicationId = GrantApplicationId.From(id);
        var application = await db.Applications.Include(a => a.Answers).SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var organisation = await db.Organisations.SingleAsync(o => o.Id == application.OrganisationId, cancellationToken);
        if (!mayOpen(organisation))
        {
            return null;
        }

        var round = await db.Rounds.SingleAsync(r => r.Id == application.RoundId, cancellationToken);
        var fund = await db.Funds.SingleAsync(f => f.Id == round.FundId, cancellationToken);
        return new LoadedApplication(application, round, fund, organisation);
    }
}
