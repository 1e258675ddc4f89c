using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations;

/// <summary>Asks to join an organisation found by searching, with a short message for its members, who are e-mailed.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class AskToJoinModel(CommissioningDbContext db, UserManager<AppUser> users, OrganisationEmails emails, MembershipEmailLimits limits, TimeProvider clock, ILogger<AskToJoinModel> logger) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;

    [BindProperty]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        try
        {
            Text.Optional(Message, "message", JoinRequest.MessageMaxLength);
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(nameof(Message), refusal.Message);
            return Page();
        }

        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        if (await limits.RefuseJoinRequestAsync(Organisation.Id, user.Id, HttpContext, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        JoinRequest request;
        try
        {
            request = Organisation.RequestToJoin(user.Id, user.FullName, user.Email!, Message, clock.GetUtcNow());
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(string.Empty, refusal.Message);
            return Page();
        }

        emails.QueueJoinRequested(Organisation, request, Request);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{User} asked to join organisation {Organisation}", user.Id, Organisation.Id);
        TempData[Notice.Key] = $"You have asked to join {Organisation.Name}. We have emailed its members, and will email you when one of them answers.";
        return RedirectToPage("Index");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var organisationId = OrganisationId.From(id);
        var organisation = await db.Organisations.Include(o => o.JoinRequests).AsSplitQuery().SingleOrDefaultAsync(o => o.Id == organisationId, cancellationToken);
        if (organisation is null)
        {
            return false;
        }

        Organisation = organisation;
        return true;
    }
}
