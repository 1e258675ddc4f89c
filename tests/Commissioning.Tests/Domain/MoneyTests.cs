using System.Globalization;
using Commissioning.Domain.Common;

namespace Commissioning.Tests.Domain;

public class MoneyTests
{
    [Theory]
    [InlineData("1234.56", 123_456)]
    [InlineData("0.01", 1)]
    [InlineData("1500", 150_000)]
    [InlineData("12.5", 1_250)]
    [InlineData("12.340", 1_234)]
    [InlineData("-5.25", -525)]
    public void Pounds_with_at_most_two_decimal_places_become_whole_pence(string pounds, long expectedPence)
    {
        var money = Money.FromPounds(decimal.Parse(pounds, CultureInfo.InvariantCulture));

        Assert.Equal(expectedPence, money.Pence);
    }

    [Fact]
    public void Pounds_with_three_decimal_places_are_refused_rather_than_rounded()
    {
        var message = Refusal.Of(() => Money.FromPounds(12.345m));

        Assert.Equal("An amount of money can have at most two decimal places (pence); 12.345 has more.", message);
    }

    [Fact]
    public void Whole_pounds_become_pence()
    {
        Assert.Equal(250_000, Money.FromPounds(2_500L).Pence);
    }

    [Fact]
    public void An_amount_too_large_to_hold_in_pence_is_refused()
    {
        var message = Refusal.Of(() => Money.FromPounds(100_000_000_000_000_000m));

        Assert.Equal("That amount of money is too large.", message);
    }

    [Theory]
    [InlineData("£1,234.50", 123_450)]
    [InlineData("1500", 150_000)]
    [InlineData("1,234", 123_400)]
    [InlineData("1234.5", 123_450)]
    [InlineData("  £ 12.50  ", 1_250)]
    [InlineData("0", 0)]
    public void Typed_amounts_are_read_as_pounds(string typed, long expectedPence)
    {
        var parsed = Money.TryParse(typed, out var money, out var error);

        Assert.True(parsed);
        Assert.Null(error);
        Assert.Equal(expectedPence, money.Pence);
    }

    [Fact]
    public void A_negative_typed_amount_parses_because_refusing_it_is_the_callers_job()
    {
        var parsed = Money.TryParse("-5", out var money, out var error);

        Assert.True(parsed);
        Assert.Null(error);
        Assert.Equal(-500, money.Pence);
        Assert.True(money.IsNegative);
    }

    [Theory]
    [InlineData("12.345", "Enter an amount with no more than two decimal places, like 1500.50")]
    [InlineData("£0.001", "Enter an amount with no more than two decimal places, like 1500.50")]
    [InlineData("abc", "Enter an amount in pounds using numbers only, like 1500 or 1500.50")]
    [InlineData("12.34.56", "Enter an amount in pounds using numbers only, like 1500 or 1500.50")]
    [InlineData("1e5", "Enter an amount in pounds using numbers only, like 1500 or 1500.50")]
    [InlineData("", "Enter an amount in pounds, like 1500 or 1500.50")]
    [InlineData("   ", "Enter an amount in pounds, like 1500 or 1500.50")]
    [InlineData("£", "Enter an amount in pounds, like 1500 or 1500.50")]
    [InlineData(null, "Enter an amount in pounds, like 1500 or 1500.50")]
    [InlineData("2000000000000", "Enter a smaller amount")]
    public void Typed_amounts_that_are_not_money_fail_with_a_message_saying_what_to_type(string? typed, string expectedError)
    {
        var parsed = Money.TryParse(typed, out var money, out var error);

        Assert.False(parsed);
        Assert.Equal(expectedError, error);
        Assert.Equal(Money.Zero, money);
    }

    [Theory]
    [InlineData(1, "0.5", 1)]
    [InlineData(3, "0.5", 2)]
    [InlineData(5, "0.5", 3)]
    [InlineData(-1, "0.5", -1)]
    [InlineData(-5, "0.5", -3)]
    [InlineData(1, "0.49", 0)]
    [InlineData(100_000, "0.175", 17_500)]
    [InlineData(333, "0.2", 67)]
    [InlineData(-333, "0.2", -67)]
    [InlineData(1_000, "1.5", 1_500)]
    public void Scaling_rounds_half_a_penny_away_from_zero(long pence, string factor, long expectedPence)
    {
        var scaled = Money.FromPence(pence).MultiplyBy(decimal.Parse(factor, CultureInfo.InvariantCulture));

        Assert.Equal(expectedPence, scaled.Pence);
    }

    [Fact]
    public void Splitting_one_hundred_pounds_three_ways_gives_the_odd_penny_to_the_first_part()
    {
        var parts = Money.FromPounds(100m).Split(3);

        Assert.Equal([Money.FromPounds(33.34m), Money.FromPounds(33.33m), Money.FromPounds(33.33m)], parts);
        Assert.Equal(Money.FromPounds(100m), Money.Sum(parts));
    }

    [Fact]
    public void Splitting_a_negative_amount_spreads_the_odd_pence_and_still_adds_up()
    {
        var parts = Money.FromPence(-100).Split(3);

        Assert.Equal([Money.FromPence(-34), Money.FromPence(-33), Money.FromPence(-33)], parts);
        Assert.Equal(Money.FromPence(-100), Money.Sum(parts));
    }

    [Fact]
    public void Splitting_into_more_parts_than_pence_gives_some_parts_nothing()
    {
        var parts = Money.FromPence(2).Split(3);

        Assert.Equal([Money.FromPence(1), Money.FromPence(1), Money.Zero], parts);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Splitting_into_no_parts_is_refused(int parts)
    {
        var message = Refusal.Of(() => Money.FromPounds(100m).Split(parts));

        Assert.Equal("An amount can only be split into one or more parts.", message);
    }

    [Fact]
    public void Allocating_three_million_across_nine_weights_adds_up_to_the_penny_and_favours_the_largest_remainders()
    {
        decimal[] weights = [0.1834m, 0.1422m, 0.1197m, 0.1105m, 0.1013m, 0.0987m, 0.0911m, 0.0856m, 0.0675m];
        var total = Money.FromPounds(3_039_479m);

        var shares = total.Allocate(weights);

        // Exact shares in pence: 55744044.86, 43221391.38, 36382563.63, 33586242.95, 30789922.27,
        // 29999657.73, 27689653.69, 26017940.24, 20516483.25. The five pence left after rounding down go to
        // the five largest fractions (.95, .86, .73, .69, .63).
        long[] expected = [55_744_045, 43_221_391, 36_382_564, 33_586_243, 30_789_922, 29_999_658, 27_689_654, 26_017_940, 20_516_483];
        Assert.Equal(expected, shares.Select(s => s.Pence));
        Assert.Equal(total, Money.Sum(shares));
    }

    [Fact]
    public void Allocating_gives_the_odd_penny_to_the_largest_remainder_not_the_first_share()
    {
        var shares = Money.FromPounds(1m).Allocate([1m, 1m, 5m]);

        // 14.29p, 14.29p and 71.43p: the third has the largest remainder.
        Assert.Equal([Money.FromPence(14), Money.FromPence(14), Money.FromPence(72)], shares);
    }

    [Fact]
    public void Allocating_between_equal_weights_gives_the_odd_pence_to_the_earliest_shares()
    {
        var shares = Money.FromPence(7).Allocate([1m, 1m, 1m, 1m]);

        Assert.Equal([Money.FromPence(2), Money.FromPence(2), Money.FromPence(2), Money.FromPence(1)], shares);
    }

    [Fact]
    public void Allocating_gives_nothing_to_a_zero_weight()
    {
        var shares = Money.FromPounds(1_000m).Allocate([3m, 0m, 1m]);

        Assert.Equal([Money.FromPounds(750m), Money.Zero, Money.FromPounds(250m)], shares);
    }

    [Fact]
    public void Allocating_a_negative_amount_still_adds_up_exactly()
    {
        var shares = Money.FromPence(-100).Allocate([1m, 1m, 1m]);

        Assert.Equal(Money.FromPence(-100), Money.Sum(shares));
        Assert.All(shares, s => Assert.InRange(s.Pence, -34, -33));
    }

    public static TheoryData<decimal[]> WeightsThatCannotAllocate => new()
    {
        Array.Empty<decimal>(),
        new[] { 0m, 0m },
        new[] { 2m, -1m },
    };

    [Theory]
    [MemberData(nameof(WeightsThatCannotAllocate))]
    public void Allocating_needs_a_positive_weight_and_no_negative_ones(decimal[] weights)
    {
        var message = Refusal.Of(() => Money.FromPounds(100m).Allocate(weights));

        Assert.Equal("An allocation needs at least one positive weight and no negative weights.", message);
    }

    [Theory]
    [InlineData(123_456, "£1,234.56")]
    [InlineData(5, "£0.05")]
    [InlineData(0, "£0.00")]
    [InlineData(100_000_000, "£1,000,000.00")]
    [InlineData(-123_456, "-£1,234.56")]
    public void Money_reads_as_pounds_and_pence_with_a_pound_sign_and_thousands_separators(long pence, string expected)
    {
        Assert.Equal(expected, Money.FromPence(pence).ToString());
    }

    [Fact]
    public void Money_reads_the_same_whatever_the_servers_culture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");

            Assert.Equal("£1,234.56", Money.FromPence(123_456).ToString());
            Assert.Equal("1234.56", Money.FromPence(123_456).ToPlainString());
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Theory]
    [InlineData(123_456, "1234.56")]
    [InlineData(-5, "-0.05")]
    [InlineData(100, "1.00")]
    public void The_plain_figure_for_exports_has_no_symbol_or_separators(long pence, string expected)
    {
        Assert.Equal(expected, Money.FromPence(pence).ToPlainString());
    }

    [Fact]
    public void Adding_beyond_the_largest_amount_overflows_instead_of_wrapping_round()
    {
        var largest = Money.FromPence(long.MaxValue);

        Assert.Throws<OverflowException>(() => largest + Money.FromPence(1));
        Assert.Throws<OverflowException>(() => Money.FromPence(long.MinValue) - Money.FromPence(1));
        Assert.Throws<OverflowException>(() => -Money.FromPence(long.MinValue));
        Assert.Throws<OverflowException>(() => Money.FromPounds(long.MaxValue));
        Assert.Throws<OverflowException>(() => largest.MultiplyBy(2m));
        Assert.Throws<OverflowException>(() => Money.Sum([largest, Money.FromPence(1)]));
    }

    [Fact]
    public void Arithmetic_and_comparison_work_in_whole_pence()
    {
        var a = Money.FromPounds(10.50m);
        var b = Money.FromPounds(0.75m);

        Assert.Equal(Money.FromPence(1_125), a + b);
        Assert.Equal(Money.FromPence(975), a - b);
        Assert.Equal(Money.FromPence(-1_050), -a);
        Assert.True(a > b);
        Assert.True(b < a);
        Assert.True(a >= Money.FromPence(1_050));
        Assert.True(a <= Money.FromPence(1_050));
        Assert.Equal(1, a.CompareTo(b));
        Assert.Equal(10.50m, a.ToPounds());
        Assert.Equal(Money.FromPounds(11.25m), Money.Sum([a, b]));
        Assert.Equal(Money.Zero, Money.Sum([]));
    }

    [Fact]
    public void Zero_positive_and_negative_are_told_apart()
    {
        Assert.True(Money.Zero.IsZero);
        Assert.False(Money.Zero.IsPositive);
        Assert.False(Money.Zero.IsNegative);
        Assert.True(Money.FromPence(1).IsPositive);
        Assert.True(Money.FromPence(-1).IsNegative);
    }

    [Fact]
    public void The_same_amount_made_different_ways_is_equal()
    {
        Assert.Equal(Money.FromPence(150), Money.FromPounds(1.5m));
        Assert.Equal(Money.FromPounds(2L), Money.FromPounds(2.00m));
    }
}
