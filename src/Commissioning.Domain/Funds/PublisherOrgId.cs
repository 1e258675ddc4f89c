using System.Text.RegularExpressions;
using Commissioning.Domain.Common;

namespace Commissioning.Domain.Funds;

/// <summary>
/// The org-id (org-id.guide) an office publishes its grants under in 360Giving data, as the funding organisation:
/// a list prefix (country, then register) and the office's identifier in that list, e.g. GB-GOR-PC000123.
/// </summary>
public static partial class PublisherOrgId
{
    public const int MaxLength = 100;

    public static string Normalise(string? value)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw new DomainException("Enter the org-id the office publishes its grants as, like GB-GOR-PC000123.");
        }

        if (trimmed.Length > MaxLength)
        {
            throw new DomainException($"The org-id must be {MaxLength} characters or fewer; it has {trimmed.Length}.");
        }

        return OrgIdPattern().IsMatch(trimmed)
            ? trimmed
            : throw new DomainException($"'{trimmed}' is not an org-id: write the list's prefix (two letters for the country, a hyphen, the register's letters), a hyphen, then the office's identifier in that list, like GB-GOR-PC000123.");
    }

    [GeneratedRegex("^[A-Z]{2}-[A-Z]{2,5}-[A-Za-z0-9][A-Za-z0-9_.-]*$")]
    private static partial Regex OrgIdPattern();
}
