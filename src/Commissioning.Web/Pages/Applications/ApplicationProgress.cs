using Commissioning.Domain.Applications;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Applications;

namespace Commissioning.Web.Pages.Applications;

/// <summary>One thing still to do before an application can be submitted, with where to do it.</summary>
public sealed record ReadinessProblem(string Message, string Href);

/// <summary>The task list's view of an application: each part's status, and what stops it being submitted.</summary>
public static class ApplicationProgress
{
    public static string Href(LoadedApplication loaded, string? part = null) =>
        part is null ? $"/Applications/{loaded.Application.Id}" : $"/Applications/{loaded.Application.Id}/{part}";

    public static SectionStatus BudgetStatus(GrantApplication application) =>
        application.Budget.Count == 0 ? SectionStatus.NotStarted : application.BudgetBalances ? SectionStatus.Completed : SectionStatus.InProgress;

    public static SectionStatus PrioritiesStatus(GrantApplication application) =>
        application.Priorities.Any(p => p.IsPrimary) ? SectionStatus.Completed : SectionStatus.NotStarted;

    /// <summary>What stops the application being submitted (the domain's rule, which submission enforces), each with where to put it right.</summary>
    public static IReadOnlyList<ReadinessProblem> Problems(LoadedApplication loaded) =>
        loaded.Application.WhatStopsSubmission(loaded.Round)
            .Select(p => new ReadinessProblem(p.Message, p.Part switch
            {
                SubmissionPart.Section or SubmissionPart.Showstopper => Href(loaded, $"Sections/{p.SectionKey}"),
                SubmissionPart.Budget => Href(loaded, "Budget"),
                _ => Href(loaded, "Priorities"),
            }))
            .ToList();

    public static string BudgetMismatch(LoadedApplication loaded) => loaded.Application.WhyBudgetDoesNotBalance() ?? string.Empty;

    public static string SectionOf(ApplicationForm form, string questionKey) =>
        form.Sections.First(s => s.Questions.Any(q => q.Key == questionKey)).Key;

    public static (string Text, string? TagClass) Describe(SectionStatus status) => status switch
    {
        SectionStatus.Completed => ("Completed", null),
        SectionStatus.InProgress => ("In progress", "govuk-tag--light-blue"),
        _ => ("Not started", "govuk-tag--blue"),
    };

    public static (string Text, string TagClass) Describe(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => ("Draft", "govuk-tag--grey"),
        ApplicationStatus.Submitted => ("Submitted", "govuk-tag--blue"),
        ApplicationStatus.InAssessment => ("In assessment", "govuk-tag--light-blue"),
        ApplicationStatus.Recommended => ("Recommended", "govuk-tag--turquoise"),
        ApplicationStatus.Approved => ("Approved", "govuk-tag--green"),
        ApplicationStatus.Withdrawn => ("Withdrawn", "govuk-tag--grey"),
        ApplicationStatus.Ineligible => ("Not eligible", "govuk-tag--red"),
        ApplicationStatus.NotRecommended or ApplicationStatus.Declined => ("Not funded", "govuk-tag--red"),
        _ => (status.ToString(), "govuk-tag--grey"),
    };
}
