using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>Uploads over a socket to the app on Kestrel, so the byte limit is the real server's.</summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class UploadPictureTests(Backend backend) : ApiFixture(backend, kestrel: true)
{
    private const int MaxBytes = 5 * 1024 * 1024;

    [Test]
    public async Task Upload_PngNamedJpg_IsDecodedAsThePngItIs()
    {
        var client = await NewUserAsync();

        using var response = await client.UploadAsync(TestImages.Png(40, 30, red: 0, green: 0, blue: 255), "holiday.jpg", "image/jpeg");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        using var served = await NewBrowser().GetAsync(body["url"]!.GetValue<string>());
        var picture = Decoded.From(await served.Content.ReadAsByteArrayAsync());
        Assert.Multiple(() =>
        {
            Assert.That(served.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/jpeg"));
            Assert.That(body["content_type"]!.GetValue<string>(), Is.EqualTo("image/jpeg"));
            Assert.That((picture.Width, picture.Height), Is.EqualTo((40, 30)));
            Assert.That(picture.MeanColour[2], Is.GreaterThan(240), "decoded as the blue PNG it is");
        });
    }

    [TestCase("gif", "a.gif", "image/gif")]
    [TestCase("jpeg", "a.gif", "image/gif")]
    [TestCase("webp", "a.png", "application/octet-stream")]
    public async Task Upload_EachAcceptedType_IsStoredAsAJpegPicture(string kind, string fileName, string contentType)
    {
        var client = await NewUserAsync();
        var content = kind switch
        {
            "gif" => TestImages.Gif,
            "jpeg" => TestImages.Jpeg(),
            _ => TestImages.WebP(),
        };

        using var response = await client.UploadAsync(content, fileName, contentType);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        Assert.That(body["s3Key"]!.GetValue<string>(), Does.EndWith(".jpg"));
        Assert.That(Decoded.From(await NewBrowser().GetByteArrayAsync(body["url"]!.GetValue<string>())).Loader, Does.StartWith("jpegload"));
    }

    [Test]
    public async Task Upload_PngWithTransparency_KeepsItAsWebP()
    {
        var client = await NewUserAsync();

        using var response = await client.UploadAsync(TestImages.PngWithTransparency(), "logo.png", "image/png");

        var body = await response.ReadJsonAsync();
        Assert.That(body["s3Key"]!.GetValue<string>(), Does.EndWith(".webp"));
        var picture = await NewBrowser().GetByteArrayAsync(body["url"]!.GetValue<string>());
        using var image = NetVips.Image.NewFromBuffer(picture);
        Assert.That(image.HasAlpha(), Is.True);
    }

    [Test]
    public async Task Upload_ExactlyTheLimit_IsAccepted()
    {
        var client = await NewUserAsync();

        using var response = await client.UploadAsync(TestImages.Png(exactLength: MaxBytes), "big.png", "image/png");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Upload_OneByteOverTheLimit_Returns413AndStoresNothing()
    {
        var client = await NewUserAsync();

        var before = await StoredObjectCount();

        using var response = await client.UploadAsync(TestImages.Png(exactLength: MaxBytes + 1), "big.png", "image/png");

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.That(await StoredObjectCount(), Is.EqualTo(before));
    }

    [TestCase("<html><script>alert(1)</script></html>", "x.jpg", "image/jpeg")]
    [TestCase("<?php system($_GET['c']); ?>", "shell.php.jpg", "image/jpeg")]
    [TestCase("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>", "x.svg", "image/svg+xml")]
    [TestCase("just some text", "notes.png", "image/png")]
    [TestCase("%PDF-1.7\n", "doc.gif", "image/gif")]
    public async Task Upload_ContentThatIsNotAnImage_Returns415(string content, string fileName, string contentType)
    {
        var client = await NewUserAsync();
        var before = await StoredObjectCount();

        using var response = await client.UploadAsync(Encoding.UTF8.GetBytes(content), fileName, contentType);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
        Assert.That(await StoredObjectCount(), Is.EqualTo(before));
    }

    [Test]
    public async Task Upload_EmptyFile_Returns400NamingFile()
    {
        var client = await NewUserAsync();

        using var response = await client.UploadAsync([], "empty.png", "image/png");

        await response.ShouldBeValidationProblemAsync("file");
    }

    [Test]
    public async Task Upload_WithoutFilePart_Returns400NamingFile()
    {
        var client = await NewUserAsync();

        using var response = await client.UploadAsync(TestImages.Png(), partName: "picture");

        await response.ShouldBeValidationProblemAsync("file");
    }

    [Test]
    public async Task Upload_WithTwoFileParts_Returns400AndStoresNothing()
    {
        var client = await NewUserAsync();
        var before = await StoredObjectCount();
        using var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(TestImages.Png(red: 1)), "file", "a.png");
        form.Add(new ByteArrayContent(TestImages.Png(red: 2)), "file", "b.png");

        using var response = await client.PostAsync("/api/profile/upload-picture", form);

        await response.ShouldBeValidationProblemAsync("file");
        Assert.That(await StoredObjectCount(), Is.EqualTo(before));
    }

    [Test]
    public async Task Upload_JsonBody_Returns415()
    {
        var client = await NewUserAsync();

        using var response = await client.PostAsync(
            "/api/profile/upload-picture", new StringContent("""{"file":"iVBORw0KGgo="}""", Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [TestCase("../../etc/passwd.jpg")]
    [TestCase("evil\r\nX-Injected: 1.png")]
    [TestCase("\u202Egnp.exe")]
    public async Task Upload_HostileFileName_NeverReachesTheKey(string fileName)
    {
        var client = await NewUserAsync();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(TestImages.Png());
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        file.Headers.TryAddWithoutValidation("Content-Disposition", $"form-data; name=\"file\"; filename=\"{fileName.Replace("\r\n", " ", StringComparison.Ordinal)}\"");
        form.Add(file);

        using var response = await client.PostAsync("/api/profile/upload-picture", form);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var key = (await response.ReadJsonAsync())["s3Key"]!.GetValue<string>();
        Assert.That(key, Does.Match(@"^profile-pictures/[0-9a-f-]{36}/\d+-[a-z2-7]{16}\.(jpg|webp)$"));
    }

    private Task<int> StoredObjectCount() => Factory.CountStoredObjectsAsync();
}
