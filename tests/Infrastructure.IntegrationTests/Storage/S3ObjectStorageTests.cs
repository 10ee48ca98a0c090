using System.Globalization;
using System.Net;
using System.Web;
using Amazon.S3.Model;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Infrastructure.IntegrationTests.Support;
using CleanProfiles.Infrastructure.Storage;
using CleanProfiles.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CleanProfiles.Infrastructure.IntegrationTests.Storage;

/// <summary><see cref="S3ObjectStorage"/> against a real S3-compatible server (OpenStack Swift with s3api), in a bucket of its own.</summary>
public sealed class S3ObjectStorageTests : IDisposable
{
    private const string AllUsers = "http://acs.amazonaws.com/groups/global/AllUsers";

    private string bucket = null!;
    private S3Store store = null!;
    private HttpClient browser = null!;

    [OneTimeSetUp]
    public async Task CreateBucket()
    {
        _ = TestServers.S3ServiceUrl; // without a server, fail naming the server (not its credentials) first
        bucket = await TestServers.CreateBucketAsync();
        store = new S3Store(bucket);
        browser = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
    }

    [OneTimeTearDown]
    public async Task DeleteBucket()
    {
        if (bucket is not null)
        {
            await TestServers.DeleteBucketAsync(bucket);
        }
    }

    public void Dispose()
    {
        browser?.Dispose();
        store?.Dispose();
    }

    [Test]
    public async Task PutAsync_LargeRandomPayload_StoresIdenticalBytes(
        [Values(2 * 1024 * 1024, 5 * 1024 * 1024)] int size,
        [Values] bool seekable)
    {
        // Arrange
        var payload = Bytes.Random(size);
        var key = NewKey("bin");
        await using Stream input = seekable ? new MemoryStream(payload) : new NonSeekableStream(payload);

        // Act
        await store.Storage.PutAsync(key, input, "image/png", CancellationToken.None);

        // Assert
        using var s3 = TestServers.CreateS3Client();
        using var stored = await s3.GetObjectAsync(bucket, key);
        await using var body = stored.ResponseStream;
        Assert.That(stored.ContentLength, Is.EqualTo(size));
        Assert.That(await Bytes.Sha256Async(body), Is.EqualTo(Bytes.Sha256(payload)));
    }

    [Test]
    public async Task PutAsync_Object_HasContentTypeAndPrivateImmutableCacheControl()
    {
        // Arrange
        var key = NewKey("webp");
        var maxAge = (long)Math.Min(store.Pictures.UrlLifetime.TotalSeconds, S3ObjectStorage.MaxPresignLifetime.TotalSeconds);

        // Act
        await PutAsync(key, Bytes.Random(1000), "image/webp");

        // Assert
        using var s3 = TestServers.CreateS3Client();
        var metadata = await s3.GetObjectMetadataAsync(bucket, key);
        Assert.That(metadata.Headers.ContentType, Is.EqualTo("image/webp"));
        AssertPrivateImmutable(metadata.Headers.CacheControl, maxAge);
        Assert.That(maxAge, Is.EqualTo(604_740));
    }

    [Test]
    public async Task PutAsync_ShorterUrlLifetime_CacheControlMaxAgeFollowsIt()
    {
        // Arrange
        using var shortLived = new S3Store(bucket, pictures: new PicturesOptions { UrlLifetime = TimeSpan.FromHours(2) });
        var key = NewKey("png");

        // Act
        await shortLived.Storage.PutAsync(key, new MemoryStream(Bytes.Random(10)), "image/png", CancellationToken.None);

        // Assert
        using var s3 = TestServers.CreateS3Client();
        var metadata = await s3.GetObjectMetadataAsync(bucket, key);
        AssertPrivateImmutable(metadata.Headers.CacheControl, 7200);
    }

    [Test]
    public async Task PutAsync_Object_HasNoPublicGrant()
    {
        // Arrange
        var key = NewKey("png");

        // Act
        await PutAsync(key, Bytes.Random(100), "image/png");

        // Assert
        using var s3 = TestServers.CreateS3Client();
        var acl = await s3.GetObjectAclAsync(new GetObjectAclRequest { BucketName = bucket, Key = key });
        var grantees = (acl.Grants ?? []).Select(g => g.Grantee?.URI).ToList();
        Assert.That(acl.Grants, Is.Not.Empty, "the owner's grant is listed");
        Assert.That(grantees, Has.None.EqualTo(AllUsers));
    }

    [Test]
    public async Task GetReadUrlAsync_FetchedByAPlainHttpClient_ReturnsTheBytes()
    {
        // Arrange
        var payload = Bytes.Random(300_000);
        var key = NewKey("png");
        await PutAsync(key, payload, "image/png");

        // Act
        var url = (await store.Storage.GetReadUrlAsync(key, store.Pictures.UrlLifetime, CancellationToken.None));
        using var response = await browser.GetAsync(url.Url);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Bytes.Sha256(await response.Content.ReadAsByteArrayAsync()), Is.EqualTo(Bytes.Sha256(payload)));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
    }

    [Test]
    public async Task GetReadUrlAsync_MoreThanSevenDaysAsked_SignsExactlyAMinuteUnderTheSigV4Limit()
    {
        // Arrange: the SDK corrects its own clock by the whole-second Date header of bucket-level responses (one late in a
        // second lags ~0.75 s); the signature must not care, it follows the injected clock.
        await LetTheSdkCorrectItsClockAsync(fromMillisecond: 700, toMillisecond: 780);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var clocked = new S3Store(bucket, clock: clock);

        // Act
        var url = await clocked.Storage.GetReadUrlAsync(NewKey("png"), PicturesOptions.MaxUrlLifetime + TimeSpan.FromDays(1), CancellationToken.None);

        // Assert
        var (signedAt, expires) = SignedWindow(url.Url);
        Assert.That(expires, Is.EqualTo(TimeSpan.FromSeconds(604_800 - 60)));
        Assert.That(signedAt, Is.EqualTo(WindowStart(clock.GetUtcNow())));
        Assert.That(url.ExpiresAt, Is.EqualTo(signedAt + S3ObjectStorage.MaxPresignLifetime));
    }

    [Test]
    public async Task GetReadUrlAsync_SignsAtTheStartOfTheInjectedClocksWindow_AndTheServerAcceptsIt()
    {
        // Arrange: a clock 20 minutes behind the machine's; the old presigner used the machine's.
        var payload = Bytes.Random(1000);
        var key = NewKey("png");
        await PutAsync(key, payload, "image/png");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-20).AddMilliseconds(640));
        using var clocked = new S3Store(bucket, clock: clock);

        // Act
        var url = await clocked.Storage.GetReadUrlAsync(key, TimeSpan.FromHours(1), CancellationToken.None);
        using var response = await browser.GetAsync(url.Url);

        // Assert
        var (signedAt, expires) = SignedWindow(url.Url);
        Assert.Multiple(() =>
        {
            Assert.That(signedAt, Is.EqualTo(WindowStart(clock.GetUtcNow(), TimeSpan.FromMinutes(30))), "a one-hour URL: half-hour windows");
            Assert.That(expires, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(url.ExpiresAt, Is.EqualTo(signedAt + expires));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task GetReadUrlAsync_TemporaryCredentialsExpiringFirst_SignsOnlyUntilTheyExpire()
    {
        // Arrange: role credentials with two hours left, by the injected clock.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var credentialsExpire = clock.GetUtcNow().AddHours(2);
        var credentials = new ExpiringCredentials(TestServers.S3AccessKey, TestServers.S3SecretKey, credentialsExpire.UtcDateTime);
        using var clocked = new S3Store(bucket, credentials: credentials, clock: clock);

        // Act
        var url = await clocked.Storage.GetReadUrlAsync(NewKey("png"), PicturesOptions.MaxUrlLifetime, CancellationToken.None);

        // Assert
        // Signed at the window's start, it ends with the credentials; the SDK reports their expiry a little early (it
        // renews before the last minute): never later than the credentials.
        var (signedAt, expires) = SignedWindow(url.Url);
        Assert.That(signedAt, Is.EqualTo(WindowStart(clock.GetUtcNow())));
        Assert.That(url.ExpiresAt, Is.LessThanOrEqualTo(credentialsExpire).And.GreaterThan(credentialsExpire.AddMinutes(-6)));
        Assert.That(url.ExpiresAt, Is.EqualTo(signedAt + expires));
    }

    [Test]
    public async Task GetReadUrlAsync_OneHour_ExpiresAtIsTheSignedExpiry()
    {
        // Act
        var url = await store.Storage.GetReadUrlAsync(NewKey("png"), TimeSpan.FromHours(1), CancellationToken.None);

        // Assert
        var (signedAt, expires) = SignedWindow(url.Url);
        Assert.That(expires, Is.EqualTo(TimeSpan.FromHours(1)));
        Assert.That(url.ExpiresAt, Is.EqualTo(signedAt + expires));
    }

    [Test]
    public async Task GetReadUrlAsync_TwoStoresInTheSameWindow_ReturnTheIdenticalUrlThatTheServerServes()
    {
        // Arrange: two instances (own clients, own clocks) asked at the window's first and last second.
        var payload = Bytes.Random(1000);
        var key = NewKey("png");
        await PutAsync(key, payload, "image/png");
        var start = WindowStart(DateTimeOffset.UtcNow);
        using var one = new S3Store(bucket, clock: new FakeTimeProvider(start));
        using var other = new S3Store(bucket, clock: new FakeTimeProvider(start + TimeSpan.FromHours(1) - TimeSpan.FromSeconds(1)));
        using var nextWindow = new S3Store(bucket, clock: new FakeTimeProvider(start + TimeSpan.FromHours(1)));

        // Act
        var first = await one.Storage.GetReadUrlAsync(key, PicturesOptions.MaxUrlLifetime, CancellationToken.None);
        var second = await other.Storage.GetReadUrlAsync(key, PicturesOptions.MaxUrlLifetime, CancellationToken.None);
        var next = await nextWindow.Storage.GetReadUrlAsync(key, PicturesOptions.MaxUrlLifetime, CancellationToken.None);
        using var response = await browser.GetAsync(second.Url);

        // Assert
        Assert.That(second, Is.EqualTo(first));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(payload));
        Assert.That(next.Url, Is.Not.EqualTo(first.Url));
        Assert.That(SignedWindow(next.Url).SignedAt, Is.EqualTo(start + TimeSpan.FromHours(1)));
    }

    [Test]
    public async Task GetReadUrlAsync_OneStoreAcrossAWindowBoundary_SignsAnewWhatItKeptForTheOldWindow()
    {
        // Arrange: the store keeps signatures per window; the next window must not get the last one's.
        var start = WindowStart(DateTimeOffset.UtcNow);
        var clock = new FakeTimeProvider(start + TimeSpan.FromMinutes(59));
        using var clocked = new S3Store(bucket, clock: clock);
        using var fresh = new S3Store(bucket, clock: new FakeTimeProvider(start + TimeSpan.FromHours(1)));
        var key = NewKey("png");
        var old = await clocked.Storage.GetReadUrlAsync(key, PicturesOptions.MaxUrlLifetime, CancellationToken.None);

        // Act
        clock.Advance(TimeSpan.FromMinutes(1));
        var next = await clocked.Storage.GetReadUrlAsync(key, PicturesOptions.MaxUrlLifetime, CancellationToken.None);

        // Assert
        Assert.That(next.Url, Is.Not.EqualTo(old.Url));
        Assert.That(next, Is.EqualTo(await fresh.Storage.GetReadUrlAsync(key, PicturesOptions.MaxUrlLifetime, CancellationToken.None)));
    }

    [Test]
    public async Task GetReadUrlAsync_SignatureTampered_Returns403()
    {
        // Arrange
        var payload = Bytes.Random(1000);
        var key = NewKey("png");
        await PutAsync(key, payload, "image/png");
        var url = (await store.Storage.GetReadUrlAsync(key, TimeSpan.FromHours(1), CancellationToken.None)).Url.AbsoluteUri;
        var signatureAt = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length;
        var tampered = url[..signatureAt] + (url[signatureAt] == '0' ? '1' : '0') + url[(signatureAt + 1)..];

        // Act
        using var response = await browser.GetAsync(new Uri(tampered));

        // Assert
        Assert.That(tampered, Is.Not.EqualTo(url));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Bytes.Contains(await response.Content.ReadAsByteArrayAsync(), payload[..64]), Is.False);
    }

    [Test]
    public async Task GetReadUrlAsync_AfterExpiry_Returns403()
    {
        // Arrange
        var payload = Bytes.Random(1000);
        var key = NewKey("png");
        await PutAsync(key, payload, "image/png");
        var url = (await store.Storage.GetReadUrlAsync(key, TimeSpan.FromSeconds(1), CancellationToken.None));

        // Act
        await Task.Delay(TimeSpan.FromSeconds(3));
        using var response = await browser.GetAsync(url.Url);

        // Assert: the SDK counts X-Amz-Expires from its clock corrected by the server's whole-second Date header,
        // so a one-second URL may say 2.
        Assert.That(HttpUtility.ParseQueryString(url.Url.Query)["X-Amz-Expires"], Is.AnyOf("1", "2"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Bytes.Contains(await response.Content.ReadAsByteArrayAsync(), payload[..64]), Is.False);
    }

    [Test]
    public async Task GetReadUrlAsync_QueryStringRemoved_IsRefusedWithoutTheBytes()
    {
        // Arrange
        var payload = Bytes.Random(1000);
        var key = NewKey("png");
        await PutAsync(key, payload, "image/png");
        var url = (await store.Storage.GetReadUrlAsync(key, TimeSpan.FromHours(1), CancellationToken.None)).Url;

        // Act
        using var response = await browser.GetAsync(url.GetLeftPart(UriPartial.Path));

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Bytes.Contains(await response.Content.ReadAsByteArrayAsync(), payload[..64]), Is.False);
    }

    [Test]
    public async Task GetReadUrlAsync_PresignedWithAWrongSecretKey_Returns403()
    {
        // Arrange
        var payload = Bytes.Random(1000);
        var key = NewKey("png");
        await PutAsync(key, payload, "image/png");
        using var forger = new S3Store(bucket, secretKey: "not-the-secret-key");

        // Act
        using var response = await browser.GetAsync((await forger.Storage.GetReadUrlAsync(key, TimeSpan.FromHours(1), CancellationToken.None)).Url);

        // Assert
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(Bytes.Contains(await response.Content.ReadAsByteArrayAsync(), payload[..64]), Is.False);
    }

    [Test]
    public async Task DeleteAsync_ExistingKey_RemovesTheObjectAndItsUrlsStopWorking()
    {
        // Arrange
        var payload = Bytes.Random(1000);
        var key = NewKey("png");
        await PutAsync(key, payload, "image/png");

        // Act
        await store.Storage.DeleteAsync(key, CancellationToken.None);

        // Assert
        Assert.That(await store.Storage.ExistsAsync(key, CancellationToken.None), Is.False);
        using var fresh = new S3Store(bucket);
        using var response = await browser.GetAsync((await fresh.Storage.GetReadUrlAsync(key, TimeSpan.FromHours(1), CancellationToken.None)).Url);
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden));
        Assert.That(Bytes.Contains(await response.Content.ReadAsByteArrayAsync(), payload[..64]), Is.False);
        Assert.That(await TestServers.ListKeysAsync(bucket), Does.Not.Contain(key));
    }

    [Test]
    public void DeleteAsync_MissingKey_DoesNotThrow()
    {
        // Act / Assert
        Assert.That(async () => await store.Storage.DeleteAsync(NewKey("png"), CancellationToken.None), Throws.Nothing);
    }

    [Test]
    public async Task ExistsAsync_StoredKey_ReturnsTrue()
    {
        // Arrange
        var key = NewKey("png");
        await PutAsync(key, Bytes.Random(10), "image/png");

        // Act
        var exists = await store.Storage.ExistsAsync(key, CancellationToken.None);

        // Assert
        Assert.That(exists, Is.True);
    }

    [Test]
    public async Task ExistsAsync_MissingKey_ReturnsFalse()
    {
        // Act
        var exists = await store.Storage.ExistsAsync(NewKey("png"), CancellationToken.None);

        // Assert
        Assert.That(exists, Is.False);
    }

    [TestCase("profile-pictures/with space.png")]
    [TestCase("profile-pictures/plus+sign.png")]
    [TestCase("profile-pictures/equals=sign.png")]
    [TestCase("profile-pictures/percent%41.png")]
    [TestCase("profile-pictures/percent%.png")]
    [TestCase("profile-pictures/café.png")]
    [TestCase("profile-pictures/日本.png")]
    [TestCase("profile-pictures/a b/c+d=e%f/ü.png")]
    public async Task Key_WithUnusualCharacters_RoundTripsThroughPutExistsAndSignedUrl(string name)
    {
        // Arrange
        var key = $"{Guid.NewGuid():N}/{name}";
        var payload = Bytes.Random(2000);

        // Act
        await PutAsync(key, payload, "image/png");

        // Assert
        Assert.That(await store.Storage.ExistsAsync(key, CancellationToken.None), Is.True);
        Assert.That(await TestServers.ListKeysAsync(bucket), Does.Contain(key), "stored under exactly this key");
        using var response = await browser.GetAsync((await store.Storage.GetReadUrlAsync(key, TimeSpan.FromHours(1), CancellationToken.None)).Url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await response.Content.ReadAsByteArrayAsync(), Is.EqualTo(payload));
    }

    [Test]
    public async Task PutAsync_BucketMissing_ThrowsDependencyUnavailable()
    {
        // Arrange
        using var missing = new S3Store($"cleanprofiles-missing-{Guid.NewGuid():N}"[..40]);

        // Act / Assert
        var thrown = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await missing.Storage.PutAsync(NewKey("png"), new MemoryStream(Bytes.Random(10)), "image/png", CancellationToken.None));
        Assert.That(thrown!.Dependency, Is.EqualTo("object store"));
    }

    [Test]
    public async Task PutAsync_WrongSecretKey_ThrowsDependencyUnavailable()
    {
        // Arrange
        using var refused = new S3Store(bucket, secretKey: "not-the-secret-key");
        var key = NewKey("png");

        // Act / Assert
        Assert.That(
            async () => await refused.Storage.PutAsync(key, new MemoryStream(Bytes.Random(10)), "image/png", CancellationToken.None),
            Throws.TypeOf<DependencyUnavailableException>());
        Assert.That(await TestServers.ListKeysAsync(bucket), Does.Not.Contain(key));
    }

    [Test]
    public void CheckReachableAsync_ExistingBucket_Succeeds()
    {
        // Act / Assert
        Assert.That(async () => await store.Storage.CheckReachableAsync(CancellationToken.None), Throws.Nothing);
    }

    [Test]
    public void CheckReachableAsync_MissingBucket_Throws()
    {
        // Arrange
        using var missing = new S3Store($"cleanprofiles-missing-{Guid.NewGuid():N}"[..40]);

        // Act / Assert
        Assert.That(async () => await missing.Storage.CheckReachableAsync(CancellationToken.None), Throws.Exception);
    }

    [Test]
    public void CheckReachableAsync_WrongSecretKey_Throws()
    {
        // Arrange
        using var refused = new S3Store(bucket, secretKey: "not-the-secret-key");

        // Act / Assert
        Assert.That(async () => await refused.Storage.CheckReachableAsync(CancellationToken.None), Throws.Exception);
    }

    /// <summary>
    /// Exactly the directives private, max-age and immutable. Their order carries no meaning (RFC 9111 5.2) and is not
    /// kept: the SDK sends the header through .NET's typed Cache-Control, which writes max-age first.
    /// </summary>
    private static void AssertPrivateImmutable(string? header, long maxAge)
    {
        Assert.That(header, Is.Not.Null);
        var directives = header!.Split(',', StringSplitOptions.TrimEntries);
        Assert.That(directives, Is.EquivalentTo(new[] { "private", $"max-age={maxAge}", "immutable" }), header);
    }

    /// <summary>Makes a bucket-level request (as the test's own listing does) within the given part of a second.</summary>
    private async Task LetTheSdkCorrectItsClockAsync(int fromMillisecond, int toMillisecond)
    {
        using var s3 = TestServers.CreateS3Client();
        while (DateTime.UtcNow.Millisecond is var now && (now < fromMillisecond || now > toMillisecond))
        {
            await Task.Delay(1);
        }

        await s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, MaxKeys = 1 });
    }

    /// <summary>The signing time and lifetime a SigV4 presigned URL carries (X-Amz-Date, X-Amz-Expires).</summary>
    private static (DateTimeOffset SignedAt, TimeSpan Lifetime) SignedWindow(Uri url)
    {
        var query = HttpUtility.ParseQueryString(url.Query);
        var signedAt = DateTimeOffset.ParseExact(
            query["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        return (signedAt, TimeSpan.FromSeconds(long.Parse(query["X-Amz-Expires"]!, CultureInfo.InvariantCulture)));
    }

    /// <summary>The start of the reuse window holding <paramref name="time"/> (default: the one-hour default window).</summary>
    private static DateTimeOffset WindowStart(DateTimeOffset time, TimeSpan? window = null)
    {
        var seconds = (long)(window ?? new PicturesOptions().UrlReuseWindow).TotalSeconds;
        return DateTimeOffset.FromUnixTimeSeconds(time.ToUnixTimeSeconds() / seconds * seconds);
    }

    private static string NewKey(string extension) => $"profile-pictures/{Guid.NewGuid():D}/{Guid.NewGuid():N}.{extension}";

    private async Task PutAsync(string key, byte[] payload, string contentType)
    {
        await using var input = new MemoryStream(payload);
        await store.Storage.PutAsync(key, input, contentType, CancellationToken.None);
    }
}
