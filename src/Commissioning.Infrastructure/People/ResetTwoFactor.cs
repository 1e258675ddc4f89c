using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.People;

/// <summary>
/// An administrator resets a member of staff's two-factor sign-in, for someone whose phone was lost or replaced: the
/// authenticator key is replaced and two-factor sign-in turned off, which ends their sessions. Staff must use
/// two-factor sign-in, so at their next sign-in they are asked to set up an authenticator app again.
/// </summary>
public sealed class ResetTwoFactor(CommissioningDbContext db, UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<AppUser> ResetAsync(string userId, string resetBy, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new DomainException("There is no such account.");
        user.AuthenticatorTimeStepUsed = null;
        StaffEmail.Succeeded(await users.SetTwoFactorEnabledAsync(user, false));
        StaffEmail.Succeeded(await users.ResetAuthenticatorKeyAsync(user));
        AccountHistory.Record(db, clock.GetUtcNow(), resetBy, user, AccountHistory.TwoFactorReset);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return user;
    }
}
