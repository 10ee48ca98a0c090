using System.Net;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class UpdateProfileTests(Backend backend) : ApiFixture(backend)
{
    [Test]
    public async Task Update_WithAnotherUsersKey_Returns400AndChangesNothing()
    {
        var alice = await NewUserAsync("Alice");
        var aliceKey = (await alice.UploadOkAsync(TestImages.Png()))["s3Key"]!.GetValue<string>();
        var bob = await NewUserAsync("Bob");
        var before = (await bob.GetProfileAsync()).ToJsonString();

        using var response = await bob.UpdateProfileAsync(new { profile_picture_url = aliceKey, headline = "changed?" });

        await response.ShouldBeValidationProblemAsync("profile_picture_url");
        Assert.That((await bob.GetProfileAsync()).ToJsonString(), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_WithAnotherUsersAttachedKey_Returns400()
    {
        var alice = await NewUserAsync("Alice");
        var aliceKey = (await alice.UploadOkAsync(TestImages.Png()))["s3Key"]!.GetValue<string>();
        (await alice.UpdateProfileAsync(new { profile_picture_url = aliceKey })).Dispose();
        var bob = await NewUserAsync("Bob");

        using var response = await bob.UpdateProfileAsync(new { profile_picture_url = aliceKey });

        await response.ShouldBeValidationProblemAsync("profile_picture_url");
        Assert.That((await bob.GetProfileAsync())["profile_picture_url"], Is.Null);
    }

    [Test]
    public async Task Update_WithWellFormedButNeverUploadedOwnKey_Returns400()
    {
        var client = await NewUserAsync();
        var userId = (await client.GetProfileAsync())["user_id"]!.GetValue<string>();

        using var response = await client.UpdateProfileAsync(new { profile_picture_url = $"profile-pictures/{userId}/1700000000000-abcdefghijklmnop.png" });

        await response.ShouldBeValidationProblemAsync("profile_picture_url");
    }

    [Test]
    public async Task Update_WithKeyWhoseObjectWasDeleted_Returns400()
    {
        var client = await NewUserAsync();
        var key = (await client.UploadOkAsync(TestImages.Png()))["s3Key"]!.GetValue<string>();
        (await client.UpdateProfileAsync(new { profile_picture_url = key })).Dispose();
        (await client.DeleteAsync("/api/profile/picture")).Dispose();

        using var response = await client.UpdateProfileAsync(new { profile_picture_url = key });

        await response.ShouldBeValidationProblemAsync("profile_picture_url");
    }

    [TestCase("http://example.com/a.png")]
    [TestCase("https://example.com/a.png")]
    [TestCase("javascript:alert(1)")]
    [TestCase("data:text/html,<script>alert(1)</script>")]
    [TestCase("//evil.example/a.png")]
    [TestCase("../../etc/passwd")]
    [TestCase("profile-pictures/../secrets/a.png")]
    [TestCase("")]
    public async Task Update_WithAnythingButAnOwnKey_Returns400AndChangesNothing(string value)
    {
        var client = await NewUserAsync();
        var key = (await client.UploadOkAsync(TestImages.Png()))["s3Key"]!.GetValue<string>();
        (await client.UpdateProfileAsync(new { profile_picture_url = key })).Dispose();
        var before = (await client.GetProfileAsync()).ToJsonString();

        using var response = await client.UpdateProfileAsync(new { profile_picture_url = value, name = "Changed" });

        await response.ShouldBeValidationProblemAsync("profile_picture_url");
        Assert.That((await client.GetProfileAsync()).ToJsonString(), Is.EqualTo(before));
    }

    [Test]
    public async Task Update_WithOwnKeyPathTrick_Returns400()
    {
        var client = await NewUserAsync();
        var key = (await client.UploadOkAsync(TestImages.Png()))["s3Key"]!.GetValue<string>();

        using var response = await client.UpdateProfileAsync(new { profile_picture_url = key.Replace("profile-pictures/", "profile-pictures/../profile-pictures/", StringComparison.Ordinal) });

        await response.ShouldBeValidationProblemAsync("profile_picture_url");
    }

    [Test]
    public async Task Update_WithKeyOver1024Bytes_Returns400()
    {
        var client = await NewUserAsync();

        using var response = await client.UpdateProfileAsync(new { profile_picture_url = "profile-pictures/" + new string('a', 1100) + ".png" });

        await response.ShouldBeValidationProblemAsync("profile_picture_url");
    }

    [Test]
    public async Task Update_WithInvalidFields_Returns400NamingEachAndChangesNothing()
    {
        var client = await NewUserAsync();
        var before = (await client.GetProfileAsync()).ToJsonString();

        using var response = await client.UpdateProfileAsync(new
        {
            name = "",
            headline = new string('h', 161),
            bio = new string('b', 2001),
            graduation_year = DateTime.UtcNow.Year + 11,
        });

        var problem = await response.ShouldBeValidationProblemAsync("name");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "name", "headline", "bio", "graduation_year" }));
        Assert.That((await client.GetProfileAsync()).ToJsonString(), Is.EqualTo(before));
    }

    [TestCase("""{"name": null}""", "name")]
    [TestCase("""{"name": "   "}""", "name")]
    [TestCase("""{"graduation_year": 1899}""", "graduation_year")]
    [TestCase("""{"graduation_year": "abc"}""", "graduation_year")]
    [TestCase("""{"graduation_year": 20.5}""", "graduation_year")]
    [TestCase("""{"name": 42}""", "name")]
    [TestCase("""{"profile_picture_url": 5}""", "profile_picture_url")]
    public async Task Update_WithBadValue_Returns400NamingTheField(string json, string field)
    {
        var client = await NewUserAsync();

        using var response = await client.UpdateProfileAsync(json);

        await response.ShouldBeValidationProblemAsync(field);
    }

    [TestCase("""{"graduation_year": "abc"}""", "graduation_year", "graduation_year has the wrong type or is not valid JSON.")]
    [TestCase("""{"name": 42}""", "name", "name has the wrong type or is not valid JSON.")]
    [TestCase("""{"bio": "unterminated""", "bio", "bio has the wrong type or is not valid JSON.")]
    [TestCase("[1,2]", "body", "The body must be a JSON object.")]
    [TestCase("", "body", "A JSON body is required.")]
    public async Task Update_WithUnreadableJson_SaysWhatIsWrongWithoutFrameworkWording(string json, string field, string message)
    {
        var client = await NewUserAsync();

        using var response = await client.UpdateProfileAsync(json);

        var problem = await response.ShouldBeValidationProblemAsync(field);
        Assert.That(problem["errors"]![field]!.AsArray().Select(m => m!.GetValue<string>()), Is.EqualTo(new[] { message }));
    }

    [TestCase("not json")]
    [TestCase("[1,2]")]
    public async Task Update_WithMalformedBody_Returns400Problem(string json)
    {
        var client = await NewUserAsync();

        using var response = await client.UpdateProfileAsync(json);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Update_WithBoundaryValues_IsAccepted()
    {
        var client = await NewUserAsync();

        using var response = await client.UpdateProfileAsync(new
        {
            name = new string('n', 100),
            headline = new string('h', 160),
            bio = new string('b', 2000),
            graduation_year = DateTime.UtcNow.Year + 10,
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Update_WithNullHeadline_ClearsIt()
    {
        var client = await NewUserAsync();
        (await client.UpdateProfileAsync(new { headline = "Something" })).Dispose();

        using var response = await client.UpdateProfileAsync("""{"headline": null}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetProfileAsync())["headline"], Is.Null);
    }
}
