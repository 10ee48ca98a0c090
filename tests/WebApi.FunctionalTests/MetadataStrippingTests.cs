using System.Net;
using System.Text;
using CleanProfiles.WebApi.FunctionalTests.Support;
using NetVips;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// A stored picture keeps none of what the camera or editor wrote into the file (EXIF with GPS, XMP, comments, PNG
/// text), is turned upright by its EXIF orientation, and an animated GIF becomes its first frame.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class MetadataStrippingTests(Backend backend) : ApiFixture(backend)
{
    private static readonly string[] CameraSecrets = ["Exif\0\0", "GPS", HostileFiles.XmpSecret, HostileFiles.JpegCommentSecret, "http://ns.adobe.com/xap"];

    [Test]
    public async Task Upload_CameraJpegWithExifGpsXmpAndComment_IsStoredWithoutAnyOfItAndUpright()
    {
        var jpeg = HostileFiles.CameraJpegWithExifGpsXmpAndComment();
        using (var input = Image.NewFromBuffer(jpeg))
        {
            // The fixture is real: libvips itself finds the orientation, the GPS position and the XMP packet in it.
            var fields = input.GetFields();
            Assert.Multiple(() =>
            {
                Assert.That((input.Width, input.Height), Is.EqualTo((400, 200)));
                Assert.That(input.Get("orientation"), Is.EqualTo(6));
                Assert.That(fields, Is.SupersetOf(new[] { "exif-ifd0-Orientation", "exif-ifd3-GPSLatitudeRef", "exif-ifd3-GPSLatitude", "exif-ifd3-GPSLongitudeRef", "exif-ifd3-GPSLongitude", "xmp-data" }));
                Assert.That((string)input.Get("exif-ifd3-GPSLatitude"), Does.StartWith("48/1 51/1 24/1"));
                Assert.That(Mean(input, top: 0, height: 200, left: 0, width: 200)[0], Is.GreaterThan(240), "stored left half is red");
                Assert.That(Mean(input, top: 0, height: 200, left: 200, width: 200)[2], Is.GreaterThan(240), "stored right half is blue");
                foreach (var secret in CameraSecrets.Where(s => s != "GPS"))
                {
                    Assert.That(Contains(jpeg, secret), Is.True, $"the input carries {secret.TrimEnd('\0')}");
                }
            });
        }

        var (body, picture, thumbnail) = await UploadAndFetchAsync(jpeg, "IMG_0001.JPG", "image/jpeg");

        Assert.Multiple(() =>
        {
            foreach (var (name, bytes) in new[] { ("picture", picture), ("thumbnail", thumbnail) })
            {
                Assert.That(Decoded.From(bytes).MetadataFields, Is.Empty, $"the {name} has no metadata fields");
                foreach (var secret in CameraSecrets)
                {
                    Assert.That(Contains(bytes, secret), Is.False, $"the {name} contains \"{secret.TrimEnd('\0')}\"");
                }
            }

            // Orientation 6: rotate 90 degrees clockwise to display, so the stored left (red) becomes the top.
            using var upright = Image.NewFromBuffer(picture);
            Assert.That((upright.Width, upright.Height), Is.EqualTo((200, 400)), "portrait after applying the orientation");
            Assert.That((body["width"]!.GetValue<int>(), body["height"]!.GetValue<int>()), Is.EqualTo((200, 400)));
            AssertRedOverBlue(upright, "picture");
            using var square = Image.NewFromBuffer(thumbnail);
            Assert.That((square.Width, square.Height), Is.EqualTo((256, 256)));
            AssertRedOverBlue(square, "thumbnail");
        });
    }

    [Test]
    public async Task Upload_PngWithTextChunks_IsStoredWithoutTheText()
    {
        var png = HostileFiles.PngWithTextChunks();
        using (var input = Image.NewFromBuffer(png))
        {
            var comments = input.GetFields().Where(f => f.StartsWith("png-comment", StringComparison.Ordinal)).ToList();
            Assert.That(comments, Has.Count.EqualTo(3), "libvips reads the tEXt, zTXt and iTXt chunks");
            Assert.That(comments.Select(f => (string)input.Get(f)), Has.All.StartsWith(HostileFiles.PngTextSecret));
        }

        var (_, picture, thumbnail) = await UploadAndFetchAsync(png, "diagram.png", "image/png");

        Assert.Multiple(() =>
        {
            foreach (var (name, bytes) in new[] { ("picture", picture), ("thumbnail", thumbnail) })
            {
                var decoded = Decoded.From(bytes);
                Assert.That(decoded.MetadataFields, Is.Empty, $"the {name} has no metadata fields");
                Assert.That(Contains(bytes, "SECRET-PNG"), Is.False, $"the {name} contains the PNG text");
                Assert.That(decoded.MeanColour[1], Is.EqualTo(160).Within(8), $"the {name} is the same picture");
            }
        });
    }

    [Test]
    public async Task Upload_AnimatedGif_IsStoredAsAStillOfTheFirstFrame()
    {
        var gif = HostileFiles.AnimatedGifRedGreenBlue(60, 40);
        using (var input = Image.NewFromBuffer(gif, kwargs: new VOption { { "n", -1 } }))
        {
            Assert.That(((int)input.Get("n-pages"), input.PageHeight, input.Height), Is.EqualTo((3, 40, 120)), "three 60 x 40 frames");
        }

        var (body, picture, thumbnail) = await UploadAndFetchAsync(gif, "party.gif", "image/gif");

        using var still = Image.NewFromBuffer(picture);
        var colour = Decoded.From(picture).MeanColour;
        var thumbnailColour = Decoded.From(thumbnail).MeanColour;
        Assert.Multiple(() =>
        {
            Assert.That(body["s3Key"]!.GetValue<string>(), Does.EndWith(".jpg").Or.EndWith(".webp"), "no longer a GIF");
            Assert.That((string)still.Get("vips-loader"), Is.AnyOf("jpegload_buffer", "webpload_buffer"), "stored as a still format");
            Assert.That((still.Width, still.Height), Is.EqualTo((60, 40)), "one frame high");
            Assert.That(still.Contains("n-pages") ? (int)still.Get("n-pages") : 1, Is.EqualTo(1), "a still image");
            Assert.That(colour, Is.EqualTo(new[] { 255.0, 0.0, 0.0 }).Within(12), "the first frame's red");
            Assert.That(thumbnailColour, Is.EqualTo(new[] { 255.0, 0.0, 0.0 }).Within(12), "the thumbnail shows the first frame too");
        });
    }

    private async Task<(System.Text.Json.Nodes.JsonObject Body, byte[] Picture, byte[] Thumbnail)> UploadAndFetchAsync(
        byte[] content, string fileName, string contentType)
    {
        var client = await NewUserAsync();

        using var response = await client.UploadAsync(content, fileName, contentType);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        var browser = NewBrowser();
        return (
            body,
            await browser.GetByteArrayAsync(body["url"]!.GetValue<string>()),
            await browser.GetByteArrayAsync(body["thumbnail_url"]!.GetValue<string>()));
    }

    /// <summary>The top quarter is red and the bottom quarter blue.</summary>
    private static void AssertRedOverBlue(Image image, string what)
    {
        var top = Mean(image, top: 0, height: image.Height / 4);
        var bottom = Mean(image, top: image.Height - (image.Height / 4), height: image.Height / 4);
        Assert.That(top, Is.EqualTo(new[] { 255.0, 0.0, 0.0 }).Within(30), $"the {what}'s top quarter is red (R, G, B)");
        Assert.That(bottom, Is.EqualTo(new[] { 0.0, 0.0, 255.0 }).Within(30), $"the {what}'s bottom quarter is blue (R, G, B)");
    }

    /// <summary>Average R, G, B of a region (the whole width unless told).</summary>
    private static double[] Mean(Image image, int top, int height, int left = 0, int? width = null)
    {
        using var region = image.Crop(left, top, width ?? image.Width, height);
        return Enumerable.Range(0, 3).Select(b =>
        {
            using var band = region.ExtractBand(b);
            return band.Avg();
        }).ToArray();
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.Latin1.GetBytes(needle)) >= 0;
}
