using Commissioning.Domain.Applications;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Applications;

/// <summary>The application's task list: each form section, the budget and the plan priorities with their status, then check and submit.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class TaskListModel(CommissioningDbContext db, TimeProvider clock) : PageModel
{
    public sealed record Task(string Title, string Href, SectionStatus Status);

    public LoadedApplication Loaded { get; private set; } = null!;

    public IReadOnlyList<Task> Tasks { get; private set; } = [];

    public IReadOnlyList<FormQuestion> Stopped { get; private set; } = [];

    public string? ReadOnlyBecause { get; private set; }

    public bool ReadyToSubmit { get; private set; }

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.ForMemberAsync(db, id, User, cancellationToken);
        if (loaded is null)
        {
            return NotFound();
        }

        Loaded = loaded;
        var application = loaded.Application;
        var now = clock.GetUtcNow();
        ReadOnlyBecause = application.Status == ApplicationStatus.Draft ? loaded.WhyReadOnly(now) : null;
        Stopped = application.ShowstoppersAnsweredNo(loaded.Round);
        Tasks =
        [
            .. loaded.Form.Sections.Select(s => new Task(s.Title, ApplicationProgress.Href(loaded, $"Sections/{s.Key}"), FormProgress.StatusOf(loaded.Form, s, loaded.AnswerOf))),
            new Task("Budget", ApplicationProgress.Href(loaded, "Budget"), ApplicationProgress.BudgetStatus(application)),
            new Task("Plan priorities", ApplicationProgress.Href(loaded, "Priorities"), ApplicationProgress.PrioritiesStatus(application)),
        ];
        ReadyToSubmit = ApplicationProgress.Problems(loaded).Count == 0;
        return Page();
    }
}
