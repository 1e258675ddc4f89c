using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Jobs;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Organisations;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Hangfire;
using Hangfire.Storage;

namespace Commissioning.Tests.Web;

/// <summary>
/// The daily reminders before an organisation's documents expire: once 30 days before, once after, to the main
/// contact and the members, never twice, and afresh for a replacement upload. The clock is set, not waited for.
/// </summary>
public abstract class DocumentReminderTests(ApplyApp app)
{
    /// <summary>Noon UK time on a date, as an instant.</summary>
    private static DateTimeOffset Noon(DateOnly date) => UkTime.ToInstant(date, new TimeOnly(12, 0));

    [Fact]
    public async Task A_document_is_reminded_about_once_thirty_days_before_it_expires_and_once_after_to_the_main_contact_and_members()
    {
        var start = new DateOnly(2031, 3, 2);
        var expires = new DateOnly(2031, 6, 30);
        var group = await NewGroupAsync(start, DocumentKind.Insurance, expires, "insurance-2031.pdf");
        try
        {
            Assert.Equal([], await RemindAsync(start, group));
            Assert.Equal([], await RemindAsync(expires.AddDays(-31), group));

            var soon = await RemindAsync(expires.AddDays(-30), group);

            Assert.Equal(new[] { group.MainContact, group.Member }.Order(StringComparer.Ordinal), soon.Select(m => m.To).Order(StringComparer.Ordinal));
            Assert.All(soon, m => Assert.Equal($"{group.Name}'s insurance certificate expires on 30 June 2031", m.Subject));
            var toMainContact = soon.Single(m => m.To == group.MainContact);
            Assert.Contains("Dear Mo Maincontact,", toMainContact.Body, StringComparison.Ordinal);
            Assert.Contains($"{group.Name}'s insurance certificate (insurance-2031.pdf) expires on 30 June 2031.", toMainContact.Body, StringComparison.Ordinal);
            Assert.Equal($"/Organisations/{group.Id}/Documents", Support.Mailbox.LinkTo(toMainContact, $"/Organisations/{group.Id}/Documents").AbsolutePath);
            Assert.Contains("Dear Mel Member,", soon.Single(m => m.To == group.Member).Body, StringComparison.Ordinal);
            Assert.DoesNotContain(soon, m => m.To == group.NoAccount);

            // The same reminder never goes twice: not the same day, not the next, not on the last day.
            Assert.Equal([], await RemindAsync(expires.AddDays(-30), group));
            Assert.Equal([], await RemindAsync(expires.AddDays(-29), group));
            Assert.Equal([], await RemindAsync(expires, group));

            var expired = await RemindAsync(expires.AddDays(1), group);

            Assert.Equal(2, expired.Count);
            Assert.All(expired, m => Assert.Equal($"{group.Name}'s insurance certificate has expired", m.Subject));
            Assert.Contains($"{group.Name}'s insurance certificate (insurance-2031.pdf) expired at the end of 30 June 2031.", expired[0].Body, StringComparison.Ordinal);
            Assert.Equal([], await RemindAsync(expires.AddDays(1), group));
            Assert.Equal([], await RemindAsync(expires.AddDays(40), group));
            var recorded = await app.InDbAsync(db => db.Set<DocumentReminder>().AsNoTracking().Where(r => r.OrganisationId == group.Id).OrderBy(r => r.Kind).ToListAsync());
            Assert.Equal([DocumentReminderKind.ExpiresSoon, DocumentReminderKind.Expired], recorded.Select(r => r.Kind));
            Assert.All(recorded, r => Assert.Equal(2, r.Recipients));
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task A_replacement_upload_starts_afresh_and_the_document_it_replaced_is_not_reminded_about_again()
    {
        var start = new DateOnly(2032, 1, 10);
        var firstExpiry = new DateOnly(2032, 3, 31);
        var group = await NewGroupAsync(start, DocumentKind.SafeguardingPolicy, firstExpiry, "policy-2031.pdf");
        try
        {
            Assert.Equal(2, (await RemindAsync(firstExpiry.AddDays(-30), group)).Count);
            var secondExpiry = new DateOnly(2033, 3, 31);
            await UploadAsync(group.Id, DocumentKind.SafeguardingPolicy, firstExpiry.AddDays(-20), secondExpiry, "policy-2032.pdf");

            Assert.Equal([], await RemindAsync(firstExpiry.AddDays(1), group));
            Assert.Equal([], await RemindAsync(secondExpiry.AddDays(-31), group));
            var fresh = await RemindAsync(secondExpiry.AddDays(-30), group);

            Assert.Equal(2, fresh.Count);
            Assert.All(fresh, m => Assert.Equal($"{group.Name}'s safeguarding policy expires on 31 March 2033", m.Subject));
            Assert.Contains("(policy-2032.pdf)", fresh[0].Body, StringComparison.Ordinal);
        }
        finally
        {
            app.Clock.Reset();
        }
    }

    [Fact]
    public async Task The_reminders_run_daily_at_7am_uk_time_as_a_scheduled_job_that_sends_them()
    {
        using (var connection = app.App.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == ScheduledJobs.DocumentExpiryReminders);
            Assert.Equal("0 7 * * *", job.Cron);
            Assert.Equal(UkTime.Zone.Id, job.TimeZoneId);
            Assert.Equal(typeof(DocumentReminders), job.Job.Type);
        }

        var today = UkTime.DateOf(DateTimeOffset.UtcNow);
        var group = await NewGroupAsync(today, DocumentKind.Insurance, today.AddDays(10), "insurance-now.pdf");
        app.App.Services.GetRequiredService<IRecurringJobManager>().Trigger(ScheduledJobs.DocumentExpiryReminders);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        List<OutboxMessage> sent;
        do
        {
            await Task.Delay(200);
            sent = await MessagesAboutAsync(group);
        }
        while (sent.Count < 2 && DateTimeOffset.UtcNow < deadline);

        Assert.Equal(2, sent.Count);
        Assert.All(sent, m => Assert.StartsWith($"{group.Name}'s insurance certificate expires on", m.Subject, StringComparison.Ordinal));
    }

    private sealed record Group(OrganisationId Id, string Name, string MainContact, string Member, string NoAccount);

    /// <summary>A group with a main contact and a member (both with sign-ins), a contact with no sign-in, and one document uploaded on <paramref name="uploadedOn"/>.</summary>
    private async Task<Group> NewGroupAsync(DateOnly uploadedOn, DocumentKind kind, DateOnly expires, string fileName)
    {
        var name = $"Reminder group {Guid.NewGuid():N}"[..24];
        var mainContact = Support.Mailbox.UniqueEmail("main-contact");
        var member = Support.Mailbox.UniqueEmail("member");
        var noAccount = Support.Mailbox.UniqueEmail("no-account");
        var id = await app.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var db = services.GetRequiredService<CommissioningDbContext>();
            var organisation = db.Organisations.Add(new Organisation(name, LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None)).Entity;
            foreach (var (email, fullName, role) in new[] { (mainContact, "Mo Maincontact", PersonRole.MainContact), (member, "Mel Member", PersonRole.Member) })
            {
                var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = fullName };
                Assert.True((await users.CreateAsync(user, "a-long-enough-password")).Succeeded);
                organisation.AddPerson(fullName, email, role, user.Id);
            }

            organisation.AddPerson("Nat Noaccount", noAccount, PersonRole.SafeguardingLead);
            await db.SaveChangesAsync();
            return organisation.Id;
        });
        await UploadAsync(id, kind, uploadedOn, expires, fileName);
        return new Group(id, name, mainContact, member, noAccount);
    }

    private Task UploadAsync(OrganisationId id, DocumentKind kind, DateOnly uploadedOn, DateOnly expires, string fileName) => app.InDbAsync(async db =>
    {
        var organisation = await db.Organisations.Include(o => o.Documents).SingleAsync(o => o.Id == id);
        organisation.AddDocument(kind, new StoredDocument(fileName, $"{Guid.NewGuid():N}.pdf", "application/pdf", 1234), Noon(uploadedOn), expires, UploadQuota.OrganisationDefault);
        return await db.SaveChangesAsync();
    });

    /// <summary>Runs the reminders with the clock at noon on the date; returns the e-mails they queued about the group.</summary>
    private async Task<List<OutboxMessage>> RemindAsync(DateOnly on, Group group)
    {
        var before = (await MessagesAboutAsync(group)).Select(m => m.Id).ToHashSet();
        app.Clock.Set(Noon(on));
        await app.InScopeAsync(services => services.GetRequiredService<DocumentReminders>().SendDueAsync());
        return [.. (await MessagesAboutAsync(group)).Where(m => !before.Contains(m.Id))];
    }

    private Task<List<OutboxMessage>> MessagesAboutAsync(Group group) => app.InDbAsync(db =>
        db.OutboxMessages.AsNoTracking().Where(m => m.Subject.StartsWith(group.Name)).OrderBy(m => m.To).ToListAsync());
}

public sealed class DocumentReminderTestsOnSqlite(SqliteApplyApp app) : DocumentReminderTests(app), IClassFixture<SqliteApplyApp>;

public sealed class DocumentReminderTestsOnPostgres(PostgresApplyApp app) : DocumentReminderTests(app), IClassFixture<PostgresApplyApp>;
