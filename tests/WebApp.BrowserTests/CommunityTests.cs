using System.Text;
using System.Text.RegularExpressions;
using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>The community grid: other people's thumbnails (re-encoded, no metadata), initials without a picture, the larger picture.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class CommunityTests(Backend backend) : BrowserFixture(backend)
{
    [Test]
    public async Task SecondUser_SeesFirstUsersThumbnail_ReEncodedWithoutExif_AndTheLargerPictureOnSelect()
    {
        var (first, _, _) = await UserWithPictureAsync("Ada Lovelace", CameraJpeg);
        first.Dispose();

        var page = await NewPageAsync();
        var served = new Dictionary<string, IResponse>();
        page.Response += (_, response) =>
        {
            lock (served)
            {
                served[response.Url] = response;
            }
        };
        await SignUpAsync(page, "Grace Hopper");

        var thumbnail = page.GetByRole(AriaRole.List).GetByRole(AriaRole.Img, new() { Name = "Ada Lovelace" });
        await ExpectLoadedAsync(thumbnail);
        Assert.Multiple(async () =>
        {
            Assert.That(await thumbnail.GetAttributeAsync("width"), Is.EqualTo("256"), "width set: no layout shift");
            Assert.That(await thumbnail.GetAttributeAsync("height"), Is.EqualTo("256"));
            Assert.That(await thumbnail.GetAttributeAsync("loading"), Is.EqualTo("lazy"));
        });
        var src = await thumbnail.GetAttributeAsync("src");
        IResponse response;
        lock (served)
        {
            response = served[src!];
        }

        var bytes = await response.BodyAsync();
        var decoded = Decoded.From(bytes);
        Assert.Multiple(() =>
        {
            Assert.That(decoded.MetadataFields, Is.Empty, "the browser got a picture without EXIF, GPS or ICC");
            Assert.That(Encoding.Latin1.GetString(bytes), Does.Not.Contain("Exif").And.Not.Contain("GPS"));
            Assert.That((decoded.Width, decoded.Height), Is.EqualTo((256, 256)), "the thumbnail, not the 12 MP original");
            Assert.That(bytes, Has.Length.LessThan(CameraJpeg.Length / 100));
        });

        // Without a picture: initials in a colour of the person's own.
        var own = page.GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Grace Hopper" });
        await Expect(own.Locator(".avatar")).ToHaveTextAsync("GH");
        await Expect(own.Locator(".avatar")).ToHaveClassAsync(new Regex(@"avatar-\d+"));
        await ScreenshotAsync(page, "community");

        await page.GetByRole(AriaRole.Button, new() { Name = "Ada Lovelace" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Ada Lovelace" });
        var large = dialog.GetByRole(AriaRole.Img, new() { Name = "Ada Lovelace" });
        await ExpectLoadedAsync(large);
        Assert.That(await NaturalSizeAsync(large), Is.EqualTo(new[] { 768, 1024 }), "the larger picture");
        await ScreenshotAsync(page, "person");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();
    }
}
