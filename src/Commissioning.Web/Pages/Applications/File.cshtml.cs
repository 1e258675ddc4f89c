using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Applications;
using Commissioning.Infrastructure.CaseFiles;
using Commissioning.Infrastructure.Files;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Web.Workflows;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// A file uploaded as an answer, as a download, for members of the applying organisation and the members of staff
/// whose roles may see an application's uploads (<see cref="CaseFileAccess"/>: not finance, and an assessor only on
/// an application they assess). Only files the application's own answers name are served; anything else is a 404
/// that reveals nothing.
/// </summary>
[Authorize]
public sealed class FileModel(CommissioningDbContext db, UploadStore uploads, OpenCaseFile caseFiles) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromRoute] string storedName, CancellationToken cancellationToken)
    {
        var actor = WorkflowPeople.ActorFor(User);
        if (actor.UserId is not { } userId)
        {
            return NotFound();
        }

        var staffMay = ApplicationAccess.IsStaff(User)
            && (await caseFiles.PartsForAsync(GrantApplicationId.From(id), userId, actor.Roles, cancellationToken)).HasFlag(CaseFileParts.Uploads);
        var loaded = await LoadedApplication.LoadAsync(db, id, organisation => staffMay || organisation.HasMember(userId), cancellationToken);
        var file = loaded?.Form.Questions
            .Where(q => q.Type == QuestionType.FileUpload)
            .Select(q => Answers.File(loaded.AnswerOf(q.Key)))
            .FirstOrDefault(f => f is not null && f.StoredName == storedName);
        if (file is null || uploads.Open(file.StoredName) is not { } content)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        Response.Headers.CacheControl = "private, no-store";
        return File(content, file.ContentType, file.FileName);
    }
}
