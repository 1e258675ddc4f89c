using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Identity;

/// <summary>
/// The service's sign-ins and their roles, as the workflow engine sees them when it looks for someone who may take a
/// task copy. Read from the database each time, so a person given a role a moment ago is counted at once, and a
/// deactivated account is never offered a task.
/// </summary>
public sealed class IdentityWorkflowPeople(CommissioningDbContext db) : IWorkflowPeople
{
    public async Task<IReadOnlyList<WorkflowPerson>> InRoleAsync(string role, CancellationToken cancellationToken)
    {
        var people = await (
            from link in db.Set<IdentityUserRole<string>>().AsNoTracking()
            join held in db.Set<IdentityRole>().AsNoTracking() on link.RoleId equals held.Id
            join user in db.Set<AppUser>().AsNoTracking() on link.UserId equals user.Id
            where held.Name == role && user.DeactivatedAt == null
            select new { user.Id, user.FullName, user.Email }).ToListAsync(cancellationToken);
        return [.. people
            .Select(p => new WorkflowPerson(p.Id, string.IsNullOrWhiteSpace(p.FullName) ? p.Email ?? p.Id : p.FullName, p.Email))
            .DistinctBy(p => p.UserId)
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)];
    }
}
