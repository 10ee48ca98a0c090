using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Infrastructure.Images;

/// <summary>
/// The formats the picture policy accepts, each with the magic numbers that recognise it and the one libvips loader
/// allowed to read it. Nothing else is ever decoded: SVG, PDF, TIFF, HEIF, ... cannot be reached.
/// </summary>
internal static class AcceptedFormats
{
    /// <summary>Bytes needed to recognise every accepted format.</summary>
    public const int SignatureLength = 12;

    /// <summary>The libvips loader (as its header reports it) of each accepted format.</summary>
    public static IReadOnlyDictionary<string, ImageFormat> Loaders { get; } = new Dictionary<string, ImageFormat>(StringComparer.Ordinal)
    {
        ["jpegload_buffer"] = ImageFormat.Jpeg,
        ["pngload_buffer"] = ImageFormat.Png,
        ["gifload_buffer"] = ImageFormat.Gif,
        ["webpload_buffer"] = ImageFormat.WebP,
    };

    /// <summary>The libvips loader classes left unblocked (the GIF loader is libnsgif's).</summary>
    public static IReadOnlyList<string> LoaderClasses { get; } =
        ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadNsgif", "VipsForeignLoadWebp"];

    /// <summary>Recognises the format from the first bytes of the content; null when it is none of the accepted formats.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return ImageFormat.Jpeg;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return ImageFormat.Png;
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return ImageFormat.Gif;
        }

        if (content.Length >= SignatureLength && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.WebP;
        }

        return null;
    }
}
