using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Organisations;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Finance;

/// <summary>
/// Organisations whose bank details have changed and wait for finance to verify them (by calling the organisation
/// on a number the office already holds); verifying releases the hold on their payments.
/// </summary>
[Authorize(Roles = Roles.Finance)]
public sealed class BankDetailsModel(CommissioningDbContext db, BankDetailsVault vault, UserManager<AppUser> users, TimeProvider clock, ILogger<BankDetailsModel> logger) : PageModel
{
    public IReadOnlyList<(Organisation Organisation, BankAccountDetails? Details)> Waiting { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <summary>Verifies the details the page showed, named by their digest; if they changed since, nothing is verified (409) and the current details are shown.</summary>
    public async Task<IActionResult> OnPostVerifyAsync(Guid organisationId, string? digest, CancellationToken cancellationToken)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == OrganisationId.From(organisationId), cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }

        var me = users.GetUserId(User) ?? throw new InvalidOperationException("A signed-in person has no user id.");
        var current = await vault.ReadAsync(organisation.Id, cancellationToken);
        try
        {
            if (current is null)
            {
                throw new DomainException($"{organisation.Name} has not given bank details to verify.");
            }

            organisation.VerifyBankDetails(current, digest, me, clock.GetUtcNow());
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(string.Empty, refusal.Message);
            await LoadAsync(cancellationToken);
            var changedSinceShown = current is not null && organisation.BankDetailsStatus == BankDetailsStatus.AwaitingVerification && !current.AreTheOnesSeen(digest);
            return changedSinceShown ? new PageResult { StatusCode = StatusCodes.Status409Conflict } : Page();
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, $"{organisation.Name}'s bank details have changed since you opened the page, so nothing was verified. Check the details shown below with the organisation, then verify them.");
            await LoadAsync(cancellationToken);
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }

        logger.LogInformation("{User} verified the bank details of organisation {Organisation}", me, organisation.Id);
        TempData["Finance.Notice"] = $"You verified the bank details of {organisation.Name}. Its payments are no longer on hold.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var organisations = await db.Organisations.AsNoTracking()
            .Where(o => o.BankDetailsStatus == BankDetailsStatus.AwaitingVerification)
            .OrderBy(o => o.Name)
            .ToListAsync(cancellationToken);
        var waiting = new List<(Organisation, BankAccountDetails?)>();
        foreach (var organisation in organisations)
        {
            waiting.Add((organisation, await vault.ReadAsync(organisation.Id, cancellationToken)));
        }

        Waiting = waiting;
    }
}
