using System.Buffers.Binary;
using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Infrastructure.Images;

/// <summary>
/// The width and height a file's header declares, read from the bytes without any image library: the largest canvas
/// the file claims (a GIF's logical screen, a WebP's canvas, a JPEG's frame), which is what a decoder would allocate.
/// libvips' own header reports less for some bombs (see ADR 0002), so the policy checks both.
/// </summary>
internal readonly record struct DeclaredSize(int Width, int Height)
{
    public long Pixels => (long)Width * Height;

    /// <summary>Reads the declared size; false when the header is too short or malformed to say (the decoder then decides).</summary>
    public static bool TryRead(ReadOnlySpan<byte> content, ImageFormat format, out DeclaredSize size)
    {
        size = default;
        if (format == ImageFormat.Png)
        {
            return TryPng(content, out size);
        }

        if (format == ImageFormat.Gif)
        {
            return TryGif(content, out size);
        }

        if (format == ImageFormat.WebP)
        {
            return TryWebP(content, out size);
        }

        return format == ImageFormat.Jpeg && TryJpeg(content, out size);
    }

    // Signature (8), IHDR length (4), "IHDR" (4), width (4, big-endian), height (4).
    private static bool TryPng(ReadOnlySpan<byte> content, out DeclaredSize size)
    {
        size = default;
        if (content.Length < 24 || !content[12..16].SequenceEqual("IHDR"u8))
        {
            return false;
        }

        size = Of(BinaryPrimitives.ReadUInt32BigEndian(content[16..]), BinaryPrimitives.ReadUInt32BigEndian(content[20..]));
        return true;
    }

    // The logical screen (bytes 6..9, little-endian) and the first image descriptor, whichever is larger: decoders
    // allocate frames of the screen's size.
    private static bool TryGif(ReadOnlySpan<byte> content, out DeclaredSize size)
    {
        size = default;
        if (content.Length < 10)
        {
            return false;
        }

        int width = BinaryPrimitives.ReadUInt16LittleEndian(content[6..]);
        int height = BinaryPrimitives.ReadUInt16LittleEndian(content[8..]);
        var position = 13;
        if (content.Length > 10 && (content[10] & 0x80) != 0)
        {
            position += 3 << ((content[10] & 0x07) + 1); // global colour table
        }

        // Skip extensions up to the first image descriptor.
        while (position < content.Length && content[position] == 0x21 && position + 2 < content.Length)
        {
            position += 2;
            while (position < content.Length && content[position] != 0)
            {
                position += content[position] + 1;
            }

            position++;
        }

        if (position + 9 <= content.Length && content[position] == 0x2C)
        {
            var left = BinaryPrimitives.ReadUInt16LittleEndian(content[(position + 1)..]);
            var top = BinaryPrimitives.ReadUInt16LittleEndian(content[(position + 3)..]);
            width = Math.Max(width, left + BinaryPrimitives.ReadUInt16LittleEndian(content[(position + 5)..]));
            height = Math.Max(height, top + BinaryPrimitives.ReadUInt16LittleEndian(content[(position + 7)..]));
        }

        size = new DeclaredSize(width, height);
        return true;
    }

    // RIFF header (12), then the first chunk: VP8 (lossy), VP8L (lossless) or VP8X (extended, canvas size).
    private static bool TryWebP(ReadOnlySpan<byte> content, out DeclaredSize size)
    {
        size = default;
        if (content.Length < 30)
        {
            return false;
        }

        var chunk = content[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            size = Of(1u + (content[24] | ((uint)content[25] << 8) | ((uint)content[26] << 16)),
                1u + (content[27] | ((uint)content[28] << 8) | ((uint)content[29] << 16)));
            return true;
        }

        if (chunk.SequenceEqual("VP8L"u8) && content[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(content[21..]);
            size = Of((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
            return true;
        }

        if (chunk.SequenceEqual("VP8 "u8) && content[23] == 0x9D && content[24] == 0x01 && content[25] == 0x2A)
        {
            size = Of(BinaryPrimitives.ReadUInt16LittleEndian(content[26..]) & 0x3FFFu, BinaryPrimitives.ReadUInt16LittleEndian(content[28..]) & 0x3FFFu);
            return true;
        }

        return false;
    }

    // Walks the marker segments to the first start-of-frame: precision (1), height (2), width (2), big-endian.
    private static bool TryJpeg(ReadOnlySpan<byte> content, out DeclaredSize size)
    {
        size = default;
        var position = 2;
        while (position + 4 <= content.Length)
        {
            if (content[position] != 0xFF)
            {
                return false;
            }

            var marker = content[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                position += 2; // markers without a length
                continue;
            }

            if (marker == 0xDA)
            {
                return false; // scan data before any frame header
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(content[(position + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (position + 9 > content.Length)
                {
                    return false;
                }

                size = new DeclaredSize(
                    BinaryPrimitives.ReadUInt16BigEndian(content[(position + 7)..]),
                    BinaryPrimitives.ReadUInt16BigEndian(content[(position + 5)..]));
                return true;
            }

            if (length < 2)
            {
                return false;
            }

            position += 2 + length;
        }

        return false;
    }

    private static DeclaredSize Of(uint width, uint height) =>
        new((int)Math.Min(width, int.MaxValue), (int)Math.Min(height, int.MaxValue));
}
