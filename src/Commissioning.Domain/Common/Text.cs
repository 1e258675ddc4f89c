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
}
