namespace Commissioning.Domain.Common;

/// <summary>Checks for text the domain holds, with messages that name the field.</summary>
public static class Text
{
    public static string Required(string? value, string what, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException($"Enter the {what}.");
        }

        if (trimmed.Length > maxLength)
        {
            throw new DomainException($"The {what} must be {maxLength} characters or fewer; it has {trimmed.Length}.");
        }

        return trimmed;
    }

    public static string? Optional(string? value, string what, int maxLength)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : Required(trimmed, what, maxLength);
    }

    /// <summary>
    /// Text meant to be one line (a name, a title, an organisation's name): required, and refused when it holds a line
    /// break or any other control character, so nothing that reaches an e-mail's subject or a file name can break it.
    /// </summary>
    public static string SingleLine(string? value, string what, int maxLength) => CheckSingleLine(Required(value, what, maxLength), what);

    /// <summary>As <see cref="SingleLine"/>, but may be left empty (null).</summary>
    public static string? OptionalSingleLine(string? value, string what, int maxLength)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : SingleLine(trimmed, what, maxLength);
    }

    /// <summary>True when the text has a line break, a tab or another control character.</summary>
    public static bool HasLineBreakOrControl(string? value) =>
        value is not null && value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');

    /// <summary>The message for text that should be on one line but is not.</summary>
    public static string NotOneLine(string what) => $"The {what} must be on one line: remove any line breaks, tabs or other control characters.";

    private static string CheckSingleLine(string value, string what) =>
        HasLineBreakOrControl(value) ? throw new DomainException(NotOneLine(what)) : value;
}
