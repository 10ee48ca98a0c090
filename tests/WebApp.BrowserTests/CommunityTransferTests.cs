using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>
/// A community page of 24 people with camera pictures moves thumbnails, not originals, and nothing at all on a reload:
/// the links stay the same for a while and the browser caches what they point at. Bytes are counted from the network.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class CommunityTransferTests(Backend backend) : BrowserFixture(backend)
{
    private const int People = 24;

    [Test]
    public async Task CommunityOf24_FirstVisitUnderHalfAPercentOfOriginals_ReloadNoImageBytes()
    {
        for (var i = 1; i <= People; i++)
        {
            var (client, _, _) = await UserWithPictureAsync($"Alumna {i:00}", CameraJpeg);
            client.Dispose();
        }

        long originals = (long)CameraJpeg.Length * People;
        // Tall enough that every lazy thumbnail of the first page is in view and loads.
        var page = await NewPageAsync(1280, 4000);
        var traffic = await PictureTraffic.WatchAsync(page);
        // Signing up lands on the community page: the first visit, with an empty cache.
        await SignUpAsync(page, "Zoe Viewer"); // sorts after the 24, so the first page holds all of them
        await AllThumbnailsShownAsync(page);
        var firstVisit = traffic.Take();
        await ScreenshotAsync(page, "community-of-24");

        await page.ReloadAsync();
        await AllThumbnailsShownAsync(page);
        var reload = traffic.Take();
        TestContext.Out.WriteLine($"originals {originals} B; first visit {firstVisit.Bytes} B in {firstVisit.Responses} responses; reload {reload.Bytes} B in {reload.Responses}");

        Assert.Multiple(() =>
        {
            Assert.That(firstVisit.Responses, Is.EqualTo(People), "every thumbnail came over the network once");
            Assert.That(firstVisit.Bytes, Is.GreaterThan(0));
            Assert.That(firstVisit.Bytes, Is.LessThanOrEqualTo(originals * 0.005), "at most 0.5 % of the originals' bytes");
            Assert.That(reload.Bytes, Is.Zero, "a reload moves no image bytes");
            Assert.That(reload.Responses, Is.Zero, "a reload asks the picture server nothing: every thumbnail comes from the cache");
        });

        // The 25th person is on the next page, after "Load more" (next_cursor).
        var everyone = page.GetByRole(AriaRole.List).GetByRole(AriaRole.Listitem);
        await Expect(everyone).ToHaveCountAsync(People);
        await page.GetByRole(AriaRole.Button, new() { Name = "Load more" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(everyone).ToHaveCountAsync(People + 1);
        await Expect(everyone.Last).ToContainTextAsync("Zoe Viewer");
        // The focus goes on to the first person the new page brought, not back to the start of the page.
        await Expect(everyone.Last.GetByRole(AriaRole.Button)).ToBeFocusedAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToHaveCountAsync(0);
    }

    private static async Task AllThumbnailsShownAsync(IPage page)
    {
        await page.WaitForFunctionAsync(
            $"() => {{ const imgs = [...document.querySelectorAll('ul img')]; return imgs.length === {People} && imgs.every(i => i.complete && i.naturalWidth > 0); }}");
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }
}
