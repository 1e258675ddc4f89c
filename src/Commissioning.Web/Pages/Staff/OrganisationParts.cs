using Commissioning.Domain.Applications;
using Commissioning.Infrastructure.CaseFiles;

namespace Commissioning.Web.Pages.Staff;

/// <summary>An organisation's record on a staff page: on its own page, or within an application's case file (which lists its other applications).</summary>
public sealed record OrganisationParts(OrganisationFile File, DateOnly Today, bool InCaseFile)
{
    public static string TagClass(ApplicationStatus status) => status switch
    {
        ApplicationStatus.Draft => "govuk-tag--grey",
        ApplicationStatus.Approved => "govuk-tag--green",
        ApplicationStatus.Declined or ApplicationStatus.Ineligible or ApplicationStatus.Withdrawn or ApplicationStatus.NotRecommended => "govuk-tag--red",
        _ => "govuk-tag--blue",
    };

    /// <summary>The status as a tag says it, capitalised like the service's other tags ("Submitted", "In assessment").</summary>
    public static string TagText(ApplicationStatus status) => GrantApplication.Describe(status) switch
    {
        "a draft" => "Draft",
        var text => string.Concat(char.ToUpperInvariant(text[0]).ToString(), text[1..]),
    };
}
