using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.People;

/// <summary>
/// An administrator invites a member of staff: the account is made with the chosen staff roles and no password, and
/// the person is e-mailed a link to set one (which confirms the address). An address that already has an account is
/// not invited again: the answer says what to do instead (only administrators see it).
/// </summary>
public sealed class InviteStaffMember(CommissioningDbContext db, UserManager<AppUser> users, Outbox outbox, Letterhead letterhead, TimeProvider clock)
{
    /// <summary>What became of an invitation: the new account, or why none was made and whose account the address has.</summary>
    public sealed record Outcome(AppUser? Invited, string? Problem, string? ExistingStaffId);

    public async Task<Outcome> InviteAsync(string fullName, string email, IReadOnlyCollection<string> roles, string invitedBy, Func<string, string> linkTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var address = StaffEmail.Normalise(email) ?? throw new DomainException(StaffEmail.NotAnAddress(email));
        if (roles.Count == 0 || roles.Any(r => !Roles.Staff.Contains(r)))
        {
            throw new DomainException("Choose at least one of the office's roles for the person.");
        }

        try
        {
            return await InviteOnceAsync(fullName, address, roles, invitedBy, linkTo, cancellationToken);
        }
        catch (Exception clash) when (clash is DbUpdateException or DomainException)
        {
            // Someone else invited or registered the address at the same moment (the database's unique index, or
            // Identity's own check having seen the other's account, says so): say so, as for any existing account.
            if (await users.FindByEmailAsync(address) is not { } madeMeanwhile)
            {
                throw;
            }

            return await ExistingAccountAsync(madeMeanwhile);
        }
    }

    private async Task<Outcome> InviteOnceAsync(string fullName, string address, IReadOnlyCollection<string> roles, string invitedBy, Func<string, string> linkTo, CancellationToken cancellationToken) =>
        await Administrators.ChangeAsync(db, async () =>
        {
            if (await users.FindByEmailAsync(address) is { } existing)
            {
                return await ExistingAccountAsync(existing);
            }

            var user = new AppUser { UserName = address, Email = address, FullName = fullName.Trim() };
            StaffEmail.Succeeded(await users.CreateAsync(user));
            StaffEmail.Succeeded(await users.AddToRolesAsync(user, roles));
            await SetPasswordEmail.QueueAsync(outbox, users, letterhead, linkTo, user, roles, invitedBy);
            AccountHistory.Record(db, clock.GetUtcNow(), invitedBy, user, AccountHistory.Invited, roles);
            return new Outcome(user, null, null);
        }, cancellationToken);

    /// <summary>Sends a new link to someone invited who has not set their password yet (the first link lasts 24 hours).</summary>
    public async Task SendAgainAsync(string userId, string invitedBy, Func<string, string> linkTo, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new DomainException("There is no such account.");
        if (user.EmailConfirmed)
        {
            throw new DomainException($"{user.FullName} has already set a password. If they have forgotten it, they can reset it from the sign-in page.");
        }

        if (user.IsDeactivated)
        {
            throw new DomainException($"{user.FullName}'s account is deactivated. Reactivate it first.");
        }

        var roles = (await users.GetRolesAsync(user)).Where(Roles.Staff.Contains).ToList();
        await SetPasswordEmail.QueueAsync(outbox, users, letterhead, linkTo, user, roles, invitedBy);
        AccountHistory.Record(db, clock.GetUtcNow(), invitedBy, user, AccountHistory.InvitedAgain);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task<Outcome> ExistingAccountAsync(AppUser existing)
    {
        var roles = await users.GetRolesAsync(existing);
        if (roles.Any(Roles.Staff.Contains) || !roles.Contains(Roles.Applicant))
        {
            var what = existing.EmailConfirmed
                ? "Change their roles on their page instead."
                : "They have not set their password yet: send the invitation again from their page.";
            return new Outcome(null, $"{existing.Email} already has a staff account ({existing.FullName}). {what}", existing.Id);
        }

        return new Outcome(null, $"{existing.Email} already has an applicant's account, for someone applying on behalf of an organisation. Staff accounts are kept apart from applicants': invite the person with their office email address.", null);
    }
}
