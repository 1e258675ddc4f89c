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
}
