using System.Buffers.Binary;

namespace CleanProfiles.Infrastructure.Images;

/// <summary>
/// Counts a JPEG's start-of-scan markers from the bytes, before any decoder sees them. Each scan of a progressive
/// JPEG costs the decoder a pass over the coefficients of the whole picture, inside one libjpeg call that libvips
/// cannot stop: a valid 40-megapixel file with 2,647 scans (every AC coefficient of every component in its own scan,
/// one bit at a time) takes close to a minute of CPU. Real encoders write at most a few dozen (libjpeg's default
/// progressive script has 10 for colour, mozjpeg's optimised scripts stay in the tens).
/// </summary>
internal static class JpegScans
{
    /// <summary>
    /// The scans of <paramref name="content"/> up to the end-of-image marker, or up to <paramref name="stopAfter"/> + 1
    /// when there are more (the caller only needs to know the limit is passed). A malformed stream ends the count: the
    /// decoder then decides.
    /// </summary>
    public static int Count(ReadOnlySpan<byte> content, int stopAfter)
    {
        var scans = 0;
        var position = 2; // after SOI
        while (position + 4 <= content.Length)
        {
            if (content[position] != 0xFF)
            {
                return scans;
            }

            var marker = content[position + 1];
            if (marker == 0xFF)
            {
                position++; // fill byte
                continue;
            }

            if (marker == 0xD9)
            {
                return scans; // end of image
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                position += 2; // markers without a length
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(content[(position + 2)..]);
            if (length < 2)
            {
                return scans;
            }

            position += 2 + length;
            if (marker != 0xDA)
            {
                continue;
            }

            if (++scans > stopAfter)
            {
                return scans;
            }

            position = AfterEntropyCodedData(content, position);
        }

        return scans;
    }

    /// <summary>The position of the next marker after a scan's entropy-coded data (0xFF 0x00 is a stuffed byte,
    /// 0xFF 0xD0..0xD7 a restart marker inside the scan).</summary>
    private static int AfterEntropyCodedData(ReadOnlySpan<byte> content, int position)
    {
        while (position < content.Length)
        {
            var next = content[position..].IndexOf((byte)0xFF);
            if (next < 0 || position + next + 1 >= content.Length)
            {
                return content.Length;
            }

            position += next;
            var following = content[position + 1];
            if (following == 0x00 || following is >= 0xD0 and <= 0xD7 || following == 0xFF)
            {
                position += following == 0xFF ? 1 : 2;
                continue;
            }

            return position;
        }

        return content.Length;
    }
}
