using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Commissioning.Domain.Applications;
using Commissioning.Domain.Common;
using Commissioning.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Commissioning.Benchmarks;

/// <summary>
/// Closing day: N applicants (200 by default), each signed in with their own cookies and holding an application ready
/// to submit, are released at once and each submits it (one POST of check your answers, the form read beforehand).
/// The baseline is N concurrent POSTs to a bare endpoint that inserts an application row with EF Core
/// (Benchmark:BareEndpoint), so both sides time the same shape of work: one POST per person, all at once. The two run
/// in interleaved rounds (bare then surge, then surge then bare, ...) against one app process, and the medians of the
/// rounds are compared. The app is built in Release by the benchmark itself and that build is run on SQLite (or
/// PostgreSQL), Development, a fresh data folder, 127.0.0.1. The applicants are prepared over HTTP as people would
/// (register, sign in, create an organisation, pass the eligibility check, fill every section), a fresh N before each
/// round and outside the timing; only the e-mail confirmation is set in the database. Every acknowledged submission is
/// then checked in the database.
/// </summary>
internal static partial class SurgeBenchmark
{
    private const string Password = "lantern-quartz-meadow-4187";

    public static async Task<int> RunAsync(string[] args)
    {
        var applicants = Option(args, "--applicants", 200);
        var rounds = Option(args, "--rounds", 5);
        var port = Option(args, "--port", 5197);
        var root = RepositoryRoot();
        var contentRoot = Path.Combine(root, "src", "Commissioning.Web");
        var appDll = await BuildReleaseAsync(contentRoot);
        var dataFolder = Directory.CreateTempSubdirectory("commissioning-surge-").FullName;
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");

        // --postgres [admin connection string]: a fresh PostgreSQL database (from COMMISSIONING_TEST_POSTGRES when no
        // connection string is given; scripts/test-postgres.sh start prints one), dropped afterwards.
        var postgres = args.Contains("--postgres")
            ? args.SkipWhile(a => a != "--postgres").Skip(1).Take(1).FirstOrDefault(a => a.Contains('=', StringComparison.Ordinal))
                ?? Environment.GetEnvironmentVariable("COMMISSIONING_TEST_POSTGRES")
                ?? throw new InvalidOperationException("--postgres needs an admin connection string, or COMMISSIONING_TEST_POSTGRES (scripts/test-postgres.sh start).")
            : null;
        await using var pg = postgres is null ? null : await WorkflowBenchmark.BenchDatabase.PostgresAsync(postgres);
        var database = pg?.Database ?? ResolvedDatabase.ForTests(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dataFolder, "commissioning.db")}", dataFolder);
        var providerName = database.Provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        Console.WriteLine($"Surge: {rounds} rounds of {applicants} applicants against {appDll} on {providerName} ({(pg is null ? dataFolder : "a fresh database")}), {baseAddress}");

        using var app = StartApp(appDll, contentRoot, dataFolder, baseAddress, pg?.Database.ConnectionString);
        var keep = true;
        try
        {
            await WaitForHealthAsync(baseAddress, app);
            var result = await MeasureAsync(baseAddress, database, providerName, applicants, rounds);
            keep = result != 0;
            return result;
        }
        finally
        {
            if (!app.HasExited)
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }

            if (keep)
            {
                Console.Error.WriteLine($"The data folder, with the app's log (app.log), is kept for reading: {dataFolder}");
            }
            else
            {
                Directory.Delete(dataFolder, recursive: true);
                if (Directory.Exists($"{dataFolder}.keys"))
                {
                    Directory.Delete($"{dataFolder}.keys", recursive: true);
                }
            }
        }
    }

    private static async Task<int> MeasureAsync(Uri baseAddress, ResolvedDatabase database, string providerName, int count, int rounds)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        using var anonymous = NewClient(baseAddress);
        var funding = await anonymous.GetStringAsync("Funding");
        var roundId = RoundLink().Match(funding) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("The Police Property Act Fund round is not on /Funding.");
        var bareClients = Enumerable.Range(0, count).Select(_ => NewClient(baseAddress)).ToList();
        var acknowledged = new List<GrantApplicationId>();
        var surgeErrors = new List<Outcome>();
        var bareErrors = 0;
        Guid organisationId;

        // Warm-up, not counted: a few applicants submit and a few bare inserts, so neither side pays for start-up.
        {
            var warmUp = await PrepareApplicantsAsync(baseAddress, database, $"{run}-w", Math.Min(count, 10), roundId);
            organisationId = warmUp[0].OrganisationId;
            var outcomes = await SubmitAllAsync(warmUp);
            acknowledged.AddRange(outcomes.Where(o => o.Ok).Select(o => new GrantApplicationId(o.Applicant!.ApplicationId)));
            await BareAsync(bareClients.Take(10).ToList(), roundId, organisationId);
            warmUp.ForEach(p => p.Client.Dispose());
        }

        var surgeRounds = new List<Side>();
        var bareRounds = new List<Side>();
        for (var round = 1; round <= rounds; round++)
        {
            var people = await PrepareApplicantsAsync(baseAddress, database, $"{run}-{round}", count, roundId);
            async Task SurgeSide()
            {
                await WarmConnectionsAsync(people.Select(p => p.Client));
                var wall = Stopwatch.StartNew();
                var outcomes = await SubmitAllAsync(people);
                var side = new Side(wall.Elapsed, outcomes);
                surgeRounds.Add(side);
                acknowledged.AddRange(outcomes.Where(o => o.Ok).Select(o => new GrantApplicationId(o.Applicant!.ApplicationId)));
                surgeErrors.AddRange(outcomes.Where(o => !o.Ok));
            }

            async Task BareSide()
            {
                await WarmConnectionsAsync(bareClients);
                var wall = Stopwatch.StartNew();
                var outcomes = await BareAsync(bareClients, roundId, organisationId);
                var side = new Side(wall.Elapsed, outcomes);
                bareRounds.Add(side);
                bareErrors += outcomes.Count(o => !o.Ok);
            }

            // Neither side always goes first: bare then surge in odd rounds, surge then bare in even ones.
            if (round % 2 == 1)
            {
                await BareSide();
                await SurgeSide();
            }
            else
            {
                await SurgeSide();
                await BareSide();
            }

            var surge = surgeRounds[^1];
            var bare = bareRounds[^1];
            Console.WriteLine($"  round {round} ({Interleaved.Order(round, "bare", "surge")}): surge {surge.Ok} submitted in {surge.Wall.TotalMilliseconds:F0} ms = {surge.Rate:F1}/s, p50 {surge.Percentile(50):F0} ms; " +
                              $"bare {bare.Ok} inserted in {bare.Wall.TotalMilliseconds:F0} ms = {bare.Rate:F1}/s, p50 {bare.Percentile(50):F0} ms");
            people.ForEach(p => p.Client.Dispose());
        }

        // Every acknowledged submission must be in the database, submitted, with a reference.
        List<(GrantApplicationId Id, ApplicationStatus Status, string? Reference)> stored;
        await using (var db = database.NewContext())
        {
            stored = (await db.Applications.AsNoTracking().Where(a => acknowledged.Contains(a.Id)).Select(a => new { a.Id, a.Status, a.Reference }).ToListAsync())
                .Select(a => (a.Id, a.Status, a.Reference)).ToList();
        }

        var submittedWithReference = stored.Count(a => a.Status == ApplicationStatus.Submitted && !string.IsNullOrEmpty(a.Reference));
        var distinctReferences = stored.Where(a => a.Reference is not null).Select(a => a.Reference).Distinct().Count();

        var surgeRate = Interleaved.Median(surgeRounds.Select(r => r.Rate));
        var bareRate = Interleaved.Median(bareRounds.Select(r => r.Rate));
        var surgeP50 = Interleaved.Median(surgeRounds.Select(r => r.Percentile(50)));
        var bareP50 = Interleaved.Median(bareRounds.Select(r => r.Percentile(50)));
        var surgeP95 = Interleaved.Median(surgeRounds.Select(r => r.Percentile(95)));
        var bareP95 = Interleaved.Median(bareRounds.Select(r => r.Percentile(95)));
        Console.WriteLine();
        Console.WriteLine($"Closing-day surge on {providerName}, {count} concurrent applicants, one POST (submit) each, median of {rounds} interleaved rounds:");
        Console.WriteLine($"  submissions:            {surgeRate:F1} per second; latency p50 {surgeP50:F0} ms, p95 {surgeP95:F0} ms");
        Console.WriteLine($"  errors:                 {surgeErrors.Count}{string.Concat(surgeErrors.Take(5).Select(e => $"{Environment.NewLine}    {e.Applicant!.Email}: {e.Error}"))}");
        Console.WriteLine($"  in the database:        {stored.Count} of {acknowledged.Count} acknowledged found (warm-up included), {submittedWithReference} Submitted with a reference, {distinctReferences} distinct references");
        Console.WriteLine($"Bare EF Core insert of an application row, {count} concurrent POSTs, same app run, median of {rounds} interleaved rounds:");
        Console.WriteLine($"  inserts:                {bareRate:F1} per second; latency p50 {bareP50:F0} ms, p95 {bareP95:F0} ms");
        Console.WriteLine($"  errors:                 {bareErrors}");
        Console.WriteLine($"Ratio of the medians, bare / surge: throughput {bareRate / surgeRate:F1}x, p50 latency {surgeP50 / bareP50:F1}x, p95 latency {surgeP95 / bareP95:F1}x");

        var expected = acknowledged.Count == surgeRounds.Sum(r => r.Ok) + Math.Min(count, 10) && surgeRounds.All(r => r.Ok == count);
        var passed = surgeErrors.Count == 0 && bareErrors == 0 && expected && submittedWithReference == acknowledged.Count && distinctReferences == acknowledged.Count;
        Console.WriteLine(passed ? "PASS: no errors, every acknowledged submission is Submitted in the database with its own reference." : "FAIL: see the figures above.");
        return passed ? 0 : 1;
    }

    /// <summary>N applicants registered, confirmed, signed in, each with an application ready to submit and its form read.</summary>
    private static async Task<List<Applicant>> PrepareApplicantsAsync(Uri baseAddress, ResolvedDatabase database, string batch, int count, string roundId)
    {
        var people = Enumerable.Range(1, count).Select(i => new Applicant($"surge-{batch}-{i:000}@bench.commissioning.test", NewClient(baseAddress))).ToList();
        var prepare = Stopwatch.StartNew();
        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (person, _) => await RegisterAsync(person));
        await using (var db = database.NewContext())
        {
            var confirmed = await db.Users.Where(u => u.Email!.StartsWith($"surge-{batch}-")).ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, true));
            Check(confirmed == count, $"confirmed {confirmed} e-mail addresses, not {count}");
        }

        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (person, _) => await PrepareAsync(person, roundId));
        Console.WriteLine($"Prepared {count} applicants (registered, signed in, organisation, eligibility, every section) in {prepare.Elapsed.TotalSeconds:F1} s");
        return people;
    }

    /// <summary>Everyone released at once; each posts the check your answers form read while being prepared.</summary>
    private static async Task<List<Outcome>> SubmitAllAsync(List<Applicant> people)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var surge = people.Select(async person =>
        {
            await release.Task;
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await person.Client.PostAsync($"Applications/{person.ApplicationId}/CheckAnswers", new FormUrlEncodedContent(person.SubmitForm));
                var ok = response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.EndsWith("/Submitted", StringComparison.Ordinal) == true;
                return new Outcome(person, ok, watch.Elapsed.TotalMilliseconds, ok ? null : $"{(int)response.StatusCode} {response.Headers.Location}");
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return new Outcome(person, false, watch.Elapsed.TotalMilliseconds, ex.Message);
            }
        }).ToList();
        release.SetResult();
        return [.. await Task.WhenAll(surge)];
    }

    /// <summary>One untimed GET of /health from each client, so that both sides start the timed POST on an open connection.</summary>
    private static Task WarmConnectionsAsync(IEnumerable<HttpClient> clients) => Task.WhenAll(clients.Select(async c => (await c.GetAsync("health")).Dispose()));

    private static async Task<List<Outcome>> BareAsync(List<HttpClient> clients, string roundId, Guid organisationId)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tasks = clients.Select(async client =>
        {
            await release.Task;
            var watch = Stopwatch.StartNew();
            try
            {
                using var response = await client.PostAsync($"benchmark/bare-insert?roundId={roundId}&organisationId={organisationId}", null);
                return new Outcome(null, response.StatusCode == HttpStatusCode.OK, watch.Elapsed.TotalMilliseconds, null);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return new Outcome(null, false, watch.Elapsed.TotalMilliseconds, ex.Message);
            }
        }).ToList();
        release.SetResult();
        return [.. await Task.WhenAll(tasks)];
    }

    /// <summary>Builds the web project in Release (never whatever build happens to exist) and returns its dll.</summary>
    private static async Task<string> BuildReleaseAsync(string contentRoot)
    {
        var project = Path.Combine(contentRoot, "Commissioning.Web.csproj");
        Console.WriteLine($"Building {project} in Release ...");
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "build", project, "-c", "Release", "-nologo", "-v", "quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var build = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet build.");
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync();
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet build -c Release of {project} failed:{Environment.NewLine}{await output}{await errors}");
        }

        var dll = Path.Combine(contentRoot, "bin", "Release", "net10.0", "Commissioning.Web.dll");
        Check(File.Exists(dll), $"the Release build did not produce {dll}");
        return dll;
    }

    private static async Task RegisterAsync(Applicant person)
    {
        var page = await person.Client.GetStringAsync("Account/Register");
        await PostAsync(person, "Account/Register", page, [new("Input.FullName", "Surge Applicant"), new("Input.Email", person.Email), new("Input.Password", Password), new("Input.ConfirmPassword", Password)]);
    }

    private static async Task PrepareAsync(Applicant person, string roundId)
    {
        var client = person.Client;
        Check(await PostAsync(person, "Account/SignIn", await client.GetStringAsync("Account/SignIn"), [new("Input.Email", person.Email), new("Input.Password", Password)]) == "/", $"{person.Email} could not sign in");
        await PostAsync(person, "Organisations/Create", await client.GetStringAsync("Organisations/Create"),
            [new("Input.Name", $"Surge group {person.Email[..^24]}"), new("Input.LegalForm", "ConstitutedUnincorporatedGroup"), new("Input.AddressLine1", "1 High Street"), new("Input.Town", "Abingdon"), new("Input.Postcode", "OX14 5AL")]);
        var organisation = await PostAsync(person, "Organisations/Create/Check", await client.GetStringAsync("Organisations/Create/Check"), []);
        person.OrganisationId = Guid.Parse(organisation.Split('/')[^1]);

        var eligibility = $"Funding/{roundId}/Eligibility";
        using (var answered = await client.PostAsync(eligibility, new FormUrlEncodedContent(HiddenFields(await client.GetStringAsync(eligibility)).Concat(
            [new("Answers[constituted]", "yes"), new("Answers[force-area]", "yes"), new("Answers[statutory]", "no"), new("Answers[recent-award]", "no"), new("Answers[core-costs]", "no")]))))
        {
            var canApply = await answered.Content.ReadAsStringAsync();
            Check(canApply.Contains("You can apply", StringComparison.Ordinal), $"{person.Email} is not eligible");
            var application = await PostAsync(person, $"{eligibility}?handler=Start", canApply, [new("ProjectTitle", "Surge youth club")]);
            person.ApplicationId = Guid.Parse(application.Split('/')[^1]);
        }

        var at = $"Applications/{person.ApplicationId}";
        await SectionAsync(person, $"{at}/Sections/about-project", [new("q.project-summary", "Weekly evening sessions for young people."), new("q.need", "A rise in county lines recruitment."), new("q.start-date.day", "5"), new("q.start-date.month", "1"), new("q.start-date.year", "2027"), new("q.area", "Oxfordshire")]);
        await SectionAsync(person, $"{at}/Sections/money", [new("q.amount", "4500"), new("q.other-funding", "no")]);
        await SectionAsync(person, $"{at}/Sections/outcomes", [new("q.outcomes", "Attendance and fewer referrals."), new("q.safeguarding", "yes")]);
        await SectionAsync(person, $"{at}/Budget", [new("cost[0].description", "Sessional youth workers"), new("cost[0].amount", "4000"), new("cost[1].description", "Equipment"), new("cost[1].amount", "1000"), new("other[0].description", "Town council grant"), new("other[0].amount", "500"), new("action", "continue")]);
        var priorities = await client.GetStringAsync($"{at}/Priorities");
        var priority = FirstPriority().Match(priorities) is { Success: true } p ? p.Groups[1].Value : throw new InvalidOperationException("No priority to choose.");
        Check(await PostAsync(person, $"{at}/Priorities", priorities, [new("Supported", priority), new("Primary", priority)]) == $"/{at}", $"{person.Email}: the priorities were not saved");
        var taskList = await client.GetStringAsync(at);
        Check(taskList.Contains($"href=\"/{at}/CheckAnswers\" aria-describedby=\"task-submit-status\"", StringComparison.Ordinal), $"{person.Email}: the application is not ready to submit");
        person.SubmitForm = [.. HiddenFields(await client.GetStringAsync($"{at}/CheckAnswers")), new("Declaration", "true")];
    }

    private static async Task SectionAsync(Applicant person, string path, KeyValuePair<string, string>[] answers)
    {
        var location = await PostAsync(person, path, await person.Client.GetStringAsync(path), answers);
        Check(location.StartsWith("/Applications/", StringComparison.Ordinal) && !location.Contains("Sections", StringComparison.Ordinal), $"{person.Email}: {path} was not saved (went to {location})");
    }

    /// <summary>Posts the page's form (its hidden fields, with the antiforgery token, and the answers); returns where it redirected.</summary>
    private static async Task<string> PostAsync(Applicant person, string path, string page, KeyValuePair<string, string>[] answers)
    {
        var fields = HiddenFields(page).Where(f => answers.All(a => a.Key != f.Key)).Concat(answers).ToList();
        using var response = await person.Client.PostAsync(path, new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location is null)
        {
            var body = await response.Content.ReadAsStringAsync();
            var summary = ErrorSummary().Match(body);
            throw new InvalidOperationException($"{person.Email}: POST {path} answered {(int)response.StatusCode}: {(summary.Success ? Regex.Replace(summary.Value, "<[^>]+>|\\s+", " ") : body[..Math.Min(body.Length, 300)])}");
        }

        return response.Headers.Location.OriginalString;
    }

    /// <summary>The hidden inputs of the page's main content (its form's state and antiforgery token).</summary>
    private static List<KeyValuePair<string, string>> HiddenFields(string page)
    {
        var start = page.IndexOf("<main", StringComparison.Ordinal);
        var end = page.IndexOf("</main>", StringComparison.Ordinal);
        var main = start >= 0 && end > start ? page[start..end] : page;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in HiddenInput().Matches(main))
        {
            var name = NameAttribute().Match(input.Value);
            var value = ValueAttribute().Match(input.Value);
            if (name.Success)
            {
                fields.Add(new(WebUtility.HtmlDecode(name.Groups[1].Value), value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : ""));
            }
        }

        return fields;
    }

    private static HttpClient NewClient(Uri baseAddress) => new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer(), MaxConnectionsPerServer = 4 })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(120),
    };

    private static Process StartApp(string appDll, string contentRoot, string dataFolder, Uri baseAddress, string? postgresConnection)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath is { } host && Path.GetFileNameWithoutExtension(host) == "dotnet" ? host : "dotnet")
        {
            WorkingDirectory = contentRoot,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { appDll, "--urls", baseAddress.ToString().TrimEnd('/'), "--contentRoot", contentRoot })
        {
            start.ArgumentList.Add(argument);
        }

        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment.Remove("ASPNETCORE_URLS");
        if (postgresConnection is null)
        {
            environment["Database__Provider"] = nameof(DatabaseProvider.Sqlite);
            environment.Remove("Database__ConnectionString");
        }
        else
        {
            environment["Database__Provider"] = nameof(DatabaseProvider.PostgreSql);
            environment["Database__ConnectionString"] = postgresConnection;
        }

        environment["Database__DataFolder"] = dataFolder;
        environment["DataProtection__CertificatePath"] = Path.Combine($"{dataFolder}.keys", "data-protection.pfx");
        environment["Demo__SeedOnFirstRun"] = "true";
        environment["Benchmark__BareEndpoint"] = "true";

        // Every simulated applicant registers from this one address, which the per-client e-mail limit would stop.
        environment["RateLimits__EmailRequestsPerClient"] = "1000000";
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        // The app's log goes to app.log in the data folder, to read when a run has errors.
        var log = new StreamWriter(Path.Combine(dataFolder, "app.log")) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (log) { log.WriteLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"app: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitForHealthAsync(Uri baseAddress, Process app)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            Check(!app.HasExited, "the app exited before /health answered");
            try
            {
                using var response = await http.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("/health did not answer within 90 s.");
    }

    private static double Percentile(List<double> sorted, int percent) => sorted[Math.Clamp((int)Math.Ceiling(percent / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    private static void Check(bool condition, string problem)
    {
        if (!condition)
        {
            throw new InvalidOperationException(problem);
        }
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Commissioning.sln")))
            {
                return folder.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    private static int Option(string[] args, string name, int fallback) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : fallback;

    [GeneratedRegex("href=\"/Funding/([0-9a-f-]{36})\"[^>]*>\\s*Police Property Act Fund 2026/27: round 2")]
    private static partial Regex RoundLink();

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*>")]
    private static partial Regex HiddenInput();

    [GeneratedRegex("\\bname=\"([^\"]*)\"")]
    private static partial Regex NameAttribute();

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();

    [GeneratedRegex("id=\"Supported\" name=\"Supported\" type=\"checkbox\" value=\"([^\"]+)\"")]
    private static partial Regex FirstPriority();

    [GeneratedRegex("<ul class=\"govuk-list govuk-error-summary__list\">[\\s\\S]*?</ul>")]
    private static partial Regex ErrorSummary();

    private sealed class Applicant(string email, HttpClient client)
    {
        public string Email { get; } = email;

        public HttpClient Client { get; } = client;

        public Guid OrganisationId { get; set; }

        public Guid ApplicationId { get; set; }

        /// <summary>The check your answers form (hidden fields and antiforgery token) with the declaration ticked.</summary>
        public List<KeyValuePair<string, string>> SubmitForm { get; set; } = [];
    }

    private sealed record Outcome(Applicant? Applicant, bool Ok, double Milliseconds, string? Error);

    /// <summary>One side of one round: its wall time and each request's outcome.</summary>
    private sealed record Side(TimeSpan Wall, List<Outcome> Outcomes)
    {
        public int Ok => Outcomes.Count(o => o.Ok);

        public double Rate => Ok / Wall.TotalSeconds;

        public double Percentile(int percent) => SurgeBenchmark.Percentile([.. Outcomes.Select(o => o.Milliseconds).Order()], percent);
    }
}
