using System.Text.RegularExpressions;
using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>Too many sign-in attempts: the API's 429 becomes "try again in N seconds" from Retry-After, counted down.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class RateLimitTests(Backend backend) : BrowserFixture(backend)
{
    private const int FailuresPerEmailAndAddress = 2;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["RateLimits:LoginFailuresPerEmailAndAddress"] = FailuresPerEmailAndAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:LoginFailureWindow"] = "00:01:00",
    };

    [Test]
    public async Task SignIn_TooOften_SaysWhenToTryAgain_CountsDown_AndThenLetsThePersonTryAgain()
    {
        using var client = App.NewHttpClient();
        var email = $"limited-{Guid.NewGuid():N}@example.com";
        await client.RegisterAsync(email, "Dorothy Vaughan", Password);

        var page = await NewPageAsync();
        // The browser's own clock, so the countdown can be fast-forwarded instead of waited for.
        await page.Clock.InstallAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        var signIn = page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true });
        for (var i = 0; i < FailuresPerEmailAndAddress; i++)
        {
            await page.GetByLabel("Password").FillAsync($"wrong password {i}");
            await signIn.ClickAsync();
            await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right. Check both and try again.");
        }

        await page.GetByLabel("Password").FillAsync("wrong once more");
        var refused = await page.RunAndWaitForResponseAsync(() => signIn.ClickAsync(), r => r.Url.EndsWith("/api/auth/login", StringComparison.Ordinal));
        Assert.That(refused.Status, Is.EqualTo(429));
        var seconds = int.Parse(await refused.HeaderValueAsync("retry-after") ?? "missing", System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(seconds, Is.InRange(1, 89), "a wait said in seconds");

        // Said once, in plain words, with the server's wait; the button counts it down and refuses meanwhile.
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync($"There were too many attempts. Please try again in {seconds} seconds.");
        var waiting = page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex(@"^Sign in \(wait \d+ s\)$") });
        await Expect(waiting).ToHaveTextAsync($"Sign in (wait {seconds} s)");
        await Expect(waiting).ToBeDisabledAsync();
        await Expect(waiting).ToBeFocusedAsync();
        await ScreenshotAsync(page, "sign-in-too-many-attempts");

        await page.Clock.RunForAsync(2_000);
        await Expect(waiting).ToHaveTextAsync($"Sign in (wait {seconds - 2} s)");
        await page.Clock.RunForAsync((seconds - 2) * 1_000);
        await Expect(signIn).ToBeEnabledAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("You can sign in again now.");
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
    }
}
