using System.Text.RegularExpressions;
using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>The original flow in a browser: pick, preview at once, upload with progress, see the stored picture, save the key.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class UploadFlowTests(Backend backend) : BrowserFixture(backend)
{
    [Test]
    public async Task CameraJpeg_PreviewBeforeUpload_ProgressThenStoredPicture_SavedAndStillShownAfterReload()
    {
        var page = await NewPageAsync();
        await SignUpAsync(page, "Ada Lovelace");
        await ScreenshotAsync(page, "community-new-member");
        await GoToProfileAsync(page);
        await ScreenshotAsync(page, "profile-without-picture");

        // Hold the upload request until the preview and progress have been seen: the preview needs no byte sent.
        var release = new TaskCompletionSource();
        var uploadsSeen = 0;
        await page.RouteAsync("**/api/profile/upload-picture", async route =>
        {
            Interlocked.Increment(ref uploadsSeen);
            await release.Task;
            await route.ContinueAsync();
        });
        await page.GetByLabel("Choose a picture").SetInputFilesAsync(new FilePayload { Name = "IMG_0001.JPG", MimeType = "image/jpeg", Buffer = CameraJpeg });

        var preview = page.GetByRole(AriaRole.Img, new() { Name = "Preview of the picture you chose" });
        await ExpectLoadedAsync(preview);
        Assert.That(await preview.GetAttributeAsync("src"), Does.StartWith("blob:"), "the preview is the local file");
        await Expect(page.GetByRole(AriaRole.Progressbar)).ToBeVisibleAsync();
        await Expect(page.GetByText(new Regex(@"Uploading… \d+ %"))).ToBeVisibleAsync();
        await ScreenshotAsync(page, "upload-in-progress");
        Assert.That(await App.Factory.CountStoredObjectsAsync(), Is.Zero, "nothing is stored while the upload is held");

        release.SetResult();
        var uploaded = page.GetByRole(AriaRole.Img, new() { Name = "Your uploaded picture, not saved yet" });
        await ExpectLoadedAsync(uploaded);
        Assert.That(await uploaded.GetAttributeAsync("src"), Does.StartWith("http").And.Not.StartWith("blob:"), "the returned url is shown");
        Assert.That(await NaturalSizeAsync(uploaded), Is.EqualTo(new[] { 768, 1024 }), "the stored picture: upright, at most 1024 px");
        await Expect(page.GetByRole(AriaRole.Progressbar)).ToBeHiddenAsync();
        await ScreenshotAsync(page, "uploaded-not-saved");
        Assert.That((await ProfileOfPageUserAsync(page)).GetProperty("profile_picture_url").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null),
            "nothing is attached before Save");

        await page.UnrouteAllAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save picture" }).ClickAsync();
        await Expect(page.GetByText("Your new picture is saved.")).ToBeVisibleAsync();
        Assert.That(uploadsSeen, Is.EqualTo(1));

        await page.ReloadAsync();
        var current = page.GetByRole(AriaRole.Img, new() { Name = "Ada Lovelace, your current profile picture" });
        await ExpectLoadedAsync(current);
        Assert.That(await NaturalSizeAsync(current), Is.EqualTo(new[] { 768, 1024 }));
        await ScreenshotAsync(page, "profile-with-picture");

        var stored = await ProfileOfPageUserAsync(page);
        Assert.Multiple(async () =>
        {
            Assert.That(stored.GetProperty("profile_picture_url").GetString(), Does.StartWith("http"));
            Assert.That(await page.EvaluateAsync<int>("() => localStorage.length"), Is.Zero, "nothing is kept in localStorage");
        });
    }
}
