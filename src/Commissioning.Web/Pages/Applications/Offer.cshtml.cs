using Commissioning.Infrastructure.Applications;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Awards;
using Commissioning.Infrastructure.Awards;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// The offer of a grant, its conditions, and the organisation's answer: accepted by a named signatory (recorded with
/// the time and the IP address it came from) or declined with a reason. Only while the workflow waits at the offer
/// and its acceptance period lasts; afterwards nothing is saved and the page says why. One answer per application:
/// a second (a double click, a colleague at the same moment) changes nothing and shows the first. Grants officers
/// and finance can read it (the office is e-mailed a link to it) but only the organisation can answer it.
/// </summary>
[Authorize(Roles = ApplicationAccess.MembersAndOfficeReaders)]
public sealed class OfferModel(CommissioningDbContext db, WorkflowRegistry registry, AnswerOffer answer, IOptions<ServiceOptions> service, TimeProvider clock) : PageModel
{
    public LoadedApplication Loaded { get; private set; } = null!;

    public ApplicationJourney Journey { get; private set; } = null!;

    public OfferResponse? Recorded { get; private set; }

    /// <summary>A grants officer or finance reading the offer: nothing can be answered from this view.</summary>
    public bool ReadingAsOffice { get; private set; }

    /// <summary>The award behind the offer: its amount and conditions.</summary>
    public Award? Award { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>Why the offer can no longer be answered, when it cannot; null while it can.</summary>
    public string? Closed { get; private set; }

    [BindProperty]
    public string? SignatoryName { get; set; }

    [BindProperty]
    public string? SignatoryRole { get; set; }

    [BindProperty(Name = "SignedOn.Day")]
    public string? SignedOnDay { get; set; }

    [BindProperty(Name = "SignedOn.Month")]
    public string? SignedOnMonth { get; set; }

    [BindProperty(Name = "SignedOn.Year")]
    public string? SignedOnYear { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    [BindProperty]
    public string? DeclineReason { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken, reading: true) is { } result)
        {
            return result;
        }

        var today = UkTime.DateOf(Now);
        SignedOnDay = today.Day.ToString(System.Globalization.CultureInfo.InvariantCulture);
        SignedOnMonth = today.Month.ToString(System.Globalization.CultureInfo.InvariantCulture);
        SignedOnYear = today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAcceptAsync([FromRoute] Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } result)
        {
            return result;
        }

        if (Recorded is not null || Closed is not null)
        {
            return Page();
        }

        var today = UkTime.DateOf(Now);
        if (string.IsNullOrWhiteSpace(SignatoryName))
        {
            ModelState.AddModelError(nameof(SignatoryName), "Enter the full name of the person accepting the offer");
        }
        else if (SignatoryName.Trim().Length > OfferResponse.NameMaxLength)
        {
            ModelState.AddModelError(nameof(SignatoryName), $"The full name must be {OfferResponse.NameMaxLength} characters or fewer");
        }

        if (string.IsNullOrWhiteSpace(SignatoryRole))
        {
            ModelState.AddModelError(nameof(SignatoryRole), "Enter their role in the organisation, for example chair or treasurer");
        }
        else if (SignatoryRole.Trim().Length > OfferResponse.RoleMaxLength)
        {
            ModelState.AddModelError(nameof(SignatoryRole), $"The role must be {OfferResponse.RoleMaxLength} characters or fewer");
        }

        var signedOn = ParseDate();
        if (signedOn is null)
        {
            ModelState.AddModelError("SignedOn.Day", "Enter the date of signing as a real date, for example 27 3 2027");
        }
        else if (signedOn > today)
        {
            ModelState.AddModelError("SignedOn.Day", "The date of signing must be today or in the past");
        }

        if (!Confirmed)
        {
            ModelState.AddModelError(nameof(Confirmed), "Confirm that you accept the offer and its conditions on behalf of the organisation");
        }

        if (!ModelState.IsValid)
        {
            ViewData["FieldOrder"] = new[] { nameof(SignatoryName), nameof(SignatoryRole), "SignedOn.Day", nameof(Confirmed) };
            return Page();
        }

        var answered = await answer.AcceptAsync(Loaded.Application.Id, SignatoryName!, SignatoryRole!, signedOn!.Value, Answerer(), Now, service.Value.LinkTo(Request, string.Empty), cancellationToken);
        return Show(answered);
    }

    public async Task<IActionResult> OnPostDeclineAsync([FromRoute] Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } result)
        {
            return result;
        }

        if (Recorded is not null || Closed is not null)
        {
            return Page();
        }

        if (string.IsNullOrWhiteSpace(DeclineReason))
        {
            ModelState.AddModelError(nameof(DeclineReason), "Enter why you are declining the offer");
        }
        else if (DeclineReason.Trim().Length > OfferResponse.ReasonMaxLength)
        {
            ModelState.AddModelError(nameof(DeclineReason), $"The reason must be {OfferResponse.ReasonMaxLength:N0} characters or fewer");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var answered = await answer.DeclineAsync(Loaded.Application.Id, DeclineReason!, Answerer(), Now, service.Value.LinkTo(Request, string.Empty), cancellationToken);
        return Show(answered);
    }

    /// <summary>The offer's page again: with the reason when the answer was refused, otherwise as it now stands.</summary>
    private IActionResult Show(AnswerOffer.Result result)
    {
        if (result is AnswerOffer.Refused refused)
        {
            ModelState.AddModelError(string.Empty, refused.Message);
            return Page();
        }

        return Redirect($"/Applications/{Loaded.Application.Id}/Offer");
    }

    /// <summary>How the programme pays a grant once the offer is accepted, in the applicant's words.</summary>
    public static string HowPaid(Domain.Funds.ProgrammeKind programme) => programme switch
    {
        Domain.Funds.ProgrammeKind.VictimsServicesGrant => "In equal instalments at the start of each quarter of the financial year still to come, the first once you have accepted and met the conditions before payment.",
        _ => "In one payment, once you have accepted the offer and met the conditions before payment.",
    };

    private AnswerOffer.Answerer Answerer() => new(ApplicationAccess.UserId(User)!, User.Identity!.Name!, HttpContext.Connection.RemoteIpAddress?.ToString());

    private DateOnly? ParseDate() =>
        int.TryParse(SignedOnDay?.Trim(), out var day) && int.TryParse(SignedOnMonth?.Trim(), out var month) && int.TryParse(SignedOnYear?.Trim(), out var year)
        && year is >= 1900 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    /// <summary>Loads what the page shows; returns a result to end with (not found, or back to the status page) or null to go on.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken, bool reading = false)
    {
        if (await ApplicationAccess.ForMemberOrOfficeReaderAsync(db, id, User, reading, cancellationToken) is not { } access)
        {
            return NotFound();
        }

        var loaded = access.Loaded;
        ReadingAsOffice = access.ByOffice;

        var journey = await ApplicationJourney.LoadAsync(db, registry, loaded.Application.Id, cancellationToken);
        var response = await db.OfferResponses.AsNoTracking().SingleOrDefaultAsync(r => r.ApplicationId == loaded.Application.Id, cancellationToken);
        if (journey is null || (response is null && !journey.OfferWasMade))
        {
            return Redirect($"/Applications/{id}/Status");
        }

        Loaded = loaded;
        Journey = journey;
        Recorded = response;
        Award = await db.Awards.AsNoTracking().Include(a => a.Conditions).SingleOrDefaultAsync(a => a.GrantApplicationId == loaded.Application.Id, cancellationToken);
        Now = clock.GetUtcNow();
        if (response is null && !journey.OfferOpen(Now))
        {
            var ended = journey.AcceptancePeriodEndedAt ?? journey.DeadlineAt;
            Closed = ended is { } at
                ? $"The acceptance period for this offer ended at {UkTime.Describe(at)} (UK time). The offer can no longer be accepted or declined, and nothing you send now will be saved. Contact us, quoting {loaded.Application.Reference}, if you think this is wrong."
                : $"This offer can no longer be accepted or declined. Contact us, quoting {loaded.Application.Reference}, if you think this is wrong.";
        }

        return null;
    }
}
