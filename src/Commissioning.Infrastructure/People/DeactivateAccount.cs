using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.People;

/// <summary>
/// An administrator deactivates an account, or reactivates it. Deactivating renews the account's security stamp, so
/// every session it has ends at its next request, and sign-in refuses it until it is reactivated; nothing is deleted,
/// so its history and everything it did stay. Nobody deactivates their own account, nor the last active administrator.
/// </summary>
public sealed class DeactivateAccount(CommissioningDbContext db, TimeProvider clock)
{
    public async Task<AppUser> DeactivateAsync(string userId, string deactivatedBy, string deactivatedById, CancellationToken cancellationToken) =>
        await Administrators.ChangeAsync(db, async () =>
        {
            var user = await FindAsync(userId, cancellationToken);
            if (user.IsDeactivated)
            {
                return user;
            }

            if (user.Id == deactivatedById)
            {
                throw new DomainException(Administrators.NotYourself);
            }

            await Administrators.EnsureAnotherActiveAsync(db, user, cancellationToken);
            user.DeactivatedAt = clock.GetUtcNow();
            user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            AccountHistory.Record(db, user.DeactivatedAt.Value, deactivatedBy, user, AccountHistory.Deactivated);
            return user;
        }, cancellationToken);

    public async Task<AppUser> ReactivateAsync(string userId, string reactivatedBy, CancellationToken cancellationToken) =>
        await Administrators.ChangeAsync(db, async () =>
        {
            var user = await FindAsync(userId, cancellationToken);
            if (!user.IsDeactivated)
            {
                return user;
            }

            user.DeactivatedAt = null;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            AccountHistory.Record(db, clock.GetUtcNow(), reactivatedBy, user, AccountHistory.Reactivated);
            return user;
        }, cancellationToken);

    private async Task<AppUser> FindAsync(string userId, CancellationToken cancellationToken) =>
        await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new DomainException("There is no such account.");
}
