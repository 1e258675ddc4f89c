using System.Globalization;
using System.Text.RegularExpressions;

namespace Commissioning.Domain.Common;

/// <summary>The UK public-sector financial year: 1 April to 31 March, named by its start, e.g. 2026/27.</summary>
public readonly partial record struct FinancialYear : IComparable<FinancialYear>
{
    public FinancialYear(int startYear)
    {
        if (startYear is < 2000 or > 2200)
        {
            throw new DomainException($"{startYear} is not a financial year this service can record; use a year between 2000 and 2200.");
        }

        StartYear = startYear;
    }

    public int StartYear { get; }

    public DateOnly FirstDay => new(StartYear, 4, 1);

    public DateOnly LastDay => new(StartYear + 1, 3, 31);

    public FinancialYear Next => new(StartYear + 1);

    public FinancialYear Previous => new(StartYear - 1);

    public static FinancialYear Containing(DateOnly date) => new(date.Month >= 4 ? date.Year : date.Year - 1);

    public bool Contains(DateOnly date) => date >= FirstDay && date <= LastDay;

    /// <summary>Quarter 1 is April to June; quarter 4 is January to March.</summary>
    public int QuarterOf(DateOnly date)
    {
        if (!Contains(date))
        {
            throw new DomainException($"{date:d MMMM yyyy} is not in financial year {this}.");
        }

        return ((date.Month + 8) % 12 / 3) + 1;
    }

    public static FinancialYear Parse(string text)
    {
        var match = YearPattern().Match(text.Trim());
        if (!match.Success)
        {
            throw new DomainException($"'{text}' is not a financial year; write it like 2026/27.");
        }

        var start = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var end = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        var expectedEnd = (start + 1) % 100;
        if (match.Groups[2].Length == 4 ? end != start + 1 : end != expectedEnd)
        {
            throw new DomainException($"'{text}' is not a financial year: the year after {start} is {start + 1}, so write {start}/{expectedEnd:00}.");
        }

        return new FinancialYear(start);
    }

    public int CompareTo(FinancialYear other) => StartYear.CompareTo(other.StartYear);

    public static bool operator <(FinancialYear left, FinancialYear right) => left.StartYear < right.StartYear;

    public static bool operator >(FinancialYear left, FinancialYear right) => left.StartYear > right.StartYear;

    public static bool operator <=(FinancialYear left, FinancialYear right) => left.StartYear <= right.StartYear;

    public static bool operator >=(FinancialYear left, FinancialYear right) => left.StartYear >= right.StartYear;

    public override string ToString() => $"{StartYear}/{(StartYear + 1) % 100:00}";

    [GeneratedRegex(@"^([0-9]{4})\s*[/-]\s*([0-9]{2}|[0-9]{4})$")]
    private static partial Regex YearPattern();
}
