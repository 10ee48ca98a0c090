using System.Net;
using System.Text.RegularExpressions;
using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>Remove picture asks first, then shows initials, and the old links stop serving.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class RemovePictureTests(Backend backend) : BrowserFixture(backend)
{
    [Test]
    public async Task RemovePicture_AfterConfirming_ShowsInitials_AndTheOldUrlNoLongerServes()
    {
        var (client, email, _) = await UserWithPictureAsync("Rosalind Franklin", TestImages.Jpeg(640, 480));
        var stored = await client.GetProfileAsync();
        client.Dispose();
        var oldUrls = new[] { stored["profile_picture_url"]!.GetValue<string>(), stored["profile_picture_thumbnail_url"]!.GetValue<string>() };
        using var anonymous = App.NewHttpClient();
        foreach (var url in oldUrls)
        {
            using var before = await anonymous.GetAsync(url);
            Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the link served before the removal");
        }

        var page = await NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/community$"));
        await GoToProfileAsync(page);
        await ExpectLoadedAsync(page.GetByRole(AriaRole.Img, new() { Name = "Rosalind Franklin, your current profile picture" }));

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove picture" }).ClickAsync();
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Remove your picture?" });
        await Expect(confirm).ToBeVisibleAsync();
        await ScreenshotAsync(page, "confirm-removal");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Keep it" }).ClickAsync();
        await Expect(confirm).ToBeHiddenAsync();
        Assert.That((await ProfileOfPageUserAsync(page)).GetProperty("profile_picture_url").GetString(), Does.StartWith("http"), "Keep it keeps it");

        await page.GetByRole(AriaRole.Button, new() { Name = "Remove picture" }).ClickAsync();
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Yes, remove it" }).ClickAsync();
        await Expect(page.GetByText("Your picture was removed.")).ToBeVisibleAsync();
        await Expect(page.Locator(".picture-card .avatar")).ToHaveTextAsync("RF");
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Rosalind Franklin, your current profile picture" })).ToHaveCountAsync(0);
        await ScreenshotAsync(page, "picture-removed");

        foreach (var url in oldUrls)
        {
            using var after = await anonymous.GetAsync(url);
            Assert.That((int)after.StatusCode, Is.AnyOf(403, 404), $"{url} no longer serves");
        }
    }
}
