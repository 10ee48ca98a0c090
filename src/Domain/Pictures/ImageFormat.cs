namespace CleanProfiles.Domain.Pictures;

/// <summary>An image format the service accepts, recognised by its content (magic numbers), never by a name or header.</summary>
public sealed record ImageFormat
{
    public static readonly ImageFormat Jpeg = new("image/jpeg", "jpg");
    public static readonly ImageFormat Png = new("image/png", "png");
    public static readonly ImageFormat Gif = new("image/gif", "gif");
    public static readonly ImageFormat WebP = new("image/webp", "webp");

    public static IReadOnlyList<ImageFormat> All { get; } = [Jpeg, Png, Gif, WebP];

    /// <summary>Bytes needed to recognise every supported format.</summary>
    public const int SignatureLength = 12;

    private ImageFormat(string contentType, string extension)
    {
        ContentType = contentType;
        Extension = extension;
    }

    public string ContentType { get; }

    /// <summary>File extension without the dot, as used in object keys.</summary>
    public string Extension { get; }

    public static ImageFormat? FromExtension(string extension) =>
        All.FirstOrDefault(f => string.Equals(f.Extension, extension, StringComparison.Ordinal));

    /// <summary>Recognises the format from the first bytes of the content; null when it is none of the supported formats.</summary>
    public static ImageFormat? Detect(ReadOnlySpan<byte> content)
    {
        if (content.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return Jpeg;
        }

        if (content.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return Png;
        }

        if (content.StartsWith("GIF87a"u8) || content.StartsWith("GIF89a"u8))
        {
            return Gif;
        }

        if (content.Length >= 12 && content.StartsWith("RIFF"u8) && content[8..12].SequenceEqual("WEBP"u8))
        {
            return WebP;
        }

        return null;
    }

    public override string ToString() => ContentType;
}
