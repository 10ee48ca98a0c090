using NetVips;

namespace CleanProfiles.Tests.Shared;

/// <summary>
/// Pictures that are expensive to decode but small to send, made in code: flat colour compresses to almost nothing,
/// while the decoder still holds every pixel (interlaced PNG) or every coefficient (progressive JPEG).
/// </summary>
public static class CostlyPictures
{
    /// <summary>A 16-bit RGBA Adam7-interlaced PNG: libspng decodes it whole, 8 bytes per pixel.</summary>
    public static byte[] InterlacedRgba16Png(int width, int height)
    {
        using var black = Image.Black(width, height);
        using var rgba = black.NewFromImage(52000, 21000, 9000, 65535).Cast(Enums.BandFormat.Ushort).Copy(interpretation: Enums.Interpretation.Rgb16);
        return rgba.PngsaveBuffer(interlace: true, bitdepth: 16, compression: 9);
    }

    /// <summary>A progressive CMYK JPEG (no chroma subsampling): libjpeg holds the coefficients of all four components.</summary>
    public static byte[] ProgressiveCmykJpeg(int width, int height)
    {
        using var black = Image.Black(width, height);
        using var cmyk = black.NewFromImage(10, 200, 160, 30).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Cmyk);
        return cmyk.JpegsaveBuffer(q: 85, interlace: true, subsampleMode: Enums.ForeignSubsample.Off);
    }

    /// <summary>A 16-bit RGBA PNG without interlacing: streamed tile by tile, but every sample is inflated and converted
    /// (about half a second to a second for 40 MP here), and libvips can stop it between tiles.</summary>
    public static byte[] Rgba16Png(int width, int height)
    {
        using var black = Image.Black(width, height);
        using var rgba = black.NewFromImage(52000, 21000, 9000, 65535).Cast(Enums.BandFormat.Ushort).Copy(interpretation: Enums.Interpretation.Rgb16);
        return rgba.PngsaveBuffer(bitdepth: 16, compression: 9);
    }

    /// <summary>An 8-bit RGB PNG without interlacing: libvips decodes it row by row, a tile at a time.</summary>
    public static byte[] FlatPng(int width, int height)
    {
        using var black = Image.Black(width, height);
        using var rgb = black.NewFromImage(30, 140, 220).Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return rgb.PngsaveBuffer(compression: 9);
    }
}
