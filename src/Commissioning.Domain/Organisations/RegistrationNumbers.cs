using System.Text.RegularExpressions;
using Commissioning.Domain.Common;

namespace Commissioning.Domain.Organisations;

/// <summary>
/// An organisation's registered numbers, checked by format, and the org-id they give it for open data:
/// a charity number gives GB-CHC- (England and Wales), GB-SC- (Scotland) or GB-NIC- (Northern Ireland);
/// a company number GB-COH-; a local authority code GB-LAE-.
/// </summary>
public sealed partial record RegistrationNumbers
{
    private RegistrationNumbers(string? charityNumber, string? companyNumber, string? localAuthorityCode, string? orgId)
    {
        CharityNumber = charityNumber;
        CompanyNumber = companyNumber;
        LocalAuthorityCode = localAuthorityCode;
        OrgId = orgId;
    }

    public static RegistrationNumbers None { get; } = new(null, null, null, null);

    public string? CharityNumber { get; }

    public string? CompanyNumber { get; }

    public string? LocalAuthorityCode { get; }

    public string? OrgId { get; }

    public static RegistrationNumbers Create(string? charityNumber = null, string? companyNumber = null, string? localAuthorityCode = null)
    {
        var charity = NormaliseCharityNumber(charityNumber);
        var company = NormaliseCompanyNumber(companyNumber);
        var authority = NormaliseLocalAuthorityCode(localAuthorityCode);
        var orgId = charity is not null ? CharityOrgId(charity)
            : company is not null ? $"GB-COH-{company}"
            : authority is not null ? $"GB-LAE-{authority}"
            : null;
        return new RegistrationNumbers(charity, company, authority, orgId);
    }

    private static string? NormaliseCharityNumber(string? value)
    {
        var text = Compact(value);
        if (text is null)
        {
            return null;
        }

        if (EnglandAndWalesCharity().IsMatch(text) || ScottishCharity().IsMatch(text) || NorthernIrishCharity().IsMatch(text))
        {
            return text;
        }

        throw new DomainException($"'{value}' is not a charity number. Enter it as it appears on the register: 6 or 7 digits in England and Wales (like 1234567), SC and 6 digits in Scotland (like SC012345), or NIC and 6 digits in Northern Ireland (like NIC100002).");
    }

    private static string CharityOrgId(string number) =>
        number.StartsWith("SC", StringComparison.Ordinal) ? $"GB-SC-{number}"
        : number.StartsWith("NIC", StringComparison.Ordinal) ? $"GB-NIC-{number[3..]}"
        : $"GB-CHC-{number}";

    private static string? NormaliseCompanyNumber(string? value)
    {
        var text = Compact(value);
        if (text is null)
        {
            return null;
        }

        if (AllDigits().IsMatch(text) && text.Length is >= 6 and <= 8)
        {
            return text.PadLeft(8, '0');
        }

        if (PrefixedCompany().IsMatch(text))
        {
            return text;
        }

        throw new DomainException($"'{value}' is not a Companies House number. It has 8 characters: 8 digits (like 01234567) or 2 letters and 6 digits (like SC123456 or NI123456).");
    }

    private static string? NormaliseLocalAuthorityCode(string? value)
    {
        var text = Compact(value);
        if (text is null)
        {
            return null;
        }

        if (LocalAuthority().IsMatch(text))
        {
            return text;
        }

        throw new DomainException($"'{value}' is not a local authority code. Use the 3 or 4 letter code from the register of English local authorities (like RDG for Reading).");
    }

    private static string? Compact(string? value)
    {
        var text = value?.Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    [GeneratedRegex("^[1-9][0-9]{5,6}$")]
    private static partial Regex EnglandAndWalesCharity();

    [GeneratedRegex("^SC[0-9]{6}$")]
    private static partial Regex ScottishCharity();

    [GeneratedRegex("^NIC[0-9]{6}$")]
    private static partial Regex NorthernIrishCharity();

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex AllDigits();

    [GeneratedRegex("^(SC|NI|OC|SO|NC|R0|IP|SP|RS|NP|NO|NL|LP|SL|GE|FC|SE|CE|CS|AC|SA|SF|SI|SR|SZ|ZC|RC|PC|GS|ES|GN|NF|NR|NZ|RF|OE)[0-9]{6}$")]
    private static partial Regex PrefixedCompany();

    [GeneratedRegex("^[A-Z]{3,4}$")]
    private static partial Regex LocalAuthority();
}

public static partial class UkPostcode
{
    /// <summary>Upper case with one space before the inward code: "ox52nx" becomes "OX5 2NX".</summary>
    public static string Normalise(string? value)
    {
        var compact = (value ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Trim().ToUpperInvariant();
        if (!Pattern().IsMatch(compact))
        {
            throw new DomainException($"Enter a real UK postcode, like OX5 2NX; '{value}' is not one.");
        }

        return $"{compact[..^3]} {compact[^3..]}";
    }

    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?[0-9][A-Z]{2}$")]
    private static partial Regex Pattern();
}
