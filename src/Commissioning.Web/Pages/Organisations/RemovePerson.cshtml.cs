using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Mail;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Commissioning.Web.Pages.Organisations;

/// <summary>
/// A member leaves the organisation, or removes another of its people, after saying they are sure. The person
/// removed is e-mailed and loses access at once (every organisation page checks membership on each request). The
/// organisation's row is locked first, so two members removing each other at the same moment cannot leave it with none.
/// </summary>
[Authorize(Roles = Roles.Applicant)]
public sealed class RemovePersonModel(CommissioningDbContext db, UserManager<AppUser> users, TimeProvider clock, Outbox outbox, Account.AccountEmails letters, IOptions<ServiceOptions> service, ILogger<RemovePersonModel> logger)
    : Profile.MemberPageModel(db, users, clock)
{
    public OrganisationPerson Person { get; private set; } = null!;

    /// <summary>The member is removing themselves.</summary>
    public bool Leaving { get; private set; }

    /// <summary>Why this cannot be done now, shown instead of the question; null when it can.</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid personId, CancellationToken cancellationToken)
    {
        if (!await LoadPersonAsync(id, personId, cancellationToken))
        {
            return NotFound();
        }

        Refusal = Organisation.WhyCannotRemove(Person.Id, UserId());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid personId, CancellationToken cancellationToken)
    {
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        var organisationId = OrganisationId.From(id);

        // A no-op update takes the organisation's row lock (PostgreSQL) or the write lock (SQLite) before anything is read.
        await Db.Organisations.Where(o => o.Id == organisationId).ExecuteUpdateAsync(s => s.SetProperty(o => o.Name, o => o.Name), cancellationToken);
        if (!await LoadPersonAsync(id, personId, cancellationToken))
        {
            return NotFound();
        }

        var me = UserId();
        try
        {
            Organisation.RemovePerson(Person.Id, me);
        }
        catch (DomainException refusal)
        {
            Refusal = refusal.Message;
            ModelState.AddModelError(string.Empty, refusal.Message);
            return Page();
        }

        QueueEmail(Organisation.People.FirstOrDefault(p => p.UserId == me)?.FullName);
        await Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("{User} removed person {Person} from organisation {Organisation}", me, Person.Id, Organisation.Id);
        if (Leaving)
        {
            TempData[Notice.Key] = $"You have left {Organisation.Name}.";
            return Redirect("/Organisations");
        }

        TempData[Notice.Key] = $"You removed {Person.FullName} from {Organisation.Name}. We have emailed them to say so.";
        return Redirect($"/Organisations/{Organisation.Id}");
    }

    private async Task<bool> LoadPersonAsync(Guid id, Guid personId, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return false;
        }

        var person = Organisation.People.FirstOrDefault(p => p.Id == PersonId.From(personId));
        if (person is null)
        {
            return false;
        }

        Person = person;
        Leaving = person.UserId == UserId();
        return true;
    }

    private void QueueEmail(string? removedBy)
    {
        var settings = service.Value;
        var again = $"To join {Organisation.Name} again, ask one of its members to invite you. If you think this is a mistake, contact a member of {Organisation.Name}.";
        var afterwards = $"You can no longer see {Organisation.Name}'s applications and grants on {settings.ServiceName}, or apply for grants in its name.";
        if (Leaving)
        {
            outbox.Enqueue(Person.Email, $"You have left {Organisation.Name}", letters.Letter(Person.FullName,
                $"You have left {Organisation.Name} on {settings.ServiceName}.",
                afterwards,
                $"If you did not do this, someone else may be using your account: reset your password at {settings.LinkTo(Request, "/Account/ForgotPassword")} and tell {settings.OpccName}.",
                again));
            return;
        }

        outbox.Enqueue(Person.Email, $"You have been removed from {Organisation.Name}", letters.Letter(Person.FullName,
            $"{removedBy ?? "A member"} has removed you from {Organisation.Name} on {settings.ServiceName}.",
            afterwards,
            again));
    }
}
