using System.Net;
using System.Text.RegularExpressions;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Plans;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Demo;
using Commissioning.Infrastructure.Identity;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Web;

/// <summary>The real clock, unless a test sets the time (to test a deadline to the second).</summary>
public sealed class SettableClock : TimeProvider
{
    private DateTimeOffset? _now;

    public void Set(DateTimeOffset now) => _now = now;

    public void Reset() => _now = null;

    public override DateTimeOffset GetUtcNow() => _now ?? System.GetUtcNow();
}

/// <summary>
/// The real app on a fresh database of one provider with the demo data, and a clock tests can set. Helpers drive the
/// apply pages as a browser would: they read each page's hidden fields (antiforgery token, round id, the answers'
/// timestamps) and post them back with the answers.
/// </summary>
public abstract partial class ApplyApp(DatabaseProvider provider) : IAsyncLifetime
{
    public const string Applicant = "applicant@demo.commissioning.test";

    public const string OtherOrganisationsApplicant = "csp@demo.commissioning.test";

    public const string Officer = "officer@demo.commissioning.test";

    /// <summary>The address people reach the service at in these tests (Service:PublicAddress): every link in an e-mail starts with it.</summary>
    public const string PublicAddress = "https://grants.example.org";

    /// <summary>Answers to the demo round's eligibility questions that pass every one.</summary>
    public static readonly IReadOnlyDictionary<string, string> EligibleAnswers = new Dictionary<string, string>
    {
        ["constituted"] = "yes",
        ["force-area"] = "yes",
        ["statutory"] = "no",
        ["recent-award"] = "no",
        ["core-costs"] = "no",
    };

    private TestDatabase? _database;

    private CommissioningApp.Factory? _factory;

    public WebApplicationFactory<Program> App { get; private set; } = null!;

    public SettableClock Clock { get; } = new();

    public DatabaseProvider Provider => provider;

    public string DataFolder => _database?.DataFolder ?? throw new InvalidOperationException("The app has not started.");

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _factory = new CommissioningApp.Factory(_database, "Testing", new Dictionary<string, string>(ExtraSettings) { ["Service:PublicAddress"] = PublicAddress });
        App = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<IStartupFilter, TestRemoteAddress>();
        }));
        _ = App.Server;

        // Many tests apply to the demo round as the demo applicant, so in these tests it takes several applications
        // from one organisation; the one-application rule is tested on rounds of its own, which keep the default.
        await InDbAsync(async db =>
        {
            var round = await db.Rounds.SingleAsync(r => r.Title == "Police Property Act Fund 2026/27: round 2");
            round.SetApplicantLimits(round.ExcludedLegalForms, allowsSeveralApplicationsPerOrganisation: true);
            return await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    /// <summary>Settings a fixture adds to the usual test settings (say, small upload quotas).</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings { get; } = new Dictionary<string, string>();

    public HttpClient NewClient() => App.NewSettlingClient();

    public async Task<HttpClient> SignedInClientAsync(string email, string password = DemoDataSeeder.Password)
    {
        var client = NewClient();
        var response = await client.PostFormAsync("/Account/SignIn", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString == "/", $"Signing in as {email} failed: {(int)response.StatusCode}");
        return client;
    }

    public async Task<TResult> InDbAsync<TResult>(Func<CommissioningDbContext, Task<TResult>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CommissioningDbContext>());
    }

    public Task<FundingRound> DemoRoundAsync() => InDbAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Title == "Police Property Act Fund 2026/27: round 2"));

    public Task<GrantApplication> ApplicationAsync(Guid id) =>
        InDbAsync(db => db.Applications.AsNoTracking().Include(a => a.Answers).SingleAsync(a => a.Id == GrantApplicationId.From(id)));

    public Task<Organisation> OrganisationAsync(string name) => InDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(o => o.Name == name));

    /// <summary>A new applicant in a new voluntary group of their own, so a test can change that group's records freely.</summary>
    public async Task<(HttpClient Client, Organisation Organisation, string Email)> NewApplicantAsync(string? organisationName = null, string? joining = null)
    {
        var email = $"applicant-{Guid.NewGuid():N}@test.commissioning.test";
        const string password = "a-long-enough-password";
        var organisation = await InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<AppUser>>();
            var db = services.GetRequiredService<CommissioningDbContext>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, FullName = "Sam Tester" };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Applicant)).Succeeded);
            var organisation = joining is null
                ? db.Organisations.Add(new Organisation(organisationName ?? $"Test group {Guid.NewGuid():N}"[..20], LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None)).Entity
                : await db.Organisations.SingleAsync(o => o.Name == joining);
            organisation.AddPerson("Sam Tester", email, PersonRole.Member, user.Id);
            await db.SaveChangesAsync();
            return organisation;
        });
        return (await SignedInClientAsync(email, password), organisation, email);
    }

    public async Task<TResult> InScopeAsync<TResult>(Func<IServiceProvider, Task<TResult>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    /// <summary>A round of a fund with the given form (the demo round's when none is given), open from an hour ago or the instants given, and published unless asked not to be.</summary>
    public Task<FundingRound> NewRoundAsync(string title, ProgrammeKind programme = ProgrammeKind.PolicePropertyActFund, ApplicationForm? form = null, DateTimeOffset? opensAt = null, DateTimeOffset? closesAt = null, bool publish = true) => InDbAsync(async db =>
    {
        var demo = await db.Rounds.AsNoTracking().SingleAsync(r => r.Title == "Police Property Act Fund 2026/27: round 2");
        var fund = await db.Funds.SingleAsync(f => f.Programme == programme);
        var now = Clock.GetUtcNow();
        var round = new FundingRound(fund.Id, demo.Year, title, demo.Summary, opensAt ?? now.AddHours(-1), closesAt ?? now.AddDays(10), demo.MinimumAward, demo.MaximumAward, demo.Scale, demo.Criteria, programme == ProgrammeKind.PolicePropertyActFund ? demo.EligibilityRules : [], form ?? demo.Form);
        if (publish)
        {
            // Published when it opened, so a round whose closing time has passed is still one applicants could see.
            round.Publish(round.OpensAt);
        }

        db.Rounds.Add(round);
        await db.SaveChangesAsync();
        return round;
    });

    /// <summary>Passes the eligibility check and starts an application; returns its id.</summary>
    public Task<Guid> StartApplicationAsync(HttpClient client, FundingRound round, string title, OrganisationId? organisation = null) =>
        StartApplicationThroughPagesAsync(client, round, title, organisation);

    /// <summary>The same, for an app this class did not start.</summary>
    public static async Task<Guid> StartApplicationThroughPagesAsync(HttpClient client, FundingRound round, string title, OrganisationId? organisation = null)
    {
        var fields = round.EligibilityRules.ToDictionary(r => $"Answers[{r.Key}]", r => r.PassingAnswer ? "yes" : "no");
        fields["RoundId"] = round.Id.ToString();
        fields["ProjectTitle"] = title;
        if (organisation is { } chosen)
        {
            fields["OrganisationId"] = chosen.ToString();
        }

        var response = await client.PostFormAsync($"/Funding/{round.Id}/Eligibility?handler=Start", fields, $"/Funding/{round.Id}/Eligibility");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Starting an application gave {(int)response.StatusCode}: {HttpForms.Text(await response.Content.ReadAsStringAsync())}");
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/Applications/[0-9a-f-]{36}$", location);
        return Guid.Parse(location["/Applications/".Length..]);
    }

    /// <summary>A page's form state: every hidden input, as the browser would send it back.</summary>
    public static async Task<List<KeyValuePair<string, string>>> PageStateAsync(HttpClient client, string url)
    {
        var page = await client.GetStringAsync(url);
        var form = FormElement().Matches(page).Select(m => m.Value).LastOrDefault() ?? throw new InvalidOperationException($"{url} has no form.");
        var state = InputElement().Matches(form)
            .Select(m => m.Value)
            .Where(input => Attribute(input, "type") == "hidden")
            .Select(input => KeyValuePair.Create(Attribute(input, "name")!, Attribute(input, "value") ?? string.Empty))
            .ToList();
        Assert.Contains(state, p => p.Key == "__RequestVerificationToken");
        return state;
    }

    /// <summary>Posts a form as a browser would after loading it: its hidden inputs plus the fields given (a field given replaces a hidden one of the same name).</summary>
    public static async Task<HttpResponseMessage> PostPageAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields, List<KeyValuePair<string, string>>? state = null, IReadOnlyDictionary<string, (string FileName, byte[] Content)>? files = null)
    {
        state ??= await PageStateAsync(client, url);
        var given = fields.ToList();
        var all = state.Where(s => !given.Any(g => g.Key == s.Key)).Concat(given).ToList();
        if (files is null)
        {
            return await client.PostAsync(url, new FormUrlEncodedContent(all));
        }

        var multipart = new MultipartFormDataContent();
        foreach (var (key, value) in all)
        {
            multipart.Add(new StringContent(value), key);
        }

        foreach (var (key, (fileName, content)) in files)
        {
            multipart.Add(new ByteArrayContent(content), key, fileName);
        }

        return await client.PostAsync(url, multipart);
    }

    public static IEnumerable<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) => fields.Select(f => KeyValuePair.Create(f.Key, f.Value));

    public static string Words(int count) => string.Join(' ', Enumerable.Range(1, count).Select(i => $"word{i}"));

    /// <summary>Completes every part of an application to the demo round's form: £4,500 asked, a budget that balances, two priorities.</summary>
    public async Task CompleteDemoApplicationAsync(HttpClient client, Guid id) =>
        await CompleteDemoApplicationAsync(client, id, await InDbAsync(db => db.PlanPriorities.AsNoTracking().OrderBy(p => p.Order).Select(p => p.Id).Take(2).ToListAsync()));

    /// <summary>The same, for an app this class did not start: <paramref name="priorities"/> are the plan's first two.</summary>
    public static async Task CompleteDemoApplicationAsync(HttpClient client, Guid id, IReadOnlyList<PriorityId> priorities)
    {
        await AssertSavedAsync(client, $"/Applications/{id}/Sections/about-project", Fields(
            ("q.project-summary", "Weekly evening sessions for young people at risk of exploitation."),
            ("q.need", "Police data show a rise in county lines recruitment in Abingdon."),
            ("q.start-date.day", "5"), ("q.start-date.month", "1"), ("q.start-date.year", "2027"),
            ("q.area", "Oxfordshire"),
            ("action", "continue")));
        await AssertSavedAsync(client, $"/Applications/{id}/Sections/money", Fields(("q.amount", "4500"), ("q.other-funding", "no"), ("action", "continue")));
        await AssertSavedAsync(client, $"/Applications/{id}/Sections/outcomes", Fields(("q.outcomes", "Attendance, and fewer referrals to the youth offending team."), ("q.safeguarding", "yes"), ("action", "continue")));
        await AssertSavedAsync(client, $"/Applications/{id}/Budget", Fields(
            ("cost[0].description", "Sessional youth workers, 200 hours"), ("cost[0].amount", "4000"),
            ("cost[1].description", "Equipment"), ("cost[1].amount", "1000.00"),
            ("other[0].description", "Town council grant"), ("other[0].amount", "500"),
            ("action", "continue")));
        await AssertSavedAsync(client, $"/Applications/{id}/Priorities", Fields(("Supported", priorities[0].ToString()), ("Supported", priorities[1].ToString()), ("Primary", priorities[1].ToString())));
    }

    public static async Task AssertSavedAsync(HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        var response = await PostPageAsync(client, url, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Saving {url} gave {(int)response.StatusCode}: {HttpForms.Text(await response.Content.ReadAsStringAsync())}");
    }

    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, Guid id, List<KeyValuePair<string, string>>? state = null) =>
        PostPageAsync(client, $"/Applications/{id}/CheckAnswers", Fields(("Declaration", "true")), state);

    public Task<PlanPriority> FirstPriorityAsync() => InDbAsync(db => db.PlanPriorities.AsNoTracking().OrderBy(p => p.Order).FirstAsync());

    private static string? Attribute(string element, string name) =>
        Regex.Match(element, $"\\s{name}=\"([^\"]*)\"") is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    [GeneratedRegex("<form\\b[^>]*method=\"post\"[\\s\\S]*?</form>")]
    private static partial Regex FormElement();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex InputElement();
}

/// <summary>The test server gives requests no remote address; this gives them the documentation address a browser's would be.</summary>
public sealed class TestRemoteAddress : IStartupFilter
{
    public static readonly IPAddress Address = IPAddress.Parse("192.0.2.44");

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, following) =>
        {
            context.Connection.RemoteIpAddress ??= Address;
            return following(context);
        });
        next(app);
    };
}

public sealed class SqliteApplyApp() : ApplyApp(DatabaseProvider.Sqlite);

public sealed class PostgresApplyApp() : ApplyApp(DatabaseProvider.PostgreSql);
