using Microsoft.Playwright;

namespace Commissioning.BrowserTests;

/// <summary>All browser tests share one app process and one Chromium; each test gets a new browser context.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

/// <summary>
/// Starts the real app (<see cref="WebAppProcess"/>) and the system's Chromium through Playwright. Playwright's
/// driver (Node.js and its package) comes in the Microsoft.Playwright NuGet package and is copied to the output
/// folder (.playwright/); Playwright cannot download browsers here, so Chromium is Debian's, from
/// COMMISSIONING_CHROMIUM (scripts/test.sh sets it), else /usr/bin/chromium.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>How long a page may take to answer before a test fails: generous, as a CI machine can be slow for a moment.</summary>
    public const float PageTimeoutMilliseconds = 90_000;

    private WebAppProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public WebAppProcess App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Where screenshots go: screenshots/ in the test output folder.</summary>
    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        try
        {
            var chromium = Environment.GetEnvironmentVariable("COMMISSIONING_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
            if (!File.Exists(chromium))
            {
                throw new InvalidOperationException($"Chromium was not found at {chromium}. Install it (apt-get install chromium; scripts/test.sh does) or set COMMISSIONING_CHROMIUM to its path.");
            }

            Directory.CreateDirectory(ScreenshotFolder);
            _app = await WebAppProcess.StartAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args =
                [
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                ],
            });
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>A new context on the shared app that fails the test if any page breaks the Content-Security-Policy.</summary>
    public Task<CheckedBrowserContext> NewContextAsync() => CheckedBrowserContext.CreateAsync(Browser, App.BaseAddress);

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        if (_app is not null)
        {
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
