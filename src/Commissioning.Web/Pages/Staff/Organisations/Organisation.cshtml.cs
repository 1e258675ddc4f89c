using Commissioning.Domain.Common;
using Commissioning.Infrastructure.CaseFiles;
using Commissioning.Web.Workflows;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Staff.Organisations;

/// <summary>An organisation as the office sees it: its profile, documents, applications and awards, and bank status, each as the person's roles allow.</summary>
[Authorize(Roles = CaseFileAccess.DirectoryRoles)]
public sealed class OrganisationModel(OpenOrganisationFile open, TimeProvider clock) : PageModel
{
    public OrganisationFile Record { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        Today = UkTime.DateOf(clock.GetUtcNow());
        if (await open.RunAsync(id, WorkflowPeople.ActorFor(User).Roles, Today, cancellationToken) is not { } record)
        {
            return NotFound();
        }

        Record = record;
        return Page();
    }
}
