using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Files;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Organisations;

/// <summary>
/// A member uploads one of the organisation's documents. The organisation's upload quota is asked before the file is
/// kept, so a file over quota never reaches the disk, and again when the document is saved, under the organisation's
/// documents revision: of several uploads at once only those the quota has room for are saved (whoever loses the race
/// reads again and is asked again), and the file of a refused one is deleted. A document of a required kind replaces
/// the one before it; nothing shows or serves a replaced document, so its file is deleted once the new one is saved and
/// only its record stays.
/// </summary>
public sealed class UploadDocument(CommissioningDbContext db, UploadStore uploads, UploadQuotas quotas, TimeProvider clock)
{
    private const int MaxAttempts = 100;

    public abstract record Result;

    /// <summary>The document is saved.</summary>
    public sealed record Uploaded(OrganisationDocument Document) : Result;

    /// <summary>Nothing was saved and no file kept; the message says what to do.</summary>
    public sealed record Refused(string Message) : Result;

    /// <param name="organisationId">The organisation; the caller has checked the person is one of its members.</param>
    /// <param name="kind">What kind of document it is.</param>
    /// <param name="date">Its expiry date, or the end of the accounts' period (see <see cref="Organisation.CheckDocumentDate"/>).</param>
    /// <param name="content">The file's content.</param>
    /// <param name="fileName">The file's name on the person's computer.</param>
    /// <param name="length">The file's length as received.</param>
    public async Task<Result> RunAsync(OrganisationId organisationId, DocumentKind kind, DateOnly? date, Stream content, string fileName, long length, CancellationToken cancellationToken)
    {
        var organisation = await LoadAsync(organisationId, cancellationToken);
        try
        {
            organisation.EnsureRoomForDocument(kind, length, quotas.PerOrganisation);
        }
        catch (DomainException refusal)
        {
            return new Refused(refusal.Message);
        }

        StoredUpload stored;
        try
        {
            stored = await uploads.SaveAsync(content, fileName, cancellationToken);
        }
        catch (DomainException refusal)
        {
            return new Refused(refusal.Message);
        }

        var file = new StoredDocument(stored.FileName, stored.StoredName, stored.ContentType, stored.SizeInBytes);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var document = organisation.AddDocument(kind, file, clock.GetUtcNow(), date, quotas.PerOrganisation);
                db.TouchDocuments(organisation);
                await db.SaveChangesAsync(cancellationToken);
                foreach (var replaced in organisation.ReplacedDocuments)
                {
                    uploads.Delete(replaced.StoredName);
                }

                return new Uploaded(document);
            }
            catch (DomainException refusal)
            {
                return Refuse(stored, refusal.Message);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // Someone changed the organisation's documents a moment ago: read them again and ask the quota again.
                await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
                organisation = await LoadAsync(organisationId, cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                return Refuse(stored, "Many people are changing this organisation's documents at once, so this one was not uploaded. Try again.");
            }
        }
    }

    private Refused Refuse(StoredUpload stored, string message)
    {
        db.ChangeTracker.Clear();
        uploads.Delete(stored.StoredName);
        return new Refused(message);
    }

    private async Task<Organisation> LoadAsync(OrganisationId organisationId, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        return await db.Organisations.Include(o => o.Documents).SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken)
            ?? throw new DomainException("That organisation no longer exists.");
    }
}
