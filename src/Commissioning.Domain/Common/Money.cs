using System.Globalization;

namespace Commissioning.Domain.Common;

/// <summary>
/// An amount in pounds sterling held as whole pence. Arithmetic never loses a penny:
/// splitting spreads the remainder, and scaling rounds half away from zero (the usual rule in UK public finance).
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    public Money(long pence) => Pence = pence;

    public long Pence { get; }

    public static Money Zero => new(0);

    public bool IsZero => Pence == 0;

    public bool IsNegative => Pence < 0;

    public bool IsPositive => Pence > 0;

    public static Money FromPence(long pence) => new(pence);

    public static Money FromPounds(long pounds) => new(checked(pounds * 100));

    /// <summary>Pounds with at most two decimal places; more precision than a penny is refused rather than rounded away.</summary>
    public static Money FromPounds(decimal pounds)
    {
        var pence = pounds * 100m;
        if (pence != decimal.Truncate(pence))
        {
            throw new DomainException($"An amount of money can have at most two decimal places (pence); {pounds.ToString(CultureInfo.InvariantCulture)} has more.");
        }

        if (pence > long.MaxValue || pence < long.MinValue)
        {
            throw new DomainException("That amount of money is too large.");
        }

        return new((long)pence);
    }

    /// <summary>Reads an amount typed by a person: "1234.5", "£1,234.50" or "1,234". The message on failure says what to type.</summary>
    public static bool TryParse(string? text, out Money money, out string? error)
    {
        money = Zero;
        error = null;
        var trimmed = (text ?? string.Empty).Trim().Replace("£", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal).Trim();
        if (trimmed.Length == 0)
        {
            error = "Enter an amount in pounds, like 1500 or 1500.50";
            return false;
        }

        if (!decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var pounds))
        {
            error = "Enter an amount in pounds using numbers only, like 1500 or 1500.50";
            return false;
        }

        var pence = pounds * 100m;
        if (pence != decimal.Truncate(pence))
        {
            error = "Enter an amount with no more than two decimal places, like 1500.50";
            return false;
        }

        if (Math.Abs(pounds) > 1_000_000_000_000m)
        {
            error = "Enter a smaller amount";
            return false;
        }

        money = new((long)pence);
        return true;
    }

    public static Money operator +(Money left, Money right) => new(checked(left.Pence + right.Pence));

    public static Money operator -(Money left, Money right) => new(checked(left.Pence - right.Pence));

    public static Money operator -(Money value) => new(checked(-value.Pence));

    public static bool operator <(Money left, Money right) => left.Pence < right.Pence;

    public static bool operator >(Money left, Money right) => left.Pence > right.Pence;

    public static bool operator <=(Money left, Money right) => left.Pence <= right.Pence;

    public static bool operator >=(Money left, Money right) => left.Pence >= right.Pence;

    public int CompareTo(Money other) => Pence.CompareTo(other.Pence);

    public static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Zero, (total, next) => total + next);

    /// <summary>Scales by a factor (a share, a percentage as a fraction), rounding half a penny away from zero.</summary>
    public Money MultiplyBy(decimal factor) => new((long)Math.Round(Pence * factor, 0, MidpointRounding.AwayFromZero));

    /// <summary>Splits into <paramref name="parts"/> amounts that add up exactly; the first parts carry the odd pence.</summary>
    public IReadOnlyList<Money> Split(int parts)
    {
        if (parts <= 0)
        {
            throw new DomainException("An amount can only be split into one or more parts.");
        }

        var pence = Pence;
        var share = pence / parts;
        var remainder = pence % parts;
        return Enumerable.Range(0, parts).Select(i => new Money(share + (i < Math.Abs(remainder) ? Math.Sign(remainder) : 0))).ToList();
    }

    /// <summary>Shares out in proportion to the weights given (e.g. a formula allocation); the shares add up exactly to this amount.</summary>
    public IReadOnlyList<Money> Allocate(IReadOnlyList<decimal> weights)
    {
        if (weights.Count == 0 || weights.Any(w => w < 0) || weights.Sum() <= 0)
        {
            throw new DomainException("An allocation needs at least one positive weight and no negative weights.");
        }

        var total = weights.Sum();
        var pence = Pence;
        var exact = weights.Select(w => pence * w / total).ToList();
        var shares = exact.Select(e => (long)decimal.Floor(e)).ToArray();
        var leftOver = Pence - shares.Sum();
        foreach (var index in exact.Select((e, i) => (Fraction: e - decimal.Floor(e), Index: i)).OrderByDescending(x => x.Fraction).ThenBy(x => x.Index).Take((int)leftOver).Select(x => x.Index))
        {
            shares[index]++;
        }

        return shares.Select(p => new Money(p)).ToList();
    }

    public decimal ToPounds() => Pence / 100m;

    /// <summary>As written in letters and pages: £1,234.56.</summary>
    public override string ToString() => ToPounds().ToString("C2", UkCulture);

    /// <summary>Plain figure for forms and exports: 1234.56.</summary>
    public string ToPlainString() => ToPounds().ToString("0.00", CultureInfo.InvariantCulture);
}
