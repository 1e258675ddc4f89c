using Commissioning.Domain.Plans;

namespace Commissioning.Infrastructure.Demo;

/// <summary>The Thames Valley Police and Criminal Justice Plan 2021-2025 (June 2021): five priorities, what success will look like, and a few measures for funded projects.</summary>
internal static class DemoPlan
{
    public static PoliceAndCrimePlan ThamesValley2021To2025()
    {
        var plan = new PoliceAndCrimePlan("Thames Valley Police and Criminal Justice Plan 2021-2025", new DateOnly(2021, 5, 13), new DateOnly(2025, 3, 31));

        Add(plan, "Strong local policing", "Preventing crime and protecting communities",
            "Supporting Neighbourhood Policing Teams",
            "A focus on crime prevention",
            "Improving communications with victims",
            "Enhancing Community Speedwatch",
            "Maintaining low levels of burglaries",
            "Reducing levels of rural crime",
            "Reducing levels of serious violence, including murder and other homicide",
            "Reducing levels of neighbourhood crime and antisocial behaviour",
            "Increasing confidence in victims to report domestic abuse",
            "Maintaining the proportionate and appropriate use of stop and search to detect and deter crime",
            "Improving 101 and other contact services",
            "Regular community engagement to understand residents' concerns",
            "Working with the NHS and others to support the police in dealing with mental health issues");

        Add(plan, "Fighting serious organised crime", "Cracking down on the threat from \"county lines\" drugs gangs to protect children from exploitation and abuse",
            "Continuing to develop the Violence Reduction Unit, identifying potential victims and perpetrators and enabling multi-agency interventions",
            "Reducing deaths from knife crime",
            "Increasing the number of disruptions and successful prosecutions for serious organised crime (SOC)",
            "Ensuring focus on SOC groups involved with acquisitive crime and exploitation",
            "Ensuring regional resources are available to support local investigations",
            "Supporting early intervention work to prevent young people becoming either perpetrators or victims of crime");

        Add(plan, "Fighting cybercrime and fraud", "Investing in the technology and resources the police need to protect the public online",
            "Improving education and awareness to help the public protect themselves from becoming victims",
            "Working with national and regional partners to develop a more effective national response",
            "Increasing confidence in reporting cyber and fraud offences, resulting in an increase in these crimes being recorded crimes",
            "Increasing the number of successful cybercrime and fraud outcomes",
            "Enhancing the expertise and capability within TVP and SEROCU to improve both prevention and investigation");

        Add(plan, "Improving the criminal justice system", "Supporting victims of crime, bringing more criminals to justice and reducing reoffending",
            "Working with other criminal justice agencies to improve performance in dealing with crimes such as domestic abuse, rapes and serious sexual offences (RaSSO)",
            "Improving victim satisfaction and experience of the criminal justice system",
            "Increasing successful outcomes through the criminal justice system",
            "Reducing reoffending in the Thames Valley",
            "Supporting innovative projects in crime prevention and rehabilitation",
            "Continuing to provide high quality support for victims through Victims First");

        Add(plan, "Tackling illegal encampments", "Ensuring a fair but firm response to illegal encampments and reducing the effect on our communities",
            "Ensuring that the police and local authorities establish (and keep under review) a clear strategy to respond to illegal encampments",
            "Reducing the number of illegal encampments across the Thames Valley",
            "Working with local authorities on the appropriate provision of sites",
            "Improving intelligence gathering and site security");

        // What the office asks funded projects to report against a few of the outcomes.
        Measure(plan, "Strong local policing", "A focus on crime prevention", "People reached by crime prevention sessions", "people", MeasureDirection.HigherIsBetter);
        Measure(plan, "Fighting serious organised crime", "Supporting early intervention work to prevent young people becoming either perpetrators or victims of crime", "Young people completing an early intervention programme", "young people", MeasureDirection.HigherIsBetter);
        Measure(plan, "Improving the criminal justice system", "Reducing reoffending in the Thames Valley", "Participants reoffending within 12 months", "%", MeasureDirection.LowerIsBetter);

        plan.Publish(new DateOnly(2021, 6, 30));
        return plan;
    }

    private static void Add(PoliceAndCrimePlan plan, string title, string summary, params string[] outcomes)
    {
        var priority = plan.AddPriority(title, summary);
        foreach (var outcome in outcomes)
        {
            priority.AddOutcome(outcome);
        }
    }

    private static void Measure(PoliceAndCrimePlan plan, string priority, string outcome, string name, string unit, MeasureDirection direction) =>
        plan.Priorities.Single(p => p.Title == priority).Outcomes.Single(o => o.Description == outcome).AddMeasure(name, unit, direction);
}
