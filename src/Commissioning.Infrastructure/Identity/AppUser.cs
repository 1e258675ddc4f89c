using Microsoft.AspNetCore.Identity;

namespace Commissioning.Infrastructure.Identity;

public sealed class AppUser : IdentityUser
{
    public const int FullNameMaxLength = 200;

    public string FullName { get; set; } = string.Empty;
}
