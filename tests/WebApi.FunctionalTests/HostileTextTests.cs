using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// The hostile-input corpus for text: NUL and other control characters, unpaired surrogates, invisible names and
/// direction overrides, in every text field. Each is refused with a 400 problem naming the field, on both stacks
/// (PostgreSQL refuses NUL with an error of its own, which used to surface as a 500), and changes nothing.
/// JSON bodies are written by hand so the characters travel as JSON escapes, exactly as an attacker sends them.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class HostileTextTests(Backend backend) : ApiFixture(backend)
{
    public sealed record HostileText(string Name, string Escaped);

    // Control characters (C0, DEL, C1) and an unpaired surrogate: refused in every field.
    private static readonly HostileText[] NotText =
    [
        new("NUL U+0000", @"\u0000"),
        new("SOH U+0001", @"\u0001"),
        new("ESC U+001B", @"\u001b"),
        new("DEL U+007F", @"\u007f"),
        new("NEL U+0085 (C1)", @"\u0085"),
        new("APC U+009F (C1)", @"\u009f"),
        new("unpaired high surrogate U+D800", @"\ud800"),
        new("unpaired low surrogate U+DC00", @"\udc00"),
    ];

    // Names with no visible character: each alone, or padded with spaces.
    private static readonly HostileText[] Invisible =
    [
        new("zero-width spaces U+200B", @"\u200b\u200b\u200b"),
        new("zero-width joiners U+200D", @"\u200d\u200d"),
        new("zero-width non-joiner U+200C", @"\u200c"),
        new("byte order mark U+FEFF", @"\ufeff"),
        new("Arabic letter mark U+061C", @"\u061c"),
        new("Mongolian vowel separator U+180E", @"\u180e"),
        new("word joiner U+2060", @"\u2060"),
        new("Hangul filler U+3164", @"\u3164\u3164"),
        new("Braille blank U+2800", @"\u2800"),
        new("combining acute accent alone U+0301", @"\u0301"),
        new("spaces around zero-width characters", @"  \u200b \u200d\ufeff  "),
        new("left-to-right mark U+200E alone", @"\u200e"),
    ];

    // Direction overrides, embeddings and isolates: refused in names and headlines, even beside visible text.
    private static readonly HostileText[] DirectionControls =
    [
        new("right-to-left override U+202E", @"Eve\u202Egnp.exe"),
        new("left-to-right embedding U+202A", @"\u202AEve"),
        new("right-to-left embedding U+202B", @"Eve\u202B"),
        new("pop directional formatting U+202C", @"Eve\u202C"),
        new("left-to-right override U+202D", @"Eve\u202D"),
        new("left-to-right isolate U+2066", @"Eve\u2066"),
        new("right-to-left isolate U+2067", @"\u2067Eve"),
        new("first strong isolate U+2068", @"Eve\u2068x"),
        new("pop directional isolate U+2069", @"Eve\u2069"),
    ];

    public static IEnumerable<TestCaseData> NotTextCases() => Cases(NotText);

    public static IEnumerable<TestCaseData> InvisibleNames() => Cases(Invisible);

    public static IEnumerable<TestCaseData> DirectionCases() => Cases(DirectionControls);

    // ---------------------------------------------------------------- sign-in and sign-up

    [TestCaseSource(nameof(NotTextCases))]
    public async Task Login_EmailThatIsNotText_Returns400NamingEmailAndChangesNothing(HostileText text)
    {
        await ShouldBeRefusedAsync(
            () => PostJsonAsync(NewClient(), "/api/auth/login", $$"""{"email":"victim{{text.Escaped}}@example.com","password":"whatever it is"}"""),
            "email");
    }

    [TestCaseSource(nameof(NotTextCases))]
    public async Task Login_PasswordThatIsNotText_Returns400NamingPassword(HostileText text)
    {
        await ShouldBeRefusedAsync(
            () => PostJsonAsync(NewClient(), "/api/auth/login", $$"""{"email":"someone@example.com","password":"pass{{text.Escaped}}word"}"""),
            "password");
    }

    [TestCaseSource(nameof(NotTextCases))]
    public async Task Register_EmailPasswordOrNameThatIsNotText_Returns400NamingTheField(HostileText text)
    {
        var unique = Guid.NewGuid().ToString("N");
        foreach (var (field, json) in new[]
        {
            ("email", $$"""{"email":"a{{unique}}{{text.Escaped}}@example.com","password":"correct horse battery","name":"Ann"}"""),
            ("password", $$"""{"email":"b{{unique}}@example.com","password":"correct{{text.Escaped}}horse","name":"Ann"}"""),
            ("name", $$"""{"email":"c{{unique}}@example.com","password":"correct horse battery","name":"Ann{{text.Escaped}}Lee"}"""),
        })
        {
            await ShouldBeRefusedAsync(() => PostJsonAsync(NewClient(), "/api/auth/register", json), field);
        }
    }

    [TestCaseSource(nameof(InvisibleNames))]
    public async Task Register_NameWithNoVisibleCharacter_Returns400NamingName(HostileText text)
    {
        var json = $$"""{"email":"u{{Guid.NewGuid():N}}@example.com","password":"correct horse battery","name":"{{text.Escaped}}"}""";

        var problem = await ShouldBeRefusedAsync(() => PostJsonAsync(NewClient(), "/api/auth/register", json), "name");

        Assert.That(problem["errors"]!["name"]![0]!.GetValue<string>(), Does.Contain("visible").Or.Contain("1 to 100"));
    }

    [TestCaseSource(nameof(DirectionCases))]
    public async Task Register_NameWithDirectionOverrideOrIsolate_Returns400NamingName(HostileText text)
    {
        var json = $$"""{"email":"u{{Guid.NewGuid():N}}@example.com","password":"correct horse battery","name":"{{text.Escaped}}"}""";

        var problem = await ShouldBeRefusedAsync(() => PostJsonAsync(NewClient(), "/api/auth/register", json), "name");

        Assert.That(problem["errors"]!["name"]![0]!.GetValue<string>(), Does.Contain("text direction"));
    }

    // ---------------------------------------------------------------- the profile

    [TestCaseSource(nameof(NotTextCases))]
    public async Task Update_NameHeadlineOrBioThatIsNotText_Returns400NamingTheField(HostileText text)
    {
        var client = await NewUserAsync("Original Name");
        foreach (var field in new[] { "name", "headline", "bio" })
        {
            await ShouldBeRefusedAsync(() => client.UpdateProfileAsync($$"""{"{{field}}":"Hello{{text.Escaped}}there"}"""), field);
        }
    }

    [TestCaseSource(nameof(InvisibleNames))]
    public async Task Update_NameWithNoVisibleCharacter_Returns400NamingName(HostileText text)
    {
        var client = await NewUserAsync("Original Name");

        await ShouldBeRefusedAsync(() => client.UpdateProfileAsync($$"""{"name":"{{text.Escaped}}","headline":"changed"}"""), "name");

        Assert.That((await client.GetProfileAsync())["name"]!.GetValue<string>(), Is.EqualTo("Original Name"));
    }

    [TestCaseSource(nameof(DirectionCases))]
    public async Task Update_NameOrHeadlineWithDirectionOverrideOrIsolate_Returns400NamingTheField(HostileText text)
    {
        var client = await NewUserAsync("Original Name");
        foreach (var field in new[] { "name", "headline" })
        {
            await ShouldBeRefusedAsync(() => client.UpdateProfileAsync($$"""{"{{field}}":"{{text.Escaped}}"}"""), field);
        }
    }

    [Test]
    public async Task Update_BioWithTabsAndLineBreaks_IsStored()
    {
        var client = await NewUserAsync();

        using var response = await client.UpdateProfileAsync("""{"bio":"Line one\r\n\tindented\nline three"}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That((await client.GetProfileAsync())["bio"]!.GetValue<string>(), Is.EqualTo("Line one\r\n\tindented\nline three"));
    }

    [Test]
    public async Task Update_NameAndHeadline_AreStoredNfcNormalisedAndTrimmed_AsTheyAreShown()
    {
        var client = await NewUserAsync();

        // "Jose" + combining acute (NFD) with surrounding spaces; an emoji family joined by ZWJ; a Persian name with a
        // zero-width non-joiner and a right-to-left mark (marks stay allowed, only overrides and isolates are refused).
        using var response = await client.UpdateProfileAsync(
            """{"name":"  Jose\u0301 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67  ","headline":" \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\u200f  "}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var profile = await client.GetProfileAsync();
        var shown = (await NewUserAsync()).GetAsync("/api/community?limit=100");
        using var community = await shown;
        var listed = (await community.ReadJsonAsync())["alumni"]!.AsArray()
            .Single(a => a!["user_id"]!.GetValue<string>() == profile["user_id"]!.GetValue<string>())!;
        Assert.Multiple(() =>
        {
            Assert.That(profile["name"]!.GetValue<string>(), Is.EqualTo("Jos\u00e9 \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67"));
            Assert.That(profile["headline"]!.GetValue<string>(), Is.EqualTo("\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645\u200f"));
            Assert.That(listed["name"]!.GetValue<string>(), Is.EqualTo(profile["name"]!.GetValue<string>()), "the community shows what is stored");
        });
    }

    // ---------------------------------------------------------------- the community cursor

    [TestCaseSource(nameof(NotTextCases))]
    public async Task Community_CursorWhoseNamePartIsNotText_Returns400NamingCursor(HostileText text)
    {
        var client = await NewUserAsync();
        var json = $$"""{"N":"Ann{{text.Escaped}}","I":"{{Guid.NewGuid()}}"}""";
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

        await ShouldBeRefusedAsync(() => client.GetAsync($"/api/community?cursor={cursor}"), "cursor");
    }

    [Test]
    public async Task Community_CursorThatIsNotBase64Url_Returns400NamingCursor()
    {
        var client = await NewUserAsync();

        await ShouldBeRefusedAsync(() => client.GetAsync("/api/community?cursor=%00abc"), "cursor");
    }

    // ---------------------------------------------------------------- helpers

    private static IEnumerable<TestCaseData> Cases(IEnumerable<HostileText> cases) =>
        cases.Select(c => new TestCaseData(c).SetArgDisplayNames(c.Name));

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>Sends, then asserts a 400 problem naming <paramref name="field"/> and that no row or object changed.</summary>
    private async Task<JsonObject> ShouldBeRefusedAsync(Func<Task<HttpResponseMessage>> send, string field)
    {
        var before = await Factory.SnapshotAsync();
        using var response = await send();
        var after = await Factory.SnapshotAsync();

        var problem = await response.ShouldBeValidationProblemAsync(field);
        Assert.That(after, Is.EqualTo(before), "nothing stored, no row changed");
        return problem;
    }
}
