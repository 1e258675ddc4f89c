using System.ComponentModel.DataAnnotations;
using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Account;

/// <summary>
/// A person's account: who they are, their roles, and two-factor sign-in with an authenticator app, which anyone may
/// turn on (applicants change bank details and accept offers) and office staff may not turn off while it is
/// required of them (<see cref="SecurityOptions.RequireTwoFactorForStaff"/>).
/// </summary>
[Authorize]
public sealed class SecurityModel(UserManager<AppUser> users, IUserStore<AppUser> keys, SignInManager<AppUser> signInManager, OneUseAuthenticatorTokenProvider codes, IOptions<ServiceOptions> service, IOptionsMonitor<SecurityOptions> security) : PageModel
{
    public const string WrongCode = "The security code is not right. Enter the 6-digit code your authenticator app shows now.";

    public const string CodeAlreadyUsed = "That code has already been used. Wait for your app to show a new one.";

    public const string StaffMustKeepTwoFactor = "Office staff must use two-factor sign-in, so you cannot turn it off. If you no longer have the phone with your authenticator app, ask an administrator for help.";

    public AppUser Account { get; private set; } = new();

    public IList<string> AccountRoles { get; private set; } = [];

    public bool IsStaff { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    /// <summary>Office staff, while the service requires two-factor sign-in of them: they may not turn it off.</summary>
    public bool TwoFactorRequired { get; private set; }

    /// <summary>The key, link and QR code to set up an authenticator app, while two-factor sign-in is off.</summary>
    public AuthenticatorSetUp? SetUp { get; private set; }

    public string? Notice { get; private set; }

    [BindProperty]
    public CodeInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string? notice)
    {
        await LoadAsync();
        Notice = notice;
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        await LoadAsync();
        if (TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await codes.CheckAsync(AuthenticatorSetUp.Compact(Input.Code), users, Account) is var check && check != AuthenticatorCodeCheck.Accepted)
        {
            ModelState.AddModelError("Input.Code", check == AuthenticatorCodeCheck.AlreadyUsed ? CodeAlreadyUsed : WrongCode);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(Account, true);
        await signInManager.RefreshSignInAsync(Account);
        return RedirectToPage(new { notice = "Two-factor sign-in is on. You will need a code from your authenticator app each time you sign in." });
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        await LoadAsync();
        if (!TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        if (TwoFactorRequired)
        {
            ModelState.AddModelError(string.Empty, StaffMustKeepTwoFactor);
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (await codes.CheckAsync(AuthenticatorSetUp.Compact(Input.Code), users, Account) is var check && check != AuthenticatorCodeCheck.Accepted)
        {
            ModelState.AddModelError("Input.Code", check == AuthenticatorCodeCheck.AlreadyUsed ? CodeAlreadyUsed : WrongCode);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(Account, false);
        await users.ResetAuthenticatorKeyAsync(Account);
        await signInManager.RefreshSignInAsync(Account);
        return RedirectToPage(new { notice = "Two-factor sign-in is off." });
    }

    private async Task LoadAsync()
    {
        Account = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        AccountRoles = await users.GetRolesAsync(Account);
        IsStaff = AccountRoles.Any(Roles.Staff.Contains);
        TwoFactorEnabled = await users.GetTwoFactorEnabledAsync(Account);
        TwoFactorRequired = IsStaff && security.CurrentValue.RequireTwoFactorForStaff;
        if (!TwoFactorEnabled)
        {
            SetUp = await AuthenticatorSetUp.ForAsync(users, keys, Account, service.Value);
        }
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter the 6-digit security code from your authenticator app")]
        [RegularExpression(@"^\s*[0-9]{3}[\s-]?[0-9]{3}\s*$", ErrorMessage = "The security code is 6 digits, like 123456")]
        public string Code { get; set; } = string.Empty;
    }
}
