namespace CleanProfiles.Tests.Shared;

/// <summary>
/// Progressive JPEGs made byte by byte with any scan script: a flat grey picture whose every AC coefficient of every
/// component is sent in its own scan, one bit of precision at a time (63 coefficients x 3 components x 14 scans plus
/// one DC scan = 2,647 scans). Every scan is valid, so a decoder warns about nothing and does all the work.
/// </summary>
public static class ProgressiveJpeg
{
    /// <summary>A 3-component progressive JPEG of <paramref name="width"/> x <paramref name="height"/> with
    /// <c>1 + 3 x 63 x bitsPerCoefficient</c> scans (at most 14 bits).</summary>
    public static byte[] ManyScans(int width, int height, int bitsPerCoefficient = 14, int coefficients = 63)
    {
        var output = new MemoryStream();
        void Marker(int marker, ReadOnlySpan<byte> payload)
        {
            output.WriteByte(0xFF);
            output.WriteByte((byte)marker);
            var length = payload.Length + 2;
            output.WriteByte((byte)(length >> 8));
            output.WriteByte((byte)length);
            output.Write(payload);
        }

        output.Write([0xFF, 0xD8]);
        var dqt = new byte[65];
        Array.Fill(dqt, (byte)1, 1, 64);
        Marker(0xDB, dqt);
        Marker(0xC2, [8, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0]);
        // DC table 0: one symbol (category 0, a zero difference) coded "0".
        var dcCounts = new byte[16];
        dcCounts[0] = 1;
        Marker(0xC4, [0x00, .. dcCounts, 0x00]);
        // AC table 0: the end-of-band runs EOB0..EOB14 (symbols r << 4), 4-bit codes.
        var acCounts = new byte[16];
        acCounts[3] = 15;
        Marker(0xC4, [0x10, .. acCounts, .. Enumerable.Range(0, 15).Select(r => (byte)(r << 4))]);

        var blocks = ((width + 7) / 8) * ((height + 7) / 8);
        // DC first scan, interleaved: every block of every component codes a zero difference (one bit each).
        Marker(0xDA, [3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 0, 0x00]);
        var bits = new BitWriter(output);
        for (var i = 0; i < blocks * 3; i++)
        {
            bits.Write(0, 1);
        }

        bits.Flush();
        for (var component = 1; component <= 3; component++)
        {
            for (var k = 1; k <= coefficients; k++)
            {
                for (var bit = bitsPerCoefficient - 1; bit >= 0; bit--)
                {
                    var ah = bit == bitsPerCoefficient - 1 ? 0 : bit + 1;
                    Marker(0xDA, [1, (byte)component, 0x00, (byte)k, (byte)k, (byte)((ah << 4) | bit)]);
                    // Every block is zero in this band: end-of-band runs of up to 32,767 blocks.
                    for (var left = blocks; left > 0;)
                    {
                        var run = Math.Min(left, 32_767);
                        var r = 31 - int.LeadingZeroCount(run);
                        bits.Write(r, 4);
                        bits.Write(run - (1 << r), r);
                        left -= run;
                    }

                    bits.Flush();
                }
            }
        }

        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    private sealed class BitWriter(Stream output)
    {
        private int buffer;
        private int count;

        public void Write(int value, int length)
        {
            for (var i = length - 1; i >= 0; i--)
            {
                buffer = (buffer << 1) | ((value >> i) & 1);
                if (++count == 8)
                {
                    Emit();
                }
            }
        }

        /// <summary>Pads the last byte with one bits, as the standard says.</summary>
        public void Flush()
        {
            while (count != 0)
            {
                buffer = (buffer << 1) | 1;
                if (++count == 8)
                {
                    Emit();
                }
            }
        }

        private void Emit()
        {
            output.WriteByte((byte)buffer);
            if (buffer == 0xFF)
            {
                output.WriteByte(0); // byte stuffing
            }

            buffer = 0;
            count = 0;
        }
    }
}
