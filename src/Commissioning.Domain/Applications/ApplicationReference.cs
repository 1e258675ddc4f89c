using System.Globalization;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;

namespace Commissioning.Domain.Applications;

/// <summary>
/// The reference an application gets when it is submitted, quoted in every letter: the programme's prefix, the
/// round's financial year and a number in sequence for that prefix and year, e.g. PPAF-2026-00042.
/// </summary>
public static class ApplicationReference
{
    public static string Prefix(ProgrammeKind programme, FinancialYear year) => $"{programme.ReferencePrefix()}-{year.StartYear.ToString(CultureInfo.InvariantCulture)}-";

    public static string Format(ProgrammeKind programme, FinancialYear year, int number)
    {
        if (number is < 1 or > 99_999)
        {
            throw new DomainException($"An application reference number runs from 1 to 99,999; {number} is outside that.");
        }

        return $"{Prefix(programme, year)}{number.ToString("D5", CultureInfo.InvariantCulture)}";
    }
}
