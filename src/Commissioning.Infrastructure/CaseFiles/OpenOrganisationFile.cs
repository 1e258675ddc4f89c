using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.CaseFiles;

/// <summary>Who the organisation is: what every member of staff who may see an organisation is shown.</summary>
public sealed record OrganisationSummary(
    OrganisationId Id,
    string Name,
    LegalForm LegalForm,
    string? CharityNumber,
    string? CompanyNumber,
    string? LocalAuthorityCode,
    string? OrgId,
    PostalAddress? Address,
    string? MainContact,
    string? SafeguardingLead);

/// <summary>One of the documents an organisation holds now, with how current it is.</summary>
public sealed record DocumentRow(DocumentId Id, DocumentKind Kind, string FileName, DateTimeOffset UploadedAt, DateOnly? ExpiresOn, DocumentStatus Status);

/// <summary>The documents the office checks before it pays a grant: each required kind's status, and every document held.</summary>
public sealed record OrganisationDocuments(IReadOnlyList<(DocumentKind Kind, DocumentStatus Status)> Required, IReadOnlyList<DocumentRow> Held);

/// <summary>One of an organisation's applications, in any fund.</summary>
public sealed record ApplicationRow(GrantApplicationId Id, string? Reference, string ProjectTitle, ApplicationStatus Status, string Round, string Fund, DateTimeOffset StartedAt, DateTimeOffset? SubmittedAt);

/// <summary>One of an organisation's awards, in any fund.</summary>
public sealed record AwardRow(AwardId Id, GrantApplicationId? ApplicationId, string Fund, FinancialYear Year, Money Amount, Money PaidSoFar, AwardStatus Status, DateOnly AwardDate)
{
    public static string Describe(AwardStatus status) => status switch
    {
        AwardStatus.Committed => "Committed",
        AwardStatus.Offered => "Offered",
        AwardStatus.Accepted => "Accepted",
        AwardStatus.Active => "Active",
        AwardStatus.Closed => "Closed",
        _ => "Withdrawn",
    };
}

/// <summary>Whether the organisation's bank details are given and verified; only the masked parts are ever read.</summary>
public sealed record BankStatusRow(BankDetailsStatus Status, string? AccountName, string? MaskedSortCode, string? MaskedAccountNumber, DateTimeOffset? VerifiedAt, string? SupplierReference)
{
    public bool PaymentsOnHold => Status != BankDetailsStatus.Verified;
}

/// <summary>An organisation's record as one member of staff may see it: each part is null when their roles may not see it.</summary>
public sealed record OrganisationFile(
    CaseFileParts Parts,
    OrganisationSummary Organisation,
    OrganisationDocuments? Documents,
    IReadOnlyList<ApplicationRow>? Applications,
    IReadOnlyList<AwardRow>? Awards,
    BankStatusRow? Bank);

/// <summary>
/// Reads an organisation's record for a member of staff, only the parts <see cref="CaseFileAccess"/> lets their
/// roles see; null for no such organisation or someone who may not see organisations at all.
/// </summary>
public sealed class OpenOrganisationFile(CommissioningDbContext db)
{
    /// <summary>The parts of an organisation's record (as opposed to one application's) that the directory shows.</summary>
    public const CaseFileParts OrganisationParts = CaseFileParts.OrganisationProfile | CaseFileParts.OrganisationDocuments
        | CaseFileParts.OtherApplicationsAndAwards | CaseFileParts.BankStatus;

    public async Task<OrganisationFile?> RunAsync(Guid id, IReadOnlyCollection<string> roles, DateOnly today, CancellationToken cancellationToken)
    {
        // Assessors see an organisation only through the application they assess, never by browsing the directory.
        var parts = CaseFileAccess.PartsFor(roles, assessingIt: false) & OrganisationParts;
        if (!parts.HasFlag(CaseFileParts.OrganisationProfile))
        {
            return null;
        }

        return await ReadAsync(OrganisationId.From(id), parts, null, today, cancellationToken);
    }

    /// <summary>The organisation's parts of a case file, leaving out <paramref name="except"/> from its applications.</summary>
    internal async Task<OrganisationFile?> ReadAsync(OrganisationId id, CaseFileParts parts, GrantApplicationId? except, DateOnly today, CancellationToken cancellationToken)
    {
        var query = db.Organisations.AsNoTracking();
        if (parts.HasFlag(CaseFileParts.OrganisationDocuments))
        {
            query = query.Include(o => o.Documents);
        }

        var organisation = await query.SingleOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (organisation is null || !parts.HasFlag(CaseFileParts.OrganisationProfile))
        {
            return null;
        }

        var summary = new OrganisationSummary(organisation.Id, organisation.Name, organisation.LegalForm, organisation.CharityNumber, organisation.CompanyNumber,
            organisation.LocalAuthorityCode, organisation.OrgId, organisation.Address, organisation.MainContact?.FullName, organisation.SafeguardingLead?.FullName);
        var documents = parts.HasFlag(CaseFileParts.OrganisationDocuments)
            ? new OrganisationDocuments(
                [.. Organisation.RequiredDocuments.Select(k => (k, organisation.StatusOf(k, today)))],
                [.. organisation.HeldDocuments.OrderBy(d => d.Kind).ThenByDescending(d => d.UploadedAt)
                    .Select(d => new DocumentRow(d.Id, d.Kind, d.FileName, d.UploadedAt, d.ExpiresOn, d.StatusOn(today)))])
            : null;

        IReadOnlyList<ApplicationRow>? applications = null;
        IReadOnlyList<AwardRow>? awards = null;
        if (parts.HasFlag(CaseFileParts.OtherApplicationsAndAwards))
        {
            var rows = await (
                from application in db.Applications.AsNoTracking()
                join round in db.Rounds.AsNoTracking() on application.RoundId equals round.Id
                join fund in db.Funds.AsNoTracking() on round.FundId equals fund.Id
                where application.OrganisationId == id
                select new { application.Id, application.Reference, application.ProjectTitle, application.Status, Round = round.Title, Fund = fund.Name, application.StartedAt, application.SubmittedAt })
                .ToListAsync(cancellationToken);
            applications = [.. rows.Where(r => r.Id != except).OrderByDescending(r => r.StartedAt)
                .Select(r => new ApplicationRow(r.Id, r.Reference, r.ProjectTitle, r.Status, r.Round, r.Fund, r.StartedAt, r.SubmittedAt))];
            awards = await AwardsAsync(db, id, null, cancellationToken);
        }

        BankStatusRow? bank = parts.HasFlag(CaseFileParts.BankStatus)
            ? new BankStatusRow(organisation.BankDetailsStatus, organisation.BankAccountName, organisation.MaskedSortCode, organisation.MaskedAccountNumber, organisation.BankDetailsVerifiedAt, organisation.SupplierReference)
            : null;
        return new OrganisationFile(parts, summary, documents, applications, awards, bank);
    }

    internal static async Task<IReadOnlyList<AwardRow>> AwardsAsync(CommissioningDbContext db, OrganisationId organisationId, GrantApplicationId? applicationId, CancellationToken cancellationToken)
    {
        var query = db.Awards.AsNoTracking().Include(a => a.Instalments).Where(a => a.OrganisationId == organisationId);
        if (applicationId is { } only)
        {
            query = query.Where(a => a.GrantApplicationId == only);
        }

        var awards = await query.ToListAsync(cancellationToken);
        var fundIds = awards.Select(a => a.FundId).Distinct().ToList();
        var funds = await db.Funds.AsNoTracking().Where(f => fundIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.Name, cancellationToken);
        return [.. awards.OrderByDescending(a => a.AwardDate)
            .Select(a => new AwardRow(a.Id, a.GrantApplicationId, funds[a.FundId], a.Year, a.Amount, a.PaidSoFar, a.Status, a.AwardDate))];
    }
}
