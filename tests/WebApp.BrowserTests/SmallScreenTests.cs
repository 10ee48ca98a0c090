using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>A phone 320 px wide (WCAG reflow): every screen fits without sideways scrolling, the menu on one row.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class SmallScreenTests(Backend backend) : BrowserFixture(backend)
{
    [Test]
    public async Task EveryScreen_320PixelsWide_FitsTheWidth()
    {
        using var _ = (await UserWithPictureAsync("Chien-Shiung Wu", TestImages.Jpeg(400, 300, 90, 30, 160))).Client;
        var page = await NewPageAsync(320, 640);
        await page.GotoAsync("/sign-up");
        await AssertFitsAsync(page, "sign-up");
        await SignUpAsync(page, "Katherine Coleman Goble Johnson");
        await AssertFitsAsync(page, "community");
        await GoToProfileAsync(page);
        await AssertFitsAsync(page, "profile");
        var menu = await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link).Or(
            page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Button)).AllAsync();
        var middles = new List<float>();
        foreach (var item in menu)
        {
            var box = await item.BoundingBoxAsync();
            middles.Add(box!.Y + (box.Height / 2));
            Assert.That(box.Height, Is.LessThan(48), "a menu item on one line");
        }

        Assert.That(middles, Has.Count.EqualTo(3));
        Assert.That(middles.Max() - middles.Min(), Is.LessThan(8), "the menu's three items on one row");
        await ScreenshotAsync(page, "profile-320px");
    }

    private static async Task AssertFitsAsync(IPage page, string screen)
    {
        await Expect(page.Locator("main h1")).ToBeVisibleAsync();
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.That(widths[0], Is.LessThanOrEqualTo(widths[1]), $"the {screen} screen scrolls sideways at 320 px");
    }
}
