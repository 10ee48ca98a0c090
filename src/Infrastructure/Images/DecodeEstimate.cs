using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Infrastructure.Images;

/// <summary>What libvips' header read says about a picture, enough to know what decoding it will cost.</summary>
internal sealed record PictureHeader(
    ImageFormat Format, int Width, int Height, int Bands, int BytesPerSample, bool Interlaced, double ComponentsPerPixel, bool HasProfile);

/// <summary>
/// The peak memory a decode needs, estimated from the header: pixels x bands x bytes per sample of what the loader
/// must hold at once. Formats that stream or shrink while loading (baseline JPEG, non-interlaced PNG, WebP) hold a
/// band of rows or a shrunk image; an interlaced PNG and a progressive JPEG cannot: libspng decodes the whole
/// interlaced image at once, and libjpeg keeps every DCT coefficient of a multi-scan file until the last scan
/// (measured here at 4 bytes per pixel per component, coefficients plus the rows libvips shrinks from), and a GIF is
/// drawn on its whole canvas. Every decode also holds libvips' working buffers and the output (sRGB copy, encodes).
/// </summary>
/// <remarks>
/// Measured RSS growth for one 7296 x 5472 (40 MP) picture: progressive 4:4:4 RGB JPEG 480 MB, progressive CMYK
/// JPEG 630 MB, 16-bit RGBA interlaced PNG 356 MB, 8-bit RGB interlaced PNG 149 MB; baseline RGB and CMYK JPEG 28 and
/// 50 MB, non-interlaced PNG 53 MB. The estimates below cover each.
/// </remarks>
internal static class DecodeEstimate
{
    /// <summary>libvips' thread buffers and caches of one pipeline, whatever the picture.</summary>
    public const long WorkingSet = 48L * 1024 * 1024;

    /// <summary>Rows a streaming decode holds (tiles of every thread, the shrinker's window).</summary>
    private const int StreamedRows = 512;

    public static long Bytes(PictureHeader header, DeclaredSize? declared, int pictureMaxSide)
    {
        var pixels = (long)header.Width * header.Height;
        var output = (long)pictureMaxSide * pictureMaxSide * 4 * 2; // the sRGB copy and the encoders' buffers
        long held;
        if (header.Format == ImageFormat.Jpeg && header.Interlaced)
        {
            held = (long)(pixels * header.ComponentsPerPixel * 4);
        }
        else if (header.Format == ImageFormat.Png && header.Interlaced)
        {
            held = pixels * header.Bands * header.BytesPerSample;
        }
        else if (header.Format == ImageFormat.Gif)
        {
            // The canvas the file declares (the logical screen), drawn in RGBA, and the frame libvips copies out of it.
            held = Math.Max(pixels, declared?.Pixels ?? 0) * 4 * 2;
        }
        else if (header.Format == ImageFormat.WebP)
        {
            held = ShrunkPixels(header, pictureMaxSide) * 4; // shrink-on-load: libwebp decodes straight to the reduced size
        }
        else
        {
            held = (long)header.Width * StreamedRows * header.Bands * header.BytesPerSample;
        }

        return WorkingSet + output + held;
    }

    private static long ShrunkPixels(PictureHeader header, int target)
    {
        var shrink = Math.Max(1, Math.Max(header.Width, header.Height) / target);
        return (long)Math.Ceiling(header.Width / (double)shrink) * (long)Math.Ceiling(header.Height / (double)shrink);
    }
}
