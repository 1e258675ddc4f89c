using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Monitoring;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Infrastructure.Applications;

/// <summary>
/// A member of the grant holder's organisation sends a report the grant owes (an end-of-grant report, a quarterly
/// return): spend so far, what the grant has achieved and, for victims' services, the figures the Ministry of Justice
/// asks for. The report, the office's e-mail, the sender's copy and the workflow's event are saved in one transaction;
/// the event is delivered after the commit. Sent once: a second send, or a colleague's at the same moment, changes
/// nothing.
/// </summary>
public sealed class SendReport(CommissioningDbContext db, ApplicationEvents events, OfficeNotices office, Outbox outbox, Letterhead letterhead, TimeProvider clock)
{
    public abstract record Result;

    public sealed record Sent : Result;

    /// <summary>Sent a moment ago by a colleague (or this is a double click): theirs stands, and nothing of this one is saved.</summary>
    public sealed record AlreadySent : Result;

    public sealed record Refused(string Message) : Result;

    /// <summary>The report's page, which the e-mails link to.</summary>
    public static string PathOf(GrantApplicationId applicationId, MonitoringReturnId reportId) => $"/Applications/{applicationId}/Reports/{reportId}";

    /// <summary>The workflow event a report of this kind sends: the end-of-grant report, or a quarterly return.</summary>
    public static string EventFor(ReturnKind kind) => kind switch
    {
        ReturnKind.EndOfGrant => GrantWorkflowContract.Events.EndOfGrantReportSubmitted,
        ReturnKind.Quarterly => GrantWorkflowContract.Events.QuarterlyReturnSubmitted,
        ReturnKind.MidYearBudget => GrantWorkflowContract.Events.MidYearBudgetReturnSubmitted,
        ReturnKind.FebruaryForecast => GrantWorkflowContract.Events.FebruaryForecastSubmitted,
        ReturnKind.YearEndUnderspend => GrantWorkflowContract.Events.UnderspendReturnSubmitted,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No workflow event for this kind of report."),
    };

    /// <param name="applicationId">The grant's application; the page has checked the person is a member of its organisation and the report can be sent now.</param>
    /// <param name="reportId">A report the application's award owes.</param>
    /// <param name="by">The signed-in person's e-mail address, sent a copy.</param>
    /// <param name="serviceAddress">The address links in e-mails start with.</param>
    public async Task<Result> RunAsync(GrantApplicationId applicationId, MonitoringReturnId reportId, Money spendToDate, string summary, VictimFigures? figures, string by, string serviceAddress, CancellationToken cancellationToken)
    {
        var application = await db.Applications.AsNoTracking().SingleAsync(a => a.Id == applicationId, cancellationToken);
        var award = await db.Awards.AsNoTracking().SingleAsync(a => a.GrantApplicationId == applicationId, cancellationToken);
        var report = await db.MonitoringReturns.SingleAsync(r => r.Id == reportId && r.AwardId == award.Id, cancellationToken);
        var organisationName = await db.Organisations.Where(o => o.Id == application.OrganisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var now = clock.GetUtcNow();
        try
        {
            report.Submit(spendToDate, summary.Trim(), by, now, figures);
        }
        catch (DomainException ex)
        {
            return new Refused(ex.Message);
        }

        var link = serviceAddress.TrimEnd('/') + PathOf(applicationId, reportId);
        await office.QueueAsync($"{report.Title} sent: {application.Reference}", link,
            $"{organisationName} has sent its {report.TitleInSentence()} for '{application.ProjectTitle}' ({application.Reference}), due by {UkTime.DescribeDate(report.DueOn)}.",
            $"Spend so far: {spendToDate} of the {award.Amount} awarded.");
        outbox.Enqueue(by, $"We have your {report.TitleInSentence()}: {application.Reference}",
            $"Thank you for sending the {report.TitleInSentence()} for '{application.ProjectTitle}' ({application.Reference}) on {UkTime.Describe(now)} (UK time).\r\n\r\n" +
            $"You can read what you sent at {link}\r\n\r\nWe will contact you if we have questions about it.\r\n\r\n{letterhead.ServiceName}\r\n{letterhead.OpccName}\r\n");
        events.Record(EventFor(report.Kind), applicationId);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return new AlreadySent();
        }

        events.AfterCommit(applicationId);
        return new Sent();
    }
}
