using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages;

/// <summary>
/// The page for an error status code with no body (app.UseStatusCodePagesWithReExecute("/Error/{0}")): 404, 403,
/// 400 and the rest, following the GOV.UK Design System's page patterns. Re-execution keeps the original method,
/// so this page answers every method and does not check the antiforgery token.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class StatusCodeModel(TimeProvider clock) : PageModel
{
    public int Code { get; private set; }

    /// <summary>For 429 from the limits on e-mails: which limit, and when to try again.</summary>
    public Account.TooManyRequests? TooMany { get; private set; }

    /// <summary>"in 12 minutes, at 3:15pm": when the person can try again, in words, in UK time.</summary>
    public string TryAgain
    {
        get
        {
            if (TooMany is null)
            {
                return string.Empty;
            }

            var minutes = Math.Max(1, (int)Math.Ceiling((TooMany.TryAgainAt - clock.GetUtcNow()).TotalMinutes));
            var time = Domain.Common.UkTime.ToUkLocal(TooMany.TryAgainAt).ToString("h:mmtt", System.Globalization.CultureInfo.GetCultureInfo("en-GB")).ToLowerInvariant();
            return minutes switch
            {
                1 => $"in 1 minute, at {time}",
                < 120 => $"in {minutes} minutes, at {time}",
                _ => $"after {UkDates.DateAndTime(TooMany.TryAgainAt)}",
            };
        }
    }

    public string Heading { get; private set; } = "";

    public void OnGet(int code)
    {
        // Re-executed, the response already carries the original status. Asked for directly, answer with the code
        // shown, so that /Error/404 is a 404; a code that is not an error status is shown as "Page not found".
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        if (HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is null)
        {
            Response.StatusCode = Code;
        }

        TooMany = Code == StatusCodes.Status429TooManyRequests ? HttpContext.Items[Account.TooManyRequests.ItemKey] as Account.TooManyRequests : null;

        Heading = Code switch
        {
            StatusCodes.Status400BadRequest => "Sorry, there is a problem with your request",
            StatusCodes.Status403Forbidden => "You do not have permission to see this page",
            StatusCodes.Status404NotFound or StatusCodes.Status410Gone => "Page not found",
            StatusCodes.Status405MethodNotAllowed => "Sorry, you cannot do that on this page",
            StatusCodes.Status429TooManyRequests => "Sorry, there have been too many attempts",
            StatusCodes.Status503ServiceUnavailable => "Sorry, the service is unavailable",
            _ => "Sorry, there is a problem with the service",
        };
    }

    public void OnPost(int code) => OnGet(code);

    public void OnPut(int code) => OnGet(code);

    public void OnPatch(int code) => OnGet(code);

    public void OnDelete(int code) => OnGet(code);
}
