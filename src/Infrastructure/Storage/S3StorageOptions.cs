using CleanProfiles.Application.Common.Configuration;

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

    /// <summary>CloudFront signed URLs instead of S3 presigned URLs (off by default).</summary>
    public CloudFrontOptions CloudFront { get; set; } = new();

    /// <summary>Moved to <c>Pictures:UrlReuseWindow</c> (it applies to every store); still bound so that start-up says so.</summary>
    public TimeSpan? UrlReuseWindow { get; set; }
}

internal sealed class S3StorageOptionsValidator : SettingsValidator<S3StorageOptions>
{
    protected override IEnumerable<string?> Check(S3StorageOptions options) =>
    [
        Required("Storage:S3:BucketName", options.BucketName, "Storage:Provider is S3"),
        Between("Storage:S3:Timeout", options.Timeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromMinutes(5)),
        Between("Storage:S3:MaxRetries", options.MaxRetries, 0, 10),
        .. options.CloudFront.Problems(),
        options.UrlReuseWindow is null ? null : "Storage:S3:UrlReuseWindow has moved: set Pictures:UrlReuseWindow (it applies to every store).",
    ];
}
