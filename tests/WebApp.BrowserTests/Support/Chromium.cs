using Microsoft.Playwright;

namespace CleanProfiles.WebApp.BrowserTests.Support;

/// <summary>Debian's Chromium driven by Playwright: nothing is downloaded, and a missing browser fails the test.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    // Playwright starts every launch with a fresh temporary profile (user-data dir) of its own.
    private static readonly string[] Args =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            Assert.Fail($"The browser tests need Chromium at {ExecutablePath}: install the Debian package chromium "
                + "(apt-get install chromium; ./test.sh installs it when run as root).");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Args,
            });
            return (playwright, browser);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            Assert.Fail($"Chromium at {ExecutablePath} did not start ({e.Message}). Reinstall the Debian package chromium.");
            throw;
        }
    }
}
