using System.Text.RegularExpressions;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Mail;

/// <summary>One e-mail from the outbox with its whole text, so an office without a mail server can read (and follow) it.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed partial class MessageModel(CommissioningDbContext db) : PageModel
{
    public OutboxMessage Message { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var message = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (message is null)
        {
            return NotFound();
        }

        Message = message;
        return Page();
    }

    /// <summary>The plain-text body, HTML-encoded, with its web addresses made into links.</summary>
    public IHtmlContent BodyWithLinks()
    {
        var encoded = System.Net.WebUtility.HtmlEncode(Message.Body);
        return new HtmlString(WebAddress().Replace(encoded, match => $"<a class=\"govuk-link\" href=\"{match.Value}\">{match.Value}</a>"));
    }

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex WebAddress();
}
