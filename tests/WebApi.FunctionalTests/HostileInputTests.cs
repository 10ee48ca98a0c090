using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using CleanProfiles.WebApi.FunctionalTests.Support;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// The hostile-input corpus: profile pictures come from strangers. Every case goes over a socket to the real app on
/// Kestrel (whose request body limits the in-memory test server does not enforce), with a fresh user, and a refusal
/// must be the exact status, an RFC 9457 problem, and leave every stored object and row as it was.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class HostileInputTests(Backend backend) : ApiFixture(backend, kestrel: true)
{
    private const string UploadRoute = "/api/profile/upload-picture";
    private const int MaxBytes = 5 * 1024 * 1024;
    private const long HugeBody = 100L * 1024 * 1024;
    private const long MostThatMayBeRead = 16L * 1024 * 1024;
    private const string KeyPattern = @"^profile-pictures/[0-9a-f-]{36}/\d+-[a-z2-7]{16}\.(jpg|webp)$";
    private static readonly TimeSpan BombDeadline = TimeSpan.FromSeconds(2);

    // ---------------------------------------------------------------- type spoofing and broken images

    public sealed record RefusedFile(string Name, Func<byte[]> Content, string FileName, string ContentType);

    public static IEnumerable<TestCaseData> NotImages() => Cases<RefusedFile>(
    [
        new("HTML as image/jpeg named .jpg", HostileFiles.Html, "avatar.jpg", "image/jpeg"),
        new("PHP as image/jpeg named .jpg", HostileFiles.Php, "shell.php.jpg", "image/jpeg"),
        new("plain text as image/jpeg named .jpg", HostileFiles.PlainText, "notes.jpg", "image/jpeg"),
        new("SVG with script as image/svg+xml", HostileFiles.SvgWithScript, "logo.svg", "image/svg+xml"),
        new("SVG with script as image/png", HostileFiles.SvgWithScript, "logo.png", "image/png"),
        new("PDF with OpenAction script as image/jpeg", HostileFiles.Pdf, "cv.jpg", "image/jpeg"),
        new("BMP", HostileFiles.Bmp, "photo.bmp", "image/bmp"),
        new("TIFF", HostileFiles.Tiff, "scan.tif", "image/tiff"),
        new("HEIC", HostileFiles.Heic, "IMG_0001.HEIC", "image/heic"),
        new("ICO", HostileFiles.Ico, "favicon.ico", "image/x-icon"),
        new("ZIP as image/png", HostileFiles.Zip, "photos.png", "image/png"),
        new("ELF executable as image/jpeg", HostileFiles.Elf, "me.jpg", "image/jpeg"),
        new("Windows EXE as image/gif", HostileFiles.WindowsExe, "me.gif", "image/gif"),
        new("WAV (RIFF but not WEBP) as image/webp", HostileFiles.Wav, "me.webp", "image/webp"),
        new("one byte", HostileFiles.OneByte, "tiny.jpg", "image/jpeg"),
    ]);

    [TestCaseSource(nameof(NotImages))]
    public async Task Upload_ContentThatIsNotAnAcceptedImageType_Returns415AndStoresNothing(RefusedFile file)
    {
        var client = await NewUserAsync();

        await ShouldBeRefusedAsync(
            () => client.UploadAsync(file.Content(), file.FileName, file.ContentType), HttpStatusCode.UnsupportedMediaType);
    }

    public static IEnumerable<TestCaseData> UndecodableImages() => Cases<RefusedFile>(
    [
        new("first half of an 800x600 JPEG", HostileFiles.TruncatedJpeg, "cut.jpg", "image/jpeg"),
        new("JPEG SOI then garbage", HostileFiles.JpegSoiThenGarbage, "noise.jpg", "image/jpeg"),
        new("PNG signature then garbage", HostileFiles.PngSignatureThenGarbage, "noise.png", "image/png"),
        new("GIF header only", HostileFiles.GifHeaderOnly, "empty.gif", "image/gif"),
        new("zero bytes", () => [], "empty.png", "image/png"),
    ]);

    [TestCaseSource(nameof(UndecodableImages))]
    public async Task Upload_ImageThatDoesNotDecode_Returns400NamingFileAndStoresNothing(RefusedFile file)
    {
        var client = await NewUserAsync();

        await ShouldBeRefusedAsync(
            () => client.UploadAsync(file.Content(), file.FileName, file.ContentType), HttpStatusCode.BadRequest, "file");
    }

    public sealed record AcceptedFile(
        string Name, Func<byte[]> Content, string FileName, string ContentType, int Width, int Height, int Band, double BandAtLeast, bool CarriesZip = false);

    public static IEnumerable<TestCaseData> AcceptedFiles() => Cases<AcceptedFile>(
    [
        new("PNG named .jpg", () => TestImages.Png(40, 30, red: 0, green: 0, blue: 255), "holiday.jpg", "image/jpeg", 40, 30, Band: 2, 240),
        new("JPEG named .gif", () => TestImages.Jpeg(64, 48, red: 220, green: 20, blue: 20), "funny.gif", "image/gif", 64, 48, Band: 0, 200),
        new("GIF with a ZIP appended", HostileFiles.GifWithZipAppended, "gifar.gif", "image/gif", 48, 32, Band: 1, 180, CarriesZip: true),
    ]);

    [TestCaseSource(nameof(AcceptedFiles))]
    public async Task Upload_ImageWhateverItsNameOrTrailer_IsStoredReencodedWithoutTheTrailer(AcceptedFile file)
    {
        var content = file.Content();
        Assert.That(Contains(content, "PK\x03\x04") && Contains(content, HostileFiles.ZipEntryName), Is.EqualTo(file.CarriesZip), "the upload carries the ZIP");
        var client = await NewUserAsync();
        var before = await Factory.SnapshotAsync();

        using var response = await client.UploadAsync(content, file.FileName, file.ContentType);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        Assert.That(body["s3Key"]!.GetValue<string>(), Does.Match(KeyPattern));
        var picture = await NewBrowser().GetByteArrayAsync(body["url"]!.GetValue<string>());
        var thumbnail = await NewBrowser().GetByteArrayAsync(body["thumbnail_url"]!.GetValue<string>());
        var decoded = Decoded.From(picture);
        Assert.Multiple(() =>
        {
            Assert.That(decoded.Loader, Is.AnyOf("jpegload_buffer", "webpload_buffer"), "re-encoded as JPEG or WebP");
            Assert.That((decoded.Width, decoded.Height), Is.EqualTo((file.Width, file.Height)));
            Assert.That(decoded.MeanColour[file.Band], Is.GreaterThanOrEqualTo(file.BandAtLeast), "the same picture");
            foreach (var (name, bytes) in new[] { ("picture", picture), ("thumbnail", thumbnail) })
            {
                Assert.That(Contains(bytes, "PK\x03\x04"), Is.False, $"the {name} carries no ZIP local file header");
                Assert.That(Contains(bytes, "PK\x01\x02") || Contains(bytes, "PK\x05\x06"), Is.False, $"the {name} carries no ZIP directory");
                Assert.That(Contains(bytes, HostileFiles.ZipEntryName), Is.False, $"the {name} carries no ZIP entry name");
                Assert.That(Contains(bytes, "Runtime.getRuntime"), Is.False, $"the {name} carries no payload");
            }
        });
        Assert.That(
            await Factory.SnapshotAsync(),
            Is.EqualTo(before with { Objects = before.Objects + 2, UploadRows = before.UploadRows + 1 }),
            "exactly a picture, its thumbnail and their record");
    }

    // ---------------------------------------------------------------- size

    [Test]
    public async Task Upload_PngOfExactlyTheByteLimit_IsAccepted()
    {
        var client = await NewUserAsync();
        var png = TestImages.Png(exactLength: MaxBytes);
        var before = await Factory.SnapshotAsync();

        using var response = await client.UploadAsync(png, "big.png", "image/png");

        Assert.That(png, Has.Length.EqualTo(5_242_880));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(await Factory.SnapshotAsync(), Is.EqualTo(before with { Objects = before.Objects + 2, UploadRows = before.UploadRows + 1 }));
    }

    [Test]
    public async Task Upload_PngOneByteOverTheByteLimit_Returns413AndStoresNothing()
    {
        var client = await NewUserAsync();
        var png = TestImages.Png(exactLength: MaxBytes + 1);

        await ShouldBeRefusedAsync(() => client.UploadAsync(png, "big.png", "image/png"), HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Upload_100MegabyteBodyWithContentLength_Returns413BeforeReadingIt()
    {
        // The client waits for "100 Continue" before sending the body, so what it sent is exactly what the server asked for.
        var token = (await NewUserAsync()).DefaultRequestHeaders.Authorization!.Parameter!;
        using var client = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = Factory.BaseAddress,
        };
        using var body = new GeneratedUploadContent(HugeBody, declareLength: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadRoute) { Content = body };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.ExpectContinue = true;
        var before = await Factory.SnapshotAsync();

        var elapsed = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        elapsed.Stop();

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        TestContext.Out.WriteLine($"Content-Length: {body.BytesPulled:N0} of {body.Length:N0} bytes sent, answered in {elapsed.ElapsedMilliseconds} ms");
        Assert.Multiple(async () =>
        {
            Assert.That(body.Headers.ContentLength, Is.EqualTo(body.Length).And.GreaterThan(HugeBody), "framed as intended");
            Assert.That(body.BytesPulled, Is.Zero, "refused on the declared length: not a byte of the body was asked for");
            Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo($"The file is larger than the limit of {MaxBytes} bytes."));
            Assert.That(await Factory.SnapshotAsync(), Is.EqualTo(before), "nothing stored, no row changed");
        });
    }

    [Test]
    public async Task Upload_100MegabyteBodyChunked_Returns413SoonAfterTheLimit()
    {
        // Sent as a browser sends: the body keeps going out while the answer is read, over a plain socket.
        var token = (await NewUserAsync()).DefaultRequestHeaders.Authorization!.Parameter!;
        using var body = new GeneratedUploadContent(HugeBody, declareLength: false);
        var before = await Factory.SnapshotAsync();

        var elapsed = Stopwatch.StartNew();
        var response = await RawHttpClient.PostChunkedAsync(Factory.BaseAddress, UploadRoute, token, body, TimeSpan.FromMinutes(1));
        elapsed.Stop();

        await Task.Delay(TimeSpan.FromMilliseconds(300)); // whatever the server still pulls after answering counts too
        TestContext.Out.WriteLine($"chunked: {body.BytesPulled:N0} of {body.Length:N0} bytes sent, answered in {elapsed.ElapsedMilliseconds} ms");
        var problem = System.Text.Json.Nodes.JsonNode.Parse(response.Body)!.AsObject();
        Assert.Multiple(async () =>
        {
            Assert.That(response.Status, Is.EqualTo(413), response.Body);
            Assert.That(response.Headers["Content-Type"], Does.StartWith("application/problem+json"));
            Assert.That(problem["title"]?.GetValue<string>(), Is.EqualTo("Payload Too Large"));
            Assert.That(problem["detail"]?.GetValue<string>(), Is.EqualTo($"The file is larger than the limit of {MaxBytes} bytes."));
            Assert.That(problem["traceId"]?.GetValue<string>(), Is.Not.Empty);
            Assert.That(body.BytesPulled, Is.LessThan(MostThatMayBeRead), "the server stopped reading soon after its limit");
            Assert.That(await Factory.SnapshotAsync(), Is.EqualTo(before), "nothing stored, no row changed");
        });
    }

    [Test]
    public async Task Upload_SmallImageChunkedWithoutContentLength_IsAccepted()
    {
        var client = await NewUserAsync();
        using var content = new RawMultipart().File("file", "chunked.png", TestImages.Png(24, 16, red: 0, green: 255, blue: 0)).ToContent(chunked: true);
        using var request = new HttpRequestMessage(HttpMethod.Post, UploadRoute) { Content = content };
        request.Headers.TransferEncodingChunked = true;
        var before = await Factory.SnapshotAsync();

        using var response = await client.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        Assert.That(content.Headers.ContentLength, Is.Null, "sent without a length");
        var picture = Decoded.From(await NewBrowser().GetByteArrayAsync((await response.ReadJsonAsync())["url"]!.GetValue<string>()));
        Assert.That((picture.Width, picture.Height, picture.MeanColour[1] > 240), Is.EqualTo((24, 16, true)));
        Assert.That(await Factory.SnapshotAsync(), Is.EqualTo(before with { Objects = before.Objects + 2, UploadRows = before.UploadRows + 1 }));
    }

    [Test]
    public async Task Upload_LargestImagesOneAfterAnother_EachGetsItsOwnBytes()
    {
        // Uploads near the limit share buffers kept between requests; chunked ones grow into them from a small start.
        var client = await NewUserAsync();
        var uploads = new[]
        {
            (Chunked: true, Green: (byte)255),
            (Chunked: false, Green: (byte)0),
            (Chunked: true, Green: (byte)0),
            (Chunked: false, Green: (byte)255),
        };

        foreach (var (chunked, green) in uploads)
        {
            var png = TestImages.Png(24, 16, red: (byte)(255 - green), green: green, blue: 0, exactLength: MaxBytes);
            using var content = new RawMultipart().File("file", "large.png", png).ToContent(chunked: chunked);
            using var request = new HttpRequestMessage(HttpMethod.Post, UploadRoute) { Content = content };
            request.Headers.TransferEncodingChunked = chunked;

            using var response = await client.SendAsync(request);

            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            var picture = Decoded.From(await NewBrowser().GetByteArrayAsync((await response.ReadJsonAsync())["url"]!.GetValue<string>()));
            Assert.That(picture.MeanColour[1] > 240, Is.EqualTo(green == 255), $"chunked: {chunked}, green: {green}");
        }
    }

    // ---------------------------------------------------------------- decompression bombs

    public sealed record Bomb(string Name, Func<byte[]> Content, string FileName, long DeclaredPixels);

    public static IEnumerable<TestCaseData> Bombs() => Cases<Bomb>(
    [
        new("PNG 30000 x 30000 1-bit", HostileFiles.PngBomb30000, "bomb.png", 30_000L * 30_000),
        new("PNG 1 x 500000000 strip", HostileFiles.PngStrip500Million, "strip.png", 500_000_000),
        new("PNG 1 x 600000 strip", () => HostileFiles.PngStrip(600_000), "strip.png", 600_000),
        new("GIF screen 65535 x 65535, 1x1 frame", HostileFiles.GifScreen65535, "screen.gif", 65_535L * 65_535),
        new("JPEG SOF0 patched to 65000 x 65000", HostileFiles.JpegDeclaring65000, "huge.jpg", 65_000L * 65_000),
        new("WebP VP8L patched to 16383 x 16383", HostileFiles.WebPDeclaring16383, "huge.webp", 16_383L * 16_383),
    ]);

    [TestCaseSource(nameof(Bombs))]
    public async Task Upload_DecompressionBomb_Returns413FastAndStoresNothing(Bomb bomb)
    {
        var client = await NewUserAsync();
        var content = bomb.Content();
        Assert.That(content, Has.Length.LessThan(1024 * 1024), "the bomb itself is small");

        var before = await Factory.SnapshotAsync();

        var elapsed = Stopwatch.StartNew();
        using var response = await client.UploadAsync(content, bomb.FileName, "application/octet-stream");
        elapsed.Stop();

        var after = await Factory.SnapshotAsync();
        var took = $"{bomb.Name}: {content.Length:N0} bytes declaring {bomb.DeclaredPixels:N0} pixels, answered {(int)response.StatusCode} in {elapsed.ElapsedMilliseconds} ms";
        TestContext.Out.WriteLine(took);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(elapsed.Elapsed, Is.LessThan(BombDeadline), $"{took}: refused from the header, without decoding");
            Assert.That(after, Is.EqualTo(before), "nothing stored, no row changed");
            await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        });
    }

    // ---------------------------------------------------------------- multipart abuse

    public sealed record AbusiveBody(string Name, Func<HttpContent> Content);

    public static IEnumerable<TestCaseData> MalformedMultipartBodies() => Cases<AbusiveBody>(
    [
        new("no file part, only a picture part", () => new RawMultipart().File("picture", "a.png", TestImages.Png()).ToContent()),
        new("two file parts", () => new RawMultipart().File("file", "a.png", TestImages.Png(red: 1)).File("file", "b.png", TestImages.Png(red: 2)).ToContent()),
        new("1000 parts", ThousandParts),
        new("a 100 KB part header line", () => new RawMultipart().Part(
            ["Content-Disposition: form-data; name=\"file\"; filename=\"a.png\"", "Content-Type: image/png", "X-Padding: " + new string('a', 100 * 1024)],
            TestImages.Png()).ToContent()),
        new("a 100 KB file name", () => new RawMultipart().File("file", new string('n', 100 * 1024) + ".png", TestImages.Png()).ToContent()),
        new("40 header lines in one part", () => new RawMultipart().Part(
            ["Content-Disposition: form-data; name=\"file\"; filename=\"a.png\"", .. Enumerable.Range(0, 39).Select(i => $"X-Header-{i}: {i}")],
            TestImages.Png()).ToContent()),
        new("a 200-character boundary", () => new RawMultipart(new string('b', 200)).File("file", "a.png", TestImages.Png()).ToContent()),
        new("raw CR LF inside the quoted filename (part header injection)", () => new RawMultipart().File("file", "evil\r\nX-Injected: 1.png", TestImages.Png()).ToContent()),
        new("missing closing boundary", () => new RawMultipart().File("file", "a.png", TestImages.Png()).ToContent(closed: false)),
        new("body cut off inside the file", CutOffInsideTheFile),
        new("multipart without a boundary parameter", () => new RawMultipart().File("file", "a.png", TestImages.Png()).ToContent(withBoundaryParameter: false)),
    ]);

    [TestCaseSource(nameof(MalformedMultipartBodies))]
    public async Task Upload_MalformedOrAbusiveMultipart_Returns400NamingFileAndStoresNothing(AbusiveBody body)
    {
        var client = await NewUserAsync();

        await ShouldBeRefusedAsync(() => PostAsync(client, body), HttpStatusCode.BadRequest, "file");
    }

    public static IEnumerable<TestCaseData> NotMultipartBodies() => Cases<AbusiveBody>(
    [
        new("a JSON body", () => new StringContent("""{"file":"iVBORw0KGgo="}""", Encoding.UTF8, "application/json")),
        new("a PNG as the raw body", () => new ByteArrayContent(TestImages.Png()) { Headers = { ContentType = new MediaTypeHeaderValue("image/png") } }),
    ]);

    [TestCaseSource(nameof(NotMultipartBodies))]
    public async Task Upload_BodyThatIsNotMultipart_Returns415AndStoresNothing(AbusiveBody body)
    {
        var client = await NewUserAsync();

        await ShouldBeRefusedAsync(() => PostAsync(client, body), HttpStatusCode.UnsupportedMediaType);
    }

    // ---------------------------------------------------------------- file names

    public sealed record HostileName(string Name, Func<RawMultipart> Body, string[] MustNotAppear);

    public static IEnumerable<TestCaseData> HostileNames() => Cases<HostileName>(
    [
        new("path traversal ../../etc/passwd.jpg", () => Named("../../etc/passwd.jpg"), ["passwd", "..", "etc/"]),
        new("CR LF header injection (filename*)", () => new RawMultipart().FileWithEncodedName("file", "evil\r\nX-Injected: 1.jpg", TestImages.Png()), ["evil", "\r", "\n", "Injected"]),
        new("5000-character name", () => Named(new string('A', 4996) + ".jpg"), ["AAAAAAAA"]),
        new("RTL override U+202E photo<RLO>gpj.exe", () => Named("photo\u202Egpj.exe"), ["\u202E", "photo", "gpj.exe"]),
        new("NUL characters shell.php\\0\\0.jpg", () => Named("shell.php\0\0.jpg"), ["\0", "shell", ".php"]),
        new("percent-encoded traversal %2e%2e%2f", () => Named("%2e%2e%2f%2e%2e%2fetc%2fpasswd.jpg"), ["%2e%2e", "passwd"]),
    ]);

    [TestCaseSource(nameof(HostileNames))]
    public async Task Upload_HostileFileName_IsStoredUnderAServerKeyThatIgnoresTheName(HostileName name)
    {
        var client = await NewUserAsync();
        var before = await Factory.SnapshotAsync();

        using var content = name.Body().ToContent();
        using var response = await client.PostAsync(UploadRoute, content);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var body = await response.ReadJsonAsync();
        var key = body["s3Key"]!.GetValue<string>();
        Assert.That(key, Does.Match(KeyPattern));
        Assert.Multiple(() =>
        {
            foreach (var field in new[] { "s3Key", "url", "thumbnail_url" })
            {
                var value = body[field]!.GetValue<string>();
                foreach (var fragment in name.MustNotAppear)
                {
                    // Ordinal: a culture-aware search ignores NUL and U+202E, and would find them everywhere.
                    Assert.That(value.Contains(fragment, StringComparison.Ordinal), Is.False, $"{field} contains a piece of the file name");
                    Assert.That(Uri.UnescapeDataString(value).Contains(fragment, StringComparison.Ordinal), Is.False, $"{field}, unescaped, contains a piece of the file name");
                }
            }
        });
        Assert.That(await Factory.SnapshotAsync(), Is.EqualTo(before with { Objects = before.Objects + 2, UploadRows = before.UploadRows + 1 }));
    }

    // ---------------------------------------------------------------- picture references in PUT /api/profile/update

    public sealed record References(string OwnUserId, string OtherUserId, string OwnKey, string OtherUsersKey);

    public sealed record HostileReference(string Name, Func<References, string> Value);

    public static IEnumerable<TestCaseData> HostileReferences() => Cases<HostileReference>(
    [
        new("another user's key", r => r.OtherUsersKey),
        new("a well-formed own key never uploaded", r => $"profile-pictures/{r.OwnUserId}/1700000000000-abcdefghijklmnop.jpg"),
        new("own prefix then ../ to another user's key", r => r.OtherUsersKey.Replace($"profile-pictures/{r.OtherUserId}/", $"profile-pictures/{r.OwnUserId}/../{r.OtherUserId}/", StringComparison.Ordinal)),
        new("a key over 1024 bytes", r => $"profile-pictures/{r.OwnUserId}/1700000000000-{new string('a', 1024)}.jpg"),
        new("javascript:alert(1)", _ => "javascript:alert(1)"),
        new("data:text/html script", _ => "data:text/html,<script>alert(1)</script>"),
        new("http URL", _ => "http://evil.example/a.png"),
        new("https URL", _ => "https://evil.example/a.png"),
        new("protocol-relative //evil.example/a.png", _ => "//evil.example/a.png"),
        new("the thumbnail key of one's own upload", r => r.OwnKey[..r.OwnKey.LastIndexOf('.')] + "_thumb.webp"),
    ]);

    [TestCaseSource(nameof(HostileReferences))]
    public async Task Update_HostilePictureReference_Returns400AndChangesNothing(HostileReference reference)
    {
        var other = await NewUserAsync("Other User");
        var otherId = (await other.GetProfileAsync())["user_id"]!.GetValue<string>();
        var otherKey = (await other.UploadOkAsync(TestImages.Png(red: 9)))["s3Key"]!.GetValue<string>();
        var client = await NewUserAsync();
        var ownId = (await client.GetProfileAsync())["user_id"]!.GetValue<string>();
        var ownKey = (await client.UploadOkAsync(TestImages.Png(red: 3)))["s3Key"]!.GetValue<string>();
        using (var attach = await client.UpdateProfileAsync(new { profile_picture_url = ownKey }))
        {
            Assert.That(attach.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the user's own key is accepted");
        }

        var value = reference.Value(new References(ownId, otherId, ownKey, otherKey));
        var profileBefore = (await client.GetProfileAsync()).ToJsonString();

        await ShouldBeRefusedAsync(
            () => client.UpdateProfileAsync(new { profile_picture_url = value, name = "Changed By Attacker", headline = "pwned" }),
            HttpStatusCode.BadRequest,
            "profile_picture_url");

        Assert.That((await client.GetProfileAsync()).ToJsonString(), Is.EqualTo(profileBefore), "the profile reads back unchanged");
    }

    // ---------------------------------------------------------------- tokens on the upload route

    public sealed record BadToken(string Name, Func<TokenForge, string?> Token);

    public static IEnumerable<TestCaseData> BadTokens() => Cases<BadToken>(
    [
        new("no token", _ => null),
        new("garbage", _ => "not-a-jwt-at-all"),
        new("alg none", f => $"{Base64Url("""{"alg":"none","typ":"JWT"}""")}.{f.Forge().Split('.')[1]}."),
        new("signed with another key", f => f.Forge(key: "another-signing-key-that-is-long-enough-0123456789")),
        new("wrong issuer", f => f.Forge(issuer: "someone-else")),
        new("wrong audience", f => f.Forge(audience: "another-api")),
        new("expired 31 s ago, past the 30 s skew", f => f.Forge(issuedAt: f.Now.AddHours(-1), expires: f.Now.AddSeconds(-31))),
        new("claims edited after signing (sub swapped to another user)", f => f.ForgeWithEditedSubject()),
    ]);

    [TestCaseSource(nameof(BadTokens))]
    public async Task Upload_WithBadToken_Returns401AndStoresNothing(BadToken token)
    {
        var forge = await NewForgeAsync();
        var client = NewClient();
        if (token.Token(forge) is { } value)
        {
            client.WithToken(value);
        }

        await ShouldBeRefusedAsync(() => client.UploadAsync(TestImages.Png(), "a.png", "image/png"), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Upload_WithFaithfullyForgedToken_IsAccepted()
    {
        // Proves the forging above is faithful: each bad token fails only for the one thing it changes.
        var forge = await NewForgeAsync();

        using var response = await NewClient().WithToken(forge.Forge()).UploadAsync(TestImages.Png(), "a.png", "image/png");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
    }

    public sealed class TokenForge(Guid userId, Guid otherUserId, DateTime now)
    {
        public DateTime Now => now;

        public string Forge(
            string key = ApiFactory.JwtSigningKey,
            string issuer = "CleanProfiles.Tests",
            string audience = "CleanProfiles.Tests",
            DateTime? issuedAt = null,
            DateTime? expires = null,
            Guid? subject = null)
        {
            var issued = issuedAt ?? now;
            return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer,
                Audience = audience,
                IssuedAt = issued,
                NotBefore = issued,
                Expires = expires ?? issued.AddMinutes(10),
                Subject = new ClaimsIdentity([new Claim("sub", (subject ?? userId).ToString())]),
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
            });
        }

        public string ForgeWithEditedSubject()
        {
            var parts = Forge().Split('.');
            var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1]))
                .Replace(userId.ToString(), otherUserId.ToString(), StringComparison.Ordinal);
            return $"{parts[0]}.{Base64Url(payload)}.{parts[2]}";
        }
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// Sends, then asserts the exact status, a problem body (naming <paramref name="field"/> when it is a 400), and that
    /// the stored objects and every row are as they were.
    /// </summary>
    private async Task ShouldBeRefusedAsync(Func<Task<HttpResponseMessage>> send, HttpStatusCode status, string? field = null)
    {
        var before = await Factory.SnapshotAsync();
        using var response = await send();
        var after = await Factory.SnapshotAsync();

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(after, Is.EqualTo(before), "nothing stored, no row changed");
            if (status == HttpStatusCode.BadRequest && field is not null)
            {
                await response.ShouldBeValidationProblemAsync(field);
            }
            else
            {
                await response.ShouldBeProblemAsync(status);
            }
        });
    }

    private async Task<TokenForge> NewForgeAsync()
    {
        var user = await NewUserAsync();
        var other = await NewUserAsync("Other User");
        return new TokenForge(
            Guid.Parse((await user.GetProfileAsync())["user_id"]!.GetValue<string>()),
            Guid.Parse((await other.GetProfileAsync())["user_id"]!.GetValue<string>()),
            Factory.Clock.GetUtcNow().UtcDateTime);
    }

    private static IEnumerable<TestCaseData> Cases<T>(IEnumerable<T> cases)
        where T : notnull =>
        cases.Select(c => new TestCaseData(c).SetArgDisplayNames((string)typeof(T).GetProperty("Name")!.GetValue(c)!));

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, AbusiveBody body)
    {
        using var content = body.Content();
        return await client.PostAsync(UploadRoute, content);
    }

    private static RawMultipart Named(string fileName) => new RawMultipart().File("file", fileName, TestImages.Png(), "image/png");

    private static HttpContent ThousandParts()
    {
        var body = new RawMultipart().File("file", "a.png", TestImages.Png());
        for (var i = 0; i < 999; i++)
        {
            body.Field($"field{i}", "x");
        }

        return body.ToContent();
    }

    private static HttpContent CutOffInsideTheFile()
    {
        var body = new RawMultipart().File("file", "a.jpg", HostileFiles.NoiseJpeg(64, 64), "image/jpeg");
        return body.ToContent(truncateTo: body.Build().Length / 2);
    }

    private static bool Contains(byte[] haystack, string needle) => haystack.AsSpan().IndexOf(Encoding.Latin1.GetBytes(needle)) >= 0;

    private static string Base64Url(string text) => Base64UrlEncoder.Encode(text);
}
