using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Pdf;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// The PDF copy of what was submitted, as a download, for members of the applying organisation only. It is made from
/// the frozen answers each time, so it always shows exactly what was submitted.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class PdfModel(CommissioningDbContext db, IOptions<ServiceOptions> service) : PageModel
{
    /// <summary>Longer than any application's PDF takes; past it, writing stops and the person is asked to try later.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(20);

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.ForMemberAsync(db, id, User, cancellationToken);
        return loaded is null ? NotFound() : await DownloadAsync(this, db, service.Value, loaded, cancellationToken);
    }

    /// <summary>
    /// The PDF of a submitted application as a download, for a page that has already decided the person may have it
    /// (this one for the applying organisation's members; the staff case file's for the staff the case file rules allow).
    /// </summary>
    public static async Task<IActionResult> DownloadAsync(PageModel page, CommissioningDbContext db, ServiceOptions service, LoadedApplication loaded, CancellationToken cancellationToken)
    {
        if (loaded.Application.Reference is null || loaded.Application.SubmittedAt is null)
        {
            return page.NotFound();
        }

        var application = loaded.Application;
        var priorityIds = application.Priorities.Select(p => p.PriorityId).ToList();
        var priorities = await db.PlanPriorities.AsNoTracking().Where(p => priorityIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var primary = application.Priorities.Single(p => p.IsPrimary).PriorityId;
        var submittedBy = await db.Users.AsNoTracking().Where(u => u.UserName == application.StartedBy).Select(u => u.FullName).SingleOrDefaultAsync(cancellationToken);
        var copy = new SubmittedApplicationCopy(
            service.ServiceName,
            service.OpccName,
            application.Reference,
            loaded.Round.Title,
            loaded.Fund.Name,
            loaded.Organisation.Name,
            application.ProjectTitle,
            UkTime.Describe(application.SubmittedAt.Value),
            LastChangedBy(application) ?? submittedBy ?? application.StartedBy,
            [.. loaded.Form.Sections.Select(s => new SubmittedApplicationCopy.Section(
                s.Title,
                [.. FormProgress.ShownQuestions(loaded.Form, s, loaded.AnswerOf).Select(q => (q.Text, Answers.Describe(q, loaded.AnswerOf(q.Key))))]))],
            [.. application.Budget.Select(l => new SubmittedApplicationCopy.BudgetRow(l.Kind switch { BudgetLineKind.Cost => "Cost", BudgetLineKind.OtherFunding => "Other funding", _ => "Match funding" }, l.Description, l.Amount.ToString()))],
            [("Total costs", application.TotalCosts.ToString()), ("Other funding", application.OtherFunding.ToString()), ("Match funding", application.MatchFunding.ToString()), ("Asked of the fund", application.AskedOfFund.ToString())],
            [.. priorities.OrderByDescending(p => p.Id == primary).ThenBy(p => p.Order).Select(p => p.Id == primary ? $"{p.Title} (main priority)" : p.Title)]);
        byte[] pdf;
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            // Stops when the person leaves, and in any case after the time limit, so no request can keep a core busy.
            limit.CancelAfter(TimeLimit);
            try
            {
                pdf = SubmittedApplicationPdf.Write(copy, limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return page.StatusCode(StatusCodes.Status503ServiceUnavailable);
            }
        }

        page.Response.Headers.XContentTypeOptions = "nosniff";
        return page.File(pdf, "application/pdf", $"{application.Reference}.pdf");
    }

    /// <summary>Who last saved an answer: on a submitted application, the person who finished it.</summary>
    private static string? LastChangedBy(GrantApplication application) =>
        application.Answers.OrderByDescending(a => a.UpdatedAt).FirstOrDefault()?.UpdatedBy;
}
