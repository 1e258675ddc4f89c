using System.Text.RegularExpressions;
using Commissioning.Domain.Common;

namespace Commissioning.Domain.Funds;

/// <summary>
/// The codes the office's finance system books a fund's money to: cost centre, nominal (account) code and fund code.
/// A budget line may have codes of its own where they differ from its fund's; any code it leaves out is its fund's.
/// </summary>
public sealed partial record FinanceCodes
{
    public const int MaxLength = 20;

    public FinanceCodes(string? costCentre, string? nominalCode, string? fundCode)
    {
        CostCentre = Code(costCentre, "cost centre");
        NominalCode = Code(nominalCode, "nominal code");
        FundCode = Code(fundCode, "fund code");
    }

    public string? CostCentre { get; }

    public string? NominalCode { get; }

    public string? FundCode { get; }

    public bool IsEmpty => CostCentre is null && NominalCode is null && FundCode is null;

    /// <summary>These codes where given, the other's where not: a line's own codes over its fund's.</summary>
    public FinanceCodes Over(FinanceCodes fallback) =>
        new(CostCentre ?? fallback.CostCentre, NominalCode ?? fallback.NominalCode, FundCode ?? fallback.FundCode);

    /// <summary>A code as it will be held, or null when left empty; the message on failure says what to type.</summary>
    public static string? Code(string? value, string what)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (trimmed.Length > MaxLength)
        {
            throw new DomainException($"The {what} must be {MaxLength} characters or fewer; it has {trimmed.Length}.");
        }

        return CodePattern().IsMatch(trimmed)
            ? trimmed.ToUpperInvariant()
            : throw new DomainException($"The {what} can only have letters, numbers, hyphens, full stops and slashes, as your finance system writes it (for example CC1040).");
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9./-]*$")]
    private static partial Regex CodePattern();
}
