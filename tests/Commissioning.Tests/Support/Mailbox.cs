using System.Text.RegularExpressions;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Support;

/// <summary>
/// Reads the e-mails the app queued, straight from the outbox (they are queued in the same transaction as what
/// caused them, so there is no need to wait for the dispatcher), and follows the links in them.
/// </summary>
public static partial class Mailbox
{
    public static Task<List<OutboxMessage>> MessagesToAsync(this CommissioningApp app, string to) => app.InScopeAsync(services =>
        services.GetRequiredService<CommissioningDbContext>().OutboxMessages.AsNoTracking().Where(m => m.To == to).OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync());

    /// <summary>The only message to the address whose subject starts as given; fails listing what there is otherwise.</summary>
    public static async Task<OutboxMessage> SingleMessageAsync(this CommissioningApp app, string to, string subjectStart)
    {
        var messages = await app.MessagesToAsync(to);
        var matching = messages.Where(m => m.Subject.StartsWith(subjectStart, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count == 1, $"Expected one e-mail to {to} starting '{subjectStart}'; the outbox holds for them: {string.Join(" | ", messages.Select(m => m.Subject))}");
        return matching[0];
    }

    /// <summary>The absolute links in a message's body.</summary>
    public static IReadOnlyList<Uri> Links(this OutboxMessage message) => [.. Link().Matches(message.Body).Select(m => new Uri(m.Value))];

    /// <summary>The one link to the given path, as an absolute address.</summary>
    public static Uri LinkTo(this OutboxMessage message, string path)
    {
        var links = message.Links().Where(l => l.AbsolutePath == path).ToList();
        Assert.True(links.Count == 1, $"Expected one link to {path} in the e-mail '{message.Subject}':\n{message.Body}");
        return links[0];
    }

    /// <summary>A confirmed applicant account made directly, for tests that are not about registering.</summary>
    public static Task<AppUser> CreateApplicantAsync(this CommissioningApp app, string email, string password, string fullName) => app.InScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
        return user;
    });

    public static string UniqueEmail(string who) => $"{who}-{Guid.NewGuid():N}@test.commissioning.test";

    [GeneratedRegex(@"https?://[^\s]+")]
    private static partial Regex Link();
}
