using System.Text.RegularExpressions;
using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>Everything from the keyboard alone, with a visible focus ring; axe-core finds nothing serious on any screen.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class KeyboardAndAccessibilityTests(Backend backend) : BrowserFixture(backend)
{
    [Test]
    public async Task SignUpUploadAndSave_WithTheKeyboardAlone_AndEveryScreenPassesAxe()
    {
        using var _ = (await UserWithPictureAsync("Alan Turing", TestImages.Jpeg(300, 300, 30, 90, 160))).Client;
        var page = await NewPageAsync();
        await page.GotoAsync("/sign-up");
        await AssertAccessibleAsync(page, "sign-up");
        await ScreenshotAsync(page, "sign-up");

        await TabToAsync(page, "Your name");
        await page.Keyboard.TypeAsync("Joan Clarke");
        await TabToAsync(page, "Email");
        await page.Keyboard.TypeAsync($"joan-{Guid.NewGuid():N}@example.com");
        await TabToAsync(page, "Password");
        await page.Keyboard.TypeAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/community$"));
        await ExpectLoadedAsync(page.GetByRole(AriaRole.List).GetByRole(AriaRole.Img, new() { Name = "Alan Turing" }));
        await AssertAccessibleAsync(page, "community");

        // The larger picture opens and closes from the keyboard too.
        await TabToAsync(page, "Alan Turing");
        await page.Keyboard.PressAsync("Enter");
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Alan Turing" });
        await ExpectLoadedAsync(dialog.GetByRole(AriaRole.Img, new() { Name = "Alan Turing" }));
        await AssertAccessibleAsync(page, "person");
        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToBeHiddenAsync();

        await TabToAsync(page, "My profile");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "About you" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "profile");

        await TabToAsync(page, "Choose a picture");
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(new FilePayload { Name = "joan.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(900, 700, 200, 120, 40) });
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save picture" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "profile-uploaded");
        await TabToAsync(page, "Save picture");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("Your new picture is saved.")).ToBeVisibleAsync();
        await ExpectLoadedAsync(page.GetByRole(AriaRole.Img, new() { Name = "Joan Clarke, your current profile picture" }));
        Assert.That((await ProfileOfPageUserAsync(page)).GetProperty("profile_picture_url").GetString(), Does.StartWith("http"));

        // Details: Save waits for a change; a refused field shows the server's message beside it.
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save changes" });
        await Expect(save).ToBeDisabledAsync();
        await TabToAsync(page, "Graduation year");
        await page.Keyboard.TypeAsync("1850");
        await Expect(save).ToBeEnabledAsync();
        await TabToAsync(page, "Save changes");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText(new Regex("^Graduation year must lie between 1900 and \\d{4}\\.$"))).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "profile-refused-field");
        await ScreenshotAsync(page, "profile-refused-field");

        await TabToAsync(page, "Remove picture");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Remove your picture?" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "confirm-removal");
        await page.Keyboard.PressAsync("Escape");

        await TabToAsync(page, "Sign out");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));
        await Expect(page.GetByText("You have signed out.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "sign-in");
        await ScreenshotAsync(page, "signed-out");
    }
}
