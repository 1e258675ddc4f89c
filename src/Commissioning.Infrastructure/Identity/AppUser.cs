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

    /// <summary>
    /// When an administrator deactivated the account; null while it is active. A deactivated account cannot sign in,
    /// and its sessions end at once; nothing of it is deleted, so its history stays.
    /// </summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>When the person last signed in (both steps, where there are two); null if they never have.</summary>
    public DateTimeOffset? LastSignedInAt { get; set; }

    public bool IsDeactivated => DeactivatedAt is not null;
}
