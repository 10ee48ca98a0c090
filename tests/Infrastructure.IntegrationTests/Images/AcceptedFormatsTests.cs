using System.Text;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Infrastructure.Images;

namespace CleanProfiles.Infrastructure.IntegrationTests.Images;

/// <summary>The magic numbers of the picture policy: what an upload is, decided from its first bytes alone.</summary>
public sealed class AcceptedFormatsTests
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static IEnumerable<TestCaseData> RecognisedImages()
    {
        yield return new TestCaseData(Bytes(0xFF, 0xD8, 0xFF), ImageFormat.Jpeg).SetArgDisplayNames("jpeg signature only");
        yield return new TestCaseData(Bytes(0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01), ImageFormat.Jpeg)
            .SetArgDisplayNames("jpeg jfif");
        yield return new TestCaseData(Bytes(0xFF, 0xD8, 0xFF, 0xE1), ImageFormat.Jpeg).SetArgDisplayNames("jpeg exif");
        yield return new TestCaseData(PngSignature.ToArray(), ImageFormat.Png).SetArgDisplayNames("png signature only");
        yield return new TestCaseData(Concat(PngSignature, Bytes(0x00, 0x00, 0x00, 0x0D), Ascii("IHDR")), ImageFormat.Png)
            .SetArgDisplayNames("png with IHDR");
        yield return new TestCaseData(Ascii("GIF87a"), ImageFormat.Gif).SetArgDisplayNames("gif87a");
        yield return new TestCaseData(Concat(Ascii("GIF89a"), Bytes(0x01, 0x00, 0x01, 0x00)), ImageFormat.Gif).SetArgDisplayNames("gif89a");
        yield return new TestCaseData(Concat(Ascii("RIFF"), Bytes(0x24, 0x00, 0x00, 0x00), Ascii("WEBP")), ImageFormat.WebP)
            .SetArgDisplayNames("webp header only");
        yield return new TestCaseData(Concat(Ascii("RIFF"), Bytes(0x24, 0x00, 0x00, 0x00), Ascii("WEBPVP8 ")), ImageFormat.WebP)
            .SetArgDisplayNames("webp vp8");
    }

    private static IEnumerable<TestCaseData> RefusedContent()
    {
        yield return new TestCaseData(Array.Empty<byte>()).SetArgDisplayNames("empty");
        yield return new TestCaseData(Bytes(0xFF)).SetArgDisplayNames("one byte");
        yield return new TestCaseData(Bytes(0x89)).SetArgDisplayNames("one png byte");
        yield return new TestCaseData(Bytes(0xFF, 0xD8)).SetArgDisplayNames("truncated jpeg");
        yield return new TestCaseData(Bytes(0xFF, 0xD8, 0x00)).SetArgDisplayNames("jpeg with wrong third byte");
        yield return new TestCaseData(PngSignature[..7]).SetArgDisplayNames("truncated png");
        yield return new TestCaseData(Concat(PngSignature[..7], Bytes(0x0B))).SetArgDisplayNames("png with wrong last byte");
        yield return new TestCaseData(Ascii("GIF8")).SetArgDisplayNames("truncated gif");
        yield return new TestCaseData(Ascii("GIF89")).SetArgDisplayNames("truncated gif89");
        yield return new TestCaseData(Ascii("GIF88a")).SetArgDisplayNames("gif88a");
        yield return new TestCaseData(Ascii("gif89a")).SetArgDisplayNames("lower-case gif");
        yield return new TestCaseData(Ascii("RIFF")).SetArgDisplayNames("riff only");
        yield return new TestCaseData(Concat(Ascii("RIFF"), Bytes(0x24, 0x00, 0x00, 0x00), Ascii("WEB"))).SetArgDisplayNames("truncated webp");
        yield return new TestCaseData(Concat(Ascii("RIFF"), Bytes(0x24, 0x00, 0x00, 0x00), Ascii("WAVEfmt "))).SetArgDisplayNames("riff wave");
        yield return new TestCaseData(Concat(Ascii("RIFF"), Bytes(0x24, 0x00, 0x00, 0x00), Ascii("AVI LIST"))).SetArgDisplayNames("riff avi");
        yield return new TestCaseData(Ascii("RIFFWEBP0000")).SetArgDisplayNames("webp marker at the wrong offset");
        yield return new TestCaseData(Ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")).SetArgDisplayNames("svg");
        yield return new TestCaseData(Ascii("<?xml version=\"1.0\"?><svg/>")).SetArgDisplayNames("svg with xml declaration");
        yield return new TestCaseData(Ascii("<html><body>hi</body></html>")).SetArgDisplayNames("html");
        yield return new TestCaseData(Ascii("<!DOCTYPE html>")).SetArgDisplayNames("doctype html");
        yield return new TestCaseData(Ascii("%PDF-1.7\n%")).SetArgDisplayNames("pdf");
        yield return new TestCaseData(Concat(Ascii("BM"), Bytes(0x36, 0x00, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x00, 0x36, 0x00))).SetArgDisplayNames("bmp");
        yield return new TestCaseData(Bytes(0x49, 0x49, 0x2A, 0x00, 0x08, 0x00, 0x00, 0x00)).SetArgDisplayNames("tiff little-endian");
        yield return new TestCaseData(Bytes(0x4D, 0x4D, 0x00, 0x2A, 0x00, 0x00, 0x00, 0x08)).SetArgDisplayNames("tiff big-endian");
        yield return new TestCaseData(Concat(Bytes(0x00, 0x00, 0x00, 0x18), Ascii("ftypheic"), Bytes(0x00, 0x00, 0x00, 0x00))).SetArgDisplayNames("heic");
        yield return new TestCaseData(Concat(Bytes(0x00, 0x00, 0x00, 0x1C), Ascii("ftypavif"))).SetArgDisplayNames("avif");
        yield return new TestCaseData(Bytes(0x00, 0x00, 0x01, 0x00, 0x01, 0x00)).SetArgDisplayNames("ico");
        yield return new TestCaseData(Ascii("hello, this is plain text")).SetArgDisplayNames("text");
        yield return new TestCaseData(Ascii("PK\u0003\u0004")).SetArgDisplayNames("zip");
        yield return new TestCaseData(Concat(Bytes(0x00), Bytes(0xFF, 0xD8, 0xFF))).SetArgDisplayNames("jpeg signature not at the start");
        yield return new TestCaseData(Concat(Ascii(" "), PngSignature)).SetArgDisplayNames("png signature not at the start");
    }

    [TestCaseSource(nameof(RecognisedImages))]
    public void Detect_SupportedSignature_ReturnsItsFormat(byte[] content, ImageFormat expected)
    {
        // Act
        var format = AcceptedFormats.Detect(content);

        // Assert
        Assert.That(format, Is.SameAs(expected));
    }

    [TestCaseSource(nameof(RefusedContent))]
    public void Detect_UnsupportedContent_ReturnsNull(byte[] content)
    {
        // Act
        var format = AcceptedFormats.Detect(content);

        // Assert
        Assert.That(format, Is.Null);
    }

    [Test]
    public void Detect_SignatureLength_CoversEveryRecognisedSignature()
    {
        // Arrange: the longest signature (WebP) needs 12 bytes.
        var webp = Concat(Ascii("RIFF"), Bytes(0x24, 0x00, 0x00, 0x00), Ascii("WEBP"));

        // Act
        var format = AcceptedFormats.Detect(webp.AsSpan(0, AcceptedFormats.SignatureLength));

        // Assert
        Assert.That(format, Is.SameAs(ImageFormat.WebP));
    }
    private static byte[] Bytes(params byte[] bytes) => bytes;

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
