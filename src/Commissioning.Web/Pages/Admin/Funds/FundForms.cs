using System.Globalization;
using Commissioning.Domain.Common;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Commissioning.Web.Pages.Admin.Funds;

/// <summary>Reading what staff type into the funds and budgets pages: amounts, dates and the domain's refusals, each onto its field.</summary>
internal static class FundForms
{
    /// <summary>The domain's answer, or its message on the field (null then).</summary>
    public static T? Attempt<T>(ModelStateDictionary modelState, string key, Func<T> build)
        where T : class
    {
        try
        {
            return build();
        }
        catch (DomainException refusal)
        {
            modelState.AddModelError(key, refusal.Message);
            return null;
        }
    }

    public static Money? Amount(ModelStateDictionary modelState, string key, string? text, bool optional = false)
    {
        if (optional && string.IsNullOrWhiteSpace(text))
        {
            return Money.Zero;
        }

        if (Money.TryParse(text, out var money, out var error))
        {
            if (money.IsNegative)
            {
                modelState.AddModelError(key, "Enter an amount of £0.00 or more");
                return null;
            }

            return money;
        }

        modelState.AddModelError(key, error!);
        return null;
    }

    /// <summary>A GOV.UK date input's three parts as a calendar date; null and a message when they are not one (nothing typed is null with no message when optional).</summary>
    public static DateOnly? Date(ModelStateDictionary modelState, string key, string what, string? day, string? month, string? year, bool optional)
    {
        var parts = new[] { day, month, year }.Select(p => p?.Trim()).ToArray();
        if (parts.All(string.IsNullOrEmpty))
        {
            if (!optional)
            {
                modelState.AddModelError(key, $"Enter {what}");
            }

            return null;
        }

        if (parts.Any(string.IsNullOrEmpty))
        {
            modelState.AddModelError(key, $"{Capitalise(what)} must include a day, a month and a year");
            return null;
        }

        if (int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            && y is >= 2000 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
        {
            return new DateOnly(y, m, d);
        }

        modelState.AddModelError(key, $"{Capitalise(what)} must be a real date, like 31 3 2027");
        return null;
    }

    public static FinancialYear? Year(ModelStateDictionary modelState, string key, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            modelState.AddModelError(key, "Enter the financial year, like 2026/27");
            return null;
        }

        try
        {
            return FinancialYear.Parse(text);
        }
        catch (DomainException refusal)
        {
            modelState.AddModelError(key, refusal.Message);
            return null;
        }
    }

    private static string Capitalise(string text) => string.Concat(text[..1].ToUpperInvariant(), text[1..]);
}
