using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Commissioning.Infrastructure.Workflows;

public static class SchedulerSetup
{
    /// <summary>
    /// Quartz on the service's own database: SQLite by default, PostgreSQL clustered so that several app nodes share
    /// the jobs and each fires once. Quartz provisions its own tables. Holds workflow timers, the outbox dispatch and
    /// the daily document expiry reminders.
    /// </summary>
    public static IServiceCollection AddCommissioningScheduler(this IServiceCollection services, ResolvedDatabase database, IConfiguration configuration)
    {
        var node = configuration["Scheduler:NodeName"] is { Length: > 0 } name ? name : $"{Environment.MachineName}-{Environment.ProcessId}";
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "Commissioning";
                scheduler.InstanceId = node;
            });
            quartz.UsePersistentStore(store =>
            {
                if (database.Provider == DatabaseProvider.PostgreSql)
                {
                    store.UsePostgres(database.ConnectionString);
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(5));
                }
                else
                {
                    store.UseSqlite(database.ConnectionString);
                }

                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
            });
            quartz.ScheduleJob<OutboxDispatchJob>(
                trigger => trigger.WithIdentity("outbox-dispatch", "mail").StartNow().WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(10)).RepeatForever()),
                job => job.WithIdentity(OutboxDispatchJob.Key));
            // Daily at 7am UK time; after downtime, a missed run happens as soon as the scheduler starts.
            quartz.ScheduleJob<Organisations.DocumentReminderJob>(
                trigger => trigger.WithIdentity("document-expiry-reminders", "organisations")
                    .WithCronSchedule("0 0 7 * * ?", cron => cron.InTimeZone(Domain.Common.UkTime.Zone).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
                job => job.WithIdentity(Organisations.DocumentReminderJob.Key));
            quartz.AddJobListener(provider => new JobRunHistoryListener(provider.GetRequiredService<IServiceScopeFactory>(), node));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
