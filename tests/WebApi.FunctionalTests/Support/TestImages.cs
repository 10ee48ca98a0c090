using CleanProfiles.Tests.Shared;
using System.Buffers.Binary;
using System.IO.Compression;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>Small, valid images built in code, so the tests need no binary fixtures.</summary>
public static class TestImages
{
    /// <summary>A JPEG of one colour, written by libvips without any metadata.</summary>
    public static byte[] Jpeg(int width = 64, int height = 48, byte red = 200, byte green = 40, byte blue = 40)
    {
        using var image = Solid(width, height, red, green, blue);
        return image.JpegsaveBuffer(q: 95, keep: NetVips.Enums.ForeignKeep.None);
    }

    public static byte[] WebP(int width = 64, int height = 48, byte red = 40, byte green = 200, byte blue = 40)
    {
        using var image = Solid(width, height, red, green, blue);
        return image.WebpsaveBuffer(q: 95, keep: NetVips.Enums.ForeignKeep.None);
    }

    /// <summary>A PNG whose left half is transparent.</summary>
    public static byte[] PngWithTransparency(int width = 64, int height = 48)
    {
        using var colour = Solid(width, height, 10, 20, 200);
        using var alpha = (NetVips.Image.Black(width, height) + 255).Cast(NetVips.Enums.BandFormat.Uchar);
        using var clear = NetVips.Image.Black(width / 2, height).Cast(NetVips.Enums.BandFormat.Uchar);
        using var mask = alpha.Insert(clear, 0, 0);
        using var rgba = colour.Bandjoin(mask);
        return rgba.PngsaveBuffer();
    }

    private static NetVips.Image Solid(int width, int height, byte red, byte green, byte blue)
    {
        using var black = NetVips.Image.Black(width, height);
        return black.NewFromImage(red, green, blue).Copy(interpretation: NetVips.Enums.Interpretation.Srgb);
    }

    /// <summary>A 1x1 GIF89a.</summary>
    public static readonly byte[] Gif =
    [
        .. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00,
        0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    /// <summary>An RGB PNG of the given size, filled with one colour, optionally padded (in an ancillary chunk) to an exact length.</summary>
    public static byte[] Png(int width = 4, int height = 4, byte red = 255, byte green = 0, byte blue = 0, int? exactLength = null)
    {
        using var output = new MemoryStream();
        output.Write(PngChunks.Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        PngChunks.Write(output, "IHDR", header);

        using var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++)
            {
                raw.Write([red, green, blue]);
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            raw.Position = 0;
            raw.CopyTo(zlib);
        }

        PngChunks.Write(output, "IDAT", compressed.ToArray());
        if (exactLength is { } length)
        {
            // 12 bytes of framing for the padding chunk and 12 for IEND.
            var padding = length - (int)output.Length - 24;
            ArgumentOutOfRangeException.ThrowIfNegative(padding, nameof(exactLength));
            PngChunks.Write(output, "pADd", new byte[padding]);
        }

        PngChunks.Write(output, "IEND", []);
        return output.ToArray();
    }
}
