using System.Globalization;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Pages.Admin.Funds;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Rounds;

/// <summary>Who sets up funding rounds (grants officers, and administrators, as for funds), and what the round pages share.</summary>
internal static class RoundsPages
{
    public const string Roles = FundsPages.Roles;

    /// <summary>The round with its fund and history, or null when there is no such round.</summary>
    public static async Task<(FundingRound Round, Fund Fund)?> LoadAsync(CommissioningDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Changes).SingleOrDefaultAsync(r => r.Id == RoundId.From(id), cancellationToken);
        if (round is null)
        {
            return null;
        }

        var fund = await db.Funds.AsNoTracking().SingleAsync(f => f.Id == round.FundId, cancellationToken);
        return (round, fund);
    }

    /// <summary>
    /// A date typed in a GOV.UK date input and a time (24-hour, like 09:00 or 23:59) as the instant UK clocks show
    /// then; null and a message on the field when they are not one.
    /// </summary>
    public static DateTimeOffset? UkInstant(ModelStateDictionary modelState, string key, string what, string? day, string? month, string? year, string? time)
    {
        var date = FundForms.Date(modelState, key, what, day, month, year, optional: false);
        var timeKey = $"Input.{key}Time";
        if (!TimeOnly.TryParseExact(time?.Trim().Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var clock))
        {
            modelState.AddModelError(timeKey, $"Enter the time of {what} in 24-hour UK time, like 09:00 or 23:59");
            return null;
        }

        if (date is not { } day1)
        {
            return null;
        }

        try
        {
            return UkTime.ToInstant(day1, clock);
        }
        catch (DomainException refusal)
        {
            modelState.AddModelError(timeKey, refusal.Message);
            return null;
        }
    }

    /// <summary>The parts of an instant as UK clocks show it, to fill a date input and a time field.</summary>
    public static (string Day, string Month, string Year, string Time) Parts(DateTimeOffset instant)
    {
        var local = UkTime.ToUkLocal(instant);
        return (local.Day.ToString(CultureInfo.InvariantCulture), local.Month.ToString(CultureInfo.InvariantCulture), local.Year.ToString(CultureInfo.InvariantCulture), local.ToString("HH:mm", CultureInfo.InvariantCulture));
    }

    /// <summary>A whole number typed into a field, or null and a message (nothing typed is null with no message when optional).</summary>
    public static int? WholeNumber(ModelStateDictionary modelState, string key, string? text, string what, int minimum, int maximum, bool optional = false)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (!optional)
            {
                modelState.AddModelError(key, $"Enter {what}");
            }

            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum)
        {
            return number;
        }

        modelState.AddModelError(key, $"{char.ToUpperInvariant(what[0])}{what[1..]} must be a whole number from {minimum} to {maximum}");
        return null;
    }
}

/// <summary>The reason for a change to a round, for _Reason: required once applications exist.</summary>
public sealed record ReasonField(string Key, string? Value, bool Required);

/// <summary>A GOV.UK textarea with its label, hint and error, for _TextArea.</summary>
public sealed record TextAreaField(string Key, string Label, string? Value, string? Hint = null, int Rows = 5);
