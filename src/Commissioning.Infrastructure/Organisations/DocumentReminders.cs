using System.Globalization;
using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Commissioning.Infrastructure.Organisations;

public enum DocumentReminderKind
{
    /// <summary>The document expires within <see cref="Organisation.ExpiresSoonDays"/> days.</summary>
    ExpiresSoon = 1,

    /// <summary>The day after the document's last day.</summary>
    Expired = 2,
}

/// <summary>
/// A reminder that has been sent about one document. Its key (document, kind) is what stops the same reminder going
/// twice, even when two nodes run the job at once; a new upload is a new document, so its reminders start afresh.
/// </summary>
public sealed class DocumentReminder
{
    public DocumentId DocumentId { get; set; }

    public DocumentReminderKind Kind { get; set; }

    public OrganisationId OrganisationId { get; set; }

    /// <summary>The document's expiry date when the reminder was sent.</summary>
    public DateOnly ExpiresOn { get; set; }

    public DateTimeOffset SentAt { get; set; }

    /// <summary>How many people it was e-mailed to (none if the organisation had nobody to tell).</summary>
    public int Recipients { get; set; }
}

/// <summary>
/// E-mails an organisation's main contact and members once when a current document (the latest of its kind) is
/// <see cref="Organisation.ExpiresSoonDays"/> days from expiry, and once when it has expired, so that it is replaced
/// before the office has to stop a grant for want of it. The e-mails and the record of them are saved together, so
/// the daily job (<see cref="Jobs.ScheduledJobs.DocumentExpiryReminders"/>) is safe to run twice.
/// </summary>
public sealed class DocumentReminders(CommissioningDbContext db, Outbox outbox, Letterhead letterhead, TimeProvider clock, ILogger<DocumentReminders> logger)
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Sends the reminders due today (UK date); returns how many documents were reminded about.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = UkTime.DateOf(now);
        var horizon = today.AddDays(Organisation.ExpiresSoonDays);
        var documents = db.Set<OrganisationDocument>();
        var reminders = db.Set<DocumentReminder>();
        var candidates = await documents.AsNoTracking()
            .Where(d => d.ExpiresOn != null && d.ExpiresOn <= horizon)
            .Where(d => !documents.Any(newer => newer.OrganisationId == d.OrganisationId && newer.Kind == d.Kind && newer.UploadedAt > d.UploadedAt))
            .Where(d => !reminders.Any(r => r.DocumentId == d.Id && r.Kind == DocumentReminderKind.Expired))
            .ToListAsync(cancellationToken);
        var ids = candidates.Select(d => d.Id).ToList();
        var sent = (await reminders.AsNoTracking().Where(r => ids.Contains(r.DocumentId)).Select(r => new { r.DocumentId, r.Kind }).ToListAsync(cancellationToken))
            .Select(r => (r.DocumentId, r.Kind)).ToHashSet();
        var due = candidates
            .Select(d => (Document: d, Kind: d.ExpiresOn < today ? DocumentReminderKind.Expired : DocumentReminderKind.ExpiresSoon))
            .Where(d => !sent.Contains((d.Document.Id, d.Kind)))
            .ToList();

        var count = 0;
        foreach (var forOrganisation in due.GroupBy(d => d.Document.OrganisationId))
        {
            var organisation = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == forOrganisation.Key, cancellationToken);
            var recipients = organisation.People
                .Where(p => p.Role == PersonRole.MainContact || p.UserId is not null)
                .DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase)
                .ToList();
            foreach (var (document, kind) in forOrganisation)
            {
                foreach (var person in recipients)
                {
                    outbox.Enqueue(person.Email, Subject(organisation, document, kind), Body(organisation, document, kind, person));
                }

                db.Add(new DocumentReminder { DocumentId = document.Id, Kind = kind, OrganisationId = organisation.Id, ExpiresOn = document.ExpiresOn!.Value, SentAt = now, Recipients = recipients.Count });
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                count += forOrganisation.Count();
            }
            catch (DbUpdateException ex)
            {
                // Another node sent these reminders at the same moment: its record stands, and these e-mails are not sent.
                db.ChangeTracker.Clear();
                logger.LogWarning(ex, "Document reminders for organisation {Organisation} were already recorded; not sending them again", organisation.Id);
            }
        }

        if (count > 0)
        {
            logger.LogInformation("Sent {Count} document expiry reminders", count);
        }

        return count;
    }

    private static string Subject(Organisation organisation, OrganisationDocument document, DocumentReminderKind kind) => kind == DocumentReminderKind.Expired
        ? $"{organisation.Name}'s {NameOf(document.Kind)} has expired"
        : $"{organisation.Name}'s {NameOf(document.Kind)} expires on {DateOf(document)}";

    private string Body(Organisation organisation, OrganisationDocument document, DocumentReminderKind kind, OrganisationPerson person)
    {
        var link = letterhead.LinkTo($"/Organisations/{organisation.Id}/Documents");
        var what = $"{organisation.Name}'s {NameOf(document.Kind)} ({document.FileName})";
        return kind == DocumentReminderKind.Expired
            ? letterhead.Letter(person.FullName,
                $"{what} expired at the end of {DateOf(document)}.",
                $"Upload the current one as soon as you can. Until you do, the office may not be able to assess {organisation.Name}'s applications or pay its grants.",
                $"Sign in and upload it here: {link}",
                $"You are getting this email because you are a member of {organisation.Name} on {letterhead.ServiceName}.")
            : letterhead.Letter(person.FullName,
                $"{what} expires on {DateOf(document)}.",
                $"Upload the new one before then, so that {organisation.Name} can keep applying for grants and being paid.",
                $"Sign in and upload it here: {link}",
                $"You are getting this email because you are a member of {organisation.Name} on {letterhead.ServiceName}.");
    }

    private static string DateOf(OrganisationDocument document) => document.ExpiresOn!.Value.ToString("d MMMM yyyy", UkCulture);

    /// <summary>The kind of document as it reads mid-sentence ("Riverside's insurance certificate expires...").</summary>
    private static string NameOf(DocumentKind kind) => kind switch
    {
        DocumentKind.GoverningDocument => "governing document",
        DocumentKind.LatestAccounts => "latest accounts",
        DocumentKind.SafeguardingPolicy => "safeguarding policy",
        DocumentKind.Insurance => "insurance certificate",
        _ => "document",
    };
}
