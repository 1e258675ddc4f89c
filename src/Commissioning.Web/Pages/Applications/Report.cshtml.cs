using System.Globalization;
using Commissioning.Infrastructure.Applications;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Awards;
using Commissioning.Domain.Common;
using Commissioning.Domain.Monitoring;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// A report the grant holder owes (an end-of-grant report, a quarterly return): spend so far, what the grant has
/// achieved and, for victims' services, the figures the Ministry of Justice asks for. Sent once by any member of the
/// organisation (a second send, or a colleague's at the same moment, changes nothing), then shown read-only; the
/// workflow is told, the office is e-mailed and the sender gets a copy. Members of the organisation send it; grants
/// officers and finance can read it (the office's e-mail links here).
/// </summary>
[Authorize(Roles = ApplicationAccess.MembersAndOfficeReaders)]
public sealed class ReportModel(CommissioningDbContext db, SendReport send, IOptions<ServiceOptions> service, TimeProvider clock) : PageModel
{
    public const int SummaryMaxWords = 500;

    public LoadedApplication Loaded { get; private set; } = null!;

    public MonitoringReturn Report { get; private set; } = null!;

    public Award Award { get; private set; } = null!;

    /// <summary>A grants officer or finance reading the report: nothing can be sent from this view.</summary>
    public bool ReadingAsOffice { get; private set; }

    /// <summary>Why the report cannot be sent now, when it cannot; null while it can.</summary>
    public string? Closed { get; private set; }

    [BindProperty]
    public string? SpendToDate { get; set; }

    [BindProperty]
    public string? Summary { get; set; }

    [BindProperty]
    public string? Referrals { get; set; }

    [BindProperty]
    public string? VictimsSupported { get; set; }

    [BindProperty]
    public string? HelpedToCopeAndRecover { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromRoute] Guid reportId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, reportId, cancellationToken, reading: true) is { } result)
        {
            return result;
        }

        if (Report.Status == ReturnStatus.ReturnedForChanges && !ReadingAsOffice)
        {
            // What was sent before, to change rather than type again.
            SpendToDate = Report.SpendToDate?.ToPounds().ToString("0.00", CultureInfo.InvariantCulture);
            Summary = Report.Narrative;
            Referrals = Report.Figures?.Referrals.ToString(CultureInfo.InvariantCulture);
            VictimsSupported = Report.Figures?.VictimsSupported.ToString(CultureInfo.InvariantCulture);
            HelpedToCopeAndRecover = Report.Figures?.HelpedToCopeAndRecover.ToString(CultureInfo.InvariantCulture);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromRoute] Guid reportId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, reportId, cancellationToken) is { } result)
        {
            return result;
        }

        if (Closed is not null)
        {
            return Page();
        }

        var spend = Validate(out var figures);
        if (!ModelState.IsValid)
        {
            ViewData["FieldOrder"] = new[] { nameof(SpendToDate), nameof(Referrals), nameof(VictimsSupported), nameof(HelpedToCopeAndRecover), nameof(Summary) };
            return Page();
        }

        var application = Loaded.Application;
        switch (await send.RunAsync(application.Id, Report.Id, spend!.Value, Summary!, figures, User.Identity!.Name!, service.Value.LinkTo(Request, string.Empty), cancellationToken))
        {
            case SendReport.Refused refused:
                ModelState.AddModelError(string.Empty, refused.Message);
                return Page();
            case SendReport.AlreadySent:
                return Redirect(SendReport.PathOf(application.Id, Report.Id));
            default:
                TempData["Answered"] = $"Your {Report.TitleInSentence()} has been sent.";
                return Redirect($"/Applications/{application.Id}/Status");
        }
    }

    private Money? Validate(out VictimFigures? figures)
    {
        figures = null;
        Money? spend = null;
        if (string.IsNullOrWhiteSpace(SpendToDate))
        {
            ModelState.AddModelError(nameof(SpendToDate), "Enter how much of the grant you have spent so far, for example 2500 or 2500.50");
        }
        else if (!Money.TryParse(SpendToDate, out var parsed, out var error))
        {
            ModelState.AddModelError(nameof(SpendToDate), $"Spend so far: {error}");
        }
        else if (parsed.IsNegative)
        {
            ModelState.AddModelError(nameof(SpendToDate), "Spend so far must be £0 or more");
        }
        else if (parsed > Award.Amount)
        {
            ModelState.AddModelError(nameof(SpendToDate), $"Spend so far must be no more than the grant of {Award.Amount}. Tell us about other money you spent in the summary");
        }
        else
        {
            spend = parsed;
        }

        if (Report.AsksVictimFigures)
        {
            var referrals = Count(nameof(Referrals), Referrals, "referrals received");
            var supported = Count(nameof(VictimsSupported), VictimsSupported, "victims supported");
            var helped = Count(nameof(HelpedToCopeAndRecover), HelpedToCopeAndRecover, "victims helped to cope and recover");
            if (supported is { } s && helped is { } h && h > s)
            {
                ModelState.AddModelError(nameof(HelpedToCopeAndRecover), $"Victims helped to cope and recover must be no more than the {s:N0} victims supported");
            }
            else if (referrals is { } r && supported is not null && helped is not null)
            {
                figures = new VictimFigures(r, supported.Value, helped.Value);
            }
        }

        var words = string.IsNullOrWhiteSpace(Summary) ? 0 : Answers.CountWords(Summary);
        if (words == 0)
        {
            ModelState.AddModelError(nameof(Summary), "Enter a summary of what the grant has paid for and achieved");
        }
        else if (words > SummaryMaxWords)
        {
            ModelState.AddModelError(nameof(Summary), $"The summary must be {SummaryMaxWords} words or fewer; it has {words:N0}");
        }
        else if (Summary!.Trim().Length > MonitoringReturn.NarrativeMaxLength)
        {
            ModelState.AddModelError(nameof(Summary), $"The summary must be {MonitoringReturn.NarrativeMaxLength:N0} characters or fewer");
        }

        return spend;
    }

    private int? Count(string key, string? text, string what)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            ModelState.AddModelError(key, $"Enter the number of {what}, or 0 if there were none");
            return null;
        }

        if (!int.TryParse(text.Trim().Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            ModelState.AddModelError(key, $"The number of {what} must be a whole number, like 12");
            return null;
        }

        if (number < 0)
        {
            ModelState.AddModelError(key, $"The number of {what} must be 0 or more");
            return null;
        }

        return number;
    }

    /// <summary>Loads the report for a member of the organisation; returns a result to end with (not found) or null to go on.</summary>
    private async Task<IActionResult?> LoadAsync(Guid id, Guid reportId, CancellationToken cancellationToken, bool reading = false)
    {
        if (await ApplicationAccess.ForMemberOrOfficeReaderAsync(db, id, User, reading, cancellationToken) is not { } access)
        {
            return NotFound();
        }

        var loaded = access.Loaded;
        ReadingAsOffice = access.ByOffice;

        var award = await db.Awards.AsNoTracking().SingleOrDefaultAsync(a => a.GrantApplicationId == loaded.Application.Id, cancellationToken);
        var report = award is null ? null : await db.MonitoringReturns.SingleOrDefaultAsync(r => r.Id == MonitoringReturnId.From(reportId) && r.AwardId == award.Id, cancellationToken);
        if (award is null || report is null)
        {
            return NotFound();
        }

        Loaded = loaded;
        Award = award;
        Report = report;
        if (report.Status is not (ReturnStatus.Due or ReturnStatus.ReturnedForChanges))
        {
            Closed = $"This report was sent on {UkTime.Describe(report.SubmittedAt!.Value)} (UK time) by {report.SubmittedBy}. It cannot be changed; contact us, quoting {loaded.Application.Reference}, if something in it is wrong.";
        }
        else if (award.Status == AwardStatus.Withdrawn)
        {
            Closed = "This award was withdrawn, so no report is needed.";
        }
        else if (ReadingAsOffice)
        {
            Closed = $"{loaded.Organisation.Name} has not sent this report yet. It is due by {UkDates.Date(report.DueOn)}.";
        }
        else if (GrantProgress.WhyNotYet(report, UkTime.DateOf(clock.GetUtcNow())) is { } notYet)
        {
            Closed = notYet;
        }

        return null;
    }
}
