using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.CaseFiles;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Pages.Applications;
using Commissioning.Web.Workflows;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Staff.Applications;

/// <summary>The PDF copy of a submitted application, for the members of staff whose roles may have it (<see cref="CaseFileParts.Pdf"/>); anyone else gets 404.</summary>
[Authorize(Roles = CaseFileAccess.CaseFileRoles)]
public sealed class PdfModel(OpenCaseFile open, CommissioningDbContext db, IOptions<ServiceOptions> service) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var actor = WorkflowPeople.ActorFor(User);
        if (actor.UserId is null || !(await open.PartsForAsync(GrantApplicationId.From(id), actor.UserId, actor.Roles, cancellationToken)).HasFlag(CaseFileParts.Pdf))
        {
            return NotFound();
        }

        var loaded = await LoadedApplication.LoadAsync(db, id, _ => true, cancellationToken);
        return loaded is null ? NotFound() : await Pages.Applications.PdfModel.DownloadAsync(this, db, service.Value, loaded, cancellationToken);
    }
}
