using Microsoft.AspNetCore.Identity;

namespace Commissioning.Infrastructure.Identity;

public sealed class AppUser : IdentityUser
{
    public const int FullNameMaxLength = 200;

    public string FullName { get; set; } = string.Empty;

    /// <summary>
    /// The 30-second time step of the last authenticator code accepted from this person (RFC 6238); a code from that
    /// step or an earlier one is refused, so each code is accepted once. Null until a code is first accepted.
    /// </summary>
    public long? AuthenticatorTimeStepUsed { get; set; }
}
