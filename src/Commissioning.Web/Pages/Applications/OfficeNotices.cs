using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// Tells the office what an applicant has done that it must act on (an offer accepted or declined, a report sent):
/// to the office's grants mailbox when <see cref="ServiceOptions.OfficeEmail"/> is set, otherwise to every grants
/// officer's sign-in. Queued in the outbox in the caller's unit of work, so it is sent only if the change is saved.
/// </summary>
public sealed class OfficeNotices(Outbox outbox, UserManager<AppUser> users, IOptions<ServiceOptions> service)
{
    public async Task QueueAsync(string subject, HttpRequest request, string pathToLook, params string[] paragraphs)
    {
        var options = service.Value;
        var link = options.LinkTo(request, pathToLook);
        var body = $"{string.Join("\r\n\r\n", paragraphs)}\r\n\r\nSign in to see it: {link}\r\n\r\n{options.ServiceName}\r\n";
        foreach (var address in await AddressesAsync())
        {
            outbox.Enqueue(address, subject, body);
        }
    }

    /// <summary>The office's grants mailbox, or every grants officer's address when none is configured.</summary>
    public async Task<IReadOnlyList<string>> AddressesAsync() =>
        !string.IsNullOrWhiteSpace(service.Value.OfficeEmail)
            ? [service.Value.OfficeEmail]
            : (await users.GetUsersInRoleAsync(Roles.GrantsOfficer)).Where(u => u.Email is not null).Select(u => u.Email!).ToList();
}
