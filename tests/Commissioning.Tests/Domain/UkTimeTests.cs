using System.Globalization;
using Commissioning.Domain.Common;

namespace Commissioning.Tests.Domain;

public class UkTimeTests
{
    [Fact]
    public void Noon_in_british_summer_time_is_eleven_oclock_utc()
    {
        var instant = UkTime.ToInstant(new DateOnly(2026, 9, 12), new TimeOnly(12, 0));

        Assert.Equal(new DateTimeOffset(2026, 9, 12, 11, 0, 0, TimeSpan.Zero), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Fact]
    public void Noon_in_winter_is_noon_utc()
    {
        var instant = UkTime.ToInstant(new DateOnly(2027, 1, 12), new TimeOnly(12, 0));

        Assert.Equal(new DateTimeOffset(2027, 1, 12, 12, 0, 0, TimeSpan.Zero), instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Fact]
    public void A_time_skipped_when_the_clocks_go_forward_is_refused()
    {
        var message = Refusal.Of(() => UkTime.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(1, 30)));

        Assert.Equal("01:30 on 29 March 2026 does not exist in the UK because the clocks go forward; choose another time.", message);
    }

    [Fact]
    public void Times_either_side_of_the_spring_gap_are_accepted()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 0, 59, 0, TimeSpan.Zero), UkTime.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(0, 59)));
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), UkTime.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(2, 0)));
    }

    [Fact]
    public void A_time_repeated_when_the_clocks_go_back_means_the_first_british_summer_time_one()
    {
        var instant = UkTime.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(1, 30));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void After_the_clocks_go_back_the_uk_is_on_utc_again()
    {
        var instant = UkTime.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(2, 30));

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.Zero), instant);
    }

    [Fact]
    public void An_instant_shows_as_uk_local_time_with_its_offset()
    {
        var local = UkTime.ToUkLocal(new DateTimeOffset(2026, 9, 12, 11, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateTime(2026, 9, 12, 12, 0, 0), local.DateTime);
        Assert.Equal(TimeSpan.FromHours(1), local.Offset);
    }

    [Fact]
    public void Half_past_eleven_at_night_utc_on_31_march_is_already_1_april_in_the_uk()
    {
        var instant = new DateTimeOffset(2027, 3, 31, 23, 30, 0, TimeSpan.Zero);

        var ukDate = UkTime.DateOf(instant);

        Assert.Equal(new DateOnly(2027, 4, 1), ukDate);
        Assert.Equal(new FinancialYear(2027), FinancialYear.Containing(ukDate));
    }

    [Fact]
    public void A_midday_deadline_reads_as_12pm_midday_with_the_day_of_the_week()
    {
        var deadline = UkTime.ToInstant(new DateOnly(2026, 9, 12), new TimeOnly(12, 0));

        Assert.Equal("12pm (midday) on Saturday 12 September 2026", UkTime.Describe(deadline));
    }

    [Theory]
    [InlineData(9, 30, "9:30am on Monday 1 June 2026")]
    [InlineData(17, 0, "5:00pm on Monday 1 June 2026")]
    [InlineData(12, 30, "12:30pm on Monday 1 June 2026")]
    [InlineData(0, 0, "12:00am on Monday 1 June 2026")]
    public void Other_deadlines_read_in_twelve_hour_uk_time(int hour, int minute, string expected)
    {
        var deadline = UkTime.ToInstant(new DateOnly(2026, 6, 1), new TimeOnly(hour, minute));

        Assert.Equal(expected, UkTime.Describe(deadline));
    }

    [Fact]
    public void A_winter_deadline_reads_in_gmt()
    {
        var deadline = new DateTimeOffset(2027, 1, 12, 17, 0, 0, TimeSpan.Zero);

        Assert.Equal("5:00pm on Tuesday 12 January 2027", UkTime.Describe(deadline));
    }

    [Fact]
    public void A_deadline_reads_in_english_whatever_the_servers_culture()
    {
        var deadline = UkTime.ToInstant(new DateOnly(2026, 9, 12), new TimeOnly(12, 0));
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");

            Assert.Equal("12pm (midday) on Saturday 12 September 2026", UkTime.Describe(deadline));
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Theory]
    [InlineData("2027-01-31", 1, "2027-02-28")]
    [InlineData("2028-01-31", 1, "2028-02-29")]
    [InlineData("2026-08-31", 6, "2027-02-28")]
    [InlineData("2028-02-29", 12, "2029-02-28")]
    [InlineData("2026-10-15", 12, "2027-10-15")]
    [InlineData("2027-10-15", 3, "2028-01-15")]
    [InlineData("2026-03-31", -1, "2026-02-28")]
    public void Months_are_added_to_a_uk_date_with_the_day_clamped_to_the_months_end(string from, int months, string expected)
    {
        var date = DateOnly.Parse(from, CultureInfo.InvariantCulture);

        Assert.Equal(DateOnly.Parse(expected, CultureInfo.InvariantCulture), UkTime.AddMonths(date, months));
    }

    [Fact]
    public void Something_due_on_a_date_is_due_by_23_59_uk_time_that_day_in_summer_and_winter()
    {
        Assert.Equal(new DateTimeOffset(2028, 1, 15, 23, 59, 0, TimeSpan.Zero), UkTime.DueBy(new DateOnly(2028, 1, 15)));
        Assert.Equal(new DateTimeOffset(2027, 7, 15, 22, 59, 0, TimeSpan.Zero), UkTime.DueBy(new DateOnly(2027, 7, 15)));
        Assert.Equal("11:59pm on Saturday 15 January 2028", UkTime.Describe(UkTime.DueBy(new DateOnly(2028, 1, 15))));
    }
}
