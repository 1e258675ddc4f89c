using Commissioning.Domain.Applications;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Files;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Applications;

/// <summary>
/// A file uploaded as an answer, as a download, for members of the applying organisation and the office's staff.
/// Only files the application's own answers name are served; anything else is a 404 that reveals nothing.
/// </summary>
[Authorize]
public sealed class FileModel(CommissioningDbContext db, UploadStore uploads) : PageModel
{
    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromRoute] string storedName, CancellationToken cancellationToken)
    {
        var loaded = await ApplicationAccess.LoadAsync(db, id, User, allowStaff: true, cancellationToken);
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
