using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Finance;

/// <summary>Records (or corrects) one organisation's supplier reference in the finance ledger; finance only.</summary>
[Authorize(Roles = Roles.Finance)]
public sealed class SupplierModel(CommissioningDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string? Reference { get; set; }

    public Organisation Organisation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Organisations.SingleOrDefaultAsync(o => o.Id == OrganisationId.From(id), cancellationToken) is not { } organisation)
        {
            return NotFound();
        }

        Organisation = organisation;
        Reference = organisation.SupplierReference;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Organisations.SingleOrDefaultAsync(o => o.Id == OrganisationId.From(id), cancellationToken) is not { } organisation)
        {
            return NotFound();
        }

        Organisation = organisation;
        try
        {
            organisation.RecordSupplierReference(Reference, User.Identity?.Name ?? throw new InvalidOperationException("A signed-in person has no name."), clock.GetUtcNow());
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(nameof(Reference), refusal.Message);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Finance.Notice"] = $"{organisation.Name}'s supplier reference is now {organisation.SupplierReference}.";
        return RedirectToPage("Suppliers");
    }
}
