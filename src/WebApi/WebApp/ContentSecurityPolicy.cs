using CleanProfiles.Infrastructure.Storage;

namespace CleanProfiles.WebApi.WebApp;

/// <summary>
/// The policy of the app's HTML: scripts, styles and API calls from this origin only, nothing inline, no framing; pictures
/// from this origin, local previews (<c>blob:</c>) and the object store that signs their links.
/// </summary>
public static class ContentSecurityPolicy
{
    public static string For(IConfiguration configuration)
    {
        var images = string.Join(' ', ["'self'", "blob:", .. ImageOrigins(configuration)]);
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src " + images
            + "; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'; object-src 'none'";
    }

    /// <summary>
    /// Where signed picture links point. Local disk: this origin, or <c>Storage:LocalDisk:PublicBaseUrl</c>. S3: the
    /// origin of <c>AWS:ServiceURL</c> (with the bucket as a subdomain unless path-style), else the bucket's regional
    /// AWS endpoint (<c>AWS:Region</c>, then <c>AWS_REGION</c>/<c>AWS_DEFAULT_REGION</c>, then us-east-1).
    /// </summary>
    public static IReadOnlyList<string> ImageOrigins(IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (storage.Provider != StorageProvider.S3)
        {
            var local = configuration.GetSection(LocalDiskStorageOptions.SectionName).Get<LocalDiskStorageOptions>();
            return local?.PublicBaseUrl is { IsAbsoluteUri: true } publicUrl ? [Origin(publicUrl)] : [];
        }

        var s3 = configuration.GetSection(S3StorageOptions.SectionName).Get<S3StorageOptions>() ?? new S3StorageOptions();
        var bucket = s3.BucketName ?? string.Empty;
        if (Uri.TryCreate(configuration["AWS:ServiceURL"], UriKind.Absolute, out var service))
        {
            return s3.ForcePathStyle ? [Origin(service)] : [$"{service.Scheme}://{bucket}.{service.Authority}"];
        }

        var region = FirstOf(configuration["AWS:Region"], Environment.GetEnvironmentVariable("AWS_REGION"),
            Environment.GetEnvironmentVariable("AWS_DEFAULT_REGION")) ?? "us-east-1";
        var host = s3.ForcePathStyle ? "s3" : $"{bucket}.s3";
        // us-east-1 also answers on the legacy global endpoint.
        return region == "us-east-1"
            ? [$"https://{host}.us-east-1.amazonaws.com", $"https://{host}.amazonaws.com"]
            : [$"https://{host}.{region}.amazonaws.com"];
    }

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private static string? FirstOf(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
