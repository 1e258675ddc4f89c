using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.People;

/// <summary>
/// An administrator gives and removes a member of staff's roles. Only the office's roles change here (an applicant's
/// role comes with their account); removing the Administrator role from the last active administrator is refused.
/// The person's next request already carries their new roles.
/// </summary>
public sealed class ChangeRoles(CommissioningDbContext db, TimeProvider clock)
{
    public sealed record Outcome(string FullName, IReadOnlyList<string> Given, IReadOnlyList<string> Removed);

    public async Task<Outcome> ChangeAsync(string userId, IReadOnlyCollection<string> wanted, string changedBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        if (wanted.FirstOrDefault(r => !Roles.Staff.Contains(r)) is { } other)
        {
            throw new DomainException($"{Roles.Describe(other)} is not one of the office's roles, and cannot be given here.");
        }

        return await Administrators.ChangeAsync(db, async () =>
        {
            var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken) ?? throw new DomainException("There is no such account.");
            var held = await (from userRole in db.UserRoles
                              join role in db.Roles on userRole.RoleId equals role.Id
                              where userRole.UserId == userId
                              select new { userRole, role.Name }).ToListAsync(cancellationToken);
            var removed = held.Where(h => Roles.Staff.Contains(h.Name!) && !wanted.Contains(h.Name!)).ToList();
            var given = Roles.Staff.Where(r => wanted.Contains(r) && held.All(h => h.Name != r)).ToList();
            if (removed.Any(r => r.Name == Roles.Admin))
            {
                await Administrators.EnsureAnotherActiveAsync(db, user, cancellationToken);
            }

            db.UserRoles.RemoveRange(removed.Select(r => r.userRole));
            foreach (var name in given)
            {
                var role = await Administrators.RoleAsync(db, name, cancellationToken);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = role.Id });
            }

            var now = clock.GetUtcNow();
            if (given.Count > 0)
            {
                AccountHistory.Record(db, now, changedBy, user, AccountHistory.RoleGiven, given);
            }

            if (removed.Count > 0)
            {
                AccountHistory.Record(db, now, changedBy, user, AccountHistory.RoleRemoved, Roles.Staff.Where(r => removed.Any(x => x.Name == r)));
            }

            // The person's sign-in is rebuilt from the account on every request; a new concurrency stamp marks the change.
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            return new Outcome(user.FullName, given, [.. Roles.Staff.Where(r => removed.Any(x => x.Name == r))]);
        }, cancellationToken);
    }
}
