using Commissioning.Domain.Organisations;

namespace Commissioning.Infrastructure.Persistence;

/// <summary>
/// The concurrency token of an organisation's documents, kept out of the domain: it only guards saves, so that two
/// uploads at once cannot both pass the upload quota on what each read before the other was saved.
/// </summary>
public static class OrganisationDocumentsRevision
{
    public const string Property = "DocumentsRevision";

    /// <summary>Marks the organisation's documents changed, so saving fails if someone else changed them since they were read.</summary>
    public static void TouchDocuments(this CommissioningDbContext db, Organisation organisation)
    {
        ArgumentNullException.ThrowIfNull(db);
        var revision = db.Entry(organisation).Property<long>(Property);
        revision.CurrentValue = revision.CurrentValue + 1;
    }
}
