using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Pictures;
using Microsoft.Extensions.Logging;
using NetVips;

namespace CleanProfiles.Infrastructure.Images;

/// <summary>
/// The whole picture policy behind <see cref="IImageProcessor"/>: the accepted formats (magic numbers, then the one
/// libvips loader allowed for each), the declared size against <see cref="PictureLimits"/> before any decode (from the
/// bytes, then from libvips' header), one shrink-on-load decode with the EXIF orientation applied, sRGB, and two
/// re-encoded variants that carry no metadata at all. A refused picture is a <see cref="PictureRejectedException"/>.
/// </summary>
internal sealed partial class NetVipsImageProcessor : IImageProcessor, IDisposable
{
    private const int PictureJpegQuality = 82;
    private const int PictureWebpQuality = 82;
    private const int ThumbnailWebpQuality = 78;

    // Decoding is memory-bound: a few at a time keep the peak flat under a burst of uploads.
    private readonly SemaphoreSlim slots = new(Math.Max(1, Environment.ProcessorCount));
    private readonly PictureLimits limits;
    private readonly ILogger<NetVipsImageProcessor> logger;

    public NetVipsImageProcessor(PictureLimits limits, ILogger<NetVipsImageProcessor> logger)
    {
        LibvipsSettings.Apply();
        this.limits = limits;
        this.logger = logger;
    }

    public async Task<ProcessedPicture> ProcessAsync(ReadOnlyMemory<byte> upload, CancellationToken cancellationToken)
    {
        // The cheap checks need no decoder: what the bytes are, and how large they say the picture is.
        var format = AcceptedFormats.Detect(upload.Span[..Math.Min(upload.Length, AcceptedFormats.SignatureLength)])
            ?? throw NotAnAcceptedFormat();
        if (DeclaredSize.TryRead(upload.Span, format, out var declared))
        {
            EnsureWithinLimits(declared.Width, declared.Height);
        }

        await slots.WaitAsync(cancellationToken);
        try
        {
            return Process(upload.Span, format);
        }
        finally
        {
            slots.Release();
        }
    }

    public void Dispose() => slots.Dispose();

    /// <summary>libvips copies what it reads into memory of its own, so the caller's buffer is free again on return.</summary>
    private ProcessedPicture Process(ReadOnlySpan<byte> content, ImageFormat detected)
    {
        bool hasProfile;
        int width;
        int height;
        try
        {
            // Sequential access reads the header only: nothing is decoded or allocated for the pixels yet.
            using var header = Image.NewFromBuffer(content, access: Enums.Access.Sequential);
            if (!AcceptedFormats.Loaders.TryGetValue((string)header.Get("vips-loader"), out var loaded) || loaded != detected)
            {
                throw NotAnAcceptedFormat();
            }

            (width, height) = (header.Width, header.Height);
            hasProfile = header.Contains("icc-profile-data");
        }
        catch (VipsException e)
        {
            LogRefused(logger, "header", e.Message);
            throw Undecodable();
        }

        EnsureWithinLimits(width, height);

        try
        {
            // One decode, shrunk while loading, EXIF orientation applied; truncated files fail instead of being padded.
            using var source = Source.NewFromMemory(content);
            using var decoded = Image.ThumbnailSource(
                source,
                limits.PictureMaxSide,
                optionString: "fail_on=truncated",
                height: limits.PictureMaxSide,
                size: Enums.Size.Down,
                outputProfile: hasProfile ? "srgb" : null);
            using var srgb = decoded.Interpretation == Enums.Interpretation.Srgb ? decoded.Copy() : decoded.Colourspace(Enums.Interpretation.Srgb);
            // Materialise once: both variants are cut from the same pixels.
            using var pixels = srgb.CopyMemory();
            var picture = EncodePicture(pixels);
            using var square = pixels.ThumbnailImage(limits.ThumbnailSize, height: limits.ThumbnailSize, crop: Enums.Interesting.Centre);
            var thumbnail = new EncodedImage(
                square.WebpsaveBuffer(q: ThumbnailWebpQuality, keep: Enums.ForeignKeep.None), ImageFormat.WebP, square.Width, square.Height);
            return new ProcessedPicture(picture, thumbnail);
        }
        catch (VipsException e)
        {
            LogRefused(logger, "decode", e.Message);
            throw Undecodable();
        }
    }

    /// <summary>Refuses a picture that declares more pixels than accepted, before anything decodes it.</summary>
    private void EnsureWithinLimits(int width, int height)
    {
        if (width > limits.MaxSide || height > limits.MaxSide || (long)width * height > limits.MaxPixels)
        {
            throw new PictureRejectedException(
                PictureRejection.TooManyPixels,
                $"The picture is {width} x {height} pixels; at most {limits.MaxSide} on a side and {limits.MaxPixels} in all are accepted.");
        }
    }

    /// <summary>Opaque pictures become JPEG (what every browser shows fastest); pictures with transparency keep it as WebP.</summary>
    private static EncodedImage EncodePicture(Image image)
    {
        if (image.HasAlpha())
        {
            // GIFs and many PNGs carry an alpha band that is opaque everywhere: that is not transparency.
            using var alpha = image.ExtractBand(image.Bands - 1);
            if (alpha.Min() < 255)
            {
                return new EncodedImage(
                    image.WebpsaveBuffer(q: PictureWebpQuality, keep: Enums.ForeignKeep.None), ImageFormat.WebP, image.Width, image.Height);
            }

            using var opaque = image.ExtractBand(0, n: image.Bands - 1);
            return Jpeg(opaque);
        }

        return Jpeg(image);
    }

    private static EncodedImage Jpeg(Image image) => new(
        image.JpegsaveBuffer(q: PictureJpegQuality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
        ImageFormat.Jpeg,
        image.Width,
        image.Height);

    private static PictureRejectedException NotAnAcceptedFormat() =>
        new(PictureRejection.NotAnAcceptedFormat, "The file is not a JPEG, PNG, GIF or WebP image.");

    private static PictureRejectedException Undecodable() =>
        new(PictureRejection.Undecodable, "The image could not be decoded: it is damaged, truncated or not what its first bytes claim.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an upload at the {Stage} stage: {Reason}")]
    private static partial void LogRefused(ILogger logger, string stage, string reason);
}
