using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>A save that loses a race (the API's 409) reloads the profile, says so, and keeps the person's own edits.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class ConflictTests(Backend backend) : BrowserFixture(backend)
{
    private readonly ChangeBeforeSave changeBeforeSave = new();

    protected override void ConfigureServices(IServiceCollection services) => changeBeforeSave.Register(services);

    [Test]
    public async Task SaveWhileTheProfileChangesElsewhere_Gets409_ShowsTheLatestWithOwnEditsKept_AndSavesThemNext()
    {
        var page = await NewPageAsync();
        await SignUpAsync(page, "Mary Jackson");
        await GoToProfileAsync(page);
        var token = await page.EvaluateAsync<string>("() => JSON.parse(sessionStorage.getItem('cleanprofiles.session')).token");
        using var elsewhere = App.NewHttpClient().WithToken(token);

        await page.GetByLabel("Headline").FillAsync("Aerospace engineer");
        // Another tab saves the bio between the app's read of the profile and its commit.
        changeBeforeSave.Arm(async () =>
        {
            using var response = await elsewhere.UpdateProfileAsync(new { bio = "Written in another tab." });
            Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        });
        var save = page.GetByRole(AriaRole.Button, new() { Name = "Save changes" });
        var answer = await page.RunAndWaitForResponseAsync(() => save.ClickAsync(), r => r.Url.EndsWith("/api/profile/update", StringComparison.Ordinal));
        Assert.Multiple(() =>
        {
            Assert.That(changeBeforeSave.Fired, Is.True, "the other tab's change ran first");
            Assert.That(answer.Status, Is.EqualTo(409), "the API refused the stale save");
        });

        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync(
            "Your profile was changed elsewhere in the meantime. The latest version is shown now, with your changes kept: check it and save again.");
        await Expect(page.GetByLabel("About me")).ToHaveValueAsync("Written in another tab.");
        await Expect(page.GetByLabel("Headline")).ToHaveValueAsync("Aerospace engineer");
        await Expect(save).ToBeFocusedAsync();
        await ScreenshotAsync(page, "profile-changed-elsewhere");

        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByText("Your profile is saved.")).ToBeVisibleAsync();
        var stored = await ProfileOfPageUserAsync(page);
        Assert.Multiple(() =>
        {
            Assert.That(stored.GetProperty("headline").GetString(), Is.EqualTo("Aerospace engineer"));
            Assert.That(stored.GetProperty("bio").GetString(), Is.EqualTo("Written in another tab."), "the other tab's change is kept");
        });
    }
}
