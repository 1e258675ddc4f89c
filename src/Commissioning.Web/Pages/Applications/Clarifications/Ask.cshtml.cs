using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Applications.Clarifications;

/// <summary>
/// A grants officer asks the applicant a question about a submitted application, and sees the questions asked so far
/// with their answers. The applicant's members are e-mailed a link to answer it.
/// </summary>
[Authorize(Roles = Roles.GrantsOfficer)]
public sealed class AskModel(CommissioningDbContext db, Outbox outbox, TimeProvider clock, IOptions<ServiceOptions> service) : PageModel
{
    public LoadedApplication Loaded { get; private set; } = null!;

    public IReadOnlyList<Clarification> Asked { get; private set; } = [];

    [BindProperty]
    public string? Question { get; set; }

    public bool MayAsk => Clarification.MayClarify(Loaded.Application);

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var application = Loaded.Application;
        Clarification question;
        try
        {
            question = Clarification.Ask(application, Question ?? string.Empty, User.Identity!.Name!, clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(MayAsk ? nameof(Question) : string.Empty, ex.Message);
            return Page();
        }

        db.Clarifications.Add(question);
        var link = service.Value.LinkTo(Request, $"/Applications/{application.Id}/Clarifications/{question.Id}");
        foreach (var email in Loaded.Organisation.People.Where(p => p.UserId is not null).Select(p => p.Email).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            outbox.Enqueue(email, $"A question about your application {application.Reference}", $"""
                We have a question about your application {application.Reference} ({application.ProjectTitle}):

                {question.Question}

                Answer it at:
                {link}

                {service.Value.OpccName}
                """);
        }

        await db.SaveChangesAsync(cancellationToken);
        TempData["Asked"] = "Your question was sent to the applicant.";
        return Redirect($"/Applications/{application.Id}/Clarifications/Ask");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.LoadAsync(db, id, User, allowStaff: true, cancellationToken);
        if (loaded is null || loaded.Application.Status == ApplicationStatus.Draft)
        {
            return false;
        }

        Loaded = loaded;
        Asked = [.. (await db.Clarifications.AsNoTracking().Where(c => c.ApplicationId == loaded.Application.Id).ToListAsync(cancellationToken)).OrderBy(c => c.AskedAt)];
        return true;
    }
}
