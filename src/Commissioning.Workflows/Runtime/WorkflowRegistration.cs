using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Workflows.Runtime;

public static class WorkflowRegistration
{
    /// <summary>
    /// Registers the engine on the host's DbContext: definitions loaded from <see cref="WorkflowOptions.DefinitionsFolder"/>
    /// (when the registry is first needed, normally at start-up), the runtime, and timers as Quartz jobs. The host adds
    /// Quartz itself (store, clustering) because only it knows the database.
    /// </summary>
    public static IServiceCollection AddWorkflowEngine<TContext>(this IServiceCollection services, WorkflowHandlers handlers, WorkflowOptions options)
        where TContext : DbContext
    {
        services.AddSingleton(handlers);
        services.AddSingleton(options);
        services.AddSingleton(_ => new WorkflowRegistry(WorkflowDefinitionLoader.LoadFolder(options.DefinitionsFolder, handlers)));
        services.AddScoped<IWorkflowDbContextAccessor>(provider => new DbContextAccessor(provider.GetRequiredService<TContext>()));
        services.AddScoped<WorkflowRuntime>();
        services.AddSingleton<IWorkflowTimerScheduler, QuartzWorkflowTimerScheduler>();
        services.AddHostedService<WorkflowTimerReconciler>();
        services.AddSingleton<WorkflowDeliverySweep>();
        services.AddHostedService<WorkflowDeliverySweepService>();
        return services;
    }

    private sealed class DbContextAccessor(DbContext context) : IWorkflowDbContextAccessor
    {
        public DbContext Context => context;
    }
}
