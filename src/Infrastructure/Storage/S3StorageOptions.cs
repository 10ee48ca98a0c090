using Microsoft.Extensions.Options;

namespace CleanProfiles.Infrastructure.Storage;

/// <summary>
/// The bucket and how to talk to it. Region, profile, endpoint (<c>AWS:ServiceURL</c>) and credentials come from the
/// standard <c>AWS</c> section and the SDK's default credential chain; no secrets belong here.
/// </summary>
public sealed class S3StorageOptions
{
    public const string SectionName = "Storage:S3";

    public string? BucketName { get; set; }

    /// <summary>Path-style addressing (https://host/bucket/key), needed by most S3-compatible servers (MinIO, Swift).</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Time limit of one S3 request, retries not included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of a failed S3 request (throttling, 5xx, network errors) before it counts as unavailable.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>How long the same signed URL is handed out again for a key, so browsers can cache the image.</summary>
    public TimeSpan UrlReuseWindow { get; set; } = TimeSpan.FromHours(1);
}

internal sealed class S3StorageOptionsValidator : IValidateOptions<S3StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, S3StorageOptions options) => OptionsValidation.Result(
        string.IsNullOrWhiteSpace(options.BucketName)
            ? "Storage:S3:BucketName is required when Storage:Provider is S3 (environment variable Storage__S3__BucketName)." : null,
        options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(5)
            ? "Storage:S3:Timeout must be between 00:00:00.001 and 00:05:00." : null,
        options.MaxRetries is < 0 or > 10 ? "Storage:S3:MaxRetries must be between 0 and 10." : null,
        options.UrlReuseWindow < TimeSpan.Zero || options.UrlReuseWindow > TimeSpan.FromDays(1)
            ? "Storage:S3:UrlReuseWindow must be between 00:00:00 and 1.00:00:00." : null);
}
