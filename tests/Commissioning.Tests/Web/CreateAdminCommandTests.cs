using Commissioning.BrowserTests;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.People;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Tests.Web;

/// <summary>
/// <c>dotnet Commissioning.Web.dll create-admin EMAIL</c>, run as an operator runs it, on an empty SQLite file: it
/// creates the schema, the first administrator and the e-mail with a link to set a password, and refuses once an
/// administrator exists or when the address is not one.
/// </summary>
public sealed class CreateAdminCommandTests
{
    [Fact]
    public async Task Create_admin_makes_the_first_administrator_on_an_empty_database_and_refuses_a_second()
    {
        await using var database = SqliteTestDatabase.Create();
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Sqlite",
            ["Database__DataFolder"] = database.DataFolder,
            ["DataProtection__CertificatePath"] = database.KeyRingCertificatePath,
            ["Demo__SeedOnFirstRun"] = "true",
            ["Service__PublicAddress"] = "https://grants.example.org",
        };

        var invalid = await WebAppProcess.RunCommandAsync(["create-admin", "not-an-address"], settings);
        var created = await WebAppProcess.RunCommandAsync(["create-admin", "jo.bloggs@opcc.example.org", "Jo Bloggs"], settings);
        var second = await WebAppProcess.RunCommandAsync(["create-admin", "someone.else@opcc.example.org"], settings);
        var usage = await WebAppProcess.RunCommandAsync(["create-admin"], settings);

        Assert.True(invalid.ExitCode == 1, invalid.Output);
        Assert.Contains("'not-an-address' is not an email address", invalid.Output, StringComparison.Ordinal);
        Assert.True(created.ExitCode == 0, created.Output);
        Assert.Contains("Created the administrator jo.bloggs@opcc.example.org", created.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 1, second.Output);
        Assert.Contains(CreateFirstAdministrator.AlreadyHasAdministrator, second.Output, StringComparison.Ordinal);
        Assert.Equal(2, usage.ExitCode);
        Assert.Contains("Usage: create-admin EMAIL", usage.Output, StringComparison.Ordinal);

        await using var db = database.NewContext();
        var user = await db.Users.AsNoTracking().SingleAsync();
        Assert.Equal(("jo.bloggs@opcc.example.org", "Jo Bloggs", false), (user.Email, user.FullName, user.EmailConfirmed));
        var roles = await (from userRole in db.UserRoles join role in db.Roles on userRole.RoleId equals role.Id where userRole.UserId == user.Id select role.Name).ToListAsync();
        Assert.Equal([Roles.Admin], roles);
        Assert.Equal(0, await db.Funds.CountAsync());
        var mail = await db.OutboxMessages.AsNoTracking().SingleAsync();
        Assert.Equal(("jo.bloggs@opcc.example.org", "Set your password for Commissioning"), (mail.To, mail.Subject));
        Assert.Contains("An account has been made for you as the first administrator of Commissioning", mail.Body, StringComparison.Ordinal);
        Assert.NotNull(mail.SentAt);
        Assert.True(File.Exists(mail.DeliveredVia), $"The e-mail was not written to the mail folder: {mail.DeliveredVia}");
        var link = Assert.Single(mail.Links(), l => l.AbsolutePath == "/Account/ResetPassword");
        Assert.Equal("grants.example.org", link.Host);
        Assert.Contains($"userId={user.Id}", link.Query, StringComparison.Ordinal);
        var history = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityType == AccountHistory.EntityType);
        Assert.Equal((user.Id, AccountHistory.CreatedFirstAdministrator, CreateFirstAdministrator.Actor), (history.EntityId, history.Action, history.Actor));
    }
}
