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
    public const string ConfirmDifferentText = "It is a different organisation from those listed above";

    public Organisation Organisation { get; private set; } = null!;

    /// <summary>Organisations already registered under a name like this one's, shown so that the person can ask to join one instead.</summary>
    public IReadOnlyList<Organisation> SameName { get; private set; } = [];

    [BindProperty]
    public bool ConfirmDifferent { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Load())
        {
            return RedirectToPage("Create");
        }

        await FindSameNameAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Load())
        {
            return RedirectToPage("Create");
        }

        await FindSameNameAsync(cancellationToken);
        if (!await IsNewAsync(cancellationToken))
        {
            return Page();
        }

        if (SameName.Count > 0 && !ConfirmDifferent)
        {
            ModelState.AddModelError(nameof(ConfirmDifferent), $"Confirm that {Organisation.Name} is a different organisation from those already registered, or ask to join one of them instead");
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

    private async Task FindSameNameAsync(CancellationToken cancellationToken)
    {
        // Names are compared as the domain compares them (case, spaces and punctuation aside), so the names are read first and only the matches loaded.
        var names = await db.Organisations.AsNoTracking().Select(o => new { o.Id, o.Name }).ToListAsync(cancellationToken);
        var matching = names.Where(o => Organisation.HasNameLike(o.Name)).Select(o => o.Id).ToList();
        SameName = matching.Count == 0 ? [] : await db.Organisations.AsNoTracking().Where(o => matching.Contains(o.Id)).OrderBy(o => o.Name).ToListAsync(cancellationToken);
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
