using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;

namespace Commissioning.Domain.Rounds;

/// <summary>How an award's money is paid once the offer is accepted.</summary>
public enum PaymentTerms
{
    /// <summary>The whole award in one payment once the offer is accepted and the conditions before payment are met.</summary>
    OnePaymentOnAcceptance = 1,

    /// <summary>Equal instalments at the start of each remaining quarter of the financial year.</summary>
    QuarterlyInAdvance = 2,
}

/// <summary>The reports a grant holder owes the office.</summary>
public enum ReportsOwed
{
    EndOfGrantReport = 1,
    QuarterlyReturns = 2,
}

/// <summary>One condition of a round's awards and when it applies; <see cref="Key"/> names one of the programme's standard conditions (<see cref="ConditionKeys"/>), null one of the round's own.</summary>
public sealed record RoundCondition(ConditionTiming Timing, string Text, string? Key = null);

/// <summary>
/// The terms a round's awards are offered on: how they are paid, the conditions before payment and during the
/// grant, and the reports owed. They are copied to each award when it is offered.
/// </summary>
public sealed record RoundTerms(PaymentTerms Payment, ReportsOwed Reports, IReadOnlyList<RoundCondition> Conditions)
{
    public const int MaxConditions = 30;

    /// <summary>The programme's standard terms (<see cref="GrantTerms"/>): where a round starts.</summary>
    public static RoundTerms Standard(ProgrammeKind programme) => programme switch
    {
        ProgrammeKind.PolicePropertyActFund => new(PaymentTerms.OnePaymentOnAcceptance, ReportsOwed.EndOfGrantReport, FromStandard(programme)),
        ProgrammeKind.VictimsServicesGrant => new(PaymentTerms.QuarterlyInAdvance, ReportsOwed.QuarterlyReturns, FromStandard(programme)),
        _ => new(PaymentTerms.QuarterlyInAdvance, ReportsOwed.QuarterlyReturns, []),
    };

    public IEnumerable<RoundCondition> BeforePayment => Conditions.Where(c => c.Timing == ConditionTiming.BeforePayment);

    public IEnumerable<RoundCondition> DuringGrant => Conditions.Where(c => c.Timing == ConditionTiming.DuringGrant);

    /// <summary>Refuses terms that are not whole: an unknown payment or report kind, a condition with no words, too many conditions, or one standard condition twice.</summary>
    public static void Validate(RoundTerms terms)
    {
        if (!Enum.IsDefined(terms.Payment) || !Enum.IsDefined(terms.Reports))
        {
            throw new DomainException("Choose how awards are paid and which reports grant holders owe.");
        }

        if (terms.Conditions.Count > MaxConditions)
        {
            throw new DomainException($"A round can have at most {MaxConditions} conditions.");
        }

        foreach (var condition in terms.Conditions)
        {
            if (!Enum.IsDefined(condition.Timing))
            {
                throw new DomainException("Say whether each condition applies before payment or during the grant.");
            }

            Common.Text.Required(condition.Text, "condition", AwardCondition.TextMaxLength);
        }

        if (terms.Conditions.Where(c => c.Key is not null).GroupBy(c => c.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainException($"The condition '{twice.Key}' is listed twice.");
        }
    }

    public string Describe() =>
        $"{(Payment == PaymentTerms.OnePaymentOnAcceptance ? "one payment on acceptance" : "quarterly in advance")}; {(Reports == ReportsOwed.EndOfGrantReport ? "an end-of-grant report" : "quarterly returns")}; {BeforePayment.Count()} conditions before payment, {DuringGrant.Count()} during the grant";

    private static IReadOnlyList<RoundCondition> FromStandard(ProgrammeKind programme) =>
        GrantTerms.Conditions(programme).Select(c => new RoundCondition(c.Timing, c.Text, c.Key)).ToList();
}
