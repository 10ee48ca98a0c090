using System.Text.Json;
using System.Text.RegularExpressions;
using CleanProfiles.WebApi.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests.Support;

/// <summary>
/// Base of every browser fixture: one app (Kestrel) and one Chromium per fixture and backend, a fresh browser context
/// (no cookies, storage or cache) per page. Every page fails its test when the browser reports a CSP violation or a
/// script error.
/// </summary>
public abstract partial class BrowserFixture(Backend backend)
{
    public const string Password = "correct horse battery";

    private readonly List<IBrowserContext> contexts = [];
    private readonly List<string> pageErrors = [];
    private IPlaywright? playwright;

    protected Backend Backend => backend;

    protected BrowserApp App { get; private set; } = null!;

    protected IBrowser Browser { get; private set; } = null!;

    /// <summary>Settings of this fixture's app on top of the functional suite's.</summary>
    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>Test doubles of this fixture's app, registered after the app's own services.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>The 12-megapixel camera JPEG of the benchmarks (EXIF orientation 6 and GPS, about 4 MB), made once.</summary>
    protected static byte[] CameraJpeg => Camera.Value;

    private static readonly Lazy<byte[]> Camera = new(() => PictureBenchmarks.Inputs.CameraJpeg());

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        App = await BrowserApp.StartAsync(backend, Settings, ConfigureServices);
        (playwright, Browser) = await Chromium.LaunchAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }
    }

    [TearDown]
    public async Task CloseContextsAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }

        contexts.Clear();
        var errors = pageErrors.ToList();
        pageErrors.Clear();
        Assert.That(errors, Is.Empty, "the browser reported CSP violations or script errors");
    }

    protected async Task<IPage> NewPageAsync(int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl.AbsoluteUri,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
        });
        contexts.Add(context);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                pageErrors.Add($"{message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) => pageErrors.Add($"page error: {error}");
        return page;
    }

    /// <summary>Signs up through the app's own form and lands on the community page.</summary>
    protected static async Task<string> SignUpAsync(IPage page, string name)
    {
        var email = $"{Slug().Replace(name.ToLowerInvariant(), "-")}-{Guid.NewGuid():N}@example.com";
        await page.GotoAsync("/sign-up");
        await page.GetByLabel("Your name").FillAsync(name);
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/community$"));
        // The first page of the community has arrived: no request of the app is still on its way.
        await Expect(page.Locator("ul.grid")).ToHaveAttributeAsync("aria-busy", "false");
        return email;
    }

    protected static async Task GoToProfileAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "About you" })).ToBeVisibleAsync();
    }

    /// <summary>A registered user with an attached picture, made through the API; returns the client and the upload.</summary>
    protected async Task<(HttpClient Client, string Email, JsonElement Upload)> UserWithPictureAsync(string name, byte[] picture)
    {
        var client = App.NewHttpClient();
        var email = $"seed-{Guid.NewGuid():N}@example.com";
        client.WithToken(await client.RegisterAsync(email, name, Password));
        using var response = await client.UploadAsync(picture, "IMG_0001.JPG", "image/jpeg");
        var text = await response.Content.ReadAsStringAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), text);
        var upload = JsonDocument.Parse(text).RootElement.Clone();
        using var attach = await client.UpdateProfileAsync(new { profile_picture_url = upload.GetProperty("s3Key").GetString() });
        Assert.That((int)attach.StatusCode, Is.EqualTo(200), await attach.Content.ReadAsStringAsync());
        return (client, email, upload);
    }

    /// <summary>The API's view of the signed-in user of the page (through the token the app keeps in sessionStorage).</summary>
    protected async Task<JsonElement> ProfileOfPageUserAsync(IPage page)
    {
        var token = await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('cleanprofiles.session')).token");
        using var client = App.NewHttpClient().WithToken(token);
        using var response = await client.GetAsync("/api/profile");
        Assert.That((int)response.StatusCode, Is.EqualTo(200));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("profile").Clone();
    }

    /// <summary>A full-page screenshot, attached to the test's results.</summary>
    protected async Task ScreenshotAsync(IPage page, string screen)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, $"{backend}-{GetType().Name}-{screen}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, $"{screen} ({backend})");
    }

    /// <summary>Runs axe-core (the npm package's axe.min.js, evaluated in the page) and fails on serious or critical findings.</summary>
    protected static async Task AssertAccessibleAsync(IPage page, string screen)
    {
        if (!File.Exists(RepoPaths.AxeScript))
        {
            Assert.Fail($"axe-core is missing at {RepoPaths.AxeScript}: run npm ci in src/WebApp (the API's build does).");
        }

        if (!await page.EvaluateAsync<bool>("() => typeof axe !== 'undefined'"))
        {
            await page.EvaluateAsync(await File.ReadAllTextAsync(RepoPaths.AxeScript));
        }

        var findings = await page.EvaluateAsync<string[]>(
            """
            async () => {
              const result = await axe.run(document);
              return [
                `${result.passes.length} rules passed, ${result.violations.length} violated${result.violations.map(v => ` (${v.impact} ${v.id})`).join("")}`,
                ...result.violations
                  .filter(v => v.impact === 'serious' || v.impact === 'critical')
                  .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`),
              ];
            }
            """);
        TestContext.Out.WriteLine($"axe-core, {screen}: {string.Join("; ", findings)}");
        Assert.That(findings[0], Does.Not.StartWith("0 rules passed"), "axe-core ran its rules");
        Assert.That(findings.Skip(1), Is.Empty, $"axe-core on the {screen} screen");
    }

    /// <summary>Presses Tab until the focused control has this accessible label (at most 40 times); checks its focus ring.</summary>
    protected static async Task TabToAsync(IPage page, string label)
    {
        for (var i = 0; i < 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<string?>(
                """
                () => {
                  const el = document.activeElement;
                  if (!el || el === document.body) return null;
                  const text = el.labels?.[0]?.textContent ?? el.getAttribute('aria-label') ?? el.textContent ?? '';
                  return text.trim();
                }
                """);
            if (focused == label)
            {
                var ring = await page.EvaluateAsync<string>(
                    """
                    () => {
                      const el = document.activeElement;
                      const shown = el.matches('.visually-hidden') ? el.closest('label') : el;
                      return getComputedStyle(shown).outlineStyle;
                    }
                    """);
                Assert.That(ring, Is.Not.EqualTo("none"), $"'{label}' shows where the focus is");
                return;
            }
        }

        Assert.Fail($"'{label}' could not be reached with the Tab key.");
    }

    /// <summary>Whether an image element finished loading real pixels; returns its natural size.</summary>
    protected static Task<int[]> NaturalSizeAsync(ILocator image) =>
        image.EvaluateAsync<int[]>("img => img.complete && img.naturalWidth > 0 ? [img.naturalWidth, img.naturalHeight] : [0, 0]");

    protected static async Task ExpectLoadedAsync(ILocator image)
    {
        await Expect(image).ToBeVisibleAsync();
        // Poll: a failed link may be replaced by a fresh one (the same element, a new src) before it loads.
        await image.EvaluateAsync(
            """
            img => new Promise((resolve, reject) => {
              const give = setTimeout(() => reject(new Error(`no pixels after 15 s from ${img.src}`)), 15000);
              const check = () => img.complete && img.naturalWidth > 0
                ? (clearTimeout(give), img.decode().then(resolve, reject))
                : setTimeout(check, 50);
              check();
            })
            """);
        Assert.That((await NaturalSizeAsync(image))[0], Is.GreaterThan(0), "the picture has pixels");
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Slug();
}
