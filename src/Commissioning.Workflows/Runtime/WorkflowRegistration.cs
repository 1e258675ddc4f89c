using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Commissioning.Workflows.Runtime;

public static class WorkflowRegistration
{
    /// <summary>
    /// Registers the engine on the host's DbContext: definitions loaded from <see cref="WorkflowOptions.DefinitionsFolder"/>
    /// (when the registry is first needed, normally at start-up), the runtime, and the sweep that fires due timers. The
    /// host runs <see cref="WorkflowTimerSweep"/> on its job system (every minute, and at start-up) and may supply an
    /// <see cref="IWorkflowTimerSweepTrigger"/> so that a timer which is due as soon as it is made fires at once. What a
    /// commit recorded for a workflow is posted to <see cref="WorkflowDeliveryQueue"/> and delivered by this process's
    /// delivery workers; <see cref="WorkflowDeliverySweep"/> (also the host's to run) delivers whatever they did not.
    /// </summary>
    public static IServiceCollection AddWorkflowEngine<TContext>(this IServiceCollection services, WorkflowHandlers handlers, WorkflowOptions options)
        where TContext : DbContext
    {
        services.AddSingleton(handlers);
        services.AddSingleton(options);
        services.AddSingleton(_ => new WorkflowRegistry(WorkflowDefinitionLoader.LoadFolder(options.DefinitionsFolder, handlers)));
        services.AddScoped<IWorkflowDbContextAccessor>(provider => new DbContextAccessor(provider.GetRequiredService<TContext>()));
        services.AddScoped<WorkflowRuntime>();
        services.AddSingleton<WorkflowTimerSweep>();
        services.TryAddSingleton<IWorkflowTimerSweepTrigger, ScheduledSweepOnly>();
        services.AddSingleton<WorkflowDeliverySweep>();
        services.AddSingleton<WorkflowDeliveryQueue>();
        services.AddHostedService<WorkflowDeliveryWorkers>();
        return services;
    }

    private sealed class DbContextAccessor(DbContext context) : IWorkflowDbContextAccessor
    {
        public DbContext Context => context;
    }
}
