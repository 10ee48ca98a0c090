using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// The JSON names of every response, in the order they are written: the original contract's, produced by one naming
/// policy from the application's own DTOs.
/// </summary>
public sealed class WireNamesTests() : ApiFixture(Backend.Embedded)
{
    private static readonly string[] ProfileFields =
        ["user_id", "name", "headline", "bio", "graduation_year", "profile_picture_url", "profile_picture_thumbnail_url", "updated_at"];

    [Test]
    public async Task Responses_UseTheContractsNamesInOrder()
    {
        var client = NewClient();
        var email = $"wire-{Guid.NewGuid():N}@example.com";
        using var register = await client.PostAsJsonAsync("/api/auth/register", new { email, password = "correct horse battery", name = "Wire" });
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { email, password = "correct horse battery" });
        var token = (await login.ReadJsonAsync())["access_token"]!.GetValue<string>();
        client.WithToken(token);
        using var upload = await client.UploadAsync(TestImages.Png(), "a.png", "image/png");
        var uploaded = await upload.ReadJsonAsync();
        using var update = await client.UpdateProfileAsync(new { profile_picture_url = uploaded["s3Key"]!.GetValue<string>(), graduation_year = 2001 });
        using var profile = await client.GetAsync("/api/profile");
        using var community = await client.GetAsync("/api/community?limit=1");

        var updated = await update.ReadJsonAsync();
        var page = await community.ReadJsonAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(Names(await register.ReadJsonAsync()), Is.EqualTo(new[] { "access_token", "token_type", "expires_in" }));
            Assert.That(Names(uploaded), Is.EqualTo(new[]
            {
                "success", "url", "s3Key", "thumbnail_url", "expires_at", "content_type", "size_bytes", "width", "height",
            }));
            Assert.That(Names(updated), Is.EqualTo(new[] { "success", "profile" }));
            Assert.That(Names(updated["profile"]!.AsObject()), Is.EqualTo(ProfileFields));
            Assert.That(Names((await profile.ReadJsonAsync())["profile"]!.AsObject()), Is.EqualTo(ProfileFields));
            Assert.That(Names(page), Is.EqualTo(new[] { "alumni", "next_cursor" }));
            Assert.That(Names(page["alumni"]![0]!.AsObject()), Is.EqualTo(ProfileFields));
        });
    }

    [Test]
    public async Task ValidationErrors_AreKeyedByTheContractsFieldNames()
    {
        var client = await NewUserAsync();

        using var fields = await client.UpdateProfileAsync(new { name = "", graduation_year = 1066 });
        using var picture = await client.UpdateProfileAsync(new { profile_picture_url = "https://evil.example/x.png" });

        var fieldsProblem = await fields.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var pictureProblem = await picture.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(Names(fieldsProblem["errors"]!.AsObject()), Is.EquivalentTo(new[] { "name", "graduation_year" }));
        Assert.That(Names(pictureProblem["errors"]!.AsObject()), Is.EqualTo(new[] { "profile_picture_url" }));
    }

    private static string[] Names(JsonObject json) => json.Select(p => p.Key).ToArray();
}
