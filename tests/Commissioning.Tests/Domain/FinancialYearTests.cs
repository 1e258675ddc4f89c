using Commissioning.Domain.Common;

namespace Commissioning.Tests.Domain;

public class FinancialYearTests
{
    [Fact]
    public void The_thirty_first_of_march_belongs_to_the_year_that_started_the_previous_april()
    {
        Assert.Equal(new FinancialYear(2026), FinancialYear.Containing(new DateOnly(2027, 3, 31)));
    }

    [Fact]
    public void The_first_of_april_starts_a_new_financial_year()
    {
        Assert.Equal(new FinancialYear(2027), FinancialYear.Containing(new DateOnly(2027, 4, 1)));
    }

    [Theory]
    [InlineData(2026, 1, 1, 2025)]
    [InlineData(2026, 12, 31, 2026)]
    [InlineData(2026, 4, 30, 2026)]
    [InlineData(2026, 3, 1, 2025)]
    public void A_date_falls_in_the_year_that_started_on_the_last_first_of_april(int year, int month, int day, int expectedStartYear)
    {
        Assert.Equal(expectedStartYear, FinancialYear.Containing(new DateOnly(year, month, day)).StartYear);
    }

    [Fact]
    public void A_year_runs_from_the_first_of_april_to_the_thirty_first_of_march()
    {
        var year = new FinancialYear(2026);

        Assert.Equal(new DateOnly(2026, 4, 1), year.FirstDay);
        Assert.Equal(new DateOnly(2027, 3, 31), year.LastDay);
        Assert.True(year.Contains(new DateOnly(2026, 4, 1)));
        Assert.True(year.Contains(new DateOnly(2027, 3, 31)));
        Assert.False(year.Contains(new DateOnly(2026, 3, 31)));
        Assert.False(year.Contains(new DateOnly(2027, 4, 1)));
    }

    [Theory]
    [InlineData(2026, 4, 1, 1)]
    [InlineData(2026, 6, 30, 1)]
    [InlineData(2026, 7, 1, 2)]
    [InlineData(2026, 9, 30, 2)]
    [InlineData(2026, 10, 1, 3)]
    [InlineData(2026, 12, 31, 3)]
    [InlineData(2027, 1, 1, 4)]
    [InlineData(2027, 3, 31, 4)]
    public void Quarters_start_in_april_so_january_is_quarter_four(int year, int month, int day, int expectedQuarter)
    {
        Assert.Equal(expectedQuarter, new FinancialYear(2026).QuarterOf(new DateOnly(year, month, day)));
    }

    [Fact]
    public void Asking_for_the_quarter_of_a_date_outside_the_year_is_refused()
    {
        var message = Refusal.Of(() => new FinancialYear(2026).QuarterOf(new DateOnly(2027, 4, 1)));

        Assert.Equal("1 April 2027 is not in financial year 2026/27.", message);
    }

    [Fact]
    public void Twenty_ninth_february_2028_is_in_2027_28_and_its_fourth_quarter()
    {
        var leapDay = new DateOnly(2028, 2, 29);

        var year = FinancialYear.Containing(leapDay);

        Assert.Equal(new FinancialYear(2027), year);
        Assert.True(year.Contains(leapDay));
        Assert.Equal(4, year.QuarterOf(leapDay));
        Assert.Equal(new DateOnly(2028, 3, 31), year.LastDay);
    }

    [Theory]
    [InlineData("2026/27", 2026)]
    [InlineData("2026-27", 2026)]
    [InlineData("2026/2027", 2026)]
    [InlineData(" 2026 / 27 ", 2026)]
    [InlineData("2099/00", 2099)]
    [InlineData("2099/2100", 2099)]
    public void A_year_written_like_2026_27_is_read(string text, int expectedStartYear)
    {
        Assert.Equal(expectedStartYear, FinancialYear.Parse(text).StartYear);
    }

    [Fact]
    public void A_year_whose_two_halves_do_not_follow_on_is_refused_with_the_right_way_to_write_it()
    {
        var message = Refusal.Of(() => FinancialYear.Parse("2026/28"));

        Assert.Equal("'2026/28' is not a financial year: the year after 2026 is 2027, so write 2026/27.", message);
    }

    [Theory]
    [InlineData("2026/2127")]
    [InlineData("2026/3027")]
    [InlineData("2026/2028")]
    public void A_four_digit_second_year_must_be_the_very_next_year(string text)
    {
        var message = Refusal.Of(() => FinancialYear.Parse(text));

        Assert.Equal($"'{text}' is not a financial year: the year after 2026 is 2027, so write 2026/27.", message);
    }

    [Theory]
    [InlineData("26/27")]
    [InlineData("2026")]
    [InlineData("2026/7")]
    [InlineData("twenty twenty-six")]
    [InlineData("")]
    [InlineData("٢٠٢٦/٢٧")]
    public void Text_that_is_not_written_like_a_financial_year_is_refused_with_an_example(string text)
    {
        var message = Refusal.Of(() => FinancialYear.Parse(text));

        Assert.Equal($"'{text}' is not a financial year; write it like 2026/27.", message);
    }

    [Fact]
    public void A_year_outside_what_the_service_records_is_refused()
    {
        var message = Refusal.Of(() => FinancialYear.Parse("1999/00"));

        Assert.Equal("1999 is not a financial year this service can record; use a year between 2000 and 2200.", message);
    }

    [Theory]
    [InlineData(2026, "2026/27")]
    [InlineData(2009, "2009/10")]
    [InlineData(2099, "2099/00")]
    public void A_year_is_written_by_its_start_and_the_last_two_digits_of_its_end(int startYear, string expected)
    {
        Assert.Equal(expected, new FinancialYear(startYear).ToString());
    }

    [Fact]
    public void Written_years_read_back_as_the_same_year()
    {
        var year = new FinancialYear(2031);

        Assert.Equal(year, FinancialYear.Parse(year.ToString()));
    }

    [Fact]
    public void Years_follow_on_from_each_other_and_sort_in_order()
    {
        var year = new FinancialYear(2026);

        Assert.Equal(new FinancialYear(2027), year.Next);
        Assert.Equal(new FinancialYear(2025), year.Previous);
        Assert.Equal(year.LastDay.AddDays(1), year.Next.FirstDay);
        Assert.True(year.CompareTo(year.Next) < 0);
        Assert.Equal(0, year.CompareTo(new FinancialYear(2026)));
        Assert.Equal([new FinancialYear(2025), year, new FinancialYear(2027)], new[] { year.Next, year, year.Previous }.Order());
    }
}
