using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Application.Abstractions;

/// <summary>
/// Proves an upload is a picture the service accepts and turns it into the variants that are stored: decoded,
/// oriented, re-encoded without any metadata. Throws <see cref="PictureRejectedException"/> for a picture it refuses;
/// anything else it throws is a failure of its own. Pictures of one owner are processed one at a time, in turn.
/// </summary>
public interface IImageProcessor
{
    Task<ProcessedPicture> ProcessAsync(ReadOnlyMemory<byte> upload, Guid owner, CancellationToken cancellationToken);
}

/// <summary>Why a picture was refused, in picture terms; the use case decides what that means for its caller.</summary>
public enum PictureRejection
{
    /// <summary>Not one of the accepted formats, or not what its first bytes claim.</summary>
    NotAnAcceptedFormat,

    /// <summary>Declares more pixels (in all, or on a side) than accepted; refused before anything is decoded.</summary>
    TooManyPixels,

    /// <summary>Damaged or truncated: it does not decode.</summary>
    Undecodable,

    /// <summary>A JPEG with more scans than encoders write: each scan costs a pass over the whole picture.</summary>
    TooManyScans,

    /// <summary>Processing took longer than its deadline and was stopped.</summary>
    TimedOut,

    /// <summary>Its decode would need more memory than the whole decode budget.</summary>
    TooLargeToDecode,
}

/// <summary>The picture was refused; <see cref="Reason"/> says why, the message says it to the uploader.</summary>
public sealed class PictureRejectedException(PictureRejection reason, string message) : Exception(message)
{
    public PictureRejection Reason { get; } = reason;
}

public sealed record ProcessedPicture(EncodedImage Picture, EncodedImage Thumbnail);

public sealed record EncodedImage(byte[] Content, ImageFormat Format, int Width, int Height);
