using CleanProfiles.Application.Common;

namespace CleanProfiles.Infrastructure.Images;

/// <summary>
/// The limits of the picture policy, as plain data: what a picture may declare before anything decodes it, and what is
/// stored. Bound from the <c>Pictures</c> settings; a new limit is one more member here and one more check in the policy.
/// </summary>
public sealed record PictureLimits(
    long MaxPixels,
    int MaxSide,
    int PictureMaxSide,
    int ThumbnailSize,
    int MaxJpegScans = PicturesOptions.DefaultMaxJpegScans,
    TimeSpan? Timeout = null,
    long DecodeMemoryBudget = PicturesOptions.DefaultDecodeMemoryBudget)
{
    /// <summary>How long one picture may be processed once admitted (<c>Pictures:ProcessingTimeout</c>).</summary>
    public TimeSpan ProcessingTimeout => Timeout ?? PicturesOptions.DefaultProcessingTimeout;

    public static PictureLimits From(PicturesOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(
            options.MaxPixels,
            options.MaxSide,
            options.PictureMaxSide,
            options.ThumbnailSize,
            options.MaxJpegScans,
            options.ProcessingTimeout,
            options.DecodeMemoryBudget);
    }
}
