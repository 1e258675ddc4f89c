using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Monitoring;

namespace Commissioning.Domain.Awards;

/// <summary>
/// A condition of an offer, and when it applies. <see cref="Key"/> names it for the code (see
/// <see cref="ConditionKeys"/>) so that its wording can change without the service losing track of it.
/// </summary>
public sealed record StandardCondition(string Key, ConditionTiming Timing, string Text);

/// <summary>
/// The stable keys of the programmes' standard conditions. The service finds a condition by its key, never by its
/// wording: the signed agreement is met on acceptance, verified bank details are met when finance verifies them.
/// </summary>
public static class ConditionKeys
{
    public const int MaxLength = 50;

    public const string SignedAgreement = "signed-agreement";

    public const string VerifiedBankDetails = "verified-bank-details";

    public const string DbsChecks = "dbs-checks";

    public const string SpendWithinPeriod = "spend-within-period";

    public const string EndOfGrantReport = "end-of-grant-report";

    public const string ReturnUnspent = "return-unspent";

    public const string ApprovalToVireBudget = "approval-to-move-budget";

    public const string FreeAndAccessible = "free-and-accessible";

    public const string SpendByYearEnd = "spend-by-year-end";

    public const string QuarterlyReturns = "quarterly-returns";
}

/// <summary>
/// The calendar deadlines of a small grant accepted on a date: it is spent in the 12 calendar months from acceptance
/// (the spending period ends the day before the anniversary, and the spend deadline passes at the end of that day),
/// and the end-of-grant report is due 3 calendar months after the anniversary, by 23:59 UK time that day.
/// </summary>
public sealed record SmallGrantDeadlines(DateOnly AcceptedOn, DateOnly SpendingEndsOn, DateOnly ReportDueOn)
{
    /// <summary>When the spending period is over: 23:59 UK time on its last day.</summary>
    public DateTimeOffset SpendDeadline => UkTime.DueBy(SpendingEndsOn);

    /// <summary>When the end-of-grant report is due: 23:59 UK time on its due date.</summary>
    public DateTimeOffset ReportDueBy => UkTime.DueBy(ReportDueOn);
}

/// <summary>
/// The terms each programme offers grants on: the conditions written into the offer, how the grant is paid once the
/// offer is accepted, and the reports the grant holder then owes. The Police Property Act Fund pays a small grant in
/// one go, to be spent within 12 months with an end-of-grant report within 3 months after that; victims' services
/// grants are paid quarterly in advance within the financial year (no carry-over), with a return each quarter.
/// </summary>
public static class GrantTerms
{
    /// <summary>Accepting the offer in the service signs the grant agreement, so this condition is met on acceptance.</summary>
    public const string SignedAgreementText = "A signed grant agreement (accepting this offer signs it).";

    public const string VerifiedBankDetailsText = "Bank details for your organisation that we have verified.";

    /// <summary>Days the organisation has to accept or decline an offer, counted in UK calendar days from the day it is made.</summary>
    public static int AcceptancePeriodDays(ProgrammeKind programme) => programme == ProgrammeKind.VictimsServicesGrant ? 21 : 28;

    /// <summary>The last day an offer made on <paramref name="offeredOn"/> can be answered; it lapses after 23:59 UK time that day.</summary>
    public static DateOnly OfferExpiresOn(ProgrammeKind programme, DateOnly offeredOn) => offeredOn.AddDays(AcceptancePeriodDays(programme));

    /// <summary>The spending period and end-of-grant report due date of a Police Property Act Fund grant.</summary>
    public static SmallGrantDeadlines SmallGrant(DateOnly acceptedOn)
    {
        var anniversary = UkTime.AddMonths(acceptedOn, SmallGrantSpendMonths);
        return new SmallGrantDeadlines(acceptedOn, anniversary.AddDays(-1), UkTime.AddMonths(anniversary, EndOfGrantReportMonths));
    }

    /// <summary>Months to spend a Police Property Act Fund grant, from acceptance.</summary>
    public const int SmallGrantSpendMonths = 12;

    /// <summary>Months after the spend deadline within which the end-of-grant report is due.</summary>
    public const int EndOfGrantReportMonths = 3;

    public static IReadOnlyList<StandardCondition> Conditions(ProgrammeKind programme) => programme switch
    {
        ProgrammeKind.PolicePropertyActFund =>
        [
            new(ConditionKeys.SignedAgreement, ConditionTiming.BeforePayment, SignedAgreementText),
            new(ConditionKeys.VerifiedBankDetails, ConditionTiming.BeforePayment, VerifiedBankDetailsText),
            new(ConditionKeys.DbsChecks, ConditionTiming.BeforePayment, "Evidence of Disclosure and Barring Service (DBS) checks for the people working on the project, if the project works with children or adults at risk."),
            new(ConditionKeys.SpendWithinPeriod, ConditionTiming.DuringGrant, $"Spend the grant on the project as described in your application within {SmallGrantSpendMonths} months of accepting this offer."),
            new(ConditionKeys.EndOfGrantReport, ConditionTiming.DuringGrant, $"Send us an end-of-grant report within {EndOfGrantReportMonths} months of the spend deadline."),
            new(ConditionKeys.ReturnUnspent, ConditionTiming.DuringGrant, "Return any of the grant you have not spent by the spend deadline."),
            new(ConditionKeys.ApprovalToVireBudget, ConditionTiming.DuringGrant, "Get our written approval before moving money between the lines of your budget."),
        ],
        ProgrammeKind.VictimsServicesGrant =>
        [
            new(ConditionKeys.SignedAgreement, ConditionTiming.BeforePayment, SignedAgreementText),
            new(ConditionKeys.VerifiedBankDetails, ConditionTiming.BeforePayment, VerifiedBankDetailsText),
            new(ConditionKeys.DbsChecks, ConditionTiming.BeforePayment, "Evidence of Disclosure and Barring Service (DBS) checks for the staff and volunteers who work with victims."),
            new(ConditionKeys.FreeAndAccessible, ConditionTiming.DuringGrant, "Keep the service free to victims and accessible to them, whether or not they have reported the crime."),
            new(ConditionKeys.SpendByYearEnd, ConditionTiming.DuringGrant, "Spend the grant by 31 March at the end of the financial year: it cannot be carried over."),
            new(ConditionKeys.QuarterlyReturns, ConditionTiming.DuringGrant, "Send us a return within a month of the end of each quarter: spend, referrals, victims supported and victims helped to cope and recover."),
            new(ConditionKeys.ReturnUnspent, ConditionTiming.DuringGrant, "Return any of the grant you have not spent by 31 March."),
            new(ConditionKeys.ApprovalToVireBudget, ConditionTiming.DuringGrant, "Get our written approval before moving money between the lines of your budget."),
        ],
        _ => throw new DomainException($"{programme.Describe()} allocations are made under a grant agreement, not an offer through the portal."),
    };

    /// <summary>Where a condition comes in the programme's standard list (by its key), so an award's conditions read in the offer's order; a condition of its own comes last.</summary>
    public static int OrderOf(ProgrammeKind programme, string? conditionKey)
    {
        var standard = programme is ProgrammeKind.PolicePropertyActFund or ProgrammeKind.VictimsServicesGrant ? Conditions(programme) : [];
        var index = conditionKey is null ? -1 : standard.Select(c => c.Key).ToList().IndexOf(conditionKey);
        return index < 0 ? int.MaxValue : index;
    }

    /// <summary>The instalments of a grant accepted on <paramref name="acceptedOn"/>; they add up to the award exactly.</summary>
    public static IReadOnlyList<(DateOnly DueOn, Money Amount)> PaymentSchedule(ProgrammeKind programme, Money amount, FinancialYear year, DateOnly acceptedOn)
    {
        switch (programme)
        {
            case ProgrammeKind.PolicePropertyActFund:
                return [(acceptedOn, amount)];
            case ProgrammeKind.VictimsServicesGrant:
                var quarters = QuartersFrom(year, acceptedOn);
                var shares = amount.Split(quarters.Count);
                return quarters.Select((q, i) => (i == 0 ? Later(q.Start, acceptedOn) : q.Start, shares[i])).ToList();
            default:
                throw new DomainException($"{programme.Describe()} allocations are paid under a grant agreement, not an offer through the portal.");
        }
    }

    /// <summary>The reports a grant accepted on <paramref name="acceptedOn"/> owes, with their periods and due dates.</summary>
    public static IReadOnlyList<MonitoringReturn> ReportsOwed(ProgrammeKind programme, AwardId awardId, FinancialYear year, DateOnly acceptedOn)
    {
        switch (programme)
        {
            case ProgrammeKind.PolicePropertyActFund:
                var deadlines = SmallGrant(acceptedOn);
                return [new MonitoringReturn(awardId, ReturnKind.EndOfGrant, "End-of-grant report", acceptedOn, deadlines.SpendingEndsOn, deadlines.ReportDueOn)];
            case ProgrammeKind.VictimsServicesGrant:
                return QuartersFrom(year, acceptedOn)
                    .Select(q => new MonitoringReturn(
                        awardId,
                        ReturnKind.Quarterly,
                        $"Quarter {q.Number} return ({q.Start:MMMM} to {q.End:MMMM yyyy})",
                        Later(q.Start, acceptedOn) > q.End ? q.Start : Later(q.Start, acceptedOn),
                        q.End,
                        LastDayOfNextMonth(q.End),
                        asksVictimFigures: true))
                    .ToList();
            default:
                throw new DomainException($"{programme.Describe()} returns follow the grant agreement, not an offer through the portal.");
        }
    }

    /// <summary>The quarters of the year still to come on the day of acceptance (the last quarter if the year has ended).</summary>
    private static List<(int Number, DateOnly Start, DateOnly End)> QuartersFrom(FinancialYear year, DateOnly acceptedOn)
    {
        var first = acceptedOn < year.FirstDay ? 1 : acceptedOn > year.LastDay ? 4 : year.QuarterOf(acceptedOn);
        return Enumerable.Range(first, 5 - first)
            .Select(n =>
            {
                var start = year.FirstDay.AddMonths(3 * (n - 1));
                return (n, start, start.AddMonths(3).AddDays(-1));
            })
            .ToList();
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly LastDayOfNextMonth(DateOnly date)
    {
        var next = UkTime.AddMonths(new DateOnly(date.Year, date.Month, 1), 1);
        return UkTime.AddMonths(next, 1).AddDays(-1);
    }
}
