using Commissioning.Domain.Plans;

namespace Commissioning.Tests.Domain;

/// <summary>
/// The three shapes of plan in the offices' own documents fit the model: Thames Valley's five priorities, each with
/// what success will look like; Durham's four outcomes over twelve priorities; Cambridgeshire's four themes.
/// </summary>
public class PlanShapesTests
{
    [Fact]
    public void Thames_Valley_five_priorities_each_with_what_success_will_look_like_and_measures_to_report()
    {
        var plan = new PoliceAndCrimePlan("Thames Valley Police & Criminal Justice Plan 2021-2025", new DateOnly(2021, 5, 13), new DateOnly(2025, 3, 31));
        var local = plan.AddPriority("Strong local policing", "Preventing crime and protecting communities");
        plan.AddPriority("Fighting serious organised crime", "Cracking down on the threat from \"county lines\" drugs gangs to protect children from exploitation and abuse");
        plan.AddPriority("Fighting cybercrime and fraud", "Crime is changing and I will invest in the technology and resources the police need to protect the public online");
        var justice = plan.AddPriority("Improving the criminal justice system", "Supporting victims of crime, bringing more criminals to justice and reducing reoffending");
        plan.AddPriority("Tackling illegal encampments", "Ensuring a fair but firm response to illegal encampments and reducing the effect on our communities");

        var burglaries = local.AddOutcome("Maintaining low levels of burglaries");
        var speedwatch = local.AddOutcome("Enhancing Community Speedwatch");
        var reoffending = justice.AddOutcome("Reducing reoffending in the Thames Valley");
        burglaries.AddMeasure("Homes given crime prevention advice", "homes", MeasureDirection.HigherIsBetter);
        speedwatch.AddMeasure("Community Speedwatch sessions held", "sessions", MeasureDirection.HigherIsBetter);
        var measure = reoffending.AddMeasure("Participants reoffending within 12 months", "%", MeasureDirection.LowerIsBetter);
        plan.Publish(new DateOnly(2021, 6, 30));

        Assert.Equal(
            ["Strong local policing", "Fighting serious organised crime", "Fighting cybercrime and fraud", "Improving the criminal justice system", "Tackling illegal encampments"],
            plan.Priorities.OrderBy(p => p.Order).Select(p => p.Title));
        Assert.Empty(plan.Outcomes);
        Assert.Equal(["Maintaining low levels of burglaries", "Enhancing Community Speedwatch"], local.Outcomes.OrderBy(o => o.Order).Select(o => o.Description));
        Assert.All(local.Outcomes, o => Assert.False(o.IsPlanLevel));
        Assert.Equal(justice.Id, reoffending.PriorityId);
        Assert.Equal(("Participants reoffending within 12 months", "%", MeasureDirection.LowerIsBetter), (measure.Name, measure.Unit, measure.Direction));
        Assert.Equal(3, plan.AllOutcomes.Count());
        Assert.Equal("priorities", plan.PriorityTermPlural);
    }

    [Fact]
    public void Durham_four_outcomes_at_plan_level_mapped_to_twelve_priorities()
    {
        var plan = new PoliceAndCrimePlan("Police, Crime and Victims' Plan 2018-2021", new DateOnly(2018, 7, 1), new DateOnly(2021, 5, 6));
        string[] titles =
        [
            "Ensure that victims are supported at all stages of the criminal justice system",
            "Address the root causes of offending and support the rehabilitation of people who have offended",
            "Safeguard vulnerable people",
            "Improve road safety",
            "Reduce the harm caused by alcohol and drugs",
            "Improve community safety in rural areas",
            "Tackle and prevent domestic abuse and sexual violence in all their forms",
            "Tackle and prevent hate crime",
            "Tackle and prevent fraud",
            "Tackle and prevent anti-social behaviour",
            "Tackle and prevent modern slavery",
            "Tackle and prevent cyber-enabled crime",
        ];
        var priorities = titles.ToDictionary(t => t, t => plan.AddPriority(t));
        PlanPriority P(string start) => priorities.Single(p => p.Key.StartsWith(start, StringComparison.Ordinal)).Value;

        var safe = plan.AddOutcome("Communities are safe and crime is reduced",
            [P("Improve road safety").Id, P("Improve community safety").Id, P("Tackle and prevent hate").Id, P("Tackle and prevent anti-social").Id, P("Tackle and prevent cyber").Id, P("Tackle and prevent fraud").Id]);
        var supported = plan.AddOutcome("Victims and the vulnerable feel supported",
            [P("Ensure that victims").Id, P("Safeguard").Id, P("Tackle and prevent domestic").Id, P("Tackle and prevent modern").Id]);
        var reoffending = plan.AddOutcome("Re-offending is reduced and rehabilitation is improved",
            [P("Address the root causes").Id, P("Reduce the harm").Id]);
        var confidence = plan.AddOutcome("People have confidence in the Police and the Criminal Justice System", [P("Ensure that victims").Id]);
        supported.AddMeasure("Victims who say they feel able to cope and recover", "%", MeasureDirection.HigherIsBetter);
        plan.Publish(new DateOnly(2018, 7, 6));

        Assert.Equal(12, plan.Priorities.Count);
        Assert.Equal(4, plan.Outcomes.Count);
        Assert.All(plan.Outcomes, o => Assert.True(o.IsPlanLevel));
        Assert.All(plan.Priorities, p => Assert.Empty(p.Outcomes));
        Assert.Equal(6, safe.MapsTo.Count);
        Assert.Contains(P("Ensure that victims").Id, supported.MapsTo);
        Assert.Contains(P("Ensure that victims").Id, confidence.MapsTo);
        Assert.Equal(2, reoffending.MapsTo.Count);
        Assert.Single(supported.Measures);
    }

    [Fact]
    public void Cambridgeshire_four_themes_that_grants_link_to()
    {
        var plan = new PoliceAndCrimePlan("Cambridgeshire Police and Crime Plan 2017-2020", new DateOnly(2017, 4, 1), new DateOnly(2020, 5, 7), "theme");
        foreach (var theme in new[] { "Victims", "Offenders", "Communities", "Transformation" })
        {
            plan.AddPriority(theme);
        }

        plan.Publish(new DateOnly(2017, 2, 1));

        Assert.Equal(["Victims", "Offenders", "Communities", "Transformation"], plan.Priorities.OrderBy(p => p.Order).Select(p => p.Title));
        Assert.Equal("themes", plan.PriorityTermPlural);
        Assert.Equal("'Cambridgeshire Police and Crime Plan 2017-2020' already has a theme called 'victims'.", Refusal.Of(() => plan.AddPriority("victims")));
    }

    [Fact]
    public void A_plan_calls_its_priorities_a_priority_a_theme_or_an_outcome_and_nothing_else()
    {
        var message = Refusal.Of(() => new PoliceAndCrimePlan("Plan", new DateOnly(2025, 4, 1), new DateOnly(2029, 3, 31), "objective"));

        Assert.Equal("Choose what the plan calls its priorities: priority, theme or outcome.", message);
    }

    [Fact]
    public void A_priority_with_a_grant_application_or_round_linked_to_it_cannot_be_removed_but_an_unlinked_one_can()
    {
        var plan = Build.Plan("Safer Together 2025-2029");
        var victims = plan.AddPriority("Supporting victims");
        var roads = plan.AddPriority("Road safety");
        plan.Publish(new DateOnly(2025, 4, 1));

        var message = Refusal.Of(() => plan.RemovePriority(victims.Id, new PriorityLinks(Applications: 2, Grants: 1, Rounds: 0)));
        plan.RemovePriority(roads.Id, PriorityLinks.None);

        Assert.Equal("'Supporting victims' cannot be removed: 2 applications and 1 grant are linked to it, and grants keep the priorities they were linked to. You can change its wording instead.", message);
        Assert.Equal(["Supporting victims"], plan.Priorities.Select(p => p.Title));
        Assert.Equal("'Supporting victims' cannot be removed: 1 funding round is linked to it, and grants keep the priorities they were linked to. You can change its wording instead.",
            Refusal.Of(() => plan.RemovePriority(victims.Id, new PriorityLinks(0, 0, 1))));
    }

    [Fact]
    public void The_only_priority_an_outcome_maps_to_cannot_be_removed_until_the_outcome_is_mapped_elsewhere()
    {
        var plan = Build.Plan("Police, Crime and Victims' Plan 2018-2021");
        var roads = plan.AddPriority("Improve road safety");
        var rural = plan.AddPriority("Improve community safety in rural areas");
        var outcome = plan.AddOutcome("Communities are safe and crime is reduced", [roads.Id]);

        var message = Refusal.Of(() => plan.RemovePriority(roads.Id, PriorityLinks.None));
        plan.MapOutcome(outcome.Id, [roads.Id, rural.Id]);
        plan.RemovePriority(roads.Id, PriorityLinks.None);

        Assert.Equal("'Improve road safety' is the only priority the outcome 'Communities are safe and crime is reduced' maps to; map that outcome to another priority first.", message);
        Assert.Equal([rural.Id], outcome.MapsTo);
    }

    [Fact]
    public void An_outcome_at_plan_level_maps_to_at_least_one_of_the_plan_s_priorities()
    {
        var plan = Build.Plan("Police, Crime and Victims' Plan 2018-2021");

        Assert.Equal("Add the plan's priorities first; an outcome at plan level is mapped to the priorities that serve it.", Refusal.Of(() => plan.AddOutcome("Victims feel supported", [])));
        plan.AddPriority("Safeguard vulnerable people");
        Assert.Equal("Choose at least one priority this outcome maps to.", Refusal.Of(() => plan.AddOutcome("Victims feel supported", [])));
        Assert.Equal("An outcome can only map to priorities of 'Police, Crime and Victims' Plan 2018-2021'.", Refusal.Of(() => plan.AddOutcome("Victims feel supported", [Commissioning.Domain.Common.PriorityId.New()])));
    }

    [Fact]
    public void Changing_a_published_priority_s_wording_is_allowed_and_keeps_what_it_said_before()
    {
        var plan = Build.Plan("Safer Together 2025-2029");
        var draftOnly = plan.AddPriority("Supporting victim");
        plan.ChangePriorityWording(draftOnly.Id, "Supporting victims", null, "officer@example.org", DateTimeOffset.UnixEpoch);
        plan.Publish(new DateOnly(2025, 4, 1));

        plan.ChangePriorityWording(draftOnly.Id, "Supporting victims and witnesses", "Help to cope and recover", "officer@example.org", new DateTimeOffset(2025, 6, 1, 9, 0, 0, TimeSpan.Zero));

        Assert.Equal("Supporting victims and witnesses", draftOnly.Title);
        var change = Assert.Single(draftOnly.WordingChanges);
        Assert.Equal(("Supporting victims", (string?)null, "officer@example.org"), (change.PreviousTitle, change.PreviousSummary, change.By));
    }

    [Fact]
    public void A_measure_says_what_is_counted_and_which_way_is_better()
    {
        var outcome = Build.Plan().AddPriority("Supporting victims").AddOutcome("Victims cope and recover");

        Assert.Equal("Enter the measure name.", Refusal.Of(() => outcome.AddMeasure(" ", "people", MeasureDirection.HigherIsBetter)));
        Assert.Equal("Enter the unit.", Refusal.Of(() => outcome.AddMeasure("People supported", "", MeasureDirection.HigherIsBetter)));
        Assert.Equal("Choose whether a higher or a lower figure is better.", Refusal.Of(() => outcome.AddMeasure("People supported", "people", (MeasureDirection)0)));
        var measure = outcome.AddMeasure("People supported", "people", MeasureDirection.HigherIsBetter);
        outcome.ChangeMeasure(measure.Id, "Repeat referrals", "referrals", MeasureDirection.LowerIsBetter);

        Assert.Equal(("Repeat referrals", "referrals", MeasureDirection.LowerIsBetter), (measure.Name, measure.Unit, measure.Direction));
        Assert.Equal("'Victims cope and recover' already has a measure called 'repeat referrals'.", Refusal.Of(() => outcome.AddMeasure("repeat referrals ", "people", MeasureDirection.HigherIsBetter)));
    }

    [Fact]
    public void A_new_plan_supersedes_the_old_from_its_start_date()
    {
        var old = Build.PublishedPlan(new DateOnly(2021, 5, 13), new DateOnly(2025, 3, 31), "Police and Criminal Justice Plan 2021-2025");
        var next = Build.PublishedPlan(new DateOnly(2025, 4, 1), new DateOnly(2029, 3, 31), "Police and Crime Plan 2025-2029");
        var draft = Build.Plan("Refresh 2027-2029", new DateOnly(2027, 4, 1), new DateOnly(2029, 3, 31));
        PoliceAndCrimePlan[] plans = [old, next, draft];

        Assert.Equal(PlanStatus.InForce, old.StatusOn(new DateOnly(2025, 3, 31), plans));
        Assert.Equal(PlanStatus.Published, next.StatusOn(new DateOnly(2025, 3, 31), plans));
        Assert.Equal(PlanStatus.Superseded, old.StatusOn(new DateOnly(2025, 4, 1), plans));
        Assert.Equal(PlanStatus.InForce, next.StatusOn(new DateOnly(2025, 4, 1), plans));
        Assert.Equal(PlanStatus.Draft, draft.StatusOn(new DateOnly(2028, 1, 1), plans));
        Assert.Same(next, old.SupersededBy(plans));
        Assert.Null(next.SupersededBy(plans));
    }

    [Fact]
    public void Only_a_published_plan_s_publication_date_can_be_corrected()
    {
        var plan = Build.Plan("Safer Together 2025-2029");
        plan.AddPriority("Supporting victims");

        Assert.Equal("'Safer Together 2025-2029' is not published yet; publish it to give it a publication date.", Refusal.Of(() => plan.CorrectPublishedOn(new DateOnly(2025, 4, 1))));
        plan.Publish(new DateOnly(2025, 4, 1));
        plan.CorrectPublishedOn(new DateOnly(2025, 3, 28));

        Assert.Equal(new DateOnly(2025, 3, 28), plan.PublishedOn);
    }
}
