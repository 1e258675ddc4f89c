using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Microsoft.AspNetCore.Identity;

namespace Commissioning.Infrastructure.Applications;

/// <summary>
/// Tells the office what an applicant has done that it must act on (an offer accepted or declined, a report sent):
/// to the office's grants mailbox when one is set (the Service:OfficeEmail setting), otherwise to every grants
/// officer's sign-in. Queued in the outbox in the caller's unit of work, so it is sent only if the change is saved.
/// </summary>
public sealed class OfficeNotices(Outbox outbox, UserManager<AppUser> users, string? officeEmail, string serviceName)
{
    /// <param name="link">The absolute link to the page where the office can see what was done.</param>
    public async Task QueueAsync(string subject, string link, params string[] paragraphs)
    {
        var body = $"{string.Join("\r\n\r\n", paragraphs)}\r\n\r\nSign in to see it: {link}\r\n\r\n{serviceName}\r\n";
        foreach (var address in await AddressesAsync())
        {
            outbox.Enqueue(address, subject, body);
        }
    }

    /// <summary>The office's grants mailbox, or every grants officer's address when none is configured.</summary>
    public async Task<IReadOnlyList<string>> AddressesAsync() =>
        !string.IsNullOrWhiteSpace(officeEmail)
            ? [officeEmail]
            : (await users.GetUsersInRoleAsync(Roles.GrantsOfficer)).Where(u => u.Email is not null).Select(u => u.Email!).ToList();
}
