using System.Text.Json.Nodes;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Domain.Funds;
using Commissioning.Domain.Organisations;
using Commissioning.Domain.Rounds;
using Commissioning.Infrastructure.Persistence;
using Commissioning.Infrastructure.Rounds;
using Commissioning.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commissioning.Tests.Workflows.Support;

/// <summary>
/// The real app on SQLite with the demo data and the published workflows/ folder, shared by one definition's path
/// tests. Each scenario is walked once however many tests ask for it (its own test, and the test that checks the
/// scenarios together walk every connection), and remembers the instances it walked.
/// </summary>
public sealed class DefinitionPathFixture : IAsyncLifetime
{
    public const string ShowstopperCopeAndRecover = "The grant can only pay for services that help victims cope and recover from crime.";

    public const string ShowstopperFree = "Services paid for by the grant must be free to victims and accessible to all.";

    private readonly Dictionary<string, Task<IReadOnlyList<Guid>>> _walked = new(StringComparer.Ordinal);

    private readonly SemaphoreSlim _roundLock = new(1, 1);

    private RoundId? _victimsRound;

    public SqliteApp App { get; } = new();

    public Task InitializeAsync() => App.InitializeAsync();

    public Task DisposeAsync()
    {
        _roundLock.Dispose();
        return App.DisposeAsync();
    }

    public Task<IReadOnlyList<Guid>> WalkOnceAsync(string scenario, Func<ScenarioRun, Task> walk)
    {
        lock (_walked)
        {
            if (!_walked.TryGetValue(scenario, out var walking))
            {
                walking = RunAsync(walk);
                _walked[scenario] = walking;
            }

            return walking;
        }
    }

    /// <summary>The Police Property Act Fund round the demo data opens (it closes three weeks after seeding).</summary>
    public Task<FundingRound> PolicePropertyRoundAsync() => Query(async db =>
    {
        var fund = await db.Funds.SingleAsync(f => f.Programme == ProgrammeKind.PolicePropertyActFund);
        return await db.Rounds.AsNoTracking().SingleAsync(r => r.FundId == fund.Id);
    });

    /// <summary>An open competitive victims' services round whose form asks the two showstopper questions.</summary>
    public async Task<FundingRound> VictimsRoundAsync()
    {
        await _roundLock.WaitAsync();
        try
        {
            _victimsRound ??= await Query(async db =>
            {
                var fund = await db.Funds.SingleAsync(f => f.Programme == ProgrammeKind.VictimsServicesGrant);
                var now = DateTimeOffset.UtcNow;
                var round = new FundingRound(
                    fund.Id,
                    FinancialYear.Containing(UkTime.DateOf(now)),
                    "Victims' services: support to cope and recover",
                    "Grants for services that help victims of crime cope and recover.",
                    now.AddDays(-7),
                    now.AddDays(30),
                    Money.FromPounds(1_000),
                    Money.FromPounds(250_000),
                    new ScoreScale(0, 10),
                    [new AssessmentCriterion("need", "Needs and equality assessment", 50), new AssessmentCriterion("recovery", "Helping victims cope and recover", 50)],
                    [],
                    new ApplicationForm(
                    [
                        new FormSection("showstoppers", "Before you start",
                        [
                            new FormQuestion("cope-and-recover", "Does the service help victims cope and recover?", QuestionType.YesNo, StopsApplicationIfNo: ShowstopperCopeAndRecover),
                            new FormQuestion("free-and-accessible", "Is the service free to victims and accessible?", QuestionType.YesNo, StopsApplicationIfNo: ShowstopperFree),
                        ]),
                        new FormSection("service", "The service",
                        [
                            new FormQuestion("delivery-area", "Where will the service be delivered?", QuestionType.ShortText),
                        ]),
                    ]));
                round.Publish(now);
                db.Rounds.Add(round);
                await db.SaveChangesAsync();
                return round.Id;
            });
        }
        finally
        {
            _roundLock.Release();
        }

        var id = _victimsRound.Value;
        return await Query(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == id));
    }

    /// <summary>
    /// A complete draft application, with the answers given, as the portal leaves it; from a voluntary group of its
    /// own, so that no scenario's award or application stops another's under the rounds' eligibility rules.
    /// </summary>
    public Task<GrantApplicationId> DraftAsync(FundingRound round, string title, IReadOnlyDictionary<string, string>? answers = null) => Query(async db =>
    {
        var organisation = db.Organisations.Add(new Organisation($"Path group {Guid.NewGuid():N}"[..24], LegalForm.ConstitutedUnincorporatedGroup, RegistrationNumbers.None)).Entity;
        var priority = await db.PlanPriorities.OrderBy(p => p.Order).FirstAsync();
        var application = new GrantApplication(round.Id, organisation.Id, title, DateTimeOffset.UtcNow, "applicant@demo.commissioning.test");
        foreach (var (key, value) in answers ?? new Dictionary<string, string>())
        {
            application.Answer(key, value, DateTimeOffset.UtcNow, "applicant@demo.commissioning.test");
        }

        application.Request(Money.FromPounds(5_000), round);
        application.SupportPriorities([priority.Id], priority.Id);
        FilledIn.Complete(application, round, DateTimeOffset.UtcNow, "applicant@demo.commissioning.test");
        db.Applications.Add(application);
        await db.SaveChangesAsync();
        return application.Id;
    });

    /// <summary>What the portal does before it publishes ApplicationSubmitted: the application itself is submitted.</summary>
    public Task SubmitAsync(GrantApplicationId id) => Query(async db =>
    {
        var application = await db.Applications.Include(a => a.Answers).SingleAsync(a => a.Id == id);
        var round = await db.Rounds.SingleAsync(r => r.Id == application.RoundId);
        var applicant = await ApplicantRecords.LoadAsync(db, round, application.OrganisationId, CancellationToken.None);
        application.Submit(round, applicant, $"TEST-{id.Value.ToString("N")[..12].ToUpperInvariant()}", DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        return true;
    });

    /// <summary>An answer changed in the records after submission (as the office might correct one), which the pages cannot do.</summary>
    public Task CorrectSubmittedAnswerAsync(GrantApplicationId id, string questionKey, string value) => Query(async db =>
    {
        var answer = await db.Set<ApplicationAnswer>().SingleAsync(a => a.GrantApplicationId == id && a.QuestionKey == questionKey);
        db.Entry(answer).Property(a => a.Value).CurrentValue = value;
        return await db.SaveChangesAsync();
    });

    public Task<GrantApplication> ApplicationAsync(GrantApplicationId id) =>
        Query(db => db.Applications.AsNoTracking().SingleAsync(a => a.Id == id));

    private async Task<IReadOnlyList<Guid>> RunAsync(Func<ScenarioRun, Task> walk)
    {
        await Task.Yield();
        var run = new ScenarioRun(App);
        await walk(run);
        return run.Instances;
    }

    private Task<T> Query<T>(Func<CommissioningDbContext, Task<T>> query) =>
        App.InScopeAsync(services => query(services.GetRequiredService<CommissioningDbContext>()));

    /// <summary>One scenario's walks; remembers the instances so their logs can be read afterwards.</summary>
    public sealed class ScenarioRun(CommissioningApp app)
    {
        private readonly List<Guid> _instances = [];

        public IReadOnlyList<Guid> Instances => _instances;

        public async Task<DefinitionWalk> StartAsync(string definitionId, string correlationId, JsonObject variables)
        {
            var walk = await DefinitionWalk.StartAsync(app, definitionId, correlationId, variables);
            _instances.Add(walk.InstanceId);
            return walk;
        }
    }
}
