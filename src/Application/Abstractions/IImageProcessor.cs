using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Application.Abstractions;

/// <summary>
/// Turns an uploaded image (already recognised by its magic numbers) into the variants that are stored:
/// decoded, oriented, re-encoded without any metadata.
/// Throws <see cref="Common.Exceptions.PictureTooLargeException"/> when the header declares too many pixels (before
/// anything is decoded) and <see cref="Common.Exceptions.RequestValidationException"/> for "file" when it does not decode.
/// </summary>
public interface IImageProcessor
{
    Task<ProcessedPicture> ProcessAsync(ReadOnlyMemory<byte> content, ImageFormat detected, PictureLimits limits, CancellationToken cancellationToken);
}

public sealed record PictureLimits(long MaxPixels, int MaxSide, int PictureMaxSide, int ThumbnailSize)
{
    /// <summary>Refuses a picture that declares more pixels than accepted, before anything decodes it.</summary>
    public void EnsureWithin(int width, int height)
    {
        if (width > MaxSide || height > MaxSide || (long)width * height > MaxPixels)
        {
            throw new Common.Exceptions.PictureTooLargeException(
                $"The picture is {width} x {height} pixels; at most {MaxSide} on a side and {MaxPixels} in all are accepted.");
        }
    }
}

public sealed record ProcessedPicture(EncodedImage Picture, EncodedImage Thumbnail, int SourceWidth, int SourceHeight);

public sealed record EncodedImage(byte[] Content, ImageFormat Format, int Width, int Height);
