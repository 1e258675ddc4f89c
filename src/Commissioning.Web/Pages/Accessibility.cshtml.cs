using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages;

[AllowAnonymous]
public sealed class AccessibilityModel : PageModel
{
    public void OnGet()
    {
    }
}
