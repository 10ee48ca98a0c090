using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.S3;
using CleanProfiles.Application.Common;
using CleanProfiles.Infrastructure.Storage;
using CleanProfiles.Tests.Shared;
using Microsoft.Extensions.Caching.Memory;

namespace CleanProfiles.Infrastructure.IntegrationTests.Support;

/// <summary>
/// An <see cref="S3ObjectStorage"/> with its own client and signature cache, configured the way <c>StorageSetup.AddS3Storage</c>
/// configures the app's: the client goes through the same <c>StorageSetup.Configure</c>.
/// </summary>
internal sealed class S3Store : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 1000 });

    public S3Store(
        string bucket,
        Uri? serviceUrl = null,
        string? accessKey = null,
        string? secretKey = null,
        TimeSpan? timeout = null,
        int maxRetries = 2,
        PicturesOptions? pictures = null,
        TimeProvider? clock = null,
        AWSCredentials? credentials = null,
        CloudFrontOptions? cloudFront = null)
    {
        credentials ??= new BasicAWSCredentials(accessKey ?? TestServers.S3AccessKey, secretKey ?? TestServers.S3SecretKey);
        var settings = new S3StorageOptions
        {
            BucketName = bucket,
            ForcePathStyle = true,
            Timeout = timeout ?? new S3StorageOptions().Timeout,
            MaxRetries = maxRetries,
        };
        Client = new AmazonS3Client(
            credentials,
            StorageSetup.Configure(new AmazonS3Config { ServiceURL = (serviceUrl ?? TestServers.S3ServiceUrl).AbsoluteUri }, settings, TestServers.S3Region));
        Pictures = pictures ?? new PicturesOptions();
        Storage = new S3ObjectStorage(
            Client,
            new AWSOptions { Credentials = credentials },
            Microsoft.Extensions.Options.Options.Create(settings),
            Microsoft.Extensions.Options.Options.Create(Pictures),
            clock ?? TimeProvider.System,
            cache,
            cloudFront is null ? null : new CloudFrontUrlSigner(cloudFront));
    }

    public AmazonS3Client Client { get; }

    public PicturesOptions Pictures { get; }

    public S3ObjectStorage Storage { get; }

    /// <summary>A URL that no listener answers: port 1 on loopback refuses every connection.</summary>
    public static Uri UnreachableServiceUrl { get; } = new("http://127.0.0.1:1");

    public void Dispose()
    {
        Client.Dispose();
        Storage.Dispose();
        cache.Dispose();
    }
}
