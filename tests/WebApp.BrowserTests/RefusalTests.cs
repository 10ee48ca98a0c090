using System.Text;
using System.Text.Json;
using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>The server's refusals reach the person in plain words, and nothing is stored.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class RefusalTests(Backend backend) : BrowserFixture(backend)
{
    [Test]
    public async Task TextNamedPhotoJpg_Shows415Message_SixMegabytes_Shows413Message_NothingStored()
    {
        var page = await NewPageAsync();
        await SignUpAsync(page, "Hedy Lamarr");
        await GoToProfileAsync(page);
        var before = await App.Factory.SnapshotAsync();
        var picker = page.GetByLabel("Choose a picture");

        await picker.SetInputFilesAsync(new FilePayload
        {
            Name = "photo.jpg",
            MimeType = "image/jpeg",
            Buffer = Encoding.UTF8.GetBytes("Dear diary, this is not a picture at all.\n"),
        });
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "This file is not a picture that can be used. Choose a JPEG, PNG, GIF or WebP image.");
        await ScreenshotAsync(page, "refused-not-a-picture");

        var sixMegabytes = new byte[6 * 1024 * 1024];
        TestImages.Jpeg().CopyTo(sixMegabytes, 0);
        await picker.SetInputFilesAsync(new FilePayload { Name = "huge.jpg", MimeType = "image/jpeg", Buffer = sixMegabytes });
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "This file is too large. Pictures can be at most 5 MB; choose a smaller one.");
        await ScreenshotAsync(page, "refused-too-large");

        var profile = await ProfileOfPageUserAsync(page);
        Assert.Multiple(async () =>
        {
            Assert.That(profile.GetProperty("profile_picture_url").ValueKind, Is.EqualTo(JsonValueKind.Null), "no picture through the API");
            Assert.That(await App.Factory.SnapshotAsync(), Is.EqualTo(before), "no object, upload row or profile change");
            Assert.That(await page.GetByRole(AriaRole.Img, new() { Name = "Preview of the picture you chose" }).CountAsync(), Is.Zero,
                "the refused file's preview is gone");
        });
    }
}
