using System.Globalization;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Commissioning.Web.Pages.Admin;

/// <summary>The scheduled jobs Quartz holds (with their next and previous fire times), and the latest runs recorded by every node.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class JobsModel(ISchedulerFactory schedulers, CommissioningDbContext db) : PageModel
{
    public const int MaxTriggers = 200;

    public const int MaxRuns = 100;

    public string SchedulerName { get; private set; } = string.Empty;

    public string Node { get; private set; } = string.Empty;

    public SchedulerStatus Status { get; private set; }

    public IReadOnlyList<JobRow> Jobs { get; private set; } = [];

    public bool MoreJobs { get; private set; }

    public IReadOnlyList<ScheduledJobRun> Runs { get; private set; } = [];

    /// <summary>For workflow timer jobs (keyed by the timer's id), the instance the timer belongs to.</summary>
    public IReadOnlyDictionary<Guid, Guid> TimerInstances { get; private set; } = new Dictionary<Guid, Guid>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        // Quartz 4 lists jobs and triggers through paged queries (QueryJobs, QueryTriggers) rather than the
        // GetJobGroupNames / GetJobKeys / GetTriggersOfJob calls of Quartz 3.
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        SchedulerName = scheduler.SchedulerName;
        Node = scheduler.SchedulerInstanceId;
        Status = scheduler.Status;
        var triggers = await scheduler.QueryTriggers(new TriggerQuery { Take = MaxTriggers }, cancellationToken);
        var jobs = await scheduler.QueryJobs(new JobQuery { Take = MaxTriggers }, cancellationToken);
        MoreJobs = triggers.HasMore || jobs.HasMore;
        var byJob = triggers.Items.ToLookup(t => t.JobKey);
        var rows = jobs.Items
            .Select(j => (Job: j, Triggers: byJob[j.Key].ToList()))
            .SelectMany(j => j.Triggers.Count == 0
                ? [new JobRow(j.Job.Key.Group, j.Job.Key.Name, ShortType(j.Job.JobTypeName), j.Job.Description, null, null, null)]
                : j.Triggers.Select(t => new JobRow(j.Job.Key.Group, j.Job.Key.Name, ShortType(j.Job.JobTypeName), j.Job.Description ?? t.Description, t.State, t.NextFireTimeUtc, t.PreviousFireTimeUtc)))
            .ToList();
        Jobs = [.. rows.OrderBy(r => r.NextFire is null).ThenBy(r => r.NextFire).ThenBy(r => r.Group, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];

        var timerIds = Jobs.Where(j => j.Group == QuartzWorkflowTimerScheduler.Group).Select(j => Guid.TryParse(j.Name, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();
        TimerInstances = await db.Set<WorkflowTimer>().AsNoTracking().Where(t => timerIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.InstanceId, cancellationToken);
        Runs = await db.Set<ScheduledJobRun>().AsNoTracking().OrderByDescending(r => r.FiredAt).ThenByDescending(r => r.Id).Take(MaxRuns).ToListAsync(cancellationToken);
    }

    public static string Duration(double milliseconds) => milliseconds < 1000
        ? $"{milliseconds.ToString("0", CultureInfo.InvariantCulture)} ms"
        : $"{(milliseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture)} s";

    private static string ShortType(string? typeName) =>
        typeName is null ? string.Empty : typeName.Split(',')[0].Split('.')[^1];

    public sealed record JobRow(string Group, string Name, string Type, string? Description, TriggerState? State, DateTimeOffset? NextFire, DateTimeOffset? PreviousFire);
}
