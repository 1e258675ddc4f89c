using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Rounds;

/// <summary>
/// Loads what the service's records say about an organisation applying to a round (<see cref="ApplicantRecord"/>),
/// for the round's own eligibility rule to judge: the eligibility page, submission and due diligence all use this.
/// </summary>
public static class ApplicantRecords
{
    public static async Task<ApplicantRecord> LoadAsync(DbContext db, FundingRound round, Organisation organisation, CancellationToken cancellationToken)
    {
        var organisationId = organisation.Id;
        var fundId = round.FundId;
        var roundId = round.Id;
        var awards = await db.Set<Award>().AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && a.FundId == fundId && a.Status != AwardStatus.Withdrawn)
            .ToListAsync(cancellationToken);
        var applications = await db.Set<GrantApplication>().AsNoTracking()
            .Where(a => a.OrganisationId == organisationId && a.RoundId == roundId)
            .ToListAsync(cancellationToken);
        return new ApplicantRecord(organisation, awards, applications);
    }

    public static async Task<ApplicantRecord> LoadAsync(DbContext db, FundingRound round, OrganisationId organisationId, CancellationToken cancellationToken)
    {
        var organisation = await db.Set<Organisation>().AsNoTracking().SingleAsync(o => o.Id == organisationId, cancellationToken);
        return await LoadAsync(db, round, organisation, cancellationToken);
    }
}
