using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages;

/// <summary>
/// Shown by the exception handler (app.UseExceptionHandler("/Error")) when a request throws. It shows no details
/// of the exception, only a reference that matches the logs. The handler re-executes the original request, which
/// may be a POST from any page, so this page answers every method and does not check the antiforgery token.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public string RequestId { get; private set; } = "";

    // The same request id that ASP.NET Core's logging records for the failed request (its RequestId scope).
    public void OnGet() => RequestId = HttpContext.TraceIdentifier;

    public void OnPost() => OnGet();

    public void OnPut() => OnGet();

    public void OnPatch() => OnGet();

    public void OnDelete() => OnGet();
}
