using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Identity;

public static class RoleSetup
{
    /// <summary>Creates the service's roles that are missing, so that people can register before any demo data or admin exists.</summary>
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (await roles.RoleExistsAsync(role))
            {
                continue;
            }

            IdentityResult created;
            try
            {
                created = await roles.CreateAsync(new IdentityRole(role));
            }
            catch (DbUpdateException)
            {
                created = IdentityResult.Failed(new IdentityError { Description = "another node created it at the same moment" });
            }

            // Another app node starting at the same moment may have just created it.
            if (!created.Succeeded && !await roles.RoleExistsAsync(role))
            {
                throw new InvalidOperationException($"Could not create the role {role}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }
        }
    }
}
