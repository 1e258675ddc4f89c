using System.Globalization;
using Commissioning.Domain.Common;

namespace Commissioning.Web;

/// <summary>Instants as people in the UK read them, in UK time and in English whatever the server's culture.</summary>
public static class UkDates
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>14 September 2026</summary>
    public static string Date(DateTimeOffset instant) => UkTime.ToUkLocal(instant).ToString("d MMMM yyyy", UkCulture);

    public static string Date(DateOnly date) => UkTime.DescribeDate(date);

    /// <summary>14 September 2026 at 3:05pm</summary>
    public static string DateAndTime(DateTimeOffset instant)
    {
        var local = UkTime.ToUkLocal(instant);
        return $"{local.ToString("d MMMM yyyy", UkCulture)} at {local.ToString("h:mmtt", UkCulture).ToLowerInvariant()}";
    }
}
