using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Infrastructure.Workflows;

public static class WorkflowSetup
{
    /// <summary>
    /// The workflow engine with the grant handlers and its definitions from the workflows folder shipped beside the
    /// app (or Workflows:DefinitionsFolder). Its timers are fired by the timer sweep, a recurring job in <see cref="Jobs.ScheduledJobs"/>.
    /// </summary>
    public static IServiceCollection AddCommissioningWorkflows(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var folder = configuration[$"{WorkflowOptions.Section}:DefinitionsFolder"] is { Length: > 0 } configured
            ? Path.GetFullPath(Path.IsPathRooted(configured) ? configured : Path.Combine(contentRoot, configured))
            : Path.Combine(AppContext.BaseDirectory, "workflows");
        var options = new WorkflowOptions { DefinitionsFolder = folder, IsRuleViolation = ex => ex is DomainException, CalendarTimeZone = UkTime.Zone, DescribeInstant = UkTime.Describe };
        services.AddWorkflowEngine<CommissioningDbContext>(GrantWorkflowHandlers.Create(), options);
        services.AddScoped<IWorkflowPeople, IdentityWorkflowPeople>();

        return services;
    }
}
