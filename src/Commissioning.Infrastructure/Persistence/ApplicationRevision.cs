using Commissioning.Domain.Applications;

namespace Commissioning.Infrastructure.Persistence;

/// <summary>The application's concurrency token, kept out of the domain: it only guards saves.</summary>
public static class ApplicationRevision
{
    public const string Property = "Revision";

    /// <summary>Marks the application changed, so saving it fails if someone else saved it since it was read.</summary>
    public static void Touch(this CommissioningDbContext db, GrantApplication application) => Touch((Microsoft.EntityFrameworkCore.DbContext)db, application);

    /// <summary>The same, in a workflow transition's unit of work.</summary>
    public static void Touch(this Microsoft.EntityFrameworkCore.DbContext db, GrantApplication application)
    {
        var revision = db.Entry(application).Property<long>(Property);
        revision.CurrentValue = revision.CurrentValue + 1;
    }
}
