using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.CaseFiles;
using Commissioning.Infrastructure.Files;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Workflows;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations.Profile;

/// <summary>
/// One of an organisation's documents, as an attachment, for its members and the members of staff whose roles may see
/// an organisation's documents (<see cref="CaseFileAccess"/>: not assessors); anyone else gets 404.
/// </summary>
[Authorize]
public sealed class DocumentModel(CommissioningDbContext db, UserManager<AppUser> users, UploadStore uploads) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, Guid documentId, CancellationToken cancellationToken)
    {
        var organisationId = OrganisationId.From(id);
        var isStaff = CaseFileAccess.PartsFor(WorkflowPeople.ActorFor(User).Roles, assessingIt: false).HasFlag(CaseFileParts.OrganisationDocuments);
        var userId = users.GetUserId(User);
        if (!isStaff && !await db.Set<OrganisationPerson>().AnyAsync(p => p.OrganisationId == organisationId && p.UserId == userId, cancellationToken))
        {
            return NotFound();
        }

        var document = await db.Set<OrganisationDocument>().AsNoTracking()
            .SingleOrDefaultAsync(d => d.Id == DocumentId.From(documentId) && d.OrganisationId == organisationId, cancellationToken);
        if (document is null || uploads.Open(document.StoredName) is not { } content)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return File(content, document.ContentType, document.FileName);
    }

    /// <summary>Nothing is posted to a download.</summary>
    public IActionResult OnPost() => NotFound();
}
