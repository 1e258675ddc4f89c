using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

public sealed class OutboxTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task A_queued_email_is_written_to_the_mail_folder_when_no_mail_server_is_configured()
    {
        var id = await app.InScopeAsync(async services =>
        {
            var message = services.GetRequiredService<Outbox>().Enqueue("applicant@example.org", "Confirm your email address", "Use this link to confirm your email address.");
            await services.GetRequiredService<CommissioningDbContext>().SaveChangesAsync();
            return message.Id;
        });

        OutboxMessage? sent = null;
        for (var wait = 0; wait < 120 && sent?.SentAt is null; wait++)
        {
            await Task.Delay(250);
            sent = await app.InScopeAsync(services => services.GetRequiredService<CommissioningDbContext>().OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
        }

        Assert.NotNull(sent?.SentAt);
        Assert.StartsWith(Path.Combine(app.Database.DataFolder, "mail"), sent.DeliveredVia, StringComparison.Ordinal);
        var eml = await File.ReadAllTextAsync(sent.DeliveredVia!);
        Assert.Contains("To: applicant@example.org", eml, StringComparison.Ordinal);
        Assert.Contains("Subject: Confirm your email address", eml, StringComparison.Ordinal);
        Assert.Contains("Use this link to confirm your email address.", eml, StringComparison.Ordinal);
    }
}
