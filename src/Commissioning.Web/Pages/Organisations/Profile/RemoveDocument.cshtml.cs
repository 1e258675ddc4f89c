using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations.Profile;

/// <summary>
/// Removing one of the organisation's other documents, after saying so, to make room under the upload quota. Members
/// only; a document the organisation does not hold is a 404. A required document is replaced, not removed.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class RemoveDocumentModel(CommissioningDbContext db, UserManager<AppUser> users, TimeProvider clock, Infrastructure.Organisations.RemoveDocument remove, ILogger<RemoveDocumentModel> logger)
    : MemberPageModel(db, users, clock)
{
    public OrganisationDocument Document { get; private set; } = null!;

    /// <summary>Why this document cannot be removed, shown instead of the question; null when it can.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid documentId, CancellationToken cancellationToken) =>
        await LoadDocumentAsync(id, documentId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, Guid documentId, CancellationToken cancellationToken)
    {
        if (!await LoadDocumentAsync(id, documentId, cancellationToken))
        {
            return NotFound();
        }

        OrganisationDocument? removed;
        try
        {
            removed = await remove.RunAsync(Organisation.Id, Document.Id, cancellationToken);
        }
        catch (DomainException refusal)
        {
            Refusal = refusal.Message;
            ModelState.AddModelError(string.Empty, refusal.Message);
            return Page();
        }

        if (removed is null)
        {
            return NotFound();
        }

        logger.LogInformation("{User} removed document {Document} of organisation {Organisation}", UserId(), removed.Id, Organisation.Id);
        TempData[Notice.Key] = $"{removed.FileName} has been removed.";
        return Redirect($"/Organisations/{Organisation.Id}/Documents");
    }

    private async Task<bool> LoadDocumentAsync(Guid id, Guid documentId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return false;
        }

        await Db.Entry(Organisation).Collection(o => o.Documents).LoadAsync(cancellationToken);
        var document = Organisation.Documents.FirstOrDefault(d => d.Id == DocumentId.From(documentId));
        if (document is null)
        {
            return false;
        }

        Document = document;
        Refusal = document.Kind == DocumentKind.Other ? null : "A required document cannot be removed. Upload a newer one to replace it.";
        return true;
    }
}
