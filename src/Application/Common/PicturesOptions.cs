using CleanProfiles.Application.Common.Configuration;

namespace CleanProfiles.Application.Common;

public sealed class PicturesOptions
{
    public const string SectionName = "Pictures";

    /// <summary>Real encoders write at most a few dozen scans; see ADR 0002.</summary>
    public const int DefaultMaxJpegScans = 100;

    /// <summary>Enough for the largest accepted picture on one loaded core; see ADR 0002.</summary>
    public const long DefaultDecodeMemoryBudget = 768L * 1024 * 1024;

    public static readonly TimeSpan DefaultProcessingTimeout = TimeSpan.FromSeconds(5);

    /// <summary>SigV4's limit for presigned URLs; no store hands out longer-lived URLs.</summary>
    public static readonly TimeSpan MaxUrlLifetime = TimeSpan.FromDays(7);

    /// <summary>Largest accepted upload in bytes (default 5 MiB).</summary>
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How long a signed picture URL stays valid (default and maximum 7 days).</summary>
    public TimeSpan UrlLifetime { get; set; } = MaxUrlLifetime;

    /// <summary>
    /// How long every instance hands out the same signed URL for a picture, so browsers and CDNs can cache it (default
    /// 1 hour, at most half of <see cref="UrlLifetime"/>): see <see cref="UrlWindow"/>.
    /// </summary>
    public TimeSpan UrlReuseWindow { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Largest accepted picture in pixels (width times height) before decoding (default 40 megapixels).</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Longest accepted side in pixels, whatever the total (a 1 x 500,000,000 strip is a bomb too).</summary>
    public int MaxSide { get; set; } = 10_000;

    /// <summary>Longest side of the stored picture; larger uploads are scaled down.</summary>
    public int PictureMaxSide { get; set; } = 1024;

    /// <summary>Edge of the square thumbnail.</summary>
    public int ThumbnailSize { get; set; } = 256;

    /// <summary>How long an upload may stay unattached before the orphan sweeper deletes it (default 1 day).</summary>
    public TimeSpan UnattachedUploadLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long an upload may stay pending (recorded, its objects not all written) before the orphan sweeper deletes what
    /// was written (default 10 minutes). Must be well above the longest a request can take (<c>Requests:Deadline</c>).
    /// </summary>
    public TimeSpan PendingUploadLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the orphan sweeper runs (default hourly); 00:00:00 turns it off.</summary>
    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most start-of-scan markers a JPEG may have; counted before any decode (a scan bomb is refused with 422).</summary>
    public int MaxJpegScans { get; set; } = DefaultMaxJpegScans;

    /// <summary>How long one picture may be processed once it got its turn; libvips is stopped then and the upload gets 422.</summary>
    public TimeSpan ProcessingTimeout { get; set; } = DefaultProcessingTimeout;

    /// <summary>Bytes all decodes running at once may need together, by their estimate from the header; a picture that
    /// could never fit is refused with 413, others wait their turn.</summary>
    public long DecodeMemoryBudget { get; set; } = DefaultDecodeMemoryBudget;

    /// <summary>Hosts whose legacy https URLs are passed through; empty means any https host.</summary>
    public string[] LegacyUrlHosts { get; set; } = [];
}

internal sealed class PicturesOptionsValidator : SettingsValidator<PicturesOptions>
{
    protected override IEnumerable<string?> Check(PicturesOptions options) =>
    [
        Between("Pictures:MaxBytes", options.MaxBytes, 1, 100 * 1024 * 1024),
        Between("Pictures:UrlLifetime", options.UrlLifetime, TimeSpan.FromMinutes(1), PicturesOptions.MaxUrlLifetime),
        Between("Pictures:UrlReuseWindow", options.UrlReuseWindow, TimeSpan.FromSeconds(1), options.UrlLifetime / 2),
        options.UrlReuseWindow.Ticks % TimeSpan.TicksPerSecond == 0 ? null : "Pictures:UrlReuseWindow must be whole seconds.",
        Between("Pictures:MaxPixels", options.MaxPixels, 1, 500_000_000),
        Between("Pictures:MaxSide", options.MaxSide, 1, 65_535),
        Between("Pictures:PictureMaxSide", options.PictureMaxSide, 64, 4096),
        Between("Pictures:ThumbnailSize", options.ThumbnailSize, 32, 1024),
        Between("Pictures:UnattachedUploadLifetime", options.UnattachedUploadLifetime, TimeSpan.FromMinutes(5), TimeSpan.FromDays(365)),
        Between("Pictures:PendingUploadLifetime", options.PendingUploadLifetime, TimeSpan.FromMinutes(2), TimeSpan.FromDays(1)),
        Between("Pictures:OrphanSweepInterval", options.OrphanSweepInterval, TimeSpan.Zero, TimeSpan.FromDays(7)),
        Between("Pictures:MaxJpegScans", options.MaxJpegScans, 1, 10_000),
        Between("Pictures:ProcessingTimeout", options.ProcessingTimeout, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(10)),
        Between("Pictures:DecodeMemoryBudget", options.DecodeMemoryBudget, 64L * 1024 * 1024, 1024L * 1024 * 1024 * 1024),
    ];
}
