namespace Commissioning.Domain.Common;

/// <summary>
/// Converts between UK local time (GMT in winter, BST in summer) and instants. Deadlines are set and shown in
/// UK time and stored as UTC instants.
/// </summary>
public static class UkTime
{
    private static readonly System.Globalization.CultureInfo UkCulture = System.Globalization.CultureInfo.GetCultureInfo("en-GB");

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    /// <summary>The instant at which UK clocks show the given date and time. A time skipped when clocks go forward is refused; a repeated time when they go back means the first (BST) one.</summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (Zone.IsInvalidTime(local))
        {
            throw new DomainException($"{time:HH:mm} on {date:d MMMM yyyy} does not exist in the UK because the clocks go forward; choose another time.");
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Max() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    public static DateTimeOffset ToUkLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToUkLocal(instant).DateTime);

    /// <summary>The last minute of a due date: something due on a date is due by 23:59 UK time on that date.</summary>
    public static readonly TimeOnly EndOfDueDate = new(23, 59);

    /// <summary>
    /// Calendar months added to a UK date, the day kept or, where the month is shorter, clamped to its last day:
    /// 31 January + 1 month is 28 February (29 in a leap year); 29 February + 12 months is 28 February. Never 30-day
    /// months or 365-day years.
    /// </summary>
    public static DateOnly AddMonths(DateOnly date, int months) => date.AddMonths(months);

    /// <summary>The instant by which something due on <paramref name="dueOn"/> must arrive: 23:59 UK time on that date.</summary>
    public static DateTimeOffset DueBy(DateOnly dueOn) => ToInstant(dueOn, EndOfDueDate);

    /// <summary>How a deadline reads to a person: "12pm (midday) on Saturday 12 September 2026", in English whatever the server's culture.</summary>
    public static string Describe(DateTimeOffset instant)
    {
        var local = ToUkLocal(instant);
        var time = local.Minute == 0 && local.Hour == 12 ? "12pm (midday)" : local.ToString("h:mmtt", UkCulture).ToLowerInvariant();
        return $"{time} on {local.ToString("dddd d MMMM yyyy", UkCulture)}";
    }

    /// <summary>How a calendar date reads to a person: "14 September 2026", in English whatever the server's culture.</summary>
    public static string DescribeDate(DateOnly date) => date.ToString("d MMMM yyyy", UkCulture);
}
