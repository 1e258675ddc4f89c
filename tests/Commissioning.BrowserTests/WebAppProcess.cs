using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Commissioning.BrowserTests;

/// <summary>
/// The real web app, run as its own process (<c>dotnet Commissioning.Web.dll</c> from this test assembly's output,
/// where the ProjectReference copies it) on a free loopback port, in the Development environment (which seeds the
/// demo data), with a fresh temporary data folder for its SQLite file and Commissioning.Web's project folder as
/// its content root, so that the real wwwroot (built CSS and JavaScript) and appsettings*.json are used.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(180);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _outputLock = new();

    private WebAppProcess(Process process, Uri baseAddress, string dataFolder)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataFolder = dataFolder;
    }

    /// <summary>For example http://127.0.0.1:41234/ (always with the trailing slash).</summary>
    public Uri BaseAddress { get; }

    public string DataFolder { get; }

    /// <summary>What the app has written to standard output and standard error so far.</summary>
    public string Output
    {
        get
        {
            lock (_outputLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="settings">Extra environment variables for the app (configuration keys with __ for :), e.g. another workflow definitions folder.</param>
    public static async Task<WebAppProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var appAssembly = Path.Combine(AppContext.BaseDirectory, "Commissioning.Web.dll");
        if (!File.Exists(appAssembly))
        {
            throw new InvalidOperationException($"The web app was not found at {appAssembly}; build tests/Commissioning.BrowserTests (its ProjectReference copies the app there).");
        }

        var contentRoot = WebContentRoot();
        var dataFolder = Directory.CreateTempSubdirectory("commissioning-browser-tests-").FullName;
        var port = FreeLoopbackPort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");

        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { appAssembly, "--urls", baseAddress.ToString().TrimEnd('/'), "--contentRoot", contentRoot })
        {
            start.ArgumentList.Add(argument);
        }

        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        environment.Remove("DOTNET_ENVIRONMENT");
        environment.Remove("ASPNETCORE_URLS");
        environment.Remove("ASPNETCORE_HTTP_PORTS");
        environment.Remove("ASPNETCORE_HTTPS_PORTS");
        environment["ASPNETCORE_CONTENTROOT"] = contentRoot;
        environment["Database__Provider"] = "Sqlite";
        environment.Remove("Database__ConnectionString");
        environment["Database__DataFolder"] = dataFolder;
        environment["DataProtection__CertificatePath"] = Path.Combine($"{dataFolder}.keys", "data-protection.pfx");
        environment["Demo__SeedOnFirstRun"] = "true";
        environment["DOTNET_NOLOGO"] = "1";
        environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var app = new WebAppProcess(process, baseAddress, dataFolder);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        try
        {
            if (!process.Start())
            {
                throw new InvalidOperationException($"Could not start {start.FileName} {appAssembly}.");
            }

            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await app.WaitUntilHealthyAsync();
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs one of the app's commands (<c>create-admin EMAIL</c>, say) to its end, as an operator would from a shell,
    /// with the given environment variables, and returns its exit code and everything it wrote.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = WebContentRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Commissioning.Web.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_CONTENTROOT"] = WebContentRoot();
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>True when the process has ended within <paramref name="timeout"/> (a test that kills it on purpose waits for that).</summary>
    public async Task<bool> ExitedWithinAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(); // lets the output handlers finish
                throw new InvalidOperationException($"The web app exited with code {_process.ExitCode} before /health answered.{Environment.NewLine}Its output:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await http.GetAsync("health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"{(int)response.StatusCode} {response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{BaseAddress}health did not answer 200 within {StartTimeout.TotalSeconds:0} s (last: {last}).{Environment.NewLine}The web app's output:{Environment.NewLine}{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Never started, or already gone.
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "web-app.log"), Output);
        }
        catch (IOException)
        {
            // The log is a convenience only.
        }

        for (var attempt = 1; Directory.Exists(DataFolder); attempt++)
        {
            try
            {
                Directory.Delete(DataFolder, recursive: true);
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(200);
            }
        }

        if (Directory.Exists($"{DataFolder}.keys"))
        {
            Directory.Delete($"{DataFolder}.keys", recursive: true);
        }
    }

    /// <summary>src/Commissioning.Web, recorded in this assembly by the csproj.</summary>
    private static string WebContentRoot()
    {
        var folder = typeof(WebAppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "Commissioning.Web.ContentRoot")?.Value;
        if (folder is null || !File.Exists(Path.Combine(folder, "Commissioning.Web.csproj")))
        {
            throw new InvalidOperationException($"Commissioning.Web's project folder was not found (recorded: '{folder}').");
        }

        if (!File.Exists(Path.Combine(folder, "wwwroot", "css", "app.css")))
        {
            throw new InvalidOperationException($"{folder}/wwwroot/css/app.css is missing: the front end has not been built (Commissioning.Web.csproj builds it with npm).");
        }

        return folder;
    }

    /// <summary>The dotnet host running these tests (testhost runs as `dotnet exec testhost.dll`), else the one the SDK names, else the PATH's.</summary>
    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        if (current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet")
        {
            return current;
        }

        var sdkHost = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(sdkHost) && File.Exists(sdkHost) ? sdkHost : "dotnet";
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
