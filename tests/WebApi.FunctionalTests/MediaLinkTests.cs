using System.Net;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.WebApi.FunctionalTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>The signed links a browser gets: they serve exactly one object until they expire, and nothing else.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class MediaLinkTests(Backend backend) : ApiFixture(backend)
{
    [Test]
    public async Task SignedUrl_ServesTheBytesWithSafeHeaders()
    {
        var url = await UploadAsync(TestImages.Png(30, 20, red: 77));

        using var response = await NewBrowser().GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var picture = Decoded.From(await response.Content.ReadAsByteArrayAsync());
        Assert.That((picture.Loader, picture.Width, picture.Height), Is.EqualTo(("jpegload_buffer", 30, 20)));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/jpeg"));
        var cacheControl = response.Headers.CacheControl!;
        Assert.Multiple(() =>
        {
            Assert.That(cacheControl.Private, Is.True);
            Assert.That(cacheControl.MaxAge, Is.GreaterThan(TimeSpan.FromDays(6)).And.LessThanOrEqualTo(TimeSpan.FromDays(7)));
            Assert.That(cacheControl.Extensions.Select(e => e.Name), Does.Contain("immutable"));
        });
        if (Backend == Backend.Embedded)
        {
            // S3 serves no such header; the local media endpoint adds it because it shares the API's origin.
            Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Does.Contain("nosniff"));
        }
    }

    [Test]
    public async Task SignedUrl_IsStableForAWhile_SoBrowsersCanCacheIt()
    {
        var client = await NewUserAsync();
        var key = (await client.UploadOkAsync(TestImages.Png()))["s3Key"]!.GetValue<string>();
        (await client.UpdateProfileAsync(new { profile_picture_url = key })).Dispose();

        var first = (await client.GetProfileAsync())["profile_picture_url"]!.GetValue<string>();
        var second = (await client.GetProfileAsync())["profile_picture_url"]!.GetValue<string>();

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public async Task SignedUrl_WithTamperedSignature_Returns403()
    {
        var url = await UploadAsync(TestImages.Png());
        var tampered = url[..^2] + (url[^2] == 'A' ? "BB" : "AA");

        using var response = await NewBrowser().GetAsync(tampered);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task SignedUrl_ForAnotherKey_Returns403()
    {
        var first = new Uri(await UploadAsync(TestImages.Png(red: 1)));
        var second = new Uri(await UploadAsync(TestImages.Png(red: 2)));
        var swapped = new UriBuilder(first) { Query = second.Query.TrimStart('?') }.Uri;

        using var response = await NewBrowser().GetAsync(swapped);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task SignedUrl_WithoutSignature_Returns403()
    {
        var url = new Uri(await UploadAsync(TestImages.Png()));

        using var response = await NewBrowser().GetAsync(url.GetLeftPart(UriPartial.Path));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.Not.EqualTo(TestImages.Png()));
    }

    [Test]
    public async Task SignedUrl_AfterItExpired_Returns403()
    {
        var client = await NewUserAsync();
        var body = await client.UploadOkAsync(TestImages.Png());
        string url;
        if (Backend == Backend.Embedded)
        {
            url = body["url"]!.GetValue<string>();
            Factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        }
        else
        {
            // An S3 server judges expiry by its own clock: sign a one-second URL with the app's store and let it run out.
            var storage = Factory.Services.GetRequiredService<IObjectStorage>();
            url = (await storage.GetReadUrlAsync(body["s3Key"]!.GetValue<string>(), TimeSpan.FromSeconds(1), CancellationToken.None)).Url.AbsoluteUri;
            await Task.Delay(TimeSpan.FromSeconds(3));
        }

        using var response = await NewBrowser().GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task SignedUrl_JustBeforeExpiry_StillServes()
    {
        var client = await NewUserAsync();
        var body = await client.UploadOkAsync(TestImages.Png());
        var expiresAt = body["expires_at"]!.GetValue<DateTimeOffset>();
        Factory.Clock.SetUtcNow(expiresAt - TimeSpan.FromSeconds(1));

        using var response = await NewBrowser().GetAsync(body["url"]!.GetValue<string>());

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/media/../../../../etc/passwd")]
    [TestCase("/media/%2e%2e/%2e%2e/etc/passwd")]
    [TestCase("/media/profile-pictures/..%2f..%2fprofiles.db")]
    [TestCase("/media/profiles.db")]
    public async Task MediaPath_OutsideTheStore_IsRefused(string path)
    {
        if (Backend != Backend.Embedded)
        {
            Assert.That(path, Does.StartWith("/media/"), "the media endpoint only exists for the local-disk store");
            return;
        }

        using var response = await NewBrowser().GetAsync(path + "?expires=9999999999&sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        if (response.RequestMessage!.RequestUri!.AbsolutePath.StartsWith("/media/", StringComparison.Ordinal))
        {
            Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound));
        }
        else
        {
            // The client resolved the dots before sending (/etc/passwd): a client route of the browser app, never a file.
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        }

        var body = await response.Content.ReadAsStringAsync();
        Assert.That(body, Does.Not.Contain("root:").And.Not.Contain("SQLite format"));
    }

    private async Task<string> UploadAsync(byte[] picture)
    {
        var client = await NewUserAsync();
        return (await client.UploadOkAsync(picture))["url"]!.GetValue<string>();
    }
}
