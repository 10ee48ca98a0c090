using System.Net;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Infrastructure.Storage;

/// <summary>
/// Objects in a private S3 bucket, read through presigned GET URLs from the SDK's presigner.
/// Objects are written once, with the detected content type and an immutable Cache-Control, never with an ACL.
/// </summary>
public sealed class S3ObjectStorage(
    IAmazonS3 s3,
    AWSOptions aws,
    IOptions<S3StorageOptions> options,
    IOptions<PicturesOptions> pictures,
    IMemoryCache urlCache,
    TimeProvider clock) : IObjectStorage, IStorageProbe
{
    /// <summary>
    /// SigV4's limit is 604800 s, but after an error response the SDK corrects its clock by the server's whole-second
    /// Date header, which can push "now + 7 days" one second over. A minute's margin keeps every URL valid.
    /// </summary>
    public static readonly TimeSpan MaxPresignLifetime = PicturesOptions.MaxUrlLifetime - TimeSpan.FromMinutes(1);

    private const string HealthCheckKey = "profile-pictures/.health-check";

    private static readonly TimeSpan MinLifetimeLeftOnCredentials = TimeSpan.FromMinutes(1);

    private readonly string bucket = options.Value.BucketName!;
    private readonly string cacheControl =
        $"private, max-age={(long)Math.Min(pictures.Value.UrlLifetime.TotalSeconds, MaxPresignLifetime.TotalSeconds)}, immutable";

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

    public SignedUrl GetReadUrl(string key, TimeSpan lifetime)
    {
        var cacheKey = (key, lifetime);
        if (urlCache.TryGetValue(cacheKey, out CachedUrl? cached) && clock.GetUtcNow() < cached!.ReuseUntil)
        {
            return cached.Url;
        }

        var url = Presign(key, lifetime);
        var reuseFor = TimeSpan.FromTicks(Math.Min(options.Value.UrlReuseWindow.Ticks, (url.ExpiresAt - clock.GetUtcNow()).Ticks / 2));
        if (reuseFor > TimeSpan.Zero)
        {
            urlCache.Set(cacheKey, new CachedUrl(url, clock.GetUtcNow() + reuseFor), new MemoryCacheEntryOptions
            {
                AbsoluteExpirationRelativeToNow = reuseFor,
                Size = 1,
            });
        }

        return url;
    }

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

    private SignedUrl Presign(string key, TimeSpan lifetime)
    {
        if (lifetime > MaxPresignLifetime)
        {
            lifetime = MaxPresignLifetime;
        }

        // Role and STS credentials expire; a URL signed with them dies with them, so never promise longer.
        if (aws.Credentials is { } credentials)
        {
            _ = credentials.GetCredentials();
            if (credentials.Expiration is { } credentialsExpire)
            {
                var left = credentialsExpire.ToUniversalTime() - DateTime.UtcNow;
                lifetime = TimeSpan.FromTicks(Math.Min(lifetime.Ticks, Math.Max(left.Ticks, MinLifetimeLeftOnCredentials.Ticks)));
            }
        }

        var request = new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = key,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow + lifetime,
            Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
        };
        var url = new Uri(s3.GetPreSignedURL(request));
        // The SDK counts X-Amz-Expires from its own clock, corrected by whole-second Date headers of earlier responses,
        // so it can come out a second longer than asked. Read what was signed and sign again if it passed the bound.
        var (signedAt, signedFor) = SignedWindow(url);
        if (signedFor > lifetime)
        {
            request.Expires -= signedFor - lifetime;
            url = new Uri(s3.GetPreSignedURL(request));
            (signedAt, signedFor) = SignedWindow(url);
        }

        return new SignedUrl(url, signedAt + signedFor);
    }

    /// <summary>The signing time and lifetime a SigV4 presigned URL carries (X-Amz-Date, X-Amz-Expires).</summary>
    private static (DateTimeOffset SignedAt, TimeSpan Lifetime) SignedWindow(Uri url)
    {
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        var signedAt = DateTimeOffset.ParseExact(
            query["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal);
        return (signedAt, TimeSpan.FromSeconds(long.Parse(query["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static Task<T> Call<T>(Func<Task<T>> action, CancellationToken cancellationToken) =>
        Outages.TranslateAsync(Outages.ObjectStore, action, cancellationToken);

    private sealed record CachedUrl(SignedUrl Url, DateTimeOffset ReuseUntil);
}
