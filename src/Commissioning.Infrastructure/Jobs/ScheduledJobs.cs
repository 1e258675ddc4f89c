using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Organisations;
using Commissioning.Workflows.Runtime;
using Commissioning.Workflows.Scheduling;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Commissioning.Infrastructure.Jobs;

/// <summary>
/// The service's recurring jobs, all in one place, registered (or brought up to date) at start-up by every process.
/// Each takes no arguments but ids and is safe to run twice, on one node or several. At start-up the timer sweep and
/// the outbox dispatch also run once, for whatever fell due while the service was down.
/// </summary>
public sealed class ScheduledJobs(IRecurringJobManager recurring, IBackgroundJobClient jobs, ILogger<ScheduledJobs> logger) : IHostedService
{
    /// <summary>Fires workflow reminders and deadlines that are due (every minute: deadlines are measured in days).</summary>
    public const string TimerSweep = "workflows.timer-sweep";

    /// <summary>Starts workflows and delivers events saved with a change but left undelivered by a crash after its commit.</summary>
    public const string DeliverySweep = "workflows.delivery-sweep";

    /// <summary>Sends e-mails left in the outbox (each is also queued to go at once when it is saved).</summary>
    public const string OutboxDispatch = "mail.outbox-dispatch";

    /// <summary>Daily at 7am UK time: reminders about organisations' documents that expire soon or have expired.</summary>
    public const string DocumentExpiryReminders = "organisations.document-expiry-reminders";

    public const string EveryMinute = "* * * * *";

    public const string DailyAtSevenAm = "0 7 * * *";

    public static void Register(IRecurringJobManager recurring)
    {
        recurring.AddOrUpdate<WorkflowTimerSweep>(TimerSweep, sweep => sweep.FireDueAsync(CancellationToken.None), EveryMinute, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<WorkflowDeliverySweep>(DeliverySweep, sweep => sweep.RunAsync(CancellationToken.None), EveryMinute, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<OutboxDispatchJob>(OutboxDispatch, dispatch => dispatch.DispatchAsync(CancellationToken.None), EveryMinute, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        recurring.AddOrUpdate<DocumentReminders>(DocumentExpiryReminders, reminders => reminders.SendDueAsync(CancellationToken.None), DailyAtSevenAm, new RecurringJobOptions { TimeZone = UkTime.Zone });
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Register(recurring);
        jobs.Enqueue<WorkflowTimerSweep>(sweep => sweep.FireDueAsync(CancellationToken.None));
        jobs.Enqueue<WorkflowDeliverySweep>(sweep => sweep.RunAsync(CancellationToken.None));
        jobs.Enqueue<OutboxDispatchJob>(dispatch => dispatch.DispatchAsync(CancellationToken.None));
        logger.LogInformation("Registered the recurring jobs {Jobs}", string.Join(", ", TimerSweep, DeliverySweep, OutboxDispatch, DocumentExpiryReminders));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
