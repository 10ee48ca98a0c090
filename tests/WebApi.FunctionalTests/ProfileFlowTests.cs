using System.Net;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class ProfileFlowTests(Backend backend) : ApiFixture(backend)
{
    [Test]
    public async Task WholeFlow_RegisterUploadAttachReadListDelete_Works()
    {
        var client = await NewUserAsync("Grace Hopper");
        var upload = TestImages.Png(80, 60, red: 10, green: 200, blue: 30);
        var objectsBefore = await Factory.CountStoredObjectsAsync();

        // Upload: a server-chosen key under the caller's prefix, a signed URL of the re-encoded picture and a thumbnail.
        var uploaded = await client.UploadOkAsync(upload);
        Assert.That(uploaded["success"]!.GetValue<bool>(), Is.True);
        var key = uploaded["s3Key"]!.GetValue<string>();
        var url = uploaded["url"]!.GetValue<string>();
        Assert.That(key, Does.Match(@"^profile-pictures/[0-9a-f-]{36}/\d+-[a-z2-7]{16}\.jpg$"));
        var stored = await NewBrowser().GetByteArrayAsync(url);
        var picture = Decoded.From(stored);
        Assert.Multiple(() =>
        {
            Assert.That(picture.Loader, Does.StartWith("jpegload"));
            Assert.That((picture.Width, picture.Height), Is.EqualTo((80, 60)));
            Assert.That(picture.MeanColour[1], Is.EqualTo(200).Within(6), "the same picture, re-encoded");
            Assert.That(uploaded["size_bytes"]!.GetValue<long>(), Is.EqualTo(stored.LongLength));
        });
        var thumbnail = Decoded.From(await NewBrowser().GetByteArrayAsync(uploaded["thumbnail_url"]!.GetValue<string>()));
        Assert.That((thumbnail.Loader, thumbnail.Width, thumbnail.Height), Is.EqualTo(("webpload_buffer", 256, 256)));

        // Attach it together with other fields.
        using (var update = await client.UpdateProfileAsync(new { profile_picture_url = key, headline = "Compilers", bio = "COBOL.", graduation_year = 1934 }))
        {
            Assert.That(update.StatusCode, Is.EqualTo(HttpStatusCode.OK), await update.Content.ReadAsStringAsync());
            var body = await update.ReadJsonAsync();
            Assert.That(body["success"]!.GetValue<bool>(), Is.True);
            Assert.That(body["profile"]!["headline"]!.GetValue<string>(), Is.EqualTo("Compilers"));
        }

        // Read back: the key comes out as signed URLs serving the same stored objects.
        var profile = await client.GetProfileAsync();
        Assert.Multiple(() =>
        {
            Assert.That(profile["name"]!.GetValue<string>(), Is.EqualTo("Grace Hopper"));
            Assert.That(profile["headline"]!.GetValue<string>(), Is.EqualTo("Compilers"));
            Assert.That(profile["bio"]!.GetValue<string>(), Is.EqualTo("COBOL."));
            Assert.That(profile["graduation_year"]!.GetValue<int>(), Is.EqualTo(1934));
            Assert.That(profile["user_id"]!.GetValue<string>(), Is.Not.Empty);
            Assert.That(profile["updated_at"]!.GetValue<string>(), Is.Not.Empty);
        });
        var profileUrl = profile["profile_picture_url"]!.GetValue<string>();
        Assert.That(profileUrl, Does.Contain("sig=").Or.Contain("X-Amz-Signature="), "a key is never handed out unsigned");
        Assert.That(await NewBrowser().GetByteArrayAsync(profileUrl), Is.EqualTo(stored));
        var profileThumbnail = profile["profile_picture_thumbnail_url"]!.GetValue<string>();
        Assert.That(Decoded.From(await NewBrowser().GetByteArrayAsync(profileThumbnail)).Width, Is.EqualTo(256));

        // The community lists the profile with the same public fields.
        using (var community = await client.GetAsync("/api/community?limit=100"))
        {
            var page = await community.ReadJsonAsync();
            var me = page["alumni"]!.AsArray().Single(p => p!["user_id"]!.GetValue<string>() == profile["user_id"]!.GetValue<string>())!;
            Assert.That(me["name"]!.GetValue<string>(), Is.EqualTo("Grace Hopper"));
            Assert.That(await NewBrowser().GetByteArrayAsync(me["profile_picture_url"]!.GetValue<string>()), Is.EqualTo(stored));
        }

        // Delete: 204, the reference is cleared and neither old URL serves anything.
        using (var delete = await client.DeleteAsync("/api/profile/picture"))
        {
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        }

        var after = await client.GetProfileAsync();
        Assert.That(after["profile_picture_url"], Is.Null);
        Assert.That(after["profile_picture_thumbnail_url"], Is.Null);
        foreach (var gone in new[] { profileUrl, profileThumbnail })
        {
            using var old = await NewBrowser().GetAsync(gone);
            Assert.That(old.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden));
            Assert.That(await old.Content.ReadAsByteArrayAsync(), Is.Not.EqualTo(stored));
        }

        Assert.That(await Factory.CountStoredObjectsAsync(), Is.EqualTo(objectsBefore), "picture and thumbnail are both gone");
    }

    [Test]
    public async Task DeletePicture_WhenThereIsNone_Returns204()
    {
        var client = await NewUserAsync();

        using var response = await client.DeleteAsync("/api/profile/picture");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
    }

    [Test]
    public async Task UpdateProfile_WithNewPicture_DeletesTheReplacedObject()
    {
        var client = await NewUserAsync();
        var first = (await client.UploadOkAsync(TestImages.Png(red: 1)))["s3Key"]!.GetValue<string>();
        (await client.UpdateProfileAsync(new { profile_picture_url = first })).Dispose();
        var firstUrl = (await client.GetProfileAsync())["profile_picture_url"]!.GetValue<string>();
        var second = (await client.UploadOkAsync(TestImages.Png(red: 2)))["s3Key"]!.GetValue<string>();
        var objectsBefore = await Factory.CountStoredObjectsAsync();

        using var response = await client.UpdateProfileAsync(new { profile_picture_url = second });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        using var old = await NewBrowser().GetAsync(firstUrl);
        Assert.That(old.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden), "the replaced picture's object is gone");
        Assert.That(await Factory.CountStoredObjectsAsync(), Is.EqualTo(objectsBefore - 2), "the old picture and its thumbnail are deleted");
    }

    [Test]
    public async Task UpdateProfile_WithNullPicture_RemovesIt()
    {
        var client = await NewUserAsync();
        var key = (await client.UploadOkAsync(TestImages.Png()))["s3Key"]!.GetValue<string>();
        (await client.UpdateProfileAsync(new { profile_picture_url = key })).Dispose();

        using var response = await client.UpdateProfileAsync("""{"profile_picture_url": null}""");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await client.GetProfileAsync())["profile_picture_url"], Is.Null);
    }

    [Test]
    public async Task UpdateProfile_AbsentFields_StayUnchanged()
    {
        var client = await NewUserAsync("Original Name");
        (await client.UpdateProfileAsync(new { headline = "First", bio = "Bio", graduation_year = 2001 })).Dispose();

        using var response = await client.UpdateProfileAsync(new { headline = "Second" });

        var profile = (await response.ReadJsonAsync())["profile"]!;
        Assert.Multiple(() =>
        {
            Assert.That(profile["name"]!.GetValue<string>(), Is.EqualTo("Original Name"));
            Assert.That(profile["headline"]!.GetValue<string>(), Is.EqualTo("Second"));
            Assert.That(profile["bio"]!.GetValue<string>(), Is.EqualTo("Bio"));
            Assert.That(profile["graduation_year"]!.GetValue<int>(), Is.EqualTo(2001));
        });
    }

    [Test]
    public async Task UpdateProfile_ResponseTimestamp_MatchesWhatIsReadBack()
    {
        var client = await NewUserAsync();

        using var response = await client.UpdateProfileAsync(new { bio = "x" });

        var written = (await response.ReadJsonAsync())["profile"]!["updated_at"]!.GetValue<DateTimeOffset>();
        var read = (await client.GetProfileAsync())["updated_at"]!.GetValue<DateTimeOffset>();
        Assert.That(read, Is.EqualTo(written));
    }
}
