using System.Text.Json;
using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>
/// After every action the keyboard focus is somewhere that makes sense (never back at the start of the page), status
/// messages arrive in live regions that were already there, and the browser refuses what it can tell is wrong.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class FocusTests(Backend backend) : BrowserFixture(backend)
{
    [Test]
    public async Task ProfileAndPicture_FromTheKeyboard_KeepTheFocusInPlace_AndAnnounceInLiveRegions()
    {
        var page = await NewPageAsync();
        var updates = 0;
        page.Request += (_, request) => updates += request.Url.EndsWith("/api/profile/update", StringComparison.Ordinal) ? 1 : 0;
        await SignUpAsync(page, "Evelyn Granville");
        var main = page.Locator("main");
        await Expect(main).ToBeFocusedAsync();
        await GoToProfileAsync(page);
        await Expect(main).ToBeFocusedAsync();

        // A year that is not digits is refused in the form (it would reach the API as null and clear the year).
        var details = page.Locator("section", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "About you" }) });
        var detailsStatus = await details.GetByRole(AriaRole.Status).ElementHandleAsync();
        var year = page.GetByLabel("Graduation year");
        await TabToAsync(page, "Graduation year");
        await page.Keyboard.TypeAsync("19x5");
        await TabToAsync(page, "Save changes");
        await page.Keyboard.PressAsync("Enter");
        await Expect(year).ToBeFocusedAsync();
        await Expect(year).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(details.GetByText("Graduation year must be a year in digits, such as 2015, or left empty.")).ToBeVisibleAsync();
        Assert.That(updates, Is.Zero, "nothing was sent");

        // Correcting the field clears its message; after the save the focus stays on Save, and the news arrives in
        // the status region that was there all along.
        await year.FillAsync("1949");
        await Expect(year).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await TabToAsync(page, "Save changes");
        await page.Keyboard.PressAsync("Enter");
        await Expect(details.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your profile is saved.");
        Assert.That(await detailsStatus.TextContentAsync(), Is.EqualTo("Your profile is saved."), "the same live region as before the save");
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save changes" });
        await Expect(save).ToBeFocusedAsync();
        await Expect(save).ToBeDisabledAsync();
        Assert.That((await ProfileOfPageUserAsync(page)).GetProperty("graduation_year").GetInt32(), Is.EqualTo(1949));

        // The chooser keeps the focus through the upload; Save picture is the next Tab; after saving, the focus is back
        // on the chooser (the button is gone).
        var chooser = page.GetByLabel("Choose a picture");
        await TabToAsync(page, "Choose a picture");
        var fileChooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        await fileChooser.SetFilesAsync(new FilePayload { Name = "evelyn.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(800, 600, 20, 140, 90) });
        var savePicture = page.GetByRole(AriaRole.Button, new() { Name = "Save picture" });
        await Expect(savePicture).ToBeVisibleAsync();
        await Expect(chooser).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(savePicture).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("Your new picture is saved.")).ToBeVisibleAsync();
        await Expect(chooser).ToBeFocusedAsync();

        // The removal question opens on its safe answer: Enter keeps the picture.
        await TabToAsync(page, "Remove picture");
        await page.Keyboard.PressAsync("Enter");
        var confirm = page.GetByRole(AriaRole.Dialog, new() { Name = "Remove your picture?" });
        await Expect(confirm).ToHaveAccessibleDescriptionAsync(
            "Your initials will be shown instead. The picture is deleted and cannot be brought back.");
        await Expect(confirm.GetByRole(AriaRole.Button, new() { Name = "Keep it" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(confirm).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Remove picture" })).ToBeFocusedAsync();
        var profile = await ProfileOfPageUserAsync(page);
        Assert.That(profile.GetProperty("profile_picture_url").ValueKind, Is.EqualTo(JsonValueKind.String), "the picture is kept");

        // Confirmed, the picture goes; the initials say what they stand for, and the focus is on the chooser again.
        await page.Keyboard.PressAsync("Enter");
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Yes, remove it" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("Your picture was removed.")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Evelyn Granville: no picture yet, your initials are shown" })).ToBeVisibleAsync();
        await Expect(chooser).ToBeFocusedAsync();
        await AssertAccessibleAsync(page, "profile-picture-removed");
    }
}
