namespace Commissioning.Web.Pages.Admin.Funds;

/// <summary>Who sets up funds and budgets (grants officers, and administrators), and what the pages share.</summary>
internal static class FundsPages
{
    public const string Roles = $"{Infrastructure.Identity.Roles.GrantsOfficer},{Infrastructure.Identity.Roles.Admin}";

    public const string NoticeKey = "Funds.Notice";
}

/// <summary>One text input in the GOV.UK pattern: label, hint, error message and the input, for _Field.</summary>
public sealed record TextField(string Key, string Label, string? Value, string? Hint = null, string WidthClass = "", string? InputMode = null, string? Prefix = null);

/// <summary>A GOV.UK date input (day, month, year) posted as Input.{Key}Day, Input.{Key}Month and Input.{Key}Year, for _DateField; its error is on Key.</summary>
public sealed record DateField(string Key, string Legend, string Hint, string? Day, string? Month, string? Year);
