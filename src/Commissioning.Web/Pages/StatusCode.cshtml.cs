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
public sealed class StatusCodeModel : PageModel
{
    public int Code { get; private set; }

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
