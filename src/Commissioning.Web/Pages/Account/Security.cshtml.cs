using System.ComponentModel.DataAnnotations;
using System.Text;
using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Account;

/// <summary>A person's account: who they are, their roles, and (for office staff) two-factor sign-in with an authenticator app.</summary>
[Authorize]
public sealed class SecurityModel(UserManager<AppUser> users, SignInManager<AppUser> signInManager, IOptions<ServiceOptions> service) : PageModel
{
    public AppUser Account { get; private set; } = new();

    public IList<string> AccountRoles { get; private set; } = [];

    public bool IsStaff { get; private set; }

    public bool TwoFactorEnabled { get; private set; }

    public string? SharedKey { get; private set; }

    public string? AuthenticatorUri { get; private set; }

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
        if (!IsStaff)
        {
            return Forbid();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var valid = await users.VerifyTwoFactorTokenAsync(Account, users.Options.Tokens.AuthenticatorTokenProvider, Compact(Input.Code));
        if (!valid)
        {
            ModelState.AddModelError("Input.Code", "The security code is not right. Enter the 6-digit code your authenticator app shows now.");
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(Account, true);
        await signInManager.RefreshSignInAsync(Account);
        return RedirectToPage(new { notice = "Two-factor sign-in is on. You will need a code from your authenticator app each time you sign in." });
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        await LoadAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (!await users.VerifyTwoFactorTokenAsync(Account, users.Options.Tokens.AuthenticatorTokenProvider, Compact(Input.Code)))
        {
            ModelState.AddModelError("Input.Code", "The security code is not right. Enter the 6-digit code your authenticator app shows now.");
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
        if (IsStaff && !TwoFactorEnabled)
        {
            var key = await users.GetAuthenticatorKeyAsync(Account);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(Account);
                // A new key renews the security stamp, which every request checks: renew this session's cookie too.
                await signInManager.RefreshSignInAsync(Account);
                key = await users.GetAuthenticatorKeyAsync(Account);
            }

            SharedKey = Grouped(key!);
            var issuer = Uri.EscapeDataString($"{service.Value.ServiceName} ({service.Value.OpccName})");
            AuthenticatorUri = $"otpauth://totp/{issuer}:{Uri.EscapeDataString(Account.Email!)}?secret={key}&issuer={issuer}&digits=6";
        }
    }

    private static string Compact(string code) => code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);

    private static string Grouped(string key)
    {
        var text = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            text.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return text.ToString().TrimEnd().ToLowerInvariant();
    }

    public sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter the 6-digit security code from your authenticator app")]
        [RegularExpression(@"^\s*[0-9]{3}[\s-]?[0-9]{3}\s*$", ErrorMessage = "The security code is 6 digits, like 123456")]
        public string Code { get; set; } = string.Empty;
    }
}
