using CleanProfiles.Tests.Shared;
using System.Buffers.Binary;
using System.IO.Compression;
using NetVips;

namespace CleanProfiles.PictureBenchmarks;

/// <summary>Benchmark inputs made in code, so every run measures the same bytes.</summary>
internal static class Inputs
{
    /// <summary>
    /// A 12-megapixel camera-like JPEG (~4 MB): noisy detail over gradients, Display P3 ICC profile, EXIF with
    /// orientation 6 and GPS coordinates, as phones write them.
    /// </summary>
    public static byte[] CameraJpeg(int quality = 90, int width = 4000, int height = 3000)
    {
        using var x = Image.Xyz(width, height);
        using var gradient = (x[0] * (255.0 / width)).Bandjoin(x[1] * (255.0 / height), (x[0] + x[1]) * (127.0 / (width + height)));
        // Sensor-like noise: enough detail that the JPEG weighs what a phone's does (about 4 MB at quality 90).
        using var noise = Image.Gaussnoise(width, height, sigma: 7).Bandjoin(
            Image.Gaussnoise(width, height, sigma: 7), Image.Gaussnoise(width, height, sigma: 7));
        using var mixed = (gradient * 0.8) + noise - 128;
        using var rgb = mixed.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        using var p3 = rgb.IccTransform("p3", inputProfile: "srgb");
        using var eight = p3.Cast(Enums.BandFormat.Uchar);
        var jpeg = eight.JpegsaveBuffer(q: quality, keep: Enums.ForeignKeep.Icc);
        return WithExif(jpeg);
    }

    /// <summary>A 2000 x 2000 RGB PNG with smooth gradients and some noise (about 3 MB).</summary>
    public static byte[] Png2000()
    {
        using var x = Image.Xyz(2000, 2000);
        using var gradient = (x[0] * (255.0 / 2000)).Bandjoin(x[1] * (255.0 / 2000), 128);
        using var noise = Image.Gaussnoise(2000, 2000, sigma: 12);
        using var mixed = gradient + noise;
        using var rgb = mixed.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return rgb.PngsaveBuffer(compression: 6);
    }

    /// <summary>A valid 1-bit greyscale PNG declaring 30,000 x 30,000 pixels, all rows present, about 110 KB.</summary>
    public static byte[] PngBomb(int side = 30_000)
    {
        using var output = new MemoryStream();
        output.Write(PngChunks.Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, side);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), side);
        header[8] = 1; // bit depth
        header[9] = 0; // greyscale
        PngChunks.Write(output, "IHDR", header);
        using (var idat = new MemoryStream())
        {
            using (var zlib = new ZLibStream(idat, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                var row = new byte[1 + ((side + 7) / 8)];
                for (var y = 0; y < side; y++)
                {
                    zlib.Write(row);
                }
            }

            PngChunks.Write(output, "IDAT", idat.ToArray());
        }

        PngChunks.Write(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>Inserts an EXIF APP1 (orientation 6, GPS position) right after the JPEG's SOI marker.</summary>
    private static byte[] WithExif(byte[] jpeg)
    {
        using var tiff = new MemoryStream();
        void U16(int v) => tiff.Write([(byte)(v >> 8), (byte)v]);
        void U32(long v) => tiff.Write([(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v]);
        void Entry(int tag, int type, int count, long value)
        {
            U16(tag);
            U16(type);
            U32(count);
            U32(value);
        }

        tiff.Write("MM"u8);
        U16(42);
        U32(8);
        // IFD0 at 8: two entries (12 bytes each) + next-IFD pointer.
        const int gpsIfd = 8 + 2 + (2 * 12) + 4;
        U16(2);
        Entry(0x0112, 3, 1, 6L << 16); // Orientation = 6 (SHORT, left-justified)
        Entry(0x8825, 4, 1, gpsIfd);
        U32(0);
        // GPS IFD: four entries, rationals after it.
        const int rationals = gpsIfd + 2 + (4 * 12) + 4;
        U16(4);
        Entry(0x0001, 2, 2, (long)'N' << 24);
        Entry(0x0002, 5, 3, rationals);
        Entry(0x0003, 2, 2, (long)'E' << 24);
        Entry(0x0004, 5, 3, rationals + 24);
        U32(0);
        foreach (var (n, d) in new[] { (48, 1), (51, 1), (2424, 100), (2, 1), (21, 1), (792, 100) })
        {
            U32(n);
            U32(d);
        }

        var exif = (byte[])[.. "Exif\0\0"u8, .. tiff.ToArray()];
        var segmentLength = exif.Length + 2;
        return [0xFF, 0xD8, 0xFF, 0xE1, (byte)(segmentLength >> 8), (byte)segmentLength, .. exif, .. jpeg.AsSpan(2)];
    }
}
