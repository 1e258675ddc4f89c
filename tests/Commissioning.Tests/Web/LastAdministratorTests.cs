using System.Net;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.People;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>
/// The office always keeps an active administrator: the last one can neither lose the Administrator role nor be
/// deactivated, nobody deactivates themselves, and two administrators removing each other at the same moment leave
/// one. Each test class has its own database, so the demo administrator starts as the only one.
/// </summary>
public abstract class LastAdministratorTests(CommissioningApp app)
{
    private const string DemoAdmin = "admin@demo.commissioning.test";

    [Fact]
    public async Task The_last_active_administrator_keeps_the_role_and_nobody_deactivates_their_own_account()
    {
        await EnsureOnlyDemoAdminIsActiveAsync();
        var admin = await app.SignedInClientAsync(DemoAdmin, Infrastructure.Demo.DemoDataSeeder.Password);
        var id = await IdOfAsync(DemoAdmin);

        var removed = await admin.PostFormAsync($"/Admin/Users/{id}?handler=Roles", new() { ["SelectedRoles"] = Roles.GrantsOfficer }, $"/Admin/Users/{id}");
        var deactivated = await admin.PostFormAsync($"/Admin/Users/{id}?handler=Deactivate", [], $"/Admin/Users/{id}");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Contains("is the only active administrator, so they cannot be deactivated or lose the Administrator role", HttpForms.Text(await removed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        Assert.Contains(Administrators.NotYourself, HttpForms.Text(await deactivated.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(1, await ActiveAdministratorsAsync());
        Assert.Contains(Roles.Admin, await RolesOfAsync(DemoAdmin));
        Assert.DoesNotContain(Roles.GrantsOfficer, await RolesOfAsync(DemoAdmin));
        await Assert.ThrowsAsync<DomainException>(() => InScopeAsync(s => s.GetRequiredService<DeactivateAccount>().DeactivateAsync(id, "someone else", "another id", CancellationToken.None)));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Users")).StatusCode);
    }

    [Fact]
    public async Task Two_administrators_deactivating_each_other_at_the_same_moment_leave_one_active()
    {
        var (first, second) = await TwoAdministratorsAloneAsync();

        var outcomes = await AtTheSameMomentAsync(
            s => s.GetRequiredService<DeactivateAccount>().DeactivateAsync(second.Id, first.Email!, first.Id, CancellationToken.None),
            s => s.GetRequiredService<DeactivateAccount>().DeactivateAsync(first.Id, second.Email!, second.Id, CancellationToken.None));

        AssertOneSucceededAndOneWasRefused(outcomes);
        Assert.Equal(1, await ActiveAdministratorsAsync());
    }

    [Fact]
    public async Task Two_administrators_removing_each_others_role_at_the_same_moment_leave_one()
    {
        var (first, second) = await TwoAdministratorsAloneAsync();

        var outcomes = await AtTheSameMomentAsync(
            s => s.GetRequiredService<ChangeRoles>().ChangeAsync(second.Id, [Roles.GrantsOfficer], first.Email!, CancellationToken.None),
            s => s.GetRequiredService<ChangeRoles>().ChangeAsync(first.Id, [Roles.Finance], second.Email!, CancellationToken.None));

        AssertOneSucceededAndOneWasRefused(outcomes);
        Assert.Equal(1, await ActiveAdministratorsAsync());
    }

    private static void AssertOneSucceededAndOneWasRefused(IReadOnlyList<Exception?> outcomes)
    {
        Assert.Single(outcomes, o => o is null);
        var refusal = Assert.IsType<DomainException>(Assert.Single(outcomes, o => o is not null));
        Assert.Contains("is the only active administrator", refusal.Message, StringComparison.Ordinal);
    }

    /// <summary>Runs both changes in their own scopes (their own connections), started together, many times over to meet in the middle.</summary>
    private async Task<IReadOnlyList<Exception?>> AtTheSameMomentAsync<T1, T2>(Func<IServiceProvider, Task<T1>> one, Func<IServiceProvider, Task<T2>> other)
    {
        using var start = new Barrier(2);
        async Task<Exception?> Run<T>(Func<IServiceProvider, Task<T>> change)
        {
            await using var scope = app.App.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<CommissioningDbContext>().Database.OpenConnectionAsync();
            await Task.Run(() => start.SignalAndWait(TimeSpan.FromSeconds(30)));
            try
            {
                await change(scope.ServiceProvider);
                return null;
            }
            catch (DomainException refusal)
            {
                return refusal;
            }
        }

        return await Task.WhenAll(Task.Run(() => Run(one)), Task.Run(() => Run(other)));
    }

    /// <summary>Two new administrators, and every other administrator deactivated, so that these two are the only active ones.</summary>
    private async Task<(AppUser First, AppUser Second)> TwoAdministratorsAloneAsync()
    {
        var first = await CreateAdministratorAsync("First administrator");
        var second = await CreateAdministratorAsync("Second administrator");
        await InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<CommissioningDbContext>();
            var others = await Administrators.ActiveAdministrators(db).Where(u => u.Id != first.Id && u.Id != second.Id).Select(u => u.Id).ToListAsync();
            foreach (var other in others)
            {
                await s.GetRequiredService<DeactivateAccount>().DeactivateAsync(other, first.Email!, first.Id, CancellationToken.None);
            }

            return true;
        });
        Assert.Equal(2, await ActiveAdministratorsAsync());
        return (first, second);
    }

    private Task<AppUser> CreateAdministratorAsync(string name) => InScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<AppUser>>();
        var email = Mailbox.UniqueEmail("admin");
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = name };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Admin)).Succeeded);
        return user;
    });

    private async Task EnsureOnlyDemoAdminIsActiveAsync()
    {
        var id = await IdOfAsync(DemoAdmin);
        await InScopeAsync(async s =>
        {
            var db = s.GetRequiredService<CommissioningDbContext>();
            await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DeactivatedAt, (DateTimeOffset?)null));
            await db.Users.Where(u => u.Id != id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DeactivatedAt, DateTimeOffset.UtcNow));
            return true;
        });
    }

    private Task<int> ActiveAdministratorsAsync() => InScopeAsync(s => Administrators.ActiveAdministrators(s.GetRequiredService<CommissioningDbContext>()).CountAsync());

    private Task<string> IdOfAsync(string email) => InScopeAsync(s => s.GetRequiredService<CommissioningDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<IList<string>> RolesOfAsync(string email) => InScopeAsync(async s =>
    {
        var users = s.GetRequiredService<UserManager<AppUser>>();
        return await users.GetRolesAsync((await users.FindByEmailAsync(email))!);
    });

    private Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> work) => app.InScopeAsync(work);
}

public sealed class LastAdministratorTestsOnSqlite(SqliteApp app) : LastAdministratorTests(app), IClassFixture<SqliteApp>;

public sealed class LastAdministratorTestsOnPostgres(PostgresApp app) : LastAdministratorTests(app), IClassFixture<PostgresApp>;
