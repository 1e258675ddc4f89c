using Commissioning.Domain.Plans;

namespace Commissioning.Tests.Domain;

public class PlanTests
{
    [Fact]
    public void Priorities_and_their_outcomes_are_kept_in_the_order_they_were_added()
    {
        var plan = Build.Plan();

        var first = plan.AddPriority("Tackling violence against women and girls", "Safer homes and streets");
        var second = plan.AddPriority("Supporting victims");
        var outcome = first.AddOutcome("Fewer repeat victims of domestic abuse");
        var nextOutcome = first.AddOutcome("More reports of sexual violence");

        Assert.Equal(["Tackling violence against women and girls", "Supporting victims"], plan.Priorities.Select(p => p.Title));
        Assert.Equal(1, first.Order);
        Assert.Equal(2, second.Order);
        Assert.Equal(plan.Id, first.PlanId);
        Assert.Equal("Safer homes and streets", first.Summary);
        Assert.Equal(1, outcome.Order);
        Assert.Equal(2, nextOutcome.Order);
        Assert.Equal(first.Id, outcome.PriorityId);
        Assert.Equal(["Fewer repeat victims of domestic abuse", "More reports of sexual violence"], first.Outcomes.Select(o => o.Description));
    }

    [Fact]
    public void Publishing_a_plan_with_no_priorities_is_refused()
    {
        var plan = Build.Plan("Safer Together 2025-2029");

        var message = Refusal.Of(() => plan.Publish(new DateOnly(2025, 4, 1)));

        Assert.Equal("'Safer Together 2025-2029' has no priorities yet; add at least one before publishing it.", message);
        Assert.False(plan.IsPublished);
    }

    [Fact]
    public void A_plan_that_calls_its_priorities_themes_says_themes_in_its_messages()
    {
        var plan = Build.Plan("Police and Crime Plan 2024-28", priorityTerm: "theme");

        var message = Refusal.Of(() => plan.Publish(new DateOnly(2024, 7, 1)));

        Assert.Equal("'Police and Crime Plan 2024-28' has no themes yet; add at least one before publishing it.", message);
    }

    [Fact]
    public void A_published_plan_s_priorities_can_be_added_to()
    {
        var plan = Build.Plan("Safer Together 2025-2029");
        var first = plan.AddPriority("Supporting victims");
        plan.Publish(new DateOnly(2025, 4, 1));

        var added = plan.AddPriority("Road safety");

        Assert.Equal(["Supporting victims", "Road safety"], plan.Priorities.OrderBy(p => p.Order).Select(p => p.Title));
        Assert.Equal(first.Order + 1, added.Order);
    }

    [Fact]
    public void Publishing_twice_is_refused_and_names_the_first_publication_date()
    {
        var plan = Build.Plan("Safer Together 2025-2029");
        plan.AddPriority("Supporting victims");
        plan.Publish(new DateOnly(2025, 4, 1));

        var message = Refusal.Of(() => plan.Publish(new DateOnly(2025, 5, 1)));

        Assert.Equal("'Safer Together 2025-2029' was already published on 1 April 2025.", message);
        Assert.Equal(new DateOnly(2025, 4, 1), plan.PublishedOn);
    }

    [Fact]
    public void Two_priorities_with_the_same_title_whatever_the_case_are_refused()
    {
        var plan = Build.Plan("Safer Together 2025-2029");
        plan.AddPriority("Supporting victims");

        var message = Refusal.Of(() => plan.AddPriority("  supporting VICTIMS "));

        Assert.Equal("'Safer Together 2025-2029' already has a priority called 'supporting VICTIMS'.", message);
    }

    [Fact]
    public void A_priority_needs_a_title()
    {
        var plan = Build.Plan();

        Assert.Equal("Enter the priority title.", Refusal.Of(() => plan.AddPriority("   ")));
    }

    [Fact]
    public void An_outcome_needs_a_description_of_reasonable_length()
    {
        var priority = Build.Plan().AddPriority("Supporting victims");

        Assert.Equal("Enter the outcome.", Refusal.Of(() => priority.AddOutcome("")));
        Assert.Equal("The outcome must be 500 characters or fewer; it has 501.", Refusal.Of(() => priority.AddOutcome(new string('x', 501))));
    }

    [Fact]
    public void A_plan_needs_a_title()
    {
        Assert.Equal("Enter the plan title.", Refusal.Of(() => Build.Plan(" ")));
    }

    [Fact]
    public void A_plan_period_must_end_after_it_starts()
    {
        var message = Refusal.Of(() => Build.Plan(start: new DateOnly(2029, 3, 31), end: new DateOnly(2025, 4, 1)));

        Assert.Equal("A plan's period must end after it starts; 1 April 2025 is not after 31 March 2029.", message);
    }

    [Fact]
    public void An_unpublished_plan_is_not_in_force_even_within_its_period()
    {
        var plan = Build.Plan();
        plan.AddPriority("Supporting victims");

        Assert.True(plan.Covers(new DateOnly(2026, 1, 1)));
        Assert.Null(PoliceAndCrimePlan.InForceOn([plan], new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void A_plan_covers_the_first_to_the_last_day_of_its_period()
    {
        var plan = Build.Plan(start: new DateOnly(2025, 4, 1), end: new DateOnly(2029, 3, 31));

        Assert.False(plan.Covers(new DateOnly(2025, 3, 31)));
        Assert.True(plan.Covers(new DateOnly(2025, 4, 1)));
        Assert.True(plan.Covers(new DateOnly(2029, 3, 31)));
        Assert.False(plan.Covers(new DateOnly(2029, 4, 1)));
    }

    [Fact]
    public void A_published_plan_comes_into_force_on_the_first_day_of_its_period()
    {
        var plan = Build.PublishedPlan(new DateOnly(2025, 4, 1), new DateOnly(2029, 3, 31), "Safer Together 2025-2029");

        Assert.Null(PoliceAndCrimePlan.InForceOn([plan], new DateOnly(2025, 3, 31)));
        Assert.Same(plan, PoliceAndCrimePlan.InForceOn([plan], new DateOnly(2025, 4, 1)));
        Assert.Same(plan, PoliceAndCrimePlan.InForceOn([plan], new DateOnly(2029, 3, 31)));
    }

    [Fact]
    public void A_plan_stays_in_force_after_its_period_ends_until_a_newer_one_is_published()
    {
        var old = Build.PublishedPlan(new DateOnly(2021, 5, 13), new DateOnly(2024, 5, 1), "Police and Crime Plan 2021-2024");
        var replacement = Build.Plan("Police and Crime Plan 2024-2028", new DateOnly(2024, 9, 1), new DateOnly(2028, 5, 4));
        replacement.AddPriority("Neighbourhood policing");

        Assert.Same(old, PoliceAndCrimePlan.InForceOn([old, replacement], new DateOnly(2024, 10, 1)));

        replacement.Publish(new DateOnly(2024, 9, 1));

        Assert.Same(replacement, PoliceAndCrimePlan.InForceOn([old, replacement], new DateOnly(2024, 10, 1)));
        Assert.Same(old, PoliceAndCrimePlan.InForceOn([old, replacement], new DateOnly(2024, 8, 31)));
    }

    [Fact]
    public void The_plan_in_force_is_picked_from_several_by_date()
    {
        var old = Build.PublishedPlan(new DateOnly(2021, 5, 13), new DateOnly(2024, 5, 1), "Police and Crime Plan 2021-2024");
        var current = Build.PublishedPlan(new DateOnly(2024, 5, 2), new DateOnly(2028, 5, 4), "Police and Crime Plan 2024-2028");
        var plans = new[] { current, old };

        Assert.Same(old, PoliceAndCrimePlan.InForceOn(plans, new DateOnly(2023, 6, 1)));
        Assert.Same(old, PoliceAndCrimePlan.InForceOn(plans, new DateOnly(2024, 5, 1)));
        Assert.Same(current, PoliceAndCrimePlan.InForceOn(plans, new DateOnly(2024, 5, 2)));
        Assert.Same(current, PoliceAndCrimePlan.InForceOn(plans, new DateOnly(2026, 9, 12)));
        Assert.Same(current, PoliceAndCrimePlan.InForceOn(plans, new DateOnly(2028, 5, 5)));
        Assert.Null(PoliceAndCrimePlan.InForceOn(plans, new DateOnly(2021, 1, 1)));
        Assert.Null(PoliceAndCrimePlan.InForceOn([], new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Where_a_new_plan_is_adopted_early_and_periods_overlap_the_one_that_started_last_is_in_force()
    {
        var old = Build.PublishedPlan(new DateOnly(2021, 4, 1), new DateOnly(2025, 3, 31), "Police and Crime Plan 2021-2025");
        var adoptedEarly = Build.PublishedPlan(new DateOnly(2024, 7, 1), new DateOnly(2028, 3, 31), "Police and Crime Plan 2024-2028");
        var plans = new[] { adoptedEarly, old };

        Assert.Same(old, PoliceAndCrimePlan.InForceOn(plans, new DateOnly(2024, 6, 30)));
        Assert.Same(adoptedEarly, PoliceAndCrimePlan.InForceOn(plans, new DateOnly(2024, 7, 1)));
        Assert.Same(adoptedEarly, PoliceAndCrimePlan.InForceOn(plans, new DateOnly(2025, 1, 15)));
        Assert.Same(adoptedEarly, PoliceAndCrimePlan.InForceOn(plans.Reverse(), new DateOnly(2025, 1, 15)));
    }

    [Fact]
    public void An_overlapping_draft_plan_does_not_displace_the_published_one()
    {
        var published = Build.PublishedPlan(new DateOnly(2024, 5, 2), new DateOnly(2028, 5, 4), "Police and Crime Plan 2024-2028");
        var draft = Build.Plan("Draft refresh 2026-2028", new DateOnly(2026, 4, 1), new DateOnly(2028, 5, 4));
        draft.AddPriority("Neighbourhood policing");

        Assert.Same(published, PoliceAndCrimePlan.InForceOn([draft, published], new DateOnly(2026, 9, 12)));
    }
}
