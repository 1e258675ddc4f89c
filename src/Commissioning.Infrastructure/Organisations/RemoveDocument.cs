using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Files;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Organisations;

/// <summary>
/// A member removes one of the organisation's other documents it no longer needs, making room under the upload quota:
/// its record and its file are deleted (the removal is in the audit log, like every change).
/// </summary>
public sealed class RemoveDocument(CommissioningDbContext db, UploadStore uploads)
{
    private const int MaxAttempts = 10;

    /// <summary>Removes the document and returns it; null if the organisation has no such document.</summary>
    /// <exception cref="DomainException">The document is a required one, which is replaced rather than removed.</exception>
    public async Task<OrganisationDocument?> RunAsync(OrganisationId organisationId, DocumentId documentId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var organisation = await db.Organisations.Include(o => o.Documents).SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
            if (organisation is null || organisation.Documents.All(d => d.Id != documentId))
            {
                return null;
            }

            var removed = organisation.RemoveDocument(documentId);
            db.TouchDocuments(organisation);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                uploads.Delete(removed.StoredName);
                return removed;
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Someone changed the organisation's documents a moment ago: read them again.
            }
            catch (DbUpdateConcurrencyException)
            {
                db.ChangeTracker.Clear();
                throw new DomainException("Many people are changing this organisation's documents at once, so the document was not removed. Try again.");
            }
        }
    }
}
