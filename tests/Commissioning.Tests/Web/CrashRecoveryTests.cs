using System.Net;
using Commissioning.BrowserTests;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Commissioning.Web.Pages.Applications;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Tests.Web.ApplyApp;
using TaskStatus = Commissioning.Workflows.Persistence.TaskStatus;

namespace Commissioning.Tests.Web;

/// <summary>
/// The real app as a process of its own, killed outright (as a power cut would) at a named point while an applicant
/// submits, then started again on the same database: the submission moves its workflow on exactly once.
/// </summary>
public abstract class CrashRecoveryTests(DatabaseProvider provider)
{
    [Fact]
    public async Task A_crash_after_the_submission_commits_still_moves_the_workflow_on_once_after_a_restart() =>
        await SubmitThroughACrashAsync(SubmitApplication.AfterCommitCrashPoint);

    [Fact]
    public async Task A_crash_after_the_event_is_recorded_but_before_the_workflow_takes_it_delivers_it_once_after_a_restart() =>
        await SubmitThroughACrashAsync(CrashPoints.BeforeEventDeliveryCommitted);

    private async Task SubmitThroughACrashAsync(string crashPoint)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = database.Provider.ToString(),
            ["Database__ConnectionString"] = database.ConnectionString,
            ["Database__DataFolder"] = database.DataFolder,
            ["DataProtection__CertificatePath"] = database.KeyRingCertificatePath,
        };
        Guid id;
        await using (var doomed = await WebAppProcess.StartAsync(new Dictionary<string, string>(settings) { ["Testing__CrashAt"] = crashPoint }))
        {
            using var client = await SignedInAsync(doomed.BaseAddress);
            await using (var db = database.NewContext())
            {
                var round = await db.Rounds.AsNoTracking().SingleAsync(r => r.Title == "Police Property Act Fund 2026/27: round 2");
                id = await StartApplicationThroughPagesAsync(client, round, "Submitted as the power failed");
                var priorities = await db.PlanPriorities.AsNoTracking().OrderBy(p => p.Order).Select(p => p.Id).Take(2).ToListAsync();
                await CompleteDemoApplicationAsync(client, id, priorities);
            }

            var state = await PageStateAsync(client, $"/Applications/{id}/CheckAnswers");
            if (crashPoint == SubmitApplication.AfterCommitCrashPoint)
            {
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => SubmitAsync(client, id, state));
            }
            else
            {
                // The workflow takes the event off the request, a moment after the commit: the process dies then,
                // whether or not the answer to the submission had already reached the applicant.
                try
                {
                    Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(client, id, state)).StatusCode);
                }
                catch (HttpRequestException)
                {
                    // It died before answering.
                }
            }

            Assert.True(await doomed.ExitedWithinAsync(TimeSpan.FromSeconds(30)), "The app did not die at the crash point.");
            Assert.Contains($"Crash point '{crashPoint}' reached", doomed.Output, StringComparison.Ordinal);
        }

        var correlation = id.ToString();
        await using (var db = database.NewContext())
        {
            // What the applicant did is saved, with its event, and the workflow has not moved yet.
            Assert.Equal(ApplicationStatus.Submitted, (await db.Applications.AsNoTracking().SingleAsync(a => a.Id == GrantApplicationId.From(id))).Status);
            Assert.Equal("draft", (await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == correlation)).CurrentActivityId);
            var recorded = await db.Set<WorkflowEvent>().AsNoTracking().Where(e => e.CorrelationId == correlation).ToListAsync();
            Assert.Equal("ApplicationSubmitted", Assert.Single(recorded).EventName);
            Assert.Null(recorded[0].ConsumedAt);
        }

        await using (var restarted = await WebAppProcess.StartAsync(settings))
        {
            var instance = await EventuallyAsync(database, async db =>
            {
                var found = await db.Set<WorkflowInstance>().AsNoTracking().SingleAsync(i => i.CorrelationId == correlation);
                return found.CurrentActivityId == "eligibility" ? found : null;
            });

            await using var db = database.NewContext();
            var consumed = Assert.Single(await db.Set<WorkflowEvent>().AsNoTracking().Where(e => e.CorrelationId == correlation).ToListAsync());
            Assert.Equal(instance.Id, consumed.ConsumedByInstanceId);
            var log = await db.Set<WorkflowLogEntry>().AsNoTracking().Where(l => l.InstanceId == instance.Id).ToListAsync();
            Assert.Single(log, l => l.FromActivityId == "draft" && l.ToActivityId == "eligibility");
            Assert.Single(await db.Set<HumanTask>().AsNoTracking().Where(t => t.InstanceId == instance.Id && t.Status == TaskStatus.Open).ToListAsync());
            Assert.Single(await db.OutboxMessages.AsNoTracking().Where(m => m.Subject.StartsWith("Application ") && m.Subject.EndsWith(": Submitted as the power failed")).ToListAsync());
        }
    }

    private static async Task<HttpClient> SignedInAsync(Uri baseAddress)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = Applicant, ["Input.Password"] = DemoDataSeeder.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<T> EventuallyAsync<T>(TestDatabase database, Func<CommissioningDbContext, Task<T?>> probe)
        where T : class
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var db = database.NewContext())
            {
                if (await probe(db) is { } found)
                {
                    return found;
                }
            }

            Assert.True(DateTime.UtcNow < until, "The restarted app did not move the workflow on within 30 seconds.");
            await Task.Delay(200);
        }
    }
}

public sealed class CrashRecoveryTestsOnSqlite() : CrashRecoveryTests(DatabaseProvider.Sqlite);

public sealed class CrashRecoveryTestsOnPostgres() : CrashRecoveryTests(DatabaseProvider.PostgreSql);
