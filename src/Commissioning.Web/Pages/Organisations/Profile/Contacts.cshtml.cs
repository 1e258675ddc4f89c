using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Commissioning.Web.Pages.Organisations.Profile;

/// <summary>Chooses the main contact and the safeguarding lead from the organisation's people; a new main contact is e-mailed to the previous one, every member and the office.</summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class ContactsModel(CommissioningDbContext db, UserManager<AppUser> users, TimeProvider clock, ProfileEmails emails, ILogger<ContactsModel> logger) : MemberPageModel(db, users, clock)
{
    public static IReadOnlyList<string> FieldOrder { get; } = [nameof(MainContact), nameof(SafeguardingLead)];

    [BindProperty]
    public Guid? MainContact { get; set; }

    [BindProperty]
    public Guid? SafeguardingLead { get; set; }

    public IReadOnlyList<OrganisationPerson> People => [.. Organisation.People.OrderBy(p => p.FullName, StringComparer.CurrentCulture)];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        MainContact = Organisation.MainContact?.Id.Value;
        SafeguardingLead = Organisation.SafeguardingLead?.Id.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // Model binding has already refused anything that is not an id; say so in words.
        ModelState.Clear();
        var previousMainContact = Organisation.MainContact;
        if (MainContact is null)
        {
            ModelState.AddModelError(nameof(MainContact), "Select the main contact");
        }
        else
        {
            Attempt(ModelState, nameof(MainContact), () => Organisation.ChooseMainContact(PersonId.From(MainContact.Value)));
        }

        if (SafeguardingLead is null)
        {
            ModelState.AddModelError(nameof(SafeguardingLead), "Select the safeguarding lead");
        }
        else
        {
            Attempt(ModelState, nameof(SafeguardingLead), () => Organisation.ChooseSafeguardingLead(PersonId.From(SafeguardingLead.Value)));
        }

        if (!ModelState.IsValid)
        {
            // Nothing is saved: the changes made to the tracked organisation are dropped with this request.
            Db.ChangeTracker.Clear();
            await LoadAsync(id, cancellationToken);
            return Page();
        }

        if (Organisation.MainContact?.Id != previousMainContact?.Id)
        {
            await emails.QueueMainContactChangedAsync(Organisation, previousMainContact, MyName(), Request);
        }

        await Db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("{User} chose the main contact and safeguarding lead of organisation {Organisation}", UserId(), Organisation.Id);
        TempData[Notice.Key] = "The main contact and safeguarding lead have been saved.";
        return Redirect($"/Organisations/{Organisation.Id}/Profile");
    }
}
