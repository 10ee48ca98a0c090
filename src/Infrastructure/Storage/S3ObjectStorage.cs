using System.Net;
using Amazon.Extensions.NETCore.Setup;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;
using Amazon.S3;
using Amazon.S3.Endpoints;
using Amazon.S3.Model;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Infrastructure.Storage;

/// <summary>
/// Objects in a private S3 bucket, read through presigned GET URLs signed with the SDK's SigV4 signer at the start of
/// the current <see cref="UrlWindow"/> by the injected clock: every instance with the same credentials signs the same
/// key to the byte-identical URL within a window, with nothing shared. Signatures are kept per key and window in a
/// local cache (signing a community page costs more than serving it); losing it changes no URL.
/// Objects are written once, with the detected content type and an immutable Cache-Control, never with an ACL.
/// </summary>
public sealed class S3ObjectStorage(
    IAmazonS3 s3,
    AWSOptions aws,
    IOptions<S3StorageOptions> options,
    IOptions<PicturesOptions> pictures,
    TimeProvider clock,
    IMemoryCache signatures,
    CloudFrontUrlSigner? cdn = null) : IObjectStorage, IStorageProbe, IDisposable
{
    /// <summary>
    /// SigV4 refuses more than 604800 s. URLs stay a minute under it: a margin for clocks that disagree by seconds
    /// (this service's, the store's, a browser's).
    /// </summary>
    public static readonly TimeSpan MaxPresignLifetime = PicturesOptions.MaxUrlLifetime - TimeSpan.FromMinutes(1);

    private const string HealthCheckKey = "profile-pictures/.health-check";

    private readonly string bucket = options.Value.BucketName!;
    private readonly Lazy<(Uri Bucket, RegionEndpoint Region)> endpoint = new(() => ResolveEndpoint(s3, options.Value.BucketName!));
    private readonly string cacheControl = CacheControlFor(pictures.Value.UrlLifetime, cdn is not null);

    public async Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken)
    {
        // The SDK must see a seekable body: otherwise it streams aws-chunked, which simpler S3-compatible servers
        // store with the chunk framing inside the object.
        Stream body = content;
        if (!content.CanSeek)
        {
            body = new MemoryStream();
            await content.CopyToAsync(body, cancellationToken);
            body.Position = 0;
        }

        var request = new PutObjectRequest
        {
            BucketName = bucket,
            Key = key,
            InputStream = body,
            AutoCloseStream = false,
            ContentType = contentType,
            UseChunkEncoding = false,
        };
        request.Headers.CacheControl = cacheControl;
        try
        {
            await Call(() => s3.PutObjectAsync(request, cancellationToken), cancellationToken);
        }
        finally
        {
            if (!ReferenceEquals(body, content))
            {
                await body.DisposeAsync();
            }
        }
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            await s3.GetObjectMetadataAsync(bucket, key, cancellationToken);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
        {
            // Without s3:ListBucket (the least-privilege policy) S3 answers 403 instead of 404 for a missing key.
            return false;
        }
        catch (Exception e) when (Outages.IsOutage(e, cancellationToken))
        {
            throw new DependencyUnavailableException(Outages.ObjectStore, e);
        }
    }

    public async Task DeleteAsync(string key, CancellationToken cancellationToken) =>
        await Call(() => s3.DeleteObjectAsync(bucket, key, cancellationToken), cancellationToken); // missing: S3 answers 204

    public async Task<SignedUrl> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cdn is not null)
        {
            // Through the CDN: valid for the whole lifetime from any moment of the window (no AWS credentials involved).
            var life = lifetime < PicturesOptions.MaxUrlLifetime ? lifetime : PicturesOptions.MaxUrlLifetime;
            var cdnWindow = UrlWindow.At(now, pictures.Value.UrlReuseWindow, life);
            return Remembered(new SignatureKey(key, cdnWindow.Start, cdnWindow.End + life), now, cdnWindow, () => cdn.Sign(key, cdnWindow.End + life));
        }

        var credentials = aws.Credentials ?? throw new InvalidOperationException("The S3 store was built without AWS credentials.");
        var presignLife = lifetime < MaxPresignLifetime ? lifetime : MaxPresignLifetime;

        // A signature kept for this window is still good: it never outlives the credentials it was made with. The
        // expiry known so far decides the window; resolving credentials (which may read the environment or refresh)
        // waits for a miss.
        var window = UrlWindow.At(now, pictures.Value.UrlReuseWindow, presignLife, ExpiryOf(credentials));
        if (signatures.TryGetValue(new SignatureKey(key, window.Start, window.Expires), out SignedUrl? known))
        {
            return known!;
        }

        // Role and STS credentials expire; a URL signed with them dies with them, so never promise longer.
        // Resolved asynchronously, so an STS or instance-profile refresh never blocks a request thread.
        await credentials.GetCredentialsAsync();
        window = UrlWindow.At(now, pictures.Value.UrlReuseWindow, presignLife, ExpiryOf(credentials));
        var signed = await PresignAsync(key, window, credentials, cancellationToken);
        return Remembered(new SignatureKey(key, window.Start, window.Expires), now, window, () => signed);
    }

    private static DateTimeOffset? ExpiryOf(AWSCredentials credentials) =>
        credentials.Expiration is { } expiration ? new DateTimeOffset(expiration.ToUniversalTime(), TimeSpan.Zero) : null;

    /// <summary>
    /// What objects carry. Without a CDN: private (browsers only) for the URL's lifetime. With CloudFront: public, so the
    /// edge caches it under its default cache policy (CloudFront does not cache "private" unless a minimum TTL forces
    /// it); the signed URL still guards every request to the edge, and nothing reaches the bucket but the distribution.
    /// </summary>
    internal static string CacheControlFor(TimeSpan urlLifetime, bool cdn)
    {
        var maxAge = (long)(cdn
            ? Math.Min(urlLifetime.TotalSeconds, PicturesOptions.MaxUrlLifetime.TotalSeconds)
            : Math.Min(urlLifetime.TotalSeconds, MaxPresignLifetime.TotalSeconds));
        return $"{(cdn ? "public" : "private")}, max-age={maxAge}, immutable";
    }

    public void Dispose() => cdn?.Dispose();

    /// <summary>Reads a key that need not exist: proves the bucket is reachable with these credentials.</summary>
    public async Task CheckReachableAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, HealthCheckKey, cancellationToken);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "NoSuchKey" or "AccessDenied")
        {
            // Signature accepted and bucket found; a least-privilege policy answers AccessDenied for missing keys.
        }
    }

    /// <summary>
    /// Signs locally (no request to S3) at the window's start: X-Amz-Date is that start and X-Amz-Expires the window's
    /// lifetime, whatever clock correction the SDK has learned from S3's responses.
    /// </summary>
    private async Task<SignedUrl> PresignAsync(string key, UrlWindow window, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        var (bucketUrl, region) = endpoint.Value;
        var objectUrl = new Uri(bucketUrl, string.Join('/', key.Split('/').Select(Uri.EscapeDataString)));
        var signed = await AWSSigV4Signer.PresignAsync(
            new AWSSigningRequest { HttpMethod = HttpMethod.Get, RequestUri = objectUrl },
            new AWSSigV4Parameters
            {
                Credentials = credentials,
                Region = region,
                Service = s3.Config.AuthenticationServiceName,
                SignedAt = window.Start.UtcDateTime,
            },
            window.Lifetime,
            cancellationToken);
        return new SignedUrl(signed.Uri, window.Expires);
    }

    /// <summary>The bucket's base URL as the SDK's own endpoint rules give it (path or virtual-host style), and the signing region.</summary>
    private static (Uri Bucket, RegionEndpoint Region) ResolveEndpoint(IAmazonS3 s3, string bucket)
    {
        var config = (AmazonS3Config)s3.Config;
        var regionName = config.RegionEndpoint?.SystemName ?? config.AuthenticationRegion ?? RegionEndpoint.USEast1.SystemName;
        var resolved = config.EndpointProvider.ResolveEndpoint(new S3EndpointParameters
        {
            Bucket = bucket,
            Region = regionName,
            Endpoint = string.IsNullOrEmpty(config.ServiceURL) ? null : config.ServiceURL,
            ForcePathStyle = config.ForcePathStyle,
            UseFIPS = config.UseFIPSEndpoint,
            UseDualStack = config.UseDualstackEndpoint,
            Accelerate = config.UseAccelerateEndpoint,
        });
        return (new Uri(resolved.URL.TrimEnd('/') + "/"), RegionEndpoint.GetBySystemName(config.AuthenticationRegion ?? regionName));
    }

    /// <summary>The signed URL of a key for a window, kept until the window ends (the next window signs anew).</summary>
    private SignedUrl Remembered(SignatureKey cacheKey, DateTimeOffset now, UrlWindow window, Func<SignedUrl> sign)
    {
        if (signatures.TryGetValue(cacheKey, out SignedUrl? known))
        {
            return known!;
        }

        var url = sign();
        var keep = window.End - now;
        signatures.Set(cacheKey, url, new MemoryCacheEntryOptions
        {
            AbsoluteExpirationRelativeToNow = keep > TimeSpan.FromSeconds(1) ? keep : TimeSpan.FromSeconds(1),
            Size = 1,
        });
        return url;
    }

    private static Task<T> Call<T>(Func<Task<T>> action, CancellationToken cancellationToken) =>
        Outages.TranslateAsync(Outages.ObjectStore, action, cancellationToken);

    private sealed record SignatureKey(string Key, DateTimeOffset SignedAt, DateTimeOffset Expires);
}
