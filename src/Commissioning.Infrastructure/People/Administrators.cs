using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.People;

/// <summary>
/// The office always keeps an active administrator, or nobody could invite staff or give roles again without a
/// developer. The rule is here, once: every change to who is an active administrator (roles given or removed, an
/// account deactivated or reactivated, the first administrator created) runs through <see cref="ChangeAsync{T}"/>,
/// which checks and changes in one transaction and marks the Admin role's concurrency stamp changed, so that of two
/// such changes made at the same moment only one is saved as read; the other is decided again on what was saved.
/// </summary>
public static class Administrators
{
    /// <summary>How often a change that met another at the same moment is decided again before giving up.</summary>
    private const int Attempts = 5;

    public static string LastActive(string who) =>
        $"{who} is the only active administrator, so they cannot be deactivated or lose the Administrator role. Give another person the Administrator role first.";

    public const string NotYourself = "You cannot deactivate your own account. Ask another administrator to do it.";

    /// <summary>
    /// Runs a change to people's accounts and saves it, with whatever it queued (history, e-mail), in one transaction
    /// under the Admin role's concurrency stamp; a change another request saved in between makes it run again on what
    /// is now saved. A refusal (<see cref="DomainException"/>) saves nothing.
    /// </summary>
    public static async Task<T> ChangeAsync<T>(CommissioningDbContext db, Func<Task<T>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                var adminRole = await db.Roles.SingleAsync(r => r.Name == Roles.Admin, cancellationToken);
                var result = await change();
                adminRole.ConcurrencyStamp = Guid.NewGuid().ToString();
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (DbUpdateConcurrencyException) when (attempt < Attempts)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
            catch
            {
                db.ChangeTracker.Clear();
                throw;
            }
        }
    }

    /// <summary>Refuses a change that would leave no active administrator: <paramref name="user"/> stops being one.</summary>
    public static async Task EnsureAnotherActiveAsync(CommissioningDbContext db, AppUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsDeactivated || !await IsAdministratorAsync(db, user.Id, cancellationToken))
        {
            return;
        }

        var others = await ActiveAdministrators(db).CountAsync(u => u.Id != user.Id, cancellationToken);
        if (others == 0)
        {
            throw new DomainException(LastActive(string.IsNullOrWhiteSpace(user.FullName) ? user.Email ?? user.Id : user.FullName));
        }
    }

    public static IQueryable<AppUser> ActiveAdministrators(CommissioningDbContext db) =>
        from user in db.Users
        join userRole in db.UserRoles on user.Id equals userRole.UserId
        join role in db.Roles on userRole.RoleId equals role.Id
        where role.Name == Roles.Admin && user.DeactivatedAt == null
        select user;

    /// <summary>Whether any account, active or not, holds the Administrator role.</summary>
    public static Task<bool> AnyAsync(CommissioningDbContext db, CancellationToken cancellationToken) =>
        (from userRole in db.UserRoles join role in db.Roles on userRole.RoleId equals role.Id where role.Name == Roles.Admin select userRole).AnyAsync(cancellationToken);

    private static Task<bool> IsAdministratorAsync(CommissioningDbContext db, string userId, CancellationToken cancellationToken) =>
        (from userRole in db.UserRoles join role in db.Roles on userRole.RoleId equals role.Id where role.Name == Roles.Admin && userRole.UserId == userId select userRole).AnyAsync(cancellationToken);

    /// <summary>The role's row, for adding people to it directly in the change's unit of work.</summary>
    internal static Task<IdentityRole> RoleAsync(CommissioningDbContext db, string name, CancellationToken cancellationToken) =>
        db.Roles.SingleAsync(r => r.Name == name, cancellationToken);
}
