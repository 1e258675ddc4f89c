using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Admin.Mail;

/// <summary>
/// The outbox, newest first: every e-mail the service has queued, and whether it has gone. Without a mail server
/// this is where an office reads them (they are also written to the data folder's mail folder).
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class IndexModel(CommissioningDbContext db, MailOptions options) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    /// <summary>The page of the list ("p": "page" is Razor Pages' own route value).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int PageNumber { get; set; } = 1;

    public int Pages { get; private set; }

    public int Total { get; private set; }

    public int Waiting { get; private set; }

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(options.SmtpHost);

    public string? SmtpHost => options.SmtpHost;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Total = await db.OutboxMessages.CountAsync(cancellationToken);
        Waiting = await db.OutboxMessages.CountAsync(m => m.SentAt == null, cancellationToken);
        Pages = Math.Max(1, (Total + PageSize - 1) / PageSize);
        if (PageNumber < 1 || PageNumber > Pages)
        {
            return NotFound();
        }

        Messages = await db.OutboxMessages.AsNoTracking()
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .ToListAsync(cancellationToken);
        return Page();
    }
}
