using Commissioning.Workflows.Definitions;

namespace Commissioning.Infrastructure.Workflows;

/// <summary>
/// The contract between the grant workflow definitions (workflows/*.json) and the code: every name the code relies on
/// (activity ids, ports, events, task keys, outcomes, task inputs, variables, timers and the outcomes of ends), named
/// once here, and per definition id and version which of them that version must have. Each definition is checked
/// against its version's contract when it loads, so one that lacks a name stops start-up with the file and the name.
/// </summary>
/// <remarks>
/// A new version of a grant definition needs a line in <see cref="All"/>: the previous version's contract when the
/// code needs nothing more from it, or that contract with the new names (<c>PolicePropertyActFundV2.Variable(...)</c>).
/// The contract of an old version says what the code needs from it for the instances still running on it.
/// </remarks>
public static class GrantWorkflowContract
{
    /// <summary>The grant definitions' ids.</summary>
    public static class Definitions
    {
        public const string CommunitySafetyFund = "community-safety-fund";

        public const string PolicePropertyActFund = "police-property-act-fund";

        public const string VictimsServicesGrant = "victims-services-grant";
    }

    /// <summary>The events the portal publishes to an application's workflow (correlated to the application's id).</summary>
    public static class Events
    {
        public const string ApplicationSubmitted = nameof(ApplicationSubmitted);

        public const string ApplicationWithdrawn = nameof(ApplicationWithdrawn);

        public const string OfferAccepted = nameof(OfferAccepted);

        public const string OfferDeclined = nameof(OfferDeclined);

        public const string EndOfGrantReportSubmitted = nameof(EndOfGrantReportSubmitted);

        public const string QuarterlyReturnSubmitted = nameof(QuarterlyReturnSubmitted);

        public const string MidYearBudgetReturnSubmitted = nameof(MidYearBudgetReturnSubmitted);

        public const string FebruaryForecastSubmitted = nameof(FebruaryForecastSubmitted);

        public const string UnderspendReturnSubmitted = nameof(UnderspendReturnSubmitted);
    }

    /// <summary>The stages the code names: to tell the applicant where their application is, to remind them of what they owe, to show the offer.</summary>
    public static class Activities
    {
        public const string Draft = "draft";

        public const string Eligibility = "eligibility";

        public const string Assessment = "assessment";

        public const string Moderation = "moderation";

        public const string Panel = "panel";

        public const string ChiefConstable = "chief-constable";

        public const string PccDecision = "pcc-decision";

        public const string Offer = "offer";

        public const string Active = "active";

        public const string EndOfGrantReport = "end-of-grant-report";

        public const string ReportOverdue = "report-overdue";

        public const string ReviewReport = "review-report";

        public const string Clawback = "clawback";

        public const string QuarterlyReturn = "quarterly-return";

        public const string QuarterlyReturnOverdue = "quarterly-return-overdue";

        public const string ReviewReturn = "review-return";

        public const string YearEndReconciliation = "year-end-reconciliation";

        public const string ReturnUnspentGrant = "return-unspent-grant";
    }

    /// <summary>The ports through which what an applicant does (or fails to do in time) leaves a stage.</summary>
    public static class Ports
    {
        public const string Submitted = nameof(Submitted);

        public const string Withdrawn = nameof(Withdrawn);

        /// <summary>The round closed before a draft was submitted.</summary>
        public const string Closed = nameof(Closed);

        public const string Accepted = nameof(Accepted);

        public const string Declined = nameof(Declined);

        /// <summary>The offer's acceptance period ended unanswered.</summary>
        public const string Expired = nameof(Expired);
    }

    /// <summary>The timers the code looks for.</summary>
    public static class Timers
    {
        /// <summary>The offer's deadline: when it ended, the offer page says the acceptance period is over.</summary>
        public const string AcceptancePeriodEnds = "acceptance-period-ends";
    }

    /// <summary>The human tasks (their keys) whose completion the code reads or makes.</summary>
    public static class TaskKeys
    {
        public const string CheckEligibility = "check-eligibility";

        public const string ScoreBid = "score-bid";

        public const string Shortlist = "shortlist";

        public const string RecordChiefConstable = "record-chief-constable";

        public const string Decide = "decide";

        public const string ReviewReport = "review-report";

        public const string ReviewReturn = "review-return";

        public const string ReconcileSpend = "reconcile-spend";
    }

    /// <summary>The task outcomes the code reads or gives.</summary>
    public static class Outcomes
    {
        public const string Eligible = nameof(Eligible);

        public const string Scored = nameof(Scored);

        public const string Shortlisted = nameof(Shortlisted);

        public const string Approved = nameof(Approved);

        public const string Accepted = nameof(Accepted);

        public const string ReturnForChanges = nameof(ReturnForChanges);
    }

    /// <summary>What a person enters with a task's outcome, which the code reads.</summary>
    public static class TaskInputs
    {
        /// <summary>An assessor's (or the moderator's) total score.</summary>
        public const string Score = "score";

        /// <summary>Grant not spent or not accounted for, in pence, found when a report is reviewed or spend reconciled.</summary>
        public const string Underspend = "underspend";

        /// <summary>The reason a refusal gives the applicant (never the task's comment, which is for the office only).</summary>
        public const string ReasonForApplicant = "reasonForApplicant";
    }

    /// <summary>The workflow variables the code hands over, sets or reads.</summary>
    public static class Variables
    {
        /// <summary>When the round closes; handed over when an application starts.</summary>
        public const string ClosesAt = "closesAt";

        /// <summary>
        /// The user id of the person who started the application; handed over when an application starts. No published
        /// definition declares or uses it, so no contract asks for it.
        /// </summary>
        public const string ApplicantUserId = "applicantUserId";

        /// <summary>User ids of the assessors who score the bid.</summary>
        public const string Assessors = "assessors";

        public const string ModerationThreshold = "moderationThreshold";

        public const string UnderspendPence = "underspendPence";

        public const string ReturnsExpected = "returnsExpected";

        public const string ReturnsAccepted = "returnsAccepted";

        /// <summary>When an offer lapses unanswered: 23:59 UK time on the last day of its acceptance period.</summary>
        public const string OfferExpiresAt = "offerExpiresAt";

        /// <summary>A small grant's calendar deadlines, set when its offer is accepted.</summary>
        public const string SpendDeadline = "spendDeadline";

        public const string SpendDeadlineReminderAt = "spendDeadlineReminderAt";

        public const string ReportDueAt = "reportDueAt";

        public const string ReportReminderAt = "reportReminderAt";

        /// <summary>When the quarterly return now owed is due, and when its reminder goes.</summary>
        public const string ReturnDueAt = "returnDueAt";

        public const string ReturnReminderAt = "returnReminderAt";
    }

    /// <summary>The outcomes of the ends of a bid that the code acts on (e-mails the applicant, gives an offer's money back).</summary>
    public static class Ends
    {
        public const string NotSubmitted = "not-submitted";

        public const string Withdrawn = "withdrawn";

        public const string Ineligible = "ineligible";

        public const string NotShortlisted = "not-shortlisted";

        public const string NotApprovedByChiefConstable = "not-approved-by-chief-constable";

        public const string Declined = "declined";

        public const string OfferDeclined = "offer-declined";

        public const string OfferExpired = "offer-expired";
    }

    /// <summary>What every application workflow gives the portal, the offer page, the applicant's status page and the grant handlers.</summary>
    private static readonly WorkflowContract Application = WorkflowContract.Empty
        .Activity(Activities.Draft, Activities.Eligibility, Activities.Assessment, Activities.Moderation, Activities.Panel, Activities.PccDecision, Activities.Offer)
        .Event(Events.ApplicationSubmitted, Activities.Draft)
        .Event(Events.ApplicationWithdrawn, Activities.Draft, Activities.Eligibility, Activities.Assessment, Activities.Moderation, Activities.Panel)
        .Event(Events.OfferAccepted, Activities.Offer)
        .Event(Events.OfferDeclined, Activities.Offer)
        .Port(Activities.Draft, Ports.Submitted, Ports.Withdrawn, Ports.Closed)
        .Port(Activities.Offer, Ports.Accepted, Ports.Declined, Ports.Expired)
        .Timer(Activities.Offer, Timers.AcceptancePeriodEnds)
        .TimerAt(Activities.Draft, Variables.ClosesAt)
        .Task(TaskKeys.CheckEligibility, Outcomes.Eligible)
        .Task(TaskKeys.ScoreBid, Outcomes.Scored)
        .Input(TaskKeys.ScoreBid, TaskInputs.Score)
        .Task(TaskKeys.Shortlist, Outcomes.Shortlisted)
        .Task(TaskKeys.Decide, Outcomes.Approved)
        .Variable(Variables.Assessors, Variables.ModerationThreshold, Variables.UnderspendPence)
        .End(Ends.NotSubmitted, Ends.Withdrawn, Ends.Ineligible, Ends.NotShortlisted, Ends.Declined, Ends.OfferDeclined, Ends.OfferExpired);

    public static readonly WorkflowContract PolicePropertyActFundV1 = Application
        .Activity(Activities.ChiefConstable, Activities.Active, Activities.EndOfGrantReport, Activities.ReportOverdue, Activities.ReviewReport, Activities.Clawback)
        .Event(Events.EndOfGrantReportSubmitted, Activities.EndOfGrantReport, Activities.ReportOverdue)
        .Task(TaskKeys.RecordChiefConstable, Outcomes.Approved)
        .Task(TaskKeys.ReviewReport, Outcomes.Accepted)
        .Input(TaskKeys.ReviewReport, TaskInputs.Underspend)
        .End(Ends.NotApprovedByChiefConstable);

    /// <summary>Version 2: the domain's calendar dates drive the offer's, spending's and report's deadlines, and refusals carry a reason for the applicant.</summary>
    public static readonly WorkflowContract PolicePropertyActFundV2 = PolicePropertyActFundV1
        .TimerAt(Activities.Offer, Variables.OfferExpiresAt)
        .TimerAt(Activities.Active, Variables.SpendDeadline)
        .TimerAt(Activities.Active, Variables.SpendDeadlineReminderAt)
        .TimerAt(Activities.EndOfGrantReport, Variables.ReportDueAt)
        .TimerAt(Activities.EndOfGrantReport, Variables.ReportReminderAt)
        .Input(TaskKeys.CheckEligibility, TaskInputs.ReasonForApplicant)
        .Input(TaskKeys.Shortlist, TaskInputs.ReasonForApplicant)
        .Input(TaskKeys.RecordChiefConstable, TaskInputs.ReasonForApplicant)
        .Input(TaskKeys.Decide, TaskInputs.ReasonForApplicant);

    /// <summary>Version 3: an applicant can withdraw until an offer is made, at the Chief Constable's approval and the Commissioner's decision too.</summary>
    public static readonly WorkflowContract PolicePropertyActFundV3 = PolicePropertyActFundV2
        .Event(Events.ApplicationWithdrawn, Activities.ChiefConstable, Activities.PccDecision)
        .Port(Activities.ChiefConstable, Ports.Withdrawn)
        .Port(Activities.PccDecision, Ports.Withdrawn);

    public static readonly WorkflowContract VictimsServicesGrantV1 = Application
        .Activity(Activities.QuarterlyReturn, Activities.QuarterlyReturnOverdue, Activities.ReviewReturn, Activities.YearEndReconciliation, Activities.ReturnUnspentGrant)
        .Event(Events.QuarterlyReturnSubmitted, Activities.QuarterlyReturn, Activities.QuarterlyReturnOverdue)
        .Task(TaskKeys.ReviewReturn, Outcomes.Accepted, Outcomes.ReturnForChanges)
        .Task(TaskKeys.ReconcileSpend)
        .Input(TaskKeys.ReconcileSpend, TaskInputs.Underspend)
        .Variable(Variables.ReturnsExpected, Variables.ReturnsAccepted);

    /// <summary>Version 2: the domain's calendar dates drive the offer's and each quarterly return's deadlines, and refusals carry a reason for the applicant.</summary>
    public static readonly WorkflowContract VictimsServicesGrantV2 = VictimsServicesGrantV1
        .TimerAt(Activities.Offer, Variables.OfferExpiresAt)
        .TimerAt(Activities.QuarterlyReturn, Variables.ReturnDueAt)
        .TimerAt(Activities.QuarterlyReturn, Variables.ReturnReminderAt)
        .Input(TaskKeys.CheckEligibility, TaskInputs.ReasonForApplicant)
        .Input(TaskKeys.Shortlist, TaskInputs.ReasonForApplicant)
        .Input(TaskKeys.Decide, TaskInputs.ReasonForApplicant);

    /// <summary>Version 3: an applicant can withdraw until an offer is made, at the Commissioner's decision too.</summary>
    public static readonly WorkflowContract VictimsServicesGrantV3 = VictimsServicesGrantV2
        .Event(Events.ApplicationWithdrawn, Activities.PccDecision)
        .Port(Activities.PccDecision, Ports.Withdrawn);

    /// <summary>A Community Safety Partnership's allocation: the returns it sends, and the reconciliation of its spend.</summary>
    public static readonly WorkflowContract CommunitySafetyFundV1 = WorkflowContract.Empty
        .Event(Events.QuarterlyReturnSubmitted)
        .Event(Events.MidYearBudgetReturnSubmitted)
        .Event(Events.FebruaryForecastSubmitted)
        .Event(Events.UnderspendReturnSubmitted)
        .Task(TaskKeys.ReconcileSpend)
        .Input(TaskKeys.ReconcileSpend, TaskInputs.Underspend)
        .Variable(Variables.UnderspendPence);

    /// <summary>Every grant definition version the code runs, with its contract. A definition version missing here is refused at start-up.</summary>
    public static WorkflowContracts All { get; } = new WorkflowContracts($"{nameof(GrantWorkflowContract)} (src/Commissioning.Infrastructure/Workflows/GrantWorkflowContract.cs)")
        .Add(Definitions.CommunitySafetyFund, 1, CommunitySafetyFundV1)
        .Add(Definitions.PolicePropertyActFund, 1, PolicePropertyActFundV1)
        .Add(Definitions.PolicePropertyActFund, 2, PolicePropertyActFundV2)
        .Add(Definitions.PolicePropertyActFund, 3, PolicePropertyActFundV3)
        .Add(Definitions.VictimsServicesGrant, 1, VictimsServicesGrantV1)
        .Add(Definitions.VictimsServicesGrant, 2, VictimsServicesGrantV2)
        .Add(Definitions.VictimsServicesGrant, 3, VictimsServicesGrantV3);
}
