using System.ComponentModel.DataAnnotations;

namespace CleanProfiles.Application.Common;

public sealed class PicturesOptions
{
    public const string SectionName = "Pictures";

    /// <summary>SigV4's limit for presigned URLs; no store hands out longer-lived URLs.</summary>
    public static readonly TimeSpan MaxUrlLifetime = TimeSpan.FromDays(7);

    /// <summary>Largest accepted upload in bytes (default 5 MiB).</summary>
    [Range(1, 100 * 1024 * 1024, ErrorMessage = "Pictures:MaxBytes must be between 1 and 104857600.")]
    public long MaxBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How long a signed picture URL stays valid (default and maximum 7 days).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00", ErrorMessage = "Pictures:UrlLifetime must be between 00:01:00 and 7.00:00:00.")]
    public TimeSpan UrlLifetime { get; set; } = MaxUrlLifetime;

    /// <summary>Largest accepted picture in pixels (width times height) before decoding (default 40 megapixels).</summary>
    [Range(1, 500_000_000, ErrorMessage = "Pictures:MaxPixels must be between 1 and 500000000.")]
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>Longest accepted side in pixels, whatever the total (a 1 x 500,000,000 strip is a bomb too).</summary>
    [Range(1, 65_535, ErrorMessage = "Pictures:MaxSide must be between 1 and 65535.")]
    public int MaxSide { get; set; } = 10_000;

    /// <summary>Longest side of the stored picture; larger uploads are scaled down.</summary>
    [Range(64, 4096, ErrorMessage = "Pictures:PictureMaxSide must be between 64 and 4096.")]
    public int PictureMaxSide { get; set; } = 1024;

    /// <summary>Edge of the square thumbnail.</summary>
    [Range(32, 1024, ErrorMessage = "Pictures:ThumbnailSize must be between 32 and 1024.")]
    public int ThumbnailSize { get; set; } = 256;

    /// <summary>How long an upload may stay unattached before the orphan sweeper deletes it (default 1 day).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00", ErrorMessage = "Pictures:UnattachedUploadLifetime must be between 00:05:00 and 365.00:00:00.")]
    public TimeSpan UnattachedUploadLifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the orphan sweeper runs (default hourly); 00:00:00 turns it off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "7.00:00:00", ErrorMessage = "Pictures:OrphanSweepInterval must be between 00:00:00 and 7.00:00:00.")]
    public TimeSpan OrphanSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Hosts whose legacy https URLs are passed through; empty means any https host.</summary>
    public string[] LegacyUrlHosts { get; set; } = [];

    public Abstractions.PictureLimits Limits => new(MaxPixels, MaxSide, PictureMaxSide, ThumbnailSize);
}
