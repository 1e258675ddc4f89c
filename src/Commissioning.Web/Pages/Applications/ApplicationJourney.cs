using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Infrastructure.Workflows.GrantWorkflowContract;

namespace Commissioning.Web.Pages.Applications;

/// <summary>One step of an application's history as the applicant sees it: when, and which stage it reached.</summary>
public sealed record JourneyStep(DateTimeOffset At, string Title, bool IsEnd);

/// <summary>
/// Where an application's workflow is, in the applicant's words. Built only from the stages entered, their times and
/// the deadlines of the current stage: never from the log's reasons, the tasks' comments or their data (officers'
/// notes, assessors' scores), which are for the office alone.
/// </summary>
public sealed record ApplicationJourney(WorkflowInstance Instance, WorkflowDefinition? Definition, IReadOnlyList<JourneyStep> Steps, DateTimeOffset? DeadlineAt, DateTimeOffset? AcceptancePeriodEndedAt)
{
    public const string OfferStage = Activities.Offer;

    public const string AcceptancePeriodTimer = Timers.AcceptancePeriodEnds;

    public bool IsFinished => Instance.Status == InstanceStatus.Finished;

    public bool IsAtOffer => Instance.Status == InstanceStatus.Running && Instance.CurrentActivityId == OfferStage;

    /// <summary>The offer can be answered now: the workflow waits at the offer and its acceptance period has not ended.</summary>
    public bool OfferOpen(DateTimeOffset now) => IsAtOffer && DeadlineAt is { } due && due > now;

    /// <summary>The workflow reached the offer stage at some point (so an offer was made).</summary>
    public bool OfferWasMade => Steps.Any(s => s.Title == StageName(OfferStage)) || IsAtOffer;

    public string CurrentStage => StageName(Instance.CurrentActivityId);

    public string StageName(string activityId) =>
        Definition?.Root.Activities.FirstOrDefault(a => a.Id == activityId)?.Name ?? activityId;

    public static async Task<ApplicationJourney?> LoadAsync(CommissioningDbContext db, WorkflowRegistry registry, GrantApplicationId applicationId, CancellationToken cancellationToken)
    {
        var correlation = applicationId.ToString();
        var instance = await db.Set<WorkflowInstance>().AsNoTracking()
            .Where(i => i.CorrelationId == correlation)
            .OrderByDescending(i => i.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        if (instance is null)
        {
            return null;
        }

        var definition = registry.Find(instance.DefinitionId, instance.DefinitionVersion);
        var log = await db.Set<WorkflowLogEntry>().AsNoTracking().Where(l => l.InstanceId == instance.Id).OrderBy(l => l.Position).ToListAsync(cancellationToken);
        var steps = new List<JourneyStep>();
        foreach (var entry in log.Where(l => l.ToActivityId is not null && l.FromActivityId != l.ToActivityId))
        {
            var activity = definition?.Root.Activities.FirstOrDefault(a => a.Id == entry.ToActivityId);
            if (activity is null || activity.Type == ActivityTypes.Decision)
            {
                continue;
            }

            var title = entry.FromActivityId is null ? "Application started" : activity.Name;
            steps.Add(new JourneyStep(entry.At, title, activity.Type == ActivityTypes.End));
        }

        var timers = await db.Set<WorkflowTimer>().AsNoTracking()
            .Where(t => t.InstanceId == instance.Id && t.Kind == TimerKinds.Deadline)
            .ToListAsync(cancellationToken);
        var deadline = instance.Status == InstanceStatus.Running
            ? timers.Where(t => t.ActivityId == instance.CurrentActivityId && t.Visit == instance.Visits && t.Status == TimerStatus.Pending).OrderBy(t => t.DueAt).FirstOrDefault()?.DueAt
            : null;
        // A deadline that fired has FiredAt set (leaving the stage then marks its timers cancelled). The period ended
        // when it was due, or when it fired if that was earlier.
        var acceptanceEnded = timers.Where(t => t.ActivityId == OfferStage && t.TimerKey == AcceptancePeriodTimer && t.FiredAt != null)
            .OrderByDescending(t => t.FiredAt).Select(t => (DateTimeOffset?)(t.FiredAt < t.DueAt ? t.FiredAt!.Value : t.DueAt)).FirstOrDefault();
        return new ApplicationJourney(instance, definition, steps, deadline, acceptanceEnded);
    }

    /// <summary>The ends of a bid whose outcome the workflow e-mails to the organisation (a withdrawal is confirmed by e-mail when it is made).</summary>
    public static bool OutcomeIsEmailed(string? outcome) =>
        outcome is not null && (GrantWorkflowHandlers.EmailsApplicantAbout(outcome) || outcome == Ends.Withdrawn);

    /// <summary>What happens next at each stage, for the applicant. Stages with a deadline also show its date.</summary>
    public static string WhatHappensNext(string activityId) => activityId switch
    {
        Activities.Draft => "Your application has not been submitted yet. Finish it and submit it before the round closes.",
        Activities.Eligibility => "We are checking that your organisation and project can be funded, and looking at your governing document, accounts and safeguarding policy. We may ask you questions about your application.",
        Activities.Assessment => "Assessors are scoring your application against the round's criteria.",
        Activities.Moderation => "We are reviewing the assessors' scores so that every application is scored fairly.",
        Activities.Panel => "A panel of the office's staff is comparing the applications to this round and making a shortlist within the round's budget.",
        Activities.ChiefConstable => "Your application is on the shortlist, which has gone to the Chief Constable for approval.",
        Activities.PccDecision => "The Police and Crime Commissioner is making the final decision. We will tell you the outcome by email.",
        OfferStage => "We have offered you a grant. Read the offer and its conditions, then accept or decline it before the acceptance period ends.",
        Activities.Active => "Your grant is active. Spend it on the project as agreed before the spend deadline.",
        Activities.EndOfGrantReport => "Send us your end-of-grant report, saying what the grant paid for and what it achieved, before it is due.",
        Activities.ReportOverdue => "Your end-of-grant report is overdue. Send it as soon as you can; we may ask for the grant back if we do not receive it.",
        Activities.ReviewReport => "We are reviewing your end-of-grant report.",
        Activities.Clawback => "Some of the grant was not spent or not accounted for. We will contact you about paying it back.",
        Activities.QuarterlyReturn => "Send us your quarterly return before it is due.",
        Activities.QuarterlyReturnOverdue => "Your quarterly return is overdue. Send it as soon as you can.",
        Activities.ReviewReturn => "We are reviewing your quarterly return.",
        Activities.YearEndReconciliation => "We are reconciling the year's spending with you, to 31 March.",
        Activities.ReturnUnspentGrant => "Some of the grant was not spent by 31 March. We will contact you about returning it.",
        _ => "We will contact you by email when there is news about your application.",
    };

    /// <summary>What a deadline of the stage means, e.g. "Accept or decline the offer by".</summary>
    public static string DeadlineLabel(string activityId) => activityId switch
    {
        Activities.Draft => "Submit by",
        OfferStage => "Accept or decline the offer by",
        Activities.Active => "Spend the grant by",
        Activities.EndOfGrantReport => "End-of-grant report due by",
        Activities.QuarterlyReturn => "Quarterly return due by",
        _ => "Due by",
    };
}
