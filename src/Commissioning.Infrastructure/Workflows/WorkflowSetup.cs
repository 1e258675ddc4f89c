using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Runtime;
using Commissioning.Workflows.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Commissioning.Infrastructure.Workflows;

public static class WorkflowSetup
{
    /// <summary>
    /// The workflow engine with the grant handlers, its definitions from the workflows folder shipped beside the app
    /// (or Workflows:DefinitionsFolder), and Quartz on the same database: SQLite by default, PostgreSQL clustered so
    /// that several app nodes share timers and each fires once.
    /// </summary>
    public static IServiceCollection AddCommissioningWorkflows(this IServiceCollection services, ResolvedDatabase database, IConfiguration configuration, string contentRoot)
    {
        var folder = configuration[$"{WorkflowOptions.Section}:DefinitionsFolder"] is { Length: > 0 } configured
            ? Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured))
            : Path.Combine(AppContext.BaseDirectory, "workflows");
        var options = new WorkflowOptions { DefinitionsFolder = folder, IsRuleViolation = ex => ex is DomainException };
        services.AddWorkflowEngine<CommissioningDbContext>(GrantWorkflowHandlers.Create(), options);

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
            quartz.AddJobListener(provider => new JobRunHistoryListener(provider.GetRequiredService<IServiceScopeFactory>(), node));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
