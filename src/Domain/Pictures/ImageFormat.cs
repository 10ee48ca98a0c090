namespace CleanProfiles.Domain.Pictures;

/// <summary>
/// An image format the service stores and accepts. Which one an upload is, is proven by the image processor from its
/// content, never taken from a name or header.
/// </summary>
public sealed record ImageFormat
{
    public static readonly ImageFormat Jpeg = new("image/jpeg", "jpg");
    public static readonly ImageFormat Png = new("image/png", "png");
    public static readonly ImageFormat Gif = new("image/gif", "gif");
    public static readonly ImageFormat WebP = new("image/webp", "webp");

    public static IReadOnlyList<ImageFormat> All { get; } = [Jpeg, Png, Gif, WebP];

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

    public override string ToString() => ContentType;
}
