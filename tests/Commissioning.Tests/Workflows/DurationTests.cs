using Commissioning.Workflows.Definitions;

namespace Commissioning.Tests.Workflows;

/// <summary>How the engine reads ISO 8601 durations: days and hours exactly, months and years as calendar months, never 30 days.</summary>
public sealed class DurationTests
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    [Fact]
    public void A_fixed_length_duration_is_read_exactly_and_one_counting_months_is_refused_as_a_fixed_length()
    {
        Assert.Equal(TimeSpan.FromDays(14), WorkflowDefinitionLoader.ParseDuration("P14D"));
        Assert.Equal(TimeSpan.FromHours(12), WorkflowDefinitionLoader.ParseDuration("PT12H"));
        Assert.Throws<FormatException>(() => WorkflowDefinitionLoader.ParseDuration("P1M"));
        Assert.Throws<FormatException>(() => WorkflowDefinitionLoader.ParseDuration("P1Y"));
    }

    [Fact]
    public void Months_are_added_to_the_local_date_with_the_day_clamped_and_the_local_time_kept_across_a_clock_change()
    {
        // 10am BST on 15 October 2026 + 3 months is 10am GMT on 15 January 2027, not 90 days later.
        var accepted = new DateTimeOffset(2026, 10, 15, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.Zero), WorkflowDefinitionLoader.AddDuration(accepted, "P3M", London));
        Assert.Equal(new DateTimeOffset(2027, 10, 15, 9, 0, 0, TimeSpan.Zero), WorkflowDefinitionLoader.AddDuration(accepted, "P12M", London));
        Assert.Equal(new DateTimeOffset(2027, 2, 28, 12, 0, 0, TimeSpan.Zero), WorkflowDefinitionLoader.AddDuration(new DateTimeOffset(2027, 1, 31, 12, 0, 0, TimeSpan.Zero), "P1M", London));
        Assert.Equal(new DateTimeOffset(2029, 2, 28, 12, 0, 0, TimeSpan.Zero), WorkflowDefinitionLoader.AddDuration(new DateTimeOffset(2028, 2, 29, 12, 0, 0, TimeSpan.Zero), "P1Y", London));
        Assert.Equal(accepted.AddDays(14), WorkflowDefinitionLoader.AddDuration(accepted, "P14D", London));
        Assert.Equal(new DateTimeOffset(2027, 2, 12, 10, 0, 0, TimeSpan.Zero), WorkflowDefinitionLoader.AddDuration(new DateTimeOffset(2026, 11, 11, 10, 0, 0, TimeSpan.Zero), "P3M1D", London));
        Assert.Equal(3, WorkflowDefinitionLoader.CalendarMonths("P3M"));
        Assert.Equal(0, WorkflowDefinitionLoader.CalendarMonths("P90D"));
    }
}
