using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Infrastructure.Images;
using CleanProfiles.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NetVips;

namespace CleanProfiles.Infrastructure.IntegrationTests.Images;

/// <summary>The picture policy, end to end through libvips: what is accepted, what is refused and why, what is stored.</summary>
public sealed class NetVipsImageProcessorTests : IDisposable
{
    private static readonly PictureLimits Limits = new(MaxPixels: 1_000_000, MaxSide: 2000, PictureMaxSide: 128, ThumbnailSize: 32);

    private readonly NetVipsImageProcessor processor = new(Limits, NullLogger<NetVipsImageProcessor>.Instance);

    public void Dispose() => processor.Dispose();

    public static IEnumerable<TestCaseData> AcceptedPictures()
    {
        yield return new TestCaseData("jpeg", (Func<Image, byte[]>)(i => i.JpegsaveBuffer()));
        yield return new TestCaseData("png", (Func<Image, byte[]>)(i => i.PngsaveBuffer()));
        yield return new TestCaseData("gif", (Func<Image, byte[]>)(i => i.GifsaveBuffer()));
        yield return new TestCaseData("webp", (Func<Image, byte[]>)(i => i.WebpsaveBuffer()));
    }

    [TestCaseSource(nameof(AcceptedPictures))]
    public async Task ProcessAsync_AcceptedFormat_StoresAScaledJpegAndASquareWebPThumbnail(string format, Func<Image, byte[]> encode)
    {
        // Arrange
        using var image = Solid(300, 200);
        var upload = encode(image);

        // Act
        var processed = await processor.ProcessAsync(upload, Guid.NewGuid(), CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(processed.Picture.Format, Is.EqualTo(ImageFormat.Jpeg), format);
            Assert.That((processed.Picture.Width, processed.Picture.Height), Is.EqualTo((128, 85)));
            Assert.That(processed.Thumbnail.Format, Is.EqualTo(ImageFormat.WebP));
            Assert.That((processed.Thumbnail.Width, processed.Thumbnail.Height), Is.EqualTo((32, 32)));
            Assert.That(Loader(processed.Picture.Content), Is.EqualTo("jpegload_buffer"));
            Assert.That(Loader(processed.Thumbnail.Content), Is.EqualTo("webpload_buffer"));
        });
    }

    [Test]
    public async Task ProcessAsync_SliceOfALargerBuffer_ProcessesOnlyTheSlice()
    {
        // Arrange: the web layer hands over the file as a slice of the buffer it read the request into.
        using var image = Solid(40, 30);
        var png = image.PngsaveBuffer();
        var buffer = new byte[png.Length + 300];
        png.CopyTo(buffer, 100);

        // Act
        var processed = await processor.ProcessAsync(buffer.AsMemory(100, png.Length), Guid.NewGuid(), CancellationToken.None);

        // Assert
        Assert.That((processed.Picture.Width, processed.Picture.Height), Is.EqualTo((40, 30)));
    }

    public static IEnumerable<TestCaseData> NotPictures() =>
    [
        new TestCaseData(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")).SetArgDisplayNames("svg"),
        new TestCaseData(Encoding.UTF8.GetBytes("%PDF-1.7\n%\u00e2\u00e3")).SetArgDisplayNames("pdf"),
        new TestCaseData(new byte[] { 0x42, 0x4D, 0x36, 0, 0x0C, 0, 0, 0, 0, 0, 0x36, 0 }).SetArgDisplayNames("bmp"),
        new TestCaseData(new byte[] { 0x49, 0x49, 0x2A, 0, 8, 0, 0, 0 }).SetArgDisplayNames("tiff"),
        new TestCaseData(Encoding.UTF8.GetBytes("just some text")).SetArgDisplayNames("text"),
        new TestCaseData(Array.Empty<byte>()).SetArgDisplayNames("nothing"),
    ];

    [TestCaseSource(nameof(NotPictures))]
    public void ProcessAsync_ContentOfNoAcceptedFormat_IsRefusedAsSuch(byte[] upload)
    {
        // Act / Assert
        Assert.That(async () => await processor.ProcessAsync(upload, Guid.NewGuid(), CancellationToken.None), Refused(PictureRejection.NotAnAcceptedFormat));
    }

    public static IEnumerable<TestCaseData> Bombs() =>
    [
        new TestCaseData(Png(30_000, 30_000), "30000 x 30000").SetArgDisplayNames("PNG 30000 x 30000"),
        // libvips' own header read fails on this one, which would make it "undecodable" instead of too large.
        new TestCaseData(Png(1, 500_000_000), "1 x 500000000").SetArgDisplayNames("PNG 1 x 500000000"),
        new TestCaseData(Png(1, 2001), "1 x 2001").SetArgDisplayNames("PNG one pixel over the longest side"),
        // libvips' header reports the 1 x 1 frame; decoders allocate the logical screen.
        new TestCaseData(GifWithScreen(65_535, 65_535), "65535 x 65535").SetArgDisplayNames("GIF screen 65535 x 65535, 1 x 1 frame"),
    ];

    [TestCaseSource(nameof(Bombs))]
    public void ProcessAsync_DeclaresTooManyPixels_IsRefusedFromTheHeaderQuickly(byte[] upload, string declared)
    {
        // Arrange
        var watch = Stopwatch.StartNew();

        // Act / Assert
        Assert.That(
            async () => await processor.ProcessAsync(upload, Guid.NewGuid(), CancellationToken.None),
            Refused(PictureRejection.TooManyPixels).And.Message.Contains(declared));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)));
    }

    [Test]
    public void ProcessAsync_WithinTheSideLimitButOverThePixelLimit_IsRefused()
    {
        // Act / Assert: 1001 x 1000 is 1,001,000 pixels, over the million.
        Assert.That(
            async () => await processor.ProcessAsync(Png(1001, 1000), Guid.NewGuid(), CancellationToken.None),
            Refused(PictureRejection.TooManyPixels));
    }

    public static IEnumerable<TestCaseData> Broken()
    {
        using var image = Solid(200, 150);
        var jpeg = image.JpegsaveBuffer();
        yield return new TestCaseData(jpeg[..(jpeg.Length / 2)]).SetArgDisplayNames("first half of a JPEG");
        byte[] jpegThenGarbage = [0xFF, 0xD8, 0xFF, .. Enumerable.Repeat((byte)0x42, 500)];
        byte[] pngThenGarbage = [.. PngChunks.Signature, .. Enumerable.Repeat((byte)7, 200)];
        yield return new TestCaseData(jpegThenGarbage).SetArgDisplayNames("JPEG signature then garbage");
        yield return new TestCaseData(pngThenGarbage).SetArgDisplayNames("PNG signature then garbage");
    }

    [TestCaseSource(nameof(Broken))]
    public void ProcessAsync_DoesNotDecode_IsRefusedAsUndecodable(byte[] upload)
    {
        // Act / Assert
        Assert.That(async () => await processor.ProcessAsync(upload, Guid.NewGuid(), CancellationToken.None), Refused(PictureRejection.Undecodable));
    }

    private static NUnit.Framework.Constraints.EqualConstraint<PictureRejection> Refused(PictureRejection reason) =>
        Throws.TypeOf<PictureRejectedException>().With.Property(nameof(PictureRejectedException.Reason)).EqualTo(reason);

    private static Image Solid(int width, int height)
    {
        using var black = Image.Black(width, height);
        return black.NewFromImage(200, 120, 40).Copy(interpretation: Enums.Interpretation.Srgb);
    }

    private static string Loader(byte[] bytes)
    {
        using var image = Image.NewFromBuffer(bytes);
        return (string)image.Get("vips-loader");
    }

    /// <summary>A grey PNG whose header declares <paramref name="width"/> x <paramref name="height"/>; the data holds one row.</summary>
    private static byte[] Png(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write(PngChunks.Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey)
        PngChunks.Write(output, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
            {
                zlib.Write(new byte[1 + width]);
            }

            PngChunks.Write(output, "IDAT", compressed.ToArray());
        }

        PngChunks.Write(output, "IEND", []);
        return output.ToArray();
    }

    /// <summary>A 1 x 1 GIF89a frame on a logical screen of the given size.</summary>
    private static byte[] GifWithScreen(int width, int height)
    {
        byte[] gif =
        [
            .. "GIF89a"u8, 0, 0, 0, 0, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00,
            0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
        ];
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(6), (ushort)width);
        BinaryPrimitives.WriteUInt16LittleEndian(gif.AsSpan(8), (ushort)height);
        return gif;
    }
}
