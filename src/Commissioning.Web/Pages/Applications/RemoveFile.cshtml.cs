using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.Files;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// Removing a file uploaded as an answer: a confirmation page, then the answer is cleared (recorded in the audit log
/// like every change to an answer) and the stored file deleted. Only members of the applying organisation, only
/// while the application is a draft and the round is open; a file the application's answers do not name is a 404.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class RemoveFileModel(CommissioningDbContext db, UploadStore uploads, TimeProvider clock) : PageModel
{
    /// <summary>The TempData key of the message the section page shows after a removal.</summary>
    public const string RemovedNotice = "FileRemoved";

    public LoadedApplication Loaded { get; private set; } = null!;

    public FormQuestion Question { get; private set; } = null!;

    public FileAnswer Upload { get; private set; } = null!;

    public string? ReadOnlyBecause { get; private set; }

    public string SectionHref => ApplicationProgress.Href(Loaded, $"Sections/{ApplicationProgress.SectionOf(Loaded.Form, Question.Key)}");

    public static string Href(GrantApplicationId applicationId, FileAnswer file) => $"/Applications/{applicationId}/Files/{file.StoredName}/Remove";

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromRoute] string storedName, CancellationToken cancellationToken) =>
        await LoadAsync(id, storedName, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id, [FromRoute] string storedName, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, storedName, cancellationToken) is { } missing)
        {
            return missing;
        }

        if (ReadOnlyBecause is not null)
        {
            ModelState.AddModelError(string.Empty, $"You cannot remove this file. {ReadOnlyBecause}");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        var now = clock.GetUtcNow();
        Loaded.Application.Answer(Question.Key, null, now, User.Identity!.Name!);
        db.Touch(Loaded.Application);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError(string.Empty, "Someone else saved this application a moment ago, so the file was not removed. Check the answer and try again.");
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        uploads.Delete(Upload.StoredName);
        TempData[RemovedNotice] = $"\u2018{Upload.FileName}\u2019 has been removed. You can upload another file for \u2018{Question.Text}\u2019.";
        return Redirect(SectionHref);
    }

    private async Task<IActionResult?> LoadAsync(Guid id, string storedName, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.ForMemberAsync(db, id, User, cancellationToken);
        var answer = loaded?.Form.Questions
            .Where(q => q.Type == QuestionType.FileUpload)
            .Select(q => (Question: q, File: Answers.File(loaded.AnswerOf(q.Key))))
            .FirstOrDefault(a => a.File is not null && string.Equals(a.File.StoredName, storedName, StringComparison.Ordinal));
        if (loaded is null || answer?.File is null)
        {
            return NotFound();
        }

        Loaded = loaded;
        Question = answer.Value.Question;
        Upload = answer.Value.File;
        ReadOnlyBecause = loaded.WhyReadOnly(clock.GetUtcNow());
        return null;
    }
}
