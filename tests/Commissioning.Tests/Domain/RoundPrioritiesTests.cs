using Commissioning.Domain.Common;
using Commissioning.Domain.Plans;

namespace Commissioning.Tests.Domain;

public class RoundPrioritiesTests
{
    private static (PlanPriority Policing, PlanPriority Organised, PlanPriority Cyber) PlanPriorities()
    {
        var plan = new PoliceAndCrimePlan("Police and Crime Plan 2025-2029", new DateOnly(2025, 4, 1), new DateOnly(2029, 3, 31));
        return (plan.AddPriority("Strong local policing", null), plan.AddPriority("Fighting serious organised crime", null), plan.AddPriority("Fighting cybercrime and fraud", null));
    }

    [Fact]
    public void A_round_with_no_priorities_named_offers_every_priority_of_the_plan_in_force()
    {
        var (policing, organised, cyber) = PlanPriorities();
        var round = Build.Round();

        Assert.True(round.SupportsEveryPriority);
        Assert.Equal([policing, organised, cyber], round.OfferedFrom([cyber, policing, organised]));
        Assert.True(round.Supports(PriorityId.New()));
    }

    [Fact]
    public void A_round_limited_to_some_priorities_offers_only_those_in_the_plans_order()
    {
        var (policing, organised, cyber) = PlanPriorities();
        var round = Build.Round();

        round.LimitToPriorities([organised.Id, policing.Id, organised.Id]);

        Assert.False(round.SupportsEveryPriority);
        Assert.Equal(2, round.Priorities.Count);
        Assert.Equal([policing, organised], round.OfferedFrom([policing, organised, cyber]));
        Assert.False(round.Supports(cyber.Id));
    }

    [Fact]
    public void Limiting_a_round_to_no_priorities_opens_it_to_all_of_them_again()
    {
        var (policing, organised, cyber) = PlanPriorities();
        var round = Build.Round();
        round.LimitToPriorities([policing.Id]);

        round.LimitToPriorities([]);

        Assert.True(round.SupportsEveryPriority);
        Assert.Equal([policing, organised, cyber], round.OfferedFrom([policing, organised, cyber]));
    }

    [Fact]
    public void An_application_cannot_support_a_priority_its_round_does_not_fund_and_keeps_what_it_had()
    {
        var (policing, organised, cyber) = PlanPriorities();
        var round = Build.Round();
        round.LimitToPriorities([policing.Id, organised.Id]);
        var application = Build.Draft(round);
        application.SupportPriorities([policing.Id], policing.Id, round);

        var asSupported = Refusal.Of(() => application.SupportPriorities([policing.Id, cyber.Id], policing.Id, round));
        var asPrimary = Refusal.Of(() => application.SupportPriorities([policing.Id], cyber.Id, round));

        Assert.Equal($"{Build.RoundTitle} does not fund projects for one of the priorities chosen. Choose only from the priorities listed for this round.", asSupported);
        Assert.Equal(asSupported, asPrimary);
        var kept = Assert.Single(application.Priorities);
        Assert.Equal((policing.Id, true), (kept.PriorityId, kept.IsPrimary));
    }

    [Fact]
    public void An_application_may_support_any_of_its_rounds_priorities()
    {
        var (policing, organised, _) = PlanPriorities();
        var round = Build.Round();
        round.LimitToPriorities([policing.Id, organised.Id]);
        var application = Build.Draft(round);

        application.SupportPriorities([policing.Id, organised.Id], organised.Id, round);

        Assert.Equal([(policing.Id, false), (organised.Id, true)], application.Priorities.Select(p => (p.PriorityId, p.IsPrimary)).OrderBy(p => p.IsPrimary));
    }

    [Fact]
    public void Priorities_are_checked_against_the_applications_own_round()
    {
        var (policing, _, _) = PlanPriorities();
        var round = Build.Round();
        var other = Build.Round(title: "Another round");
        var application = Build.Draft(round);

        Assert.Equal("This application belongs to a different round.", Refusal.Of(() => application.SupportPriorities([policing.Id], policing.Id, other)));
    }
}
