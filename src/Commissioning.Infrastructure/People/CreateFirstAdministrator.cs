using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;

namespace Commissioning.Infrastructure.People;

/// <summary>
/// A new office's first administrator, made from the command line (<c>create-admin EMAIL</c>) on a database that has
/// none: the account, the Administrator role, its history and the e-mail with a link to set a password, saved
/// together. Once an administrator exists this refuses: every other account is made by an administrator.
/// </summary>
public sealed class CreateFirstAdministrator(CommissioningDbContext db, UserManager<AppUser> users, Outbox outbox, Letterhead letterhead, TimeProvider clock)
{
    public const string Actor = "create-admin (command line)";

    public const string AlreadyHasAdministrator =
        "This service already has an administrator, so create-admin does nothing. An administrator invites everyone else at Admin > People (/Admin/Users).";

    public async Task<AppUser> CreateAsync(string email, string? fullName, CancellationToken cancellationToken)
    {
        var address = StaffEmail.Normalise(email) ?? throw new DomainException(StaffEmail.NotAnAddress(email));
        return await Administrators.ChangeAsync(db, async () =>
        {
            if (await Administrators.AnyAsync(db, cancellationToken))
            {
                throw new DomainException(AlreadyHasAdministrator);
            }

            if (await users.FindByEmailAsync(address) is not null)
            {
                throw new DomainException($"There is already an account with the address {address}. Give another address for the administrator, such as the office's own.");
            }

            var user = new AppUser { UserName = address, Email = address, FullName = string.IsNullOrWhiteSpace(fullName) ? address : fullName.Trim() };
            StaffEmail.Succeeded(await users.CreateAsync(user));
            StaffEmail.Succeeded(await users.AddToRoleAsync(user, Roles.Admin));
            await SetPasswordEmail.QueueAsync(outbox, users, letterhead, letterhead.LinkTo, user, [Roles.Admin], invitedBy: null);
            AccountHistory.Record(db, clock.GetUtcNow(), Actor, user, AccountHistory.CreatedFirstAdministrator, [Roles.Admin]);
            return user;
        }, cancellationToken);
    }
}
