using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using Amazon.S3;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Configuration;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Infrastructure.Storage;

internal static class StorageSetup
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<StorageOptions, StorageOptionsValidator>(StorageOptions.SectionName);
        return StorageOptions.ConfiguredProvider(configuration) switch
        {
            StorageProvider.S3 => services.AddS3Storage(configuration),
            StorageProvider.LocalDisk => services.AddLocalDiskStorage(),
            _ => services,
        };
    }

    private static IServiceCollection AddLocalDiskStorage(this IServiceCollection services)
    {
        services.AddSettings<LocalDiskStorageOptions, LocalDiskStorageOptionsValidator>(LocalDiskStorageOptions.SectionName);
        services.AddSingleton<MediaUrlSigner>();
        // Scoped: its links start at the current request's MediaLinkBase, which the host registers.
        services.AddScoped<LocalDiskObjectStorage>();
        services.AddScoped<IObjectStorage>(sp => sp.GetRequiredService<LocalDiskObjectStorage>());
        services.AddScoped<IStorageProbe>(sp => sp.GetRequiredService<LocalDiskObjectStorage>());
        return services;
    }

    private static IServiceCollection AddS3Storage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<S3StorageOptions, S3StorageOptionsValidator>(S3StorageOptions.SectionName);

        // The standard AWS section (Region, Profile, ServiceURL, ...) and the SDK's default credential chain.
        // Credentials are resolved once and shared, so the store can see when temporary ones expire.
        services.AddDefaultAWSOptions(_ =>
        {
            var aws = configuration.GetAWSOptions();
            aws.Credentials ??= ResolveCredentials(aws);
            return aws;
        });
        services.AddAWSService<IAmazonS3>((config, sp) => Configure(
            (AmazonS3Config)config,
            sp.GetRequiredService<IOptions<S3StorageOptions>>().Value,
            sp.GetRequiredService<AWSOptions>().Region?.SystemName));
        services.AddMemoryCache(cache => cache.SizeLimit ??= 100_000);
        services.AddSingleton(sp => new S3ObjectStorage(
            sp.GetRequiredService<IAmazonS3>(),
            sp.GetRequiredService<AWSOptions>(),
            sp.GetRequiredService<IOptions<S3StorageOptions>>(),
            sp.GetRequiredService<IOptions<Application.Common.PicturesOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IMemoryCache>(),
            sp.GetRequiredService<IOptions<S3StorageOptions>>().Value.CloudFront is { Enabled: true } cdn ? new CloudFrontUrlSigner(cdn) : null));
        services.AddSingleton<IObjectStorage>(sp => sp.GetRequiredService<S3ObjectStorage>());
        services.AddSingleton<IStorageProbe>(sp => sp.GetRequiredService<S3ObjectStorage>());
        return services;
    }

    /// <summary>How the app talks to S3, whatever the endpoint; the integration tests build their client with it too.</summary>
    internal static AmazonS3Config Configure(AmazonS3Config s3, S3StorageOptions settings, string? region)
    {
        s3.ForcePathStyle = settings.ForcePathStyle;
        s3.Timeout = settings.Timeout;
        s3.MaxErrorRetry = settings.MaxRetries;
        // Checksums only where S3 requires them: S3-compatible servers differ in what else they accept.
        s3.RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED;
        s3.ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED;
        if (!string.IsNullOrEmpty(s3.ServiceURL) && string.IsNullOrEmpty(s3.AuthenticationRegion))
        {
            s3.AuthenticationRegion = region ?? "us-east-1";
        }

        return s3;
    }

    private static AWSCredentials ResolveCredentials(AWSOptions aws)
    {
        try
        {
            return aws.GetCredentials();
        }
        catch (Exception e) when (e is AmazonClientException or InvalidOperationException)
        {
            throw new OptionsValidationException(
                "AWS",
                typeof(AWSOptions),
                ["No AWS credentials were found for Storage:Provider=S3. Give the process a role (instance profile, ECS task role, "
                    + "web identity), set AWS:Profile, or set the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."]);
        }
    }
}
