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
/// The link in an invitation e-mail. Someone not signed in is sent to sign in (or to create an account) and comes
/// back here with the token in the return address; then they accept and become a member.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class InvitationModel(CommissioningDbContext db, UserManager<AppUser> users, TimeProvider clock, ILogger<InvitationModel> logger) : PageModel
{
    public enum State
    {
        Unknown,
        Open,
        AlreadyMember,
        Used,
        Expired,
        OtherAddress,
    }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public State Status { get; private set; }

    public Organisation? Organisation { get; private set; }

    public Domain.Organisations.Invitation? Invitation { get; private set; }

    public AppUser Account { get; private set; } = null!;

    public string InviterName => Organisation?.People.FirstOrDefault(p => p.UserId == Invitation?.InvitedBy)?.FullName ?? "A member";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Status == State.Unknown)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (Organisation is null || Invitation is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        try
        {
            Organisation.AcceptInvitation(Invitation.Id, Account.Id, Account.FullName, Account.Email!, clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException refusal)
        {
            ModelState.AddModelError(string.Empty, refusal.Message);
            return Page();
        }
        catch (DbUpdateException)
        {
            // The same link used twice at the same moment: the first one counted.
            db.ChangeTracker.Clear();
            await LoadAsync(cancellationToken);
            return Page();
        }

        logger.LogInformation("{User} accepted an invitation to organisation {Organisation}", Account.Id, Organisation.Id);
        TempData[Notice.Key] = $"You are now a member of {Organisation.Name}.";
        return Redirect($"/Organisations/{Organisation.Id}");
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Account = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        Status = State.Unknown;
        if (string.IsNullOrWhiteSpace(Token) || Token.Length > 200)
        {
            return;
        }

        var hash = Domain.Organisations.Invitation.HashOf(Token.Trim());
        Organisation = await db.Organisations
            .Include(o => o.Invitations)
            .Include(o => o.JoinRequests)
            .AsSplitQuery()
            .SingleOrDefaultAsync(o => o.Invitations.Any(i => i.TokenHash == hash), cancellationToken);
        Invitation = Organisation?.Invitations.Single(i => i.TokenHash == hash);
        if (Organisation is null || Invitation is null)
        {
            return;
        }

        Status = Organisation.HasMember(Account.Id) ? State.AlreadyMember
            : Invitation.AcceptedAt is not null ? State.Used
            : !Invitation.IsOpenAt(clock.GetUtcNow()) ? State.Expired
            : !string.Equals(Invitation.Email, Account.Email, StringComparison.OrdinalIgnoreCase) ? State.OtherAddress
            : State.Open;
    }
}
