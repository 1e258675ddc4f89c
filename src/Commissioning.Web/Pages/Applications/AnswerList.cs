using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// The answers to an application's form, section by section, as the applicant sees them on Check your answers; the
/// staff case file shows them the same way. Change links only when <paramref name="Editable"/>; file answers as
/// download links only when <paramref name="LinkFiles"/>.
/// </summary>
public sealed record AnswerList(
    GrantApplicationId ApplicationId,
    IEnumerable<(FormSection Section, IReadOnlyList<FormQuestion> Questions)> Sections,
    Func<string, string?> AnswerOf,
    bool Editable,
    bool LinkFiles = true,
    string HeadingClass = "govuk-heading-m");
