using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Web.Pages.Organisations;

/// <summary>Check your answers, then create the organisation, with the person creating it as its main contact.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class CheckAnswersModel(CommissioningDbContext db, UserManager<AppUser> users, ILogger<CheckAnswersModel> logger) : PageModel
{
    public Organisation Organisation { get; private set; } = null!;

    public IActionResult OnGet() => Load() ? Page() : RedirectToPage("Create");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Load())
        {
            return RedirectToPage("Create");
        }

        if (!await IsNewAsync(cancellationToken))
        {
            return Page();
        }

        var user = await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in account no longer exists.");
        Organisation.AddPerson(user.FullName, user.Email!, PersonRole.MainContact, user.Id);
        db.Organisations.Add(Organisation);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (Organisation.OrgId is not null)
        {
            // Someone registered the same number a moment ago: the unique index on the org-id refused this one.
            db.ChangeTracker.Clear();
            if (await IsNewAsync(cancellationToken))
            {
                throw;
            }

            return Page();
        }

        logger.LogInformation("{User} created organisation {Organisation}", user.Id, Organisation.Id);
        TempData.Remove(CreateModel.DraftKey);
        TempData[Notice.Key] = $"{Organisation.Name} has been created. You are its main contact.";
        return Redirect($"/Organisations/{Organisation.Id}");
    }

    private bool Load()
    {
        var draft = CreateModel.ReadDraft(TempData);
        var organisation = draft is null ? null : CreateModel.TryBuild(draft, new ModelStateDictionary());
        if (organisation is null)
        {
            return false;
        }

        Organisation = organisation;
        return true;
    }

    /// <summary>The number's field is on the previous page, so here the message stands on its own, with a link to change the answer.</summary>
    private async Task<bool> IsNewAsync(CancellationToken cancellationToken)
    {
        var problems = new ModelStateDictionary();
        if (await CreateModel.IsNewAsync(db, Organisation, problems, cancellationToken))
        {
            return true;
        }

        foreach (var message in problems.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage))
        {
            ModelState.AddModelError(string.Empty, message);
        }

        return false;
    }
}
