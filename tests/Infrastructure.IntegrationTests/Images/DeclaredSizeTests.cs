using System.Buffers.Binary;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Infrastructure.Images;

namespace CleanProfiles.Infrastructure.IntegrationTests.Images;

public sealed class DeclaredSizeTests
{
    [TestCase(640, 480)]
    [TestCase(30_000, 30_000)]
    [TestCase(1, 500_000_000)]
    public void TryRead_PngHeader_ReturnsIhdrSize(int width, int height)
    {
        var png = new byte[33];
        new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }.CopyTo(png, 0);
        "IHDR"u8.CopyTo(png.AsSpan(12));
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), height);

        Assert.That(DeclaredSize.TryRead(png, ImageFormat.Png, out var size), Is.True);
        Assert.That(size, Is.EqualTo(new DeclaredSize(width, height)));
    }

    [Test]
    public void TryRead_PngWithoutIhdr_ReturnsFalse()
    {
        var png = new byte[33];
        "IDAT"u8.CopyTo(png.AsSpan(12));

        Assert.That(DeclaredSize.TryRead(png, ImageFormat.Png, out _), Is.False);
    }

    [Test]
    public void TryRead_GifWithHugeLogicalScreenAndTinyFrame_ReturnsTheScreen()
    {
        byte[] gif = [.. "GIF89a"u8, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B];

        Assert.That(DeclaredSize.TryRead(gif, ImageFormat.Gif, out var size), Is.True);
        Assert.That(size, Is.EqualTo(new DeclaredSize(65_535, 65_535)));
    }

    [Test]
    public void TryRead_GifWithFrameLargerThanScreen_ReturnsTheFrameExtent()
    {
        // Global colour table of 2 entries, a graphic control extension, then a 300 x 200 frame at (10, 20) on a 1 x 1 screen.
        byte[] gif =
        [
            .. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255,
            0x21, 0xF9, 4, 0, 0, 0, 0, 0,
            0x2C, 10, 0, 20, 0, 0x2C, 0x01, 200, 0, 0,
        ];

        Assert.That(DeclaredSize.TryRead(gif, ImageFormat.Gif, out var size), Is.True);
        Assert.That(size, Is.EqualTo(new DeclaredSize(310, 220)));
    }

    [Test]
    public void TryRead_WebPExtended_ReturnsCanvas()
    {
        var webp = WebPHeader("VP8X");
        WriteUInt24(webp, 24, 16_383 - 1);
        WriteUInt24(webp, 27, 9_000 - 1);

        Assert.That(DeclaredSize.TryRead(webp, ImageFormat.WebP, out var size), Is.True);
        Assert.That(size, Is.EqualTo(new DeclaredSize(16_383, 9_000)));
    }

    [Test]
    public void TryRead_WebPLossless_ReturnsFourteenBitSize()
    {
        var webp = WebPHeader("VP8L");
        webp[20] = 0x2F;
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(21), (uint)((800 - 1) | ((600 - 1) << 14)));

        Assert.That(DeclaredSize.TryRead(webp, ImageFormat.WebP, out var size), Is.True);
        Assert.That(size, Is.EqualTo(new DeclaredSize(800, 600)));
    }

    [Test]
    public void TryRead_WebPLossy_ReturnsFrameSize()
    {
        var webp = WebPHeader("VP8 ");
        webp[23] = 0x9D;
        webp[24] = 0x01;
        webp[25] = 0x2A;
        BinaryPrimitives.WriteUInt16LittleEndian(webp.AsSpan(26), 1024);
        BinaryPrimitives.WriteUInt16LittleEndian(webp.AsSpan(28), 768);

        Assert.That(DeclaredSize.TryRead(webp, ImageFormat.WebP, out var size), Is.True);
        Assert.That(size, Is.EqualTo(new DeclaredSize(1024, 768)));
    }

    [Test]
    public void TryRead_JpegAfterOtherSegments_ReturnsTheFrameHeader()
    {
        // SOI, APP0 (16 bytes), a fill byte, APP1 (4 bytes), SOF2 (progressive) declaring 65,000 x 48,000.
        byte[] jpeg =
        [
            0xFF, 0xD8,
            0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0,
            0xFF, 0xFF, 0xE1, 0x00, 0x04, 0xAB, 0xCD,
            0xFF, 0xC2, 0x00, 0x11, 0x08, 0xBB, 0x80, 0xFD, 0xE8, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1,
        ];

        Assert.That(DeclaredSize.TryRead(jpeg, ImageFormat.Jpeg, out var size), Is.True);
        Assert.That(size, Is.EqualTo(new DeclaredSize(65_000, 48_000)));
    }

    [Test]
    public void TryRead_JpegWithHuffmanTableMarker_IsNotMistakenForAFrame()
    {
        // DHT (0xC4) sits in the SOF range but is not a frame header.
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x06, 0x10, 0x20, 0x30, 0x40, 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0x00, 0x30, 0x00, 0x40, 0x01, 1, 0x11, 0];

        Assert.That(DeclaredSize.TryRead(jpeg, ImageFormat.Jpeg, out var size), Is.True);
        Assert.That(size, Is.EqualTo(new DeclaredSize(64, 48)));
    }

    [TestCase(new byte[] { 0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02 })]
    [TestCase(new byte[] { 0xFF, 0xD8, 0x00, 0x00, 0x00, 0x00 })]
    [TestCase(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01 })]
    [TestCase(new byte[] { 0xFF, 0xD8, 0xFF })]
    public void TryRead_JpegWithoutReadableFrame_ReturnsFalse(byte[] jpeg) =>
        Assert.That(DeclaredSize.TryRead(jpeg, ImageFormat.Jpeg, out _), Is.False);

    [Test]
    public void Pixels_IsWidthTimesHeightWithoutOverflow() =>
        Assert.That(new DeclaredSize(65_535, 65_535).Pixels, Is.EqualTo(4_294_836_225L));

    private static byte[] WebPHeader(string chunk)
    {
        var webp = new byte[40];
        "RIFF"u8.CopyTo(webp);
        "WEBP"u8.CopyTo(webp.AsSpan(8));
        System.Text.Encoding.ASCII.GetBytes(chunk).CopyTo(webp, 12);
        return webp;
    }

    private static void WriteUInt24(byte[] target, int offset, int value)
    {
        target[offset] = (byte)value;
        target[offset + 1] = (byte)(value >> 8);
        target[offset + 2] = (byte)(value >> 16);
    }
}
