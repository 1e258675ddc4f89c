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

    /// <summary>What is shown instead of a link that carries a token.</summary>
    public const string RemovedLink = "[link removed: only the addressee can use it]";

    /// <summary>
    /// The plain-text body, HTML-encoded, with its web addresses made into links, except those that carry a token (a
    /// password reset, an e-mail confirmation, an invitation): they are removed, since whoever holds one can act as
    /// the addressee.
    /// </summary>
    public IHtmlContent BodyWithLinks()
    {
        var encoded = System.Net.WebUtility.HtmlEncode(WithoutTokenLinks(Message.Body));
        return new HtmlString(WebAddress().Replace(encoded, match => $"<a class=\"govuk-link\" href=\"{match.Value}\">{match.Value}</a>"));
    }

    /// <summary>The text with every web address that carries a token (a <c>code</c> or <c>token</c> in its query) replaced by <see cref="RemovedLink"/>.</summary>
    public static string WithoutTokenLinks(string text) =>
        WebAddress().Replace(text, match => CarriesToken(match.Value) ? RemovedLink : match.Value);

    private static bool CarriesToken(string address) => TokenParameter().IsMatch(address);

    [GeneratedRegex(@"https?://[^\s<>""]+")]
    private static partial Regex WebAddress();

    [GeneratedRegex(@"[?&;](code|token)=", RegexOptions.IgnoreCase)]
    private static partial Regex TokenParameter();
}
