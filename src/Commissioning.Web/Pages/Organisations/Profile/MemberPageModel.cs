using Commissioning.Domain.Common;
using Commissioning.Domain.Organisations;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Commissioning.Web.Pages.Organisations.Profile;

/// <summary>A page of an organisation's profile: members only; anyone else gets 404, on GET and POST alike.</summary>
public abstract class MemberPageModel(CommissioningDbContext db, UserManager<AppUser> users, TimeProvider clock) : PageModel
{
    protected CommissioningDbContext Db => db;

    public Organisation Organisation { get; private set; } = null!;

    public DateTimeOffset Now { get; private set; }

    public DateOnly Today => UkTime.DateOf(Now);

    protected async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        var organisation = await db.ForMemberAsync(id, UserId(), cancellationToken);
        if (organisation is null)
        {
            return false;
        }

        Organisation = organisation;
        return true;
    }

    protected string UserId() => users.GetUserId(User) ?? throw new InvalidOperationException("A signed-in person has no user id.");

    /// <summary>The signed-in member's name as the organisation knows them, for e-mails that say who made a change.</summary>
    protected string MyName()
    {
        var me = UserId();
        return Organisation.People.FirstOrDefault(p => p.UserId == me)?.FullName ?? User.Identity?.Name ?? "A member";
    }

    protected static T? Attempt<T>(ModelStateDictionary modelState, string key, Func<T> check)
    {
        try
        {
            return check();
        }
        catch (DomainException refusal)
        {
            modelState.AddModelError(key, refusal.Message);
            return default;
        }
    }
}
