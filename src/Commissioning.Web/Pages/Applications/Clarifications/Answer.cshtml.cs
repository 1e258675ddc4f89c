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
/// A member of the applying organisation answers an officer's question, once. The officer who asked is e-mailed.
/// Anyone else (and any question not about this application) gets a 404.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class AnswerModel(CommissioningDbContext db, Outbox outbox, TimeProvider clock, IOptions<ServiceOptions> service) : PageModel
{
    public LoadedApplication Loaded { get; private set; } = null!;

    public Clarification Clarification { get; private set; } = null!;

    [BindProperty]
    public string? Answer { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromRoute] Guid clarificationId, CancellationToken cancellationToken) =>
        await LoadAsync(id, clarificationId, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromRoute] Guid clarificationId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, clarificationId, cancellationToken))
        {
            return NotFound();
        }

        var application = Loaded.Application;
        var question = Clarification;
        var wasOpen = question.IsOpen;
        try
        {
            question.Respond(application, Answer ?? string.Empty, User.Identity!.Name!, clock.GetUtcNow());
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(wasOpen && Clarification.MayClarify(application) ? nameof(Answer) : string.Empty, ex.Message);
            return Page();
        }

        var revision = db.Entry(question).Property<long>("Revision");
        revision.CurrentValue++;
        var link = service.Value.LinkTo(Request, $"/Applications/{application.Id}/Clarifications/Ask");
        outbox.Enqueue(question.AskedBy, $"Answer to your question about {application.Reference}", $"""
            {Loaded.Organisation.Name} has answered your question about application {application.Reference} ({application.ProjectTitle}).

            Your question:
            {question.Question}

            Their answer ({question.AnsweredBy}):
            {question.Answer}

            See all the questions and answers for this application at:
            {link}
            """);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone answered at the same moment (or the same answer was sent twice): theirs stands.
            db.ChangeTracker.Clear();
            await LoadAsync(id, clarificationId, cancellationToken);
            ModelState.AddModelError(string.Empty, $"This question was already answered by {Clarification.AnsweredBy}. Your answer was not saved.");
            return Page();
        }

        TempData["Answered"] = "Thank you. Your answer has been sent.";
        return Redirect($"/Applications/{application.Id}/Status");
    }

    private async Task<bool> LoadAsync(Guid id, Guid clarificationId, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.ForMemberAsync(db, id, User, cancellationToken);
        if (loaded is null)
        {
            return false;
        }

        var question = await db.Clarifications.SingleOrDefaultAsync(c => c.Id == clarificationId && c.ApplicationId == loaded.Application.Id, cancellationToken);
        if (question is null)
        {
            return false;
        }

        Loaded = loaded;
        Clarification = question;
        return true;
    }
}
