using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Web;
using CleanProfiles.Application.Common;
using CleanProfiles.Infrastructure.IntegrationTests.Support;
using CleanProfiles.Infrastructure.Storage;
using CleanProfiles.Tests.Shared;
using Microsoft.Extensions.Time.Testing;

namespace CleanProfiles.Infrastructure.IntegrationTests.Storage;

/// <summary>
/// <see cref="S3ObjectStorage"/> with <c>Storage:S3:CloudFront</c> set: picture URLs are CloudFront canned-policy signed
/// URLs. Each signature is checked here with the test's own RSA arithmetic (PKCS#1 v1.5 over SHA-1, from the public key
/// alone), not with the code that made it. Objects go to a real S3-compatible server for the Cache-Control check.
/// </summary>
public sealed class CloudFrontUrlTests : IDisposable
{
    private const string Domain = "d111111abcdef8.cloudfront.net";
    private const string KeyPairId = "K2JCJMDEHXQW5F";
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 41, 27, TimeSpan.Zero);

    private static readonly JsonSerializerOptions PolicyJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly RSA keyPair = RSA.Create(2048);
    private string bucket = null!;

    [OneTimeSetUp]
    public async Task CreateBucket()
    {
        _ = TestServers.S3ServiceUrl;
        bucket = await TestServers.CreateBucketAsync();
    }

    [OneTimeTearDown]
    public async Task DeleteBucket()
    {
        if (bucket is not null)
        {
            await TestServers.DeleteBucketAsync(bucket);
        }
    }

    public void Dispose() => keyPair.Dispose();

    [Test]
    public async Task GetReadUrlAsync_Url_IsOnTheDistributionWithACannedPolicySignatureThatVerifiesAgainstThePublicKey()
    {
        // Arrange
        using var store = Store(new FakeTimeProvider(Now));
        var key = $"profile-pictures/{Guid.NewGuid():D}/1767225600000-ab12cd.jpg";

        // Act
        var url = await store.Storage.GetReadUrlAsync(key, store.Pictures.UrlLifetime, CancellationToken.None);

        // Assert
        var query = HttpUtility.ParseQueryString(url.Url.Query);
        var resource = url.Url.GetLeftPart(UriPartial.Path);
        var expires = long.Parse(query["Expires"]!, CultureInfo.InvariantCulture);
        var policy = CannedPolicy(resource, expires);
        Assert.Multiple(() =>
        {
            Assert.That(url.Url.Scheme, Is.EqualTo("https"));
            Assert.That(url.Url.Host, Is.EqualTo(Domain));
            Assert.That(url.Url.AbsolutePath, Is.EqualTo("/" + key));
            Assert.That(query["Key-Pair-Id"], Is.EqualTo(KeyPairId));
            Assert.That(query["Signature"], Does.Not.Contain("+").And.Not.Contain("/").And.Not.Contain("="));
            Assert.That(Pkcs1Sha1Verifies(policy, query["Signature"]!), Is.True, "signature over the canned policy");
            Assert.That(Pkcs1Sha1Verifies(CannedPolicy(resource, expires + 1), query["Signature"]!), Is.False, "the check itself fails for another expiry");
        });
    }

    [Test]
    public async Task GetReadUrlAsync_PolicyDateLessThan_IsExpiresAt_TheWindowsEndPlusTheLifetime()
    {
        // Arrange: 09:41:27 lies in the window 09:00 to 10:00 (one-hour default).
        using var store = Store(new FakeTimeProvider(Now));

        // Act
        var url = await store.Storage.GetReadUrlAsync("profile-pictures/a/b.jpg", TimeSpan.FromDays(7), CancellationToken.None);

        // Assert
        var expires = long.Parse(HttpUtility.ParseQueryString(url.Url.Query)["Expires"]!, CultureInfo.InvariantCulture);
        Assert.That(DateTimeOffset.FromUnixTimeSeconds(expires), Is.EqualTo(url.ExpiresAt));
        Assert.That(url.ExpiresAt, Is.EqualTo(new DateTimeOffset(2026, 5, 4, 10, 0, 0, TimeSpan.Zero) + TimeSpan.FromDays(7)));
    }

    [Test]
    public async Task GetReadUrlAsync_TwoInstancesWithDifferentAwsCredentials_GiveIdenticalUrlsWithinAWindow()
    {
        // Arrange: two role sessions (different access keys), asked at the window's first and last second.
        using var one = Store(new FakeTimeProvider(Now.Date.AddHours(9)), accessKey: "ASIAONEINSTANCE");
        using var other = Store(new FakeTimeProvider(Now.Date.AddHours(10).AddSeconds(-1)), accessKey: "ASIAOTHERINSTANCE");
        using var nextWindow = Store(new FakeTimeProvider(Now.Date.AddHours(10)));
        var key = "profile-pictures/3f0e/1767225600000-ab12cd_thumb.webp";

        // Act
        var first = await one.Storage.GetReadUrlAsync(key, TimeSpan.FromDays(7), CancellationToken.None);
        var second = await other.Storage.GetReadUrlAsync(key, TimeSpan.FromDays(7), CancellationToken.None);
        var next = await nextWindow.Storage.GetReadUrlAsync(key, TimeSpan.FromDays(7), CancellationToken.None);

        // Assert
        Assert.That(second, Is.EqualTo(first));
        Assert.That(next.Url, Is.Not.EqualTo(first.Url));
        Assert.That(next.ExpiresAt, Is.EqualTo(first.ExpiresAt + TimeSpan.FromHours(1)));
    }

    [Test]
    public async Task PutAsync_WithTheCdn_ObjectIsPublicImmutableForTheLifetime_SoTheEdgeCachesIt()
    {
        // Arrange
        using var store = Store(TimeProvider.System, pictures: new PicturesOptions { UrlLifetime = TimeSpan.FromDays(2) });
        var key = $"profile-pictures/{Guid.NewGuid():D}/{Guid.NewGuid():N}.jpg";

        // Act
        await store.Storage.PutAsync(key, new MemoryStream(Bytes.Random(100)), "image/jpeg", CancellationToken.None);

        // Assert
        using var s3 = TestServers.CreateS3Client();
        var metadata = await s3.GetObjectMetadataAsync(bucket, key);
        Assert.That(metadata.Headers.CacheControl!.Split(',', StringSplitOptions.TrimEntries),
            Is.EquivalentTo(new[] { "public", "max-age=172800", "immutable" }));
    }

    [Test]
    public void Validate_CloudFrontPartlySet_FailsNamingEachMissingKey()
    {
        // Act
        var result = new S3StorageOptionsValidator().Validate(null, new S3StorageOptions
        {
            BucketName = "b",
            CloudFront = new CloudFrontOptions { Domain = Domain },
        });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Storage:S3:CloudFront:KeyPairId").And.Some.Contains("Storage:S3:CloudFront:PrivateKey"));
    }

    [TestCase("https://d111111abcdef8.cloudfront.net", "PEM")]
    [TestCase(Domain, "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----")]
    [TestCase(Domain, "/nonexistent/cloudfront-key.pem")]
    public void Validate_BadDomainOrKey_FailsNamingTheKey(string domain, string privateKey)
    {
        // Act
        var result = new S3StorageOptionsValidator().Validate(null, new S3StorageOptions
        {
            BucketName = "b",
            CloudFront = new CloudFrontOptions { Domain = domain, KeyPairId = KeyPairId, PrivateKey = privateKey == "PEM" ? keyPair.ExportPkcs8PrivateKeyPem() : privateKey },
        });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains(privateKey == "PEM" ? "Storage:S3:CloudFront:Domain" : "Storage:S3:CloudFront:PrivateKey"));
    }

    [Test]
    public async Task PrivateKey_AsAFilePath_IsReadFromTheFileAndSigns()
    {
        // Arrange
        var path = Path.Combine(Path.GetTempPath(), $"cloudfront-{Guid.NewGuid():N}.pem");
        await File.WriteAllTextAsync(path, keyPair.ExportRSAPrivateKeyPem());
        try
        {
            var options = new CloudFrontOptions { Domain = Domain, KeyPairId = KeyPairId, PrivateKey = path };

            // Act
            var result = new S3StorageOptionsValidator().Validate(null, new S3StorageOptions { BucketName = "b", CloudFront = options });
            using var signer = new CloudFrontUrlSigner(options);
            var url = signer.Sign("profile-pictures/a/b.jpg", Now);

            // Assert
            Assert.That(result.Succeeded, Is.True, result.FailureMessage);
            var policy = CannedPolicy($"https://{Domain}/profile-pictures/a/b.jpg", Now.ToUnixTimeSeconds());
            Assert.That(Pkcs1Sha1Verifies(policy, HttpUtility.ParseQueryString(url.Url.Query)["Signature"]!), Is.True);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private S3Store Store(TimeProvider clock, string? accessKey = null, PicturesOptions? pictures = null) => new(
        bucket,
        accessKey: accessKey,
        pictures: pictures,
        clock: clock,
        cloudFront: new CloudFrontOptions { Domain = Domain, KeyPairId = KeyPairId, PrivateKey = keyPair.ExportPkcs8PrivateKeyPem() });

    /// <summary>CloudFront's canned policy, as its documentation writes it (compact JSON, these names in this order).</summary>
    private static string CannedPolicy(string resource, long epoch) => JsonSerializer.Serialize(
        new { Statement = new[] { new { Resource = resource, Condition = new { DateLessThan = new Dictionary<string, long> { ["AWS:EpochTime"] = epoch } } } } },
        PolicyJson);

    /// <summary>
    /// RSASSA-PKCS1-v1_5 verification by hand (RFC 8017 8.2.2): s^e mod n must be 00 01 FF..FF 00, then the DER DigestInfo
    /// of SHA-1, then the SHA-1 of the policy. The signature comes in CloudFront's URL-safe base64.
    /// </summary>
    private bool Pkcs1Sha1Verifies(string policy, string urlSafeSignature)
    {
        var publicKey = keyPair.ExportParameters(includePrivateParameters: false);
        var signature = Convert.FromBase64String(urlSafeSignature.Replace('-', '+').Replace('_', '=').Replace('~', '/'));
        var n = new BigInteger(publicKey.Modulus, isUnsigned: true, isBigEndian: true);
        var e = new BigInteger(publicKey.Exponent, isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(signature, isUnsigned: true, isBigEndian: true);
        var k = publicKey.Modulus!.Length;
        var encoded = BigInteger.ModPow(s, e, n).ToByteArray(isUnsigned: true, isBigEndian: true);
        encoded = [.. new byte[k - encoded.Length], .. encoded];

        byte[] sha1DigestInfo = [0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04, 0x14];
#pragma warning disable CA5350 // CloudFront's canned policy is signed over SHA-1; this checks exactly that
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(policy));
#pragma warning restore CA5350
        var expected = new byte[k];
        expected[1] = 0x01;
        var padEnd = k - sha1DigestInfo.Length - hash.Length - 1;
        Array.Fill(expected, (byte)0xFF, 2, padEnd - 2);
        sha1DigestInfo.CopyTo(expected, padEnd + 1);
        hash.CopyTo(expected, padEnd + 1 + sha1DigestInfo.Length);
        return signature.Length == k && encoded.AsSpan().SequenceEqual(expected);
    }
}
