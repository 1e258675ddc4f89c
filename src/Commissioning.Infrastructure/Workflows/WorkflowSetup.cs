using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Infrastructure.Workflows;

public static class WorkflowSetup
{
    /// <summary>
    /// The workflow engine with the grant handlers and its definitions from the workflows folder shipped beside the
    /// app (or Workflows:DefinitionsFolder). Its timers run on the scheduler added by <see cref="SchedulerSetup"/>.
    /// </summary>
    public static IServiceCollection AddCommissioningWorkflows(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var folder = configuration[$"{WorkflowOptions.Section}:DefinitionsFolder"] is { Length: > 0 } configured
            ? Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured))
            : Path.Combine(AppContext.BaseDirectory, "workflows");
        var options = new WorkflowOptions { DefinitionsFolder = folder, IsRuleViolation = ex => ex is DomainException, CalendarTimeZone = UkTime.Zone, DescribeInstant = UkTime.Describe };
        if (configuration.GetValue<int?>($"{WorkflowOptions.Section}:DeliverySweepSeconds") is { } seconds)
        {
            options.DeliverySweepInterval = TimeSpan.FromSeconds(Math.Max(1, seconds));
        }

        services.AddWorkflowEngine<CommissioningDbContext>(GrantWorkflowHandlers.Create(), options);

        return services;
    }
}
