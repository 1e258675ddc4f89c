using System.Security.Claims;
using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Account;

/// <summary>The "Security" settings: whether office staff must use two-factor sign-in.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Office staff (every role but Applicant) see applicants' details and bank details and move money, so they may use
    /// no page until they have set up an authenticator app and signed in with a code from it. On unless turned off;
    /// appsettings.Development.json turns it off so that the demo sign-ins stay easy to try.
    /// </summary>
    public bool RequireTwoFactorForStaff { get; set; } = true;
}

/// <summary>
/// Two-factor sign-in required of office staff (<see cref="SecurityOptions.RequireTwoFactorForStaff"/>). It holds in
/// two places: at sign-in, a member of staff without two-factor sign-in who gives the right password is sent to set
/// it up (<see cref="StaffSignInManager"/>) instead of being signed in; and on every request, a sign-in cookie of a
/// member of staff that does not record a second step (the "amr" claim Identity adds after a code, "mfa") is refused
/// (<see cref="ValidatePrincipalAsync"/>), so no page, the jobs dashboard included, opens to a sign-in made before
/// the setting was on, or by any other way than the two steps.
/// </summary>
public static class StaffTwoFactor
{
    /// <summary>The claim Identity adds to a sign-in made with a second step, and keeps when the sign-in is refreshed here.</summary>
    public const string MethodClaim = "amr";

    public const string MultiFactor = "mfa";

    public static bool IsStaff(ClaimsPrincipal principal) => Roles.Staff.Any(principal.IsInRole);

    public static bool SignedInWithSecondStep(ClaimsPrincipal principal) => principal.HasClaim(MethodClaim, MultiFactor);

    public static void Register(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SecurityOptions>(configuration.GetSection(SecurityOptions.Section));
        services.ConfigureApplicationCookie(options =>
        {
            var checkSecurityStamp = options.Events.OnValidatePrincipal;
            options.Events.OnValidatePrincipal = async context =>
            {
                await checkSecurityStamp(context);
                await ValidatePrincipalAsync(context);
            };
        });
        // Identity rebuilds the sign-in from the database every 30 minutes and would drop how the person signed in.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal is { } current && SignedInWithSecondStep(current) && context.NewPrincipal?.Identity is ClaimsIdentity renewed && !SignedInWithSecondStep(context.NewPrincipal))
            {
                renewed.AddClaim(new Claim(MethodClaim, MultiFactor));
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>Refuses a member of staff's sign-in that was made without a second step, while the setting is on.</summary>
    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is not { } principal || !IsStaff(principal) || SignedInWithSecondStep(principal)
            || !context.HttpContext.RequestServices.GetRequiredService<IOptionsMonitor<SecurityOptions>>().CurrentValue.RequireTwoFactorForStaff)
        {
            return;
        }

        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }
}

/// <summary>
/// Identity's sign-in, with one step added after a right password: a member of staff who has not set up two-factor
/// sign-in while it is required is remembered as half signed in (as Identity does before asking for a code) and
/// told to set it up, instead of being signed in.
/// </summary>
public sealed class StaffSignInManager(
    UserManager<AppUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<AppUser> claimsFactory,
    IOptions<IdentityOptions> identityOptions,
    ILogger<SignInManager<AppUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<AppUser> confirmation,
    IOptionsMonitor<SecurityOptions> security,
    TimeProvider clock)
    : SignInManager<AppUser>(users, contextAccessor, claimsFactory, identityOptions, logger, schemes, confirmation)
{
    protected override async Task<SignInResult> SignInOrTwoFactorAsync(AppUser user, bool isPersistent, string? loginProvider = null, bool bypassTwoFactor = false)
    {
        if (!bypassTwoFactor && await MustSetUpTwoFactorAsync(user))
        {
            var pending = new ClaimsIdentity([new Claim(ClaimTypes.Name, await UserManager.GetUserIdAsync(user))], IdentityConstants.TwoFactorUserIdScheme);
            await Context.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
            return new TwoFactorSetUpRequired();
        }

        return await base.SignInOrTwoFactorAsync(user, isPersistent, loginProvider, bypassTwoFactor);
    }

    /// <summary>A deactivated account signs in no more, whatever the password (<see cref="AppUser.DeactivatedAt"/>).</summary>
    public override async Task<bool> CanSignInAsync(AppUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDeactivated && await base.CanSignInAsync(user);
    }

    /// <summary>
    /// Checked on every request with the sign-in cookie: deactivating an account renews its security stamp, and a
    /// deactivated account is refused here too, so its sessions end at their next request.
    /// </summary>
    public override async Task<AppUser?> ValidateSecurityStampAsync(ClaimsPrincipal? principal) =>
        await base.ValidateSecurityStampAsync(principal) is { IsDeactivated: false } user ? user : null;

    /// <summary>The second step of a sign-in started before the account was deactivated is refused too.</summary>
    public override async Task<AppUser?> ValidateTwoFactorSecurityStampAsync(ClaimsPrincipal? principal) =>
        await base.ValidateTwoFactorSecurityStampAsync(principal) is { IsDeactivated: false } user ? user : null;

    /// <summary>Renewing the cookie after a change to one's own account is not a sign-in, so it leaves the time of the last one alone.</summary>
    public override async Task RefreshSignInAsync(AppUser user)
    {
        _refreshing = true;
        try
        {
            await base.RefreshSignInAsync(user);
        }
        finally
        {
            _refreshing = false;
        }
    }

    /// <summary>Every completed sign-in comes here: the time is kept on the account, for the administrators' list of staff.</summary>
    public override async Task SignInWithClaimsAsync(AppUser user, Microsoft.AspNetCore.Authentication.AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!_refreshing)
        {
            user.LastSignedInAt = clock.GetUtcNow();
            await UserManager.UpdateAsync(user);
        }

        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    private bool _refreshing;

    /// <summary>Whether this person may not sign in until they have set up two-factor sign-in.</summary>
    public async Task<bool> MustSetUpTwoFactorAsync(AppUser user) =>
        security.CurrentValue.RequireTwoFactorForStaff
        && !await UserManager.GetTwoFactorEnabledAsync(user)
        && (await UserManager.GetRolesAsync(user)).Any(Roles.Staff.Contains);

    /// <summary>Signs in a person who has just proved, with a code, that their authenticator app works: a sign-in with a second step.</summary>
    public async Task SignInAfterSetUpAsync(AppUser user)
    {
        await Context.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        await UserManager.ResetAccessFailedCountAsync(user);
        await SignInWithClaimsAsync(user, isPersistent: false, [new Claim(StaffTwoFactor.MethodClaim, StaffTwoFactor.MultiFactor)]);
    }

    /// <summary>The right password, but two-factor sign-in must be set up first: the sign-in page sends the person on as for a code.</summary>
    private sealed class TwoFactorSetUpRequired : SignInResult
    {
        public TwoFactorSetUpRequired() => RequiresTwoFactor = true;
    }
}
