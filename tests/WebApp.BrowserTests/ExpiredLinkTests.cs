using System.Net;
using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>
/// "Users won't notice": a picture whose signed link expired while the page was open is shown anyway, because the app
/// fetches the data again once for fresh links. Links live one minute here; the embedded store's clock is the app's
/// (moved forward), S3's is the server's (waited for).
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class ExpiredLinkTests(Backend backend) : BrowserFixture(backend)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Pictures:UrlLifetime"] = "00:01:00",
        ["Pictures:UrlReuseWindow"] = "00:00:01",
    };

    [Test]
    public async Task LargerPicture_WhoseLinkExpiredWhileThePageWasOpen_IsShownAfterOneRefetch()
    {
        using var _ = (await UserWithPictureAsync("Katherine Johnson", TestImages.Jpeg(800, 600))).Client;
        var page = await NewPageAsync();
        var communityCalls = 0;
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/community", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref communityCalls);
            }
        };
        await SignUpAsync(page, "Mary Jackson");
        await ExpectLoadedAsync(page.GetByRole(AriaRole.List).GetByRole(AriaRole.Img, new() { Name = "Katherine Johnson" }));
        Assert.That(communityCalls, Is.EqualTo(1));
        var stale = await LargePictureUrlAsync();

        // The page stays open past the links' lifetime.
        App.Factory.Clock.Advance(Lifetime + TimeSpan.FromMinutes(1));
        if (Backend == Backend.PostgresS3)
        {
            await Task.Delay(Lifetime + TimeSpan.FromSeconds(2));
        }

        using (var anonymous = App.NewHttpClient())
        using (var expired = await anonymous.GetAsync(stale))
        {
            Assert.That(expired.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden), "the link the page holds has expired");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Katherine Johnson" }).ClickAsync();
        var large = page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Img, new() { Name = "Katherine Johnson" });
        await ExpectLoadedAsync(large);
        Assert.Multiple(async () =>
        {
            Assert.That(await large.GetAttributeAsync("src"), Is.Not.EqualTo(stale), "a fresh link");
            Assert.That(communityCalls, Is.EqualTo(2), "the data was fetched again exactly once");
        });
        await ScreenshotAsync(page, "recovered-picture");
    }

    /// <summary>The larger picture's link in the data the page holds, read from what the API gave it.</summary>
    private async Task<string> LargePictureUrlAsync()
    {
        // Same second, same key: the API hands out the same link the page got (signing is deterministic).
        using var viewer = App.NewHttpClient();
        viewer.WithToken(await viewer.RegisterAsync(name: "Link Reader"));
        using var response = await viewer.GetAsync("/api/community?limit=100");
        var body = await response.ReadJsonAsync();
        return body["alumni"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "Katherine Johnson")!["profile_picture_url"]!.GetValue<string>();
    }
}
