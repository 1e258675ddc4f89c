using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Monitoring;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Payments;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Applications;

/// <summary>A condition of the award and whether it has been met, in the applicant's words.</summary>
public sealed record ConditionLine(ConditionTiming Timing, string Text, bool Met, DateOnly? MetOn);

/// <summary>An instalment of the payment schedule, with where its payment is.</summary>
public sealed record InstalmentLine(int Number, DateOnly DueOn, Money Amount, string State, string TagClass, string? Explanation)
{
    public bool IsPaid => State == GrantProgress.Paid;
}

/// <summary>A report the grant holder owes, where it is, and whether it can be sent now.</summary>
public sealed record ReportLine(MonitoringReturn Report, string State, string TagClass, bool CanSend, string? WhyNotYet);

/// <summary>
/// The grant behind an application once an offer has been made: the amount, the conditions and whether they are met,
/// the payment schedule with each instalment's payment, what has been paid, and the reports owed with their due dates.
/// Built for the applicant, so it says what they need to do and never shows the office's internal notes.
/// </summary>
public sealed record GrantProgress(Award Award, IReadOnlyList<ConditionLine> Conditions, IReadOnlyList<InstalmentLine> Instalments, IReadOnlyList<ReportLine> Reports)
{
    public const string Paid = nameof(Paid);

    public Money PaidSoFar => Money.Sum(Instalments.Where(i => i.IsPaid).Select(i => i.Amount));

    public bool IsLive => Award.Status is AwardStatus.Accepted or AwardStatus.Active or AwardStatus.Closed;

    public static async Task<GrantProgress?> LoadAsync(CommissioningDbContext db, GrantApplicationId applicationId, Organisation organisation, ProgrammeKind programme, DateOnly today, CancellationToken cancellationToken)
    {
        var award = await db.Awards.AsNoTracking().Include(a => a.Conditions).Include(a => a.Instalments)
            .SingleOrDefaultAsync(a => a.GrantApplicationId == applicationId, cancellationToken);
        if (award is null)
        {
            return null;
        }

        var payments = await db.Payments.AsNoTracking().Where(p => p.AwardId == award.Id && p.Status != PaymentStatus.Cancelled).ToListAsync(cancellationToken);
        var reports = await db.MonitoringReturns.AsNoTracking().Where(r => r.AwardId == award.Id).ToListAsync(cancellationToken);
        var conditions = award.Conditions.OrderBy(c => c.Timing).ThenBy(c => GrantTerms.OrderOf(programme, c.Key)).Select(c => Condition(c, organisation)).ToList();
        var waitingForConditions = conditions.Any(c => c.Timing == ConditionTiming.BeforePayment && !c.Met);
        var instalments = award.Instalments.OrderBy(i => i.Number)
            .Select(i => Instalment(i, payments.Where(p => p.InstalmentId == i.Id).OrderByDescending(p => p.Status).FirstOrDefault(), award, organisation, waitingForConditions, today))
            .ToList();
        var lines = reports.OrderBy(r => r.DueOn).ThenBy(r => r.PeriodStart).Select(r => Report(r, award, today)).ToList();
        return new GrantProgress(award, conditions, instalments, lines);
    }

    private static ConditionLine Condition(AwardCondition condition, Organisation organisation)
    {
        if (condition.MetOn is { } metOn)
        {
            return new(condition.Timing, condition.Text, true, metOn);
        }

        if (condition.Key == ConditionKeys.VerifiedBankDetails && organisation.BankDetailsStatus == BankDetailsStatus.Verified)
        {
            return new(condition.Timing, condition.Text, true, null);
        }

        return new(condition.Timing, condition.Text, false, null);
    }

    private static InstalmentLine Instalment(Instalment instalment, Payment? payment, Award award, Organisation organisation, bool waitingForConditions, DateOnly today)
    {
        (string State, string Tag, string? Why) state = (instalment, payment) switch
        {
            ({ PaidOn: { } paidOn }, _) => (Paid, "govuk-tag--green", $"on {UkDates.Date(paidOn)}"),
            (_, { Status: PaymentStatus.Paid, PaidOn: { } paidOn }) => (Paid, "govuk-tag--green", $"on {UkDates.Date(paidOn)}"),
            (_, { Status: PaymentStatus.Approved or PaymentStatus.Exported }) => ("Being paid", "govuk-tag--blue", "It should reach your bank account within 10 working days."),
            _ when award.Status == AwardStatus.Withdrawn => ("Cancelled", "govuk-tag--grey", "The award was withdrawn."),
            _ when organisation.PaymentsOnHold => ("On hold", "govuk-tag--orange", organisation.BankDetailsStatus == BankDetailsStatus.None
                ? "Add your organisation's bank details so that we can pay you."
                : "We are checking your organisation's new bank details. We pay once finance has verified them."),
            _ when waitingForConditions => ("Waiting for conditions", "govuk-tag--yellow", "We pay once the conditions before payment are met."),
            _ when instalment.DueOn > today => ("Scheduled", "govuk-tag--light-blue", null),
            _ => ("Due", "govuk-tag--blue", "We are arranging this payment."),
        };
        return new InstalmentLine(instalment.Number, instalment.DueOn, instalment.Amount, state.State, state.Tag, state.Why);
    }

    private static ReportLine Report(MonitoringReturn report, Award award, DateOnly today)
    {
        var open = report.Status is ReturnStatus.Due or ReturnStatus.ReturnedForChanges && award.Status is not AwardStatus.Withdrawn;
        var notYet = open ? WhyNotYet(report, today) : null;
        return report.Status switch
        {
            ReturnStatus.Submitted => new(report, $"Sent on {UkDates.Date(report.SubmittedAt!.Value)}", "govuk-tag--blue", false, null),
            ReturnStatus.Accepted => new(report, "Accepted", "govuk-tag--green", false, null),
            ReturnStatus.ReturnedForChanges => new(report, "Changes needed", "govuk-tag--orange", open, null),
            _ when report.IsOverdueOn(today) => new(report, "Overdue", "govuk-tag--red", open, null),
            _ when notYet is not null => new(report, "Not yet open", "govuk-tag--grey", false, notYet),
            _ => new(report, "To do", "govuk-tag--blue", open, null),
        };
    }

    /// <summary>
    /// Why a report cannot be sent yet, or null when it can: a quarterly return covers its whole quarter, so it opens on
    /// the quarter's last day; an end-of-grant report can be sent as soon as the grant is spent.
    /// </summary>
    public static string? WhyNotYet(MonitoringReturn report, DateOnly today) =>
        report.Kind == ReturnKind.Quarterly && today < report.PeriodEnd
            ? $"You can send this return from {UkDates.Date(report.PeriodEnd)}, the last day of the quarter it covers."
            : null;
}
