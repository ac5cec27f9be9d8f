using Microsoft.Playwright;

namespace Store.Integration.Tests.Ui;

/// <summary>
/// Debian's chromium driven by Playwright, never a downloaded browser: headless, no sandbox (the tests run as root in
/// CI), nothing phoning home, a fresh profile directory per journey.
/// </summary>
public sealed class DebianChromium : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Arguments =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    private IPlaywright? playwright;

    public async ValueTask InitializeAsync()
    {
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: sudo apt-get install -y chromium");
        playwright = await Playwright.CreateAsync();
    }

    /// <summary>A browser of its own for one journey, on a profile directory deleted with it.</summary>
    public async Task<Journey> StartAsync(Uri baseAddress)
    {
        var profile = Directory.CreateTempSubdirectory("store-ui-");
        var context = await playwright!.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Arguments,
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        return new Journey(context, profile);
    }

    /// <summary>Saves what the page shows under the test run's screenshots folder and attaches it to the test result.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var folder = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder.FullName, $"{name}.png"), FullPage = true });
        TestContext.Current.AddAttachment($"{name}.png", bytes, "image/png");
    }

    public ValueTask DisposeAsync()
    {
        playwright?.Dispose();
        return ValueTask.CompletedTask;
    }

    public sealed class Journey(IBrowserContext context, DirectoryInfo profile) : IAsyncDisposable
    {
        public Task<IPage> NewPageAsync() => context.NewPageAsync();

        public async ValueTask DisposeAsync()
        {
            await context.CloseAsync();
            profile.Delete(recursive: true);
        }
    }
}
