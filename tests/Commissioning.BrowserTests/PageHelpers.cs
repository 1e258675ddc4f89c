using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Commissioning.BrowserTests;

/// <summary>The element that has the keyboard focus, as a person using a screen reader would meet it.</summary>
public sealed record Focused(string Tag, string Id, string Classes, string Text, string Href, string Type)
{
    public override string ToString() => $"<{Tag.ToLowerInvariant()}{(Id.Length > 0 ? $" id=\"{Id}\"" : "")}{(Classes.Length > 0 ? $" class=\"{Classes}\"" : "")}{(Href.Length > 0 ? $" href=\"{Href}\"" : "")}>{Text}";
}

public static class PageHelpers
{
    public static async Task<Focused> FocusedAsync(IPage page) => JsonSerializer.Deserialize<Focused>(await page.EvaluateAsync<string>("""
        () => {
          const e = document.activeElement ?? document.body;
          return JSON.stringify({
            tag: e.tagName,
            id: e.id ?? '',
            classes: typeof e.className === 'string' ? e.className : '',
            text: (e.innerText ?? e.textContent ?? '').replace(/\s+/g, ' ').trim(),
            href: e.getAttribute('href') ?? '',
            type: e.getAttribute('type') ?? ''
          });
        }
        """), JsonOptions)!;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Signs in as one of the demo sign-ins (their shared password) and waits for the home page.</summary>
    public static async Task SignInAsync(IPage page, string email)
    {
        await page.GotoAsync("Account/SignIn");
        await page.Locator("#Input_Email").FillAsync(email);
        await page.Locator("#Input_Password").FillAsync(Commissioning.Infrastructure.Demo.DemoDataSeeder.Password);
        await page.Locator("main button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
    }

    /// <summary>Presses Tab until the focused element matches, failing with the whole tab path if it never does.</summary>
    public static async Task<Focused> TabToAsync(IPage page, Func<Focused, bool> wanted, string description, int maxTabs = 15)
    {
        var path = new List<Focused>();
        for (var i = 0; i < maxTabs; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await FocusedAsync(page);
            path.Add(focused);
            if (wanted(focused))
            {
                return focused;
            }
        }

        Assert.Fail($"{description} was not reached in {maxTabs} presses of Tab on {page.Url}. Tab stops:{Environment.NewLine}{string.Join(Environment.NewLine, path.Select((f, n) => $"  {n + 1}. {f}"))}");
        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Presses a key and waits until the page's URL path is the one given (after any redirect) and the page has loaded.</summary>
    /// <summary>
    /// Presses the key and waits for the page it loads at <paramref name="path"/>. It waits for a new page to load, not
    /// only for the address: a form that posts back to its own address keeps the path the old page already had.
    /// </summary>
    public static async Task PressAndWaitForPathAsync(IPage page, string key, string path)
    {
        var loaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLoad(object? sender, IPage loadedPage) => loaded.TrySetResult();
        page.Load += OnLoad;
        try
        {
            await page.Keyboard.PressAsync(key);
            await loaded.Task.WaitAsync(TimeSpan.FromMilliseconds(BrowserFixture.PageTimeoutMilliseconds));
        }
        finally
        {
            page.Load -= OnLoad;
        }

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == path, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Load });
    }

    /// <summary>Moves to the field by keyboard and types into it.</summary>
    public static async Task TypeIntoAsync(IPage page, string id, string text)
    {
        await TabToAsync(page, f => f.Id == id, $"the field {id}", 30);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>The page is styled, headed as expected, has no axe violations, does not scroll sideways at 390 pixels, and is pictured at both widths.</summary>
    public static async Task CheckPageAsync(IPage page, ITestOutputHelper output, string heading, string screenshot)
    {
        await AssertStyledAsync(page);
        Assert.Equal(heading, await page.Locator("h1").InnerTextAsync());
        await Axe.AssertNoViolationsAsync(page, output, $"{heading} ({page.Url})");
        await ScreenshotAsync(page, output, screenshot);
        await page.SetViewportSizeAsync(390, 844);
        var (scrollWidth, clientWidth) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("() => document.documentElement.clientWidth"));
        Assert.True(scrollWidth <= clientWidth, $"{page.Url} scrolls sideways at 390 pixels: {scrollWidth} wide in {clientWidth}.");
        await ScreenshotAsync(page, output, $"{screenshot}-390");
        await page.SetViewportSizeAsync(1280, 800);
    }

    public static async Task<string> ScreenshotAsync(IPage page, ITestOutputHelper output, string name)
    {
        var path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 1000, $"The screenshot {path} is (nearly) empty.");
        output.WriteLine($"Screenshot: {path}");
        return path;
    }

    /// <summary>Checks that the GOV.UK styles were served and applied, so a page is not tested (or pictured) unstyled.</summary>
    public static async Task AssertStyledAsync(IPage page)
    {
        var style = await page.EvaluateAsync<string[]>("""
            () => {
              const sheet = [...document.styleSheets].find(s => (s.href ?? '').includes('/css/app.css'));
              const skip = getComputedStyle(document.querySelector('.govuk-skip-link'));
              const container = getComputedStyle(document.querySelector('.govuk-width-container'));
              return [String(sheet ? sheet.cssRules.length : 0), skip.position, container.maxWidth];
            }
            """);
        Assert.True(int.Parse(style[0], System.Globalization.CultureInfo.InvariantCulture) > 100, $"/css/app.css is not applied to {page.Url} ({style[0]} CSS rules).");
        Assert.True(style[1] == "absolute", $"The skip link on {page.Url} is not visually hidden (position: {style[1]}): GOV.UK styles are missing.");
        Assert.True(style[2] != "none", $"The GOV.UK width container on {page.Url} has no max-width: GOV.UK styles are missing.");
    }
}
