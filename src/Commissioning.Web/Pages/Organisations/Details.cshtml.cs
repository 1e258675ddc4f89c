using System.ComponentModel.DataAnnotations;
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

/// <summary>
/// An organisation, for its members only: its details and people, requests to join it (which a member approves
/// or declines), its invitations, and a form to invite a colleague. Anyone else gets 404, whatever they ask for.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class DetailsModel(CommissioningDbContext db, UserManager<AppUser> users, OrganisationEmails emails, MembershipEmailLimits limits, TimeProvider clock, ILogger<DetailsModel> logger) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    /// <summary>The signed-in member's account id: their own row in the people table offers "Leave" rather than "Remove".</summary>
    public string Me => UserId();

    /// <summary>The address to invite, from the invite form only (so that the other forms on the page are not checked for it).</summary>
    [BindProperty]
    public string? InviteEmail { get; set; }

    public IReadOnlyList<JoinRequest> PendingRequests => [.. Organisation.JoinRequests.Where(r => r.Status == JoinRequestStatus.Pending).OrderBy(r => r.RequestedAt)];

    public IReadOnlyList<Invitation> InvitationsNewestFirst => [.. Organisation.Invitations.OrderByDescending(i => i.InvitedAt)];

    /// <summary>A member's name from their sign-in account id, for "invited by".</summary>
    public string NameOf(string userId) => Organisation.People.FirstOrDefault(p => p.UserId == userId)?.FullName ?? "A former member";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostApproveAsync(Guid id, Guid requestId, CancellationToken cancellationToken) =>
        DecideAsync(id, requestId, approve: true, cancellationToken);

    public Task<IActionResult> OnPostDeclineAsync(Guid id, Guid requestId, CancellationToken cancellationToken) =>
        DecideAsync(id, requestId, approve: false, cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var email = InviteEmail?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            ModelState.AddModelError(nameof(InviteEmail), "Enter the email address of the person to invite");
            return Page();
        }

        if (email.Length > OrganisationPerson.EmailMaxLength || !new EmailAddressAttribute().IsValid(email))
        {
            ModelState.AddModelError(nameof(InviteEmail), "Enter an email address in the correct format, like name@example.org");
            return Page();
        }

        var me = UserId();
        if (await limits.RefuseInvitationAsync(Organisation.Id, me, HttpContext, cancellationToken) is { } tooMany)
        {
            return tooMany;
        }

        try
        {
            var (invitation, token) = Organisation.Invite(email, me, Now);
            emails.QueueInvitation(Organisation, invitation, token, NameOf(me), Request);
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(nameof(InviteEmail), refusal.Message);
            return Page();
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{User} invited someone to organisation {Organisation}", me, Organisation.Id);
        TempData[Notice.Key] = $"We have emailed an invitation to {email}. It works for {Invitation.ValidFor.Days} days.";
        return Redirect($"/Organisations/{Organisation.Id}");
    }

    private async Task<IActionResult> DecideAsync(Guid id, Guid requestId, bool approve, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var request = Organisation.JoinRequests.FirstOrDefault(r => r.Id == JoinRequestId.From(requestId));
        if (request is null)
        {
            return NotFound();
        }

        try
        {
            if (approve)
            {
                Organisation.ApproveJoinRequest(request.Id, UserId(), Now);
            }
            else
            {
                Organisation.DeclineJoinRequest(request.Id, UserId(), Now);
            }
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(string.Empty, refusal.Message);
            return Page();
        }

        emails.QueueJoinDecided(Organisation, request, Request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another member let the same person in at the same moment (the person's e-mail is unique in an organisation).
            db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            ModelState.AddModelError(string.Empty, $"Another member has just dealt with {request.FullName}'s request. Check the lists below.");
            return Page();
        }

        logger.LogInformation("{User} {Decision} join request {Request} of organisation {Organisation}", UserId(), approve ? "approved" : "declined", request.Id, Organisation.Id);
        TempData[Notice.Key] = approve
            ? $"{request.FullName} is now a member of {Organisation.Name}. We have emailed them to say so."
            : $"You declined {request.FullName}'s request to join. We have emailed them to say so.";
        return Redirect($"/Organisations/{Organisation.Id}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var organisation = await db.ForMemberAsync(id, UserId(), cancellationToken);
        if (organisation is null)
        {
            return false;
        }

        Organisation = organisation;
        return true;
    }

    private string UserId() => users.GetUserId(User) ?? throw new InvalidOperationException("A signed-in person has no user id.");
}
