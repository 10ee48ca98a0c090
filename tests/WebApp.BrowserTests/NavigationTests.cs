using System.Text.RegularExpressions;
using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApp.BrowserTests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CleanProfiles.WebApp.BrowserTests;

/// <summary>Client routes survive a reload, a lost session returns to sign-in with a message, and Swagger UI still works.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class NavigationTests(Backend backend) : BrowserFixture(backend)
{
    [Test]
    public async Task ClientRoutes_ReloadIntoTheApp_AndAnUnknownOneSaysSo()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/profile");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in$"), new() { Timeout = 10_000 });

        // Signing up from there leads to the screen that was asked for.
        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await page.GetByLabel("Your name").FillAsync("Margaret Hamilton");
        await page.GetByLabel("Email").FillAsync($"margaret-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/profile$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "About you" })).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "About you" })).ToBeVisibleAsync();
        await page.GotoAsync("/no/such/page");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "not-found");
    }

    [Test]
    public async Task ExpiredSession_ReturnsToSignIn_WithAMessage()
    {
        var page = await NewPageAsync();
        var email = await SignUpAsync(page, "Barbara Liskov");
        // Tokens live an hour on the app's clock.
        App.Factory.Clock.Advance(TimeSpan.FromHours(2));
        await page.GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in$"));
        await Expect(page.GetByText("Your session has ended. Please sign in again.")).ToBeVisibleAsync();
        Assert.That(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('cleanprofiles.session')"), Is.Null, "the token is dropped");
        await ScreenshotAsync(page, "session-ended");

        // Signed in again, the person is back where the session ended.
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/profile$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "About you" })).ToBeVisibleAsync();
    }

    [Test]
    public async Task SignIn_WithAWrongPassword_SaysSoNeutrally_AndSignUpWithATakenEmail_SaysItExists()
    {
        var page = await NewPageAsync();
        var email = await SignUpAsync(page, "Frances Allen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email or password is not right. Check both and try again.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Create an account" }).ClickAsync();
        await page.GetByLabel("Your name").FillAsync("Someone Else");
        await page.GetByLabel("Email").FillAsync(email.ToUpperInvariant());
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("An account with this email already exists.");

        await page.GetByLabel("Email").FillAsync("not an email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        var emailField = page.GetByLabel("Email");
        await Expect(emailField).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(page.GetByText("Email must be an email address such as name@example.com.")).ToBeVisibleAsync();
        await AssertAccessibleAsync(page, "sign-up-refused");
        await ScreenshotAsync(page, "sign-up-refused");
    }

    [Test]
    public async Task AFileDroppedBesideTheDropZone_IsIgnored_InsteadOfTheBrowserOpeningItInPlaceOfTheApp()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/sign-in");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        // The browser opens a dropped file unless the page cancels the drop (and the dragover before it).
        var cancelled = await page.EvaluateAsync<bool[]>(
            """
            () => ['dragover', 'drop'].map(type => {
              const data = new DataTransfer();
              data.items.add(new File(['not opened'], 'photo.jpg', { type: 'image/jpeg' }));
              return !document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
            })
            """);
        Assert.That(cancelled, Is.EqualTo(new[] { true, true }), "dragover and drop cancelled");
    }

    [Test]
    public async Task SwaggerUi_StillLoads()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/swagger");
        await Expect(page.GetByText("CleanProfiles API").First).ToBeVisibleAsync();
        await Expect(page.GetByText("/api/auth/register").First).ToBeVisibleAsync();
        await ScreenshotAsync(page, "swagger");
    }
}
