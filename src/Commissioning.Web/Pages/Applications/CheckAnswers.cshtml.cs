using Commissioning.Domain.Applications;
using Commissioning.Infrastructure.Applications;
using Commissioning.Domain.Plans;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Applications;

/// <summary>Check your answers (with links to change them), the declaration, and Submit. After submission, or once the round has closed, the same page shows the answers read-only.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class CheckAnswersModel(CommissioningDbContext db, SubmitApplication submit, TimeProvider clock, IOptions<ServiceOptions> service) : PageModel
{
    public const string DeclarationText = "I confirm that the information in this application is true and complete, that I am authorised to apply for my organisation, and that I will tell the office if anything changes.";

    public LoadedApplication Loaded { get; private set; } = null!;

    public string? ReadOnlyBecause { get; private set; }

    public IReadOnlyList<PlanPriority> SupportedPriorities { get; private set; } = [];

    public IReadOnlyList<ReadinessProblem> Problems { get; private set; } = [];

    [BindProperty]
    public bool Declaration { get; set; }

    public bool Editable => ReadOnlyBecause is null;

    public IEnumerable<(FormSection Section, IReadOnlyList<FormQuestion> Questions)> Sections =>
        Loaded.Form.Sections.Select(s => (s, FormProgress.ShownQuestions(Loaded.Form, s, Loaded.AnswerOf)));

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ?? await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromForm] Guid? roundId, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } missing)
        {
            return missing;
        }

        var application = Loaded.Application;
        if (application.Status != ApplicationStatus.Draft)
        {
            // Sent twice (a double click, a retried request): the first one counted.
            return Redirect(ApplicationProgress.Href(Loaded, "Submitted"));
        }

        if (roundId != application.RoundId.Value)
        {
            ModelState.AddModelError(string.Empty, "This form was for a different funding round, so your application was not submitted. Check your answers and try again.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await ShowAsync(cancellationToken);
        }

        if (ReadOnlyBecause is not null)
        {
            ModelState.AddModelError(string.Empty, ReadOnlyBecause);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return await ShowAsync(cancellationToken);
        }

        if (Problems.Count > 0)
        {
            AddProblems(Problems);
            return await ShowAsync(cancellationToken);
        }

        if (!Declaration)
        {
            ModelState.AddModelError(nameof(Declaration), "Confirm the declaration to submit your application");
            return await ShowAsync(cancellationToken);
        }

        var link = service.Value.LinkTo(Request, ApplicationProgress.Href(Loaded));
        switch (await submit.RunAsync(Loaded, ApplicationAccess.UserId(User)!, User.Identity!.Name!, link, cancellationToken))
        {
            case SubmitApplication.Submitted or SubmitApplication.AlreadySubmitted:
                return Redirect(ApplicationProgress.Href(Loaded, "Submitted"));
            case SubmitApplication.Refused refused:
                await LoadAsync(id, cancellationToken);
                foreach (var problem in refused.Problems)
                {
                    ModelState.AddModelError(string.Empty, problem);
                }

                Response.StatusCode = ReadOnlyBecause is null ? StatusCodes.Status200OK : StatusCodes.Status409Conflict;
                return await ShowAsync(cancellationToken);
            default:
                return NotFound();
        }
    }

    private void AddProblems(IEnumerable<ReadinessProblem> problems)
    {
        foreach (var problem in problems)
        {
            ModelState.AddModelError(string.Empty, problem.Message);
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var loaded = await ApplicationAccess.ForMemberAsync(db, id, User, cancellationToken);
        if (loaded is null)
        {
            return NotFound();
        }

        Loaded = loaded;
        ReadOnlyBecause = loaded.WhyReadOnly(clock.GetUtcNow());
        Problems = loaded.Application.Status == ApplicationStatus.Draft ? ApplicationProgress.Problems(loaded) : [];
        return null;
    }

    /// <summary>The page, with the plan priorities it lists (read only when the page is shown, not for a submission that goes on to the confirmation).</summary>
    private async Task<PageResult> ShowAsync(CancellationToken cancellationToken)
    {
        var ids = Loaded.Application.Priorities.Select(p => p.PriorityId).ToList();
        var priorities = await db.PlanPriorities.AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(cancellationToken);
        var primary = Loaded.Application.Priorities.SingleOrDefault(p => p.IsPrimary)?.PriorityId;
        SupportedPriorities = [.. priorities.OrderByDescending(p => p.Id == primary).ThenBy(p => p.Order)];
        return Page();
    }
}
