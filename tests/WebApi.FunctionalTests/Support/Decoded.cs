using NetVips;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>What a served image really is, read by libvips: format, size, colour and any metadata left in it.</summary>
public sealed record Decoded(string Loader, int Width, int Height, double[] MeanColour, IReadOnlyList<string> Fields)
{
    public static Decoded From(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes);
        var bands = Math.Min(image.Bands, 3);
        var mean = Enumerable.Range(0, bands).Select(b =>
        {
            using var band = image.ExtractBand(b);
            return band.Avg();
        }).ToArray();
        return new Decoded((string)image.Get("vips-loader"), image.Width, image.Height, mean, image.GetFields());
    }

    /// <summary>Metadata a re-encode must drop (EXIF incl. GPS, XMP, IPTC, ICC, comments and PNG text).</summary>
    public IEnumerable<string> MetadataFields => Fields.Where(f =>
        f.StartsWith("exif", StringComparison.Ordinal) || f.StartsWith("xmp", StringComparison.Ordinal)
        || f.StartsWith("iptc", StringComparison.Ordinal) || f.StartsWith("icc", StringComparison.Ordinal)
        || f.Contains("comment", StringComparison.OrdinalIgnoreCase) || f.StartsWith("png-comment", StringComparison.Ordinal)
        || f.Equals("orientation", StringComparison.Ordinal));
}
