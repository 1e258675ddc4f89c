using System.Text.Json.Nodes;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Monitoring;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Funds;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Awards;
using Commissioning.Infrastructure.Rounds;
using Commissioning.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Definitions;
using Commissioning.Workflows.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Commissioning.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using static Commissioning.Infrastructure.Workflows.GrantWorkflowContract;

namespace Commissioning.Infrastructure.Workflows;

/// <summary>
/// The grant rules the workflow definitions name. The engine asks these and never decides a grant rule itself; each
/// action changes the domain through its own methods (which refuse illegal transitions) inside the transition's
/// transaction.
/// </summary>
public static class GrantWorkflowHandlers
{
    /// <summary>Spread between the highest and lowest assessor totals above which a bid goes to moderation, unless a variable sets another.</summary>
    public const int DefaultModerationThreshold = 20;

    public static WorkflowHandlers Create() => new WorkflowHandlers()
        .RequireContracts(GrantWorkflowContract.All)
        .AddPredicate("ScoresDiverge", ScoresDiverge)
        .AddPredicate("PassesShowstoppers", PassesShowstoppersAsync)
        .AddPredicate("AllQuarterlyReturnsAccepted", AllQuarterlyReturnsAcceptedAsync)
        .AddPredicate("HasUnderspend", c => Number(c.Variables, Variables.UnderspendPence) > 0)
        .AddAction("StartAssessment", StartAssessmentAsync)
        .AddAction("MarkIneligible", MarkIneligibleAsync)
        .AddAction("WithdrawApplication", (c, ct) => ApplicationAsync(c, a => a.Withdraw(Reason(c, "Withdrawn by the applicant.")), ct))
        .AddAction("RecommendApplication", (c, ct) => ApplicationAsync(c, a => a.Recommend(c.CompletedTask?.Comment), ct))
        .AddAction("DeclineNotRecommended", (c, ct) => ApplicationAsync(c, a =>
        {
            a.NotRecommend(ApplicantReason(c, NotShortlistedReason));
            a.Decline(ApplicantReason(c, NotShortlistedReason));
        }, ct))
        .AddAction("DeclineApplication", (c, ct) => ApplicationAsync(c, a => a.Decline(ApplicantReason(c, DeclinedReason)), ct))
        .AddAction("ApproveApplication", ApproveAndOfferAsync)
        .AddAction("ScheduleGrantDeadlines", ScheduleGrantDeadlinesAsync)
        .AddAction("ScheduleReturnDue", ScheduleReturnDueAsync)
        .AddAction("CountAcceptedReturn", c => c.Variables[Variables.ReturnsAccepted] = Number(c.Variables, Variables.ReturnsAccepted) + 1)
        .AddAction("RecordUnderspend", RecordUnderspend)
        .OnFinished(BidEndedAsync)
        .OnReminder(RemindApplicantAsync)
        .OnTaskCompleted(RecordReportReviewAsync)
        .OnNobodyMayTake(AskOfficerToAssignAsync);

    /// <summary>
    /// A scoring copy that replaced a declared conflict, which no other assessor may take: a grants officer is asked
    /// to assign one (giving the Assessor role to someone first if nobody else has it).
    /// </summary>
    private static async Task<AssignmentRequest?> AskOfficerToAssignAsync(WorkflowContext context, HumanTask copy, CancellationToken cancellationToken)
    {
        var reference = ApplicationIdOf(context) is { } applicationId
            ? await context.Db.Set<GrantApplication>().AsNoTracking().Where(a => a.Id == applicationId).Select(a => a.Reference).SingleOrDefaultAsync(cancellationToken)
            : null;
        var what = reference ?? "the bid";
        return copy.Role == Roles.Assessor
            ? new AssignmentRequest(Roles.GrantsOfficer, $"Assign an assessor to score {what}")
            : new AssignmentRequest(Roles.GrantsOfficer, $"Assign someone to '{copy.Name}' for {what}");
    }

    /// <summary>
    /// Every quarterly return the grant owes has been accepted: the returns set when the offer was accepted (only the
    /// quarters still to come), or, for a grant with none recorded, the count of accepted returns against
    /// "returnsExpected" (4 unless set).
    /// </summary>
    private static async Task<bool> AllQuarterlyReturnsAcceptedAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        if (await AwardOfAsync(context, cancellationToken) is { } award)
        {
            // Tracked, so that a review accepted in this same transition counts.
            var returns = await context.Db.Set<MonitoringReturn>().Where(r => r.AwardId == award.Id && r.Kind == ReturnKind.Quarterly).ToListAsync(cancellationToken);
            if (returns.Count > 0)
            {
                return returns.All(r => r.Status == ReturnStatus.Accepted);
            }
        }

        return Number(context.Variables, Variables.ReturnsAccepted) >= Number(context.Variables, Variables.ReturnsExpected, 4);
    }

    /// <summary>
    /// An officer's review of a report, recorded on the report so the organisation sees it: the end-of-grant report
    /// (Police Property Act Fund) or the oldest quarterly return waiting for review (victims' services) is accepted, or
    /// returned for changes with the officer's comment, which the organisation is e-mailed.
    /// </summary>
    private static async Task RecordReportReviewAsync(WorkflowContext context, HumanTask task, CancellationToken cancellationToken)
    {
        var kind = task.TaskKey switch
        {
            TaskKeys.ReviewReport => ReturnKind.EndOfGrant,
            TaskKeys.ReviewReturn => ReturnKind.Quarterly,
            _ => (ReturnKind?)null,
        };
        if (kind is null || await AwardOfAsync(context, cancellationToken) is not { } award)
        {
            return;
        }

        var report = (await context.Db.Set<MonitoringReturn>()
            .Where(r => r.AwardId == award.Id && r.Kind == kind && r.Status == ReturnStatus.Submitted)
            .ToListAsync(cancellationToken)).OrderBy(r => r.PeriodStart).FirstOrDefault();
        if (report is null)
        {
            return;
        }

        if (task.Outcome == Outcomes.Accepted)
        {
            report.Accept();
            return;
        }

        if (SendsCommentToTheOrganisation(task.Outcome))
        {
            if (string.IsNullOrWhiteSpace(task.Comment))
            {
                throw new DomainException("Say in the comment what needs to change, so that the organisation can put it right.");
            }

            report.ReturnForChanges(task.Comment);
            var application = await context.Db.Set<GrantApplication>().AsNoTracking().SingleAsync(a => a.Id == award.GrantApplicationId, cancellationToken);
            await QueueToMembersAsync(
                context,
                application,
                $"Changes needed to your {report.TitleInSentence()}: {application.Reference}",
                $"/Applications/{application.Id}/Reports/{report.Id}",
                [$"We have read your {report.TitleInSentence()} for '{application.ProjectTitle}' ({application.Reference}) and need some changes before we can accept it:", task.Comment, "Sign in to change it and send it again:"],
                cancellationToken);
        }
    }

    /// <summary>The stages at which the organisation owes the office something, and what its reminder e-mail is about.</summary>
    private static readonly IReadOnlyDictionary<string, (string Subject, string Owed, bool Overdue, string Page)> ApplicantStages = new Dictionary<string, (string, string, bool, string)>(StringComparer.Ordinal)
    {
        [Activities.Offer] = ("Reminder: please answer our offer of a grant", "your answer to our offer of a grant", false, "Offer"),
        [Activities.EndOfGrantReport] = ("Reminder: your end-of-grant report is due", "your end-of-grant report", false, "Status"),
        [Activities.ReportOverdue] = ("Your end-of-grant report is overdue", "your end-of-grant report", true, "Status"),
        [Activities.QuarterlyReturn] = ("Reminder: your quarterly return is due", "your quarterly return", false, "Status"),
        [Activities.QuarterlyReturnOverdue] = ("Your quarterly return is overdue", "your quarterly return", true, "Status"),
    };

    /// <summary>
    /// When a reminder fires at a stage where the organisation owes something (an answer to the offer, a report), every
    /// member with a sign-in is e-mailed what is owed, by when, and where to do it. Reminders of the office's own
    /// stages only show on its tasks.
    /// </summary>
    private static async Task RemindApplicantAsync(WorkflowContext context, string activityId, string timerKey, CancellationToken cancellationToken)
    {
        if (!ApplicantStages.TryGetValue(activityId, out var stage) || ApplicationIdOf(context) is not { } applicationId)
        {
            return;
        }

        var application = await context.Db.Set<GrantApplication>().AsNoTracking().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken);
        if (application is null)
        {
            return;
        }

        // A report's due date is the domain's, as the report page shows it; an offer's is its deadline timer's.
        var owed = activityId switch
        {
            Activities.EndOfGrantReport => await OpenReportAsync(context, ReturnKind.EndOfGrant, cancellationToken),
            Activities.QuarterlyReturn => await OpenReportAsync(context, ReturnKind.Quarterly, cancellationToken),
            _ => null,
        };
        var instanceId = context.Instance.Id;
        var visit = context.Instance.Visits;
        var deadline = owed is not null
            ? UkTime.DueBy(owed.DueOn)
            : await context.Db.Set<WorkflowTimer>().AsNoTracking()
                .Where(t => t.InstanceId == instanceId && t.ActivityId == activityId && t.Visit == visit && t.Kind == TimerKinds.Deadline && t.Status == TimerStatus.Pending)
                .OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(cancellationToken);
        var when = stage.Overdue
            ? $"We have not yet received {stage.Owed} for '{application.ProjectTitle}' ({application.Reference}), which is now overdue. Please send it as soon as you can: if we do not receive it, we may ask for the grant back."
            : deadline is { } due
                ? $"We are waiting for {stage.Owed} for '{application.ProjectTitle}' ({application.Reference}). It is due by {UkTime.Describe(due)} (UK time)."
                : $"We are waiting for {stage.Owed} for '{application.ProjectTitle}' ({application.Reference}).";
        await QueueToMembersAsync(
            context,
            application,
            $"{stage.Subject}: {application.Reference}",
            $"/Applications/{application.Id}/{stage.Page}",
            [when, "If you have already done it, thank you: you can ignore this e-mail. Otherwise, sign in to do it:"],
            cancellationToken);
    }

    /// <summary>
    /// E-mails every member of the applying organisation who has a sign-in, in the transition's unit of work: the
    /// paragraphs, then the link to the page where they can act.
    /// </summary>
    private static async Task QueueToMembersAsync(WorkflowContext context, GrantApplication application, string subject, string path, string[] paragraphs, CancellationToken cancellationToken)
    {
        var organisation = await context.Db.Set<Organisation>().AsNoTracking().SingleAsync(o => o.Id == application.OrganisationId, cancellationToken);
        var letterhead = context.Services.GetService<Letterhead>() ?? new Letterhead("Commissioning", string.Empty, string.Empty);
        string[] letter = [.. paragraphs, letterhead.LinkTo(path)];
        foreach (var person in organisation.People.Where(p => p.UserId is not null))
        {
            context.Db.Add(new OutboxMessage { To = person.Email, Subject = subject, Body = letterhead.Letter(person.FullName, letter), CreatedAt = context.Now });
        }
    }

    /// <summary>The application an instance is about (its correlation id), or null for an instance about something else.</summary>
    private static GrantApplicationId? ApplicationIdOf(WorkflowContext context) =>
        Guid.TryParse(context.CorrelationId, out var id) ? GrantApplicationId.From(id) : null;

    private static async Task<Award?> AwardOfAsync(WorkflowContext context, CancellationToken cancellationToken) =>
        ApplicationIdOf(context) is { } applicationId
            ? await context.Db.Set<Award>().AsNoTracking().SingleOrDefaultAsync(a => a.GrantApplicationId == applicationId, cancellationToken)
            : null;

    /// <summary>
    /// Assessment starts. When no officer has chosen who scores this bid (the "assessors" variable is empty), every
    /// person with the Assessor role does, so that a bid is never stuck for want of assessors; with none, the officer
    /// is told to add some and nothing changes.
    /// </summary>
    private static async Task StartAssessmentAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        // Due diligence: the round's rules on the service's records are checked again before the bid is scored.
        var application = await LoadApplicationAsync(context, cancellationToken);
        var round = await context.Db.Set<FundingRound>().AsNoTracking().SingleAsync(r => r.Id == application.RoundId, cancellationToken);
        var applicant = await ApplicantRecords.LoadAsync(context.Db, round, application.OrganisationId, cancellationToken);
        if (round.IneligibleBecause(applicant, EligibilityStage.DueDiligence, application) is { Count: > 0 } reasons)
        {
            throw new DomainException($"This application cannot go to assessment: {string.Join(" ", reasons)} Choose Ineligible, giving this as the reason.");
        }

        application.StartAssessment();
        if (context.Variables[Variables.Assessors] is JsonArray { Count: > 0 })
        {
            return;
        }

        var assessors = await (
            from link in context.Db.Set<IdentityUserRole<string>>()
            join role in context.Db.Set<IdentityRole>() on link.RoleId equals role.Id
            where role.Name == Roles.Assessor
            select link.UserId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        if (assessors.Count == 0)
        {
            throw new DomainException("There is nobody with the Assessor role to score this bid. Give someone the role, then try again.");
        }

        context.Variables[Variables.Assessors] = new JsonArray([.. assessors.Select(id => (JsonNode)JsonValue.Create(id))]);
    }

    /// <summary>The ends at which an offer lapses without being accepted, giving its money back to the budget.</summary>
    public static readonly IReadOnlySet<string> OfferLapsedOutcomes = new HashSet<string>(StringComparer.Ordinal) { Ends.OfferDeclined, Ends.OfferExpired };

    /// <summary>Approved: the award is made against the budget (refused, with nothing changed, if too little remains) and offered.</summary>
    private static async Task ApproveAndOfferAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = await LoadApplicationAsync(context, cancellationToken);
        application.Approve();
        var offeredOn = UkTime.DateOf(context.Now);
        var award = await GrantOffers.MakeOfferAsync(context.Db, application, offeredOn, cancellationToken);
        var programme = await ProgrammeOfAsync(context, application, cancellationToken);
        var expiresAt = UkTime.DueBy(GrantTerms.OfferExpiresOn(programme, offeredOn));
        context.Variables[Variables.OfferExpiresAt] = Instant(expiresAt);
        await QueueToMembersAsync(
            context,
            application,
            $"We are offering you a grant: {application.Reference}",
            $"/Applications/{application.Id}/Offer",
            [
                $"We are pleased to offer you a grant of {award.Amount} for '{application.ProjectTitle}' ({application.Reference}).",
                $"Read the offer and its conditions, then accept or decline it by {UkTime.Describe(expiresAt)} (UK time). If it is not accepted by then, it lapses.",
                "Sign in to answer the offer:",
            ],
            cancellationToken);
    }

    /// <summary>Reminders of a calendar deadline go at 9am UK time, one calendar month before the day it falls due.</summary>
    private static readonly TimeOnly ReminderTime = new(9, 0);

    /// <summary>Days an overdue quarterly return that an officer has chased is given before it is overdue again.</summary>
    public const int DaysAfterChasing = 14;

    /// <summary>
    /// A small grant's offer was accepted: its spend deadline and end-of-grant report due date are the domain's
    /// calendar dates (the report owed, as the organisation sees it), handed to the workflow's timers as instants.
    /// </summary>
    private static async Task ScheduleGrantDeadlinesAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var report = await OpenReportAsync(context, ReturnKind.EndOfGrant, cancellationToken);
        var deadlines = report is null
            ? GrantTerms.SmallGrant(UkTime.DateOf(context.Now))
            : new SmallGrantDeadlines(report.PeriodStart, report.PeriodEnd, report.DueOn);
        context.Variables[Variables.SpendDeadline] = Instant(deadlines.SpendDeadline);
        context.Variables[Variables.SpendDeadlineReminderAt] = Instant(UkTime.ToInstant(UkTime.AddMonths(deadlines.SpendingEndsOn, -1), ReminderTime));
        context.Variables[Variables.ReportDueAt] = Instant(deadlines.ReportDueBy);
        context.Variables[Variables.ReportReminderAt] = Instant(UkTime.ToInstant(UkTime.AddMonths(deadlines.ReportDueOn, -1), ReminderTime));
    }

    /// <summary>
    /// Victims' services: the oldest quarterly return still owed sets when the stage's return is due (23:59 UK time on
    /// its due date) and its reminder (9am on the last day of the quarter it covers, when it can first be sent). A
    /// return already overdue that an officer has chased is given <see cref="DaysAfterChasing"/> more days.
    /// </summary>
    private static async Task ScheduleReturnDueAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var today = UkTime.DateOf(context.Now);
        var report = await OpenReportAsync(context, ReturnKind.Quarterly, cancellationToken);
        var dueOn = report?.DueOn ?? UkTime.AddMonths(today, 3);
        if (dueOn < today)
        {
            dueOn = today.AddDays(DaysAfterChasing);
        }

        var remindOn = report is not null && report.PeriodEnd >= today && report.PeriodEnd < dueOn ? report.PeriodEnd : today.AddDays(1);
        context.Variables[Variables.ReturnDueAt] = Instant(UkTime.DueBy(dueOn));
        context.Variables[Variables.ReturnReminderAt] = Instant(UkTime.ToInstant(remindOn, ReminderTime));
    }

    /// <summary>The oldest report of a kind the application's award still owes (due, or returned for changes), as the organisation sees it.</summary>
    private static async Task<MonitoringReturn?> OpenReportAsync(WorkflowContext context, ReturnKind kind, CancellationToken cancellationToken)
    {
        if (await AwardOfAsync(context, cancellationToken) is not { } award)
        {
            return null;
        }

        var reports = await context.Db.Set<MonitoringReturn>().AsNoTracking()
            .Where(r => r.AwardId == award.Id && r.Kind == kind && (r.Status == ReturnStatus.Due || r.Status == ReturnStatus.ReturnedForChanges))
            .ToListAsync(cancellationToken);
        return reports.OrderBy(r => r.DueOn).ThenBy(r => r.PeriodStart).FirstOrDefault();
    }

    private static async Task<ProgrammeKind> ProgrammeOfAsync(WorkflowContext context, GrantApplication application, CancellationToken cancellationToken) =>
        await (from round in context.Db.Set<FundingRound>()
               join fund in context.Db.Set<Fund>() on round.FundId equals fund.Id
               where round.Id == application.RoundId
               select fund.Programme).SingleAsync(cancellationToken);

    private static string Instant(DateTimeOffset instant) => instant.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How the applicant is told each end of a bid: the e-mail's subject and its first paragraph.</summary>
    private static readonly IReadOnlyDictionary<string, (string Subject, string Told)> BidEnds = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        [Ends.NotSubmitted] = ("Your application was not submitted", "The funding round closed before the application was submitted, so it will not be considered."),
        [Ends.Ineligible] = ("Your application is not eligible", "We have checked the application and it cannot be funded from this round."),
        [Ends.NotShortlisted] = ("Your application was not successful", "We are sorry to tell you that the application was not shortlisted for funding."),
        [Ends.NotApprovedByChiefConstable] = ("Your application was not successful", "We are sorry to tell you that the application was not approved for funding."),
        [Ends.Declined] = ("Your application was not successful", "We are sorry to tell you that the Police and Crime Commissioner decided not to fund the application."),
        [Ends.OfferExpired] = ("Your offer of a grant has lapsed", "The offer was not accepted before its acceptance period ended, so it has lapsed and the money has gone back into the fund."),
    };

    /// <summary>True for the ends of a bid the organisation is e-mailed about by <see cref="BidEndedAsync"/>.</summary>
    public static bool EmailsApplicantAbout(string outcome) => BidEnds.ContainsKey(outcome);

    /// <summary>
    /// A bid ended: the applicant's organisation is e-mailed the outcome and the reason given to it (never staff
    /// comments), in the transition's unit of work; an offer that lapsed or was declined gives its money back.
    /// </summary>
    private static async Task BidEndedAsync(WorkflowContext context, string outcome, CancellationToken cancellationToken)
    {
        await OfferEndedAsync(context, outcome, cancellationToken);
        if (!BidEnds.TryGetValue(outcome, out var end) || ApplicationIdOf(context) is not { } applicationId
            || await context.Db.Set<GrantApplication>().SingleOrDefaultAsync(a => a.Id == applicationId, cancellationToken) is not { } application)
        {
            return;
        }

        var about = application.Reference is { } reference ? $"'{application.ProjectTitle}' ({reference})" : $"'{application.ProjectTitle}'";
        string[] paragraphs = application.Status is ApplicationStatus.Ineligible or ApplicationStatus.Declined && !string.IsNullOrWhiteSpace(application.StatusReason)
            ? [$"This is about your application {about}.", end.Told, $"The reason: {application.StatusReason}", "You can see the outcome, and download a copy of what you sent, at:"]
            : [$"This is about your application {about}.", end.Told, "You can see the outcome at:"];
        await QueueToMembersAsync(context, application, $"{end.Subject}: {application.Reference ?? application.ProjectTitle}", application.Reference is null ? $"/Applications/{application.Id}" : $"/Applications/{application.Id}/Status", paragraphs, cancellationToken);
    }

    private static async Task OfferEndedAsync(WorkflowContext context, string outcome, CancellationToken cancellationToken)
    {
        if (OfferLapsedOutcomes.Contains(outcome) && ApplicationIdOf(context) is { } applicationId)
        {
            var award = await AnswerOffer.WithdrawAwardAsync(context.Db, applicationId, cancellationToken);
            if (award is { Status: AwardStatus.Accepted })
            {
                // The organisation's acceptance committed after this transition began: its event, recorded before the
                // deadline, takes the workflow on instead once this transition runs again on what is now saved.
                throw new DbUpdateConcurrencyException($"The offer for application {applicationId} was accepted while its workflow was ending '{outcome}'.");
            }
        }
    }

    /// <summary>True when assessors' totals are further apart than the round's moderation threshold.</summary>
    private static bool ScoresDiverge(WorkflowContext context)
    {
        var totals = context.VisitTasks
            .Where(t => t.Outcome == Outcomes.Scored && t.Data is not null)
            .Select(t => JsonNode.Parse(t.Data!)?[TaskInputs.Score]?.GetValue<long>())
            .OfType<long>()
            .ToList();
        return totals.Count > 1 && totals.Max() - totals.Min() > Number(context.Variables, Variables.ModerationThreshold, DefaultModerationThreshold);
    }

    /// <summary>Victims' services: no showstopper stops the application (the domain's rule: <see cref="GrantApplication.FailedShowstoppers"/>).</summary>
    private static async Task<bool> PassesShowstoppersAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = await LoadApplicationAsync(context, cancellationToken);
        var round = await context.Db.Set<FundingRound>().AsNoTracking().SingleAsync(r => r.Id == application.RoundId, cancellationToken);
        return application.FailedShowstoppers(round).Count == 0;
    }

    /// <summary>
    /// Ineligible with the officer's reason, or, when no officer decided (a showstopper answered no), with the
    /// explanation the round's form gives for each showstopper that stopped it.
    /// </summary>
    private static async Task MarkIneligibleAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var application = await LoadApplicationAsync(context, cancellationToken);
        var reason = ApplicantReason(context, null);
        if (string.IsNullOrWhiteSpace(reason))
        {
            var round = await context.Db.Set<FundingRound>().AsNoTracking().SingleAsync(r => r.Id == application.RoundId, cancellationToken);
            var stopped = application.FailedShowstoppers(round).Select(q => q.StopsApplicationIfNo!).ToList();
            reason = stopped.Count > 0 ? string.Join(" ", stopped) : "The application did not pass the eligibility and due diligence checks.";
        }

        application.MarkIneligible(reason);
    }

    private static void RecordUnderspend(WorkflowContext context)
    {
        var data = context.CompletedTask?.Data is { } json ? JsonNode.Parse(json) : null;
        context.Variables[Variables.UnderspendPence] = data?[TaskInputs.Underspend]?.GetValue<long>() ?? 0;
    }

    private static async Task ApplicationAsync(WorkflowContext context, Action<GrantApplication> change, CancellationToken cancellationToken)
    {
        var application = await LoadApplicationAsync(context, cancellationToken);
        change(application);

        // A change the applicant made at the same moment (a withdrawal) and this one cannot both be saved.
        context.Db.Touch(application);
    }

    private static async Task<GrantApplication> LoadApplicationAsync(WorkflowContext context, CancellationToken cancellationToken)
    {
        var id = ApplicationIdOf(context)
            ?? throw new InvalidOperationException($"Workflow instance {context.Instance.Id} is correlated to '{context.CorrelationId}', which is not an application id.");
        return await context.Db.Set<GrantApplication>().Include(a => a.Answers).SingleOrDefaultAsync(a => a.Id == id, cancellationToken)
            ?? throw new InvalidOperationException($"Workflow instance {context.Instance.Id} is about application {id}, which does not exist.");
    }

    /// <summary>
    /// Whether completing a task with this outcome sends the task's comment to the organisation: only returning a
    /// report for changes, where the comment says what to change. Every other comment is for the office only.
    /// </summary>
    public static bool SendsCommentToTheOrganisation(string? outcome) => outcome == Outcomes.ReturnForChanges;

    private static string Reason(WorkflowContext context, string fallback) =>
        string.IsNullOrWhiteSpace(context.CompletedTask?.Comment) ? fallback : context.CompletedTask!.Comment!;

    private const string NotShortlistedReason = "The panel compared the applications to this round and this one was not among those it could fund.";

    private const string DeclinedReason = "The Police and Crime Commissioner decided not to fund this application.";

    /// <summary>
    /// The reason a refusal gives the applicant: what staff wrote for them (the task's reason for the applicant), or
    /// the fallback. Never the task's comment, which is for the office only.
    /// </summary>
    [return: System.Diagnostics.CodeAnalysis.NotNullIfNotNull(nameof(fallback))]
    private static string? ApplicantReason(WorkflowContext context, string? fallback) =>
        context.CompletedTask?.Data is { } json && JsonNode.Parse(json)?[TaskInputs.ReasonForApplicant]?.GetValue<string>() is { Length: > 0 } written
            ? written.Trim()
            : fallback;

    private static long Number(JsonObject variables, string name, long fallback = 0) =>
        variables[name] is JsonValue value && value.TryGetValue<long>(out var number) ? number : fallback;
}
