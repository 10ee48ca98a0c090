using System.Diagnostics;
using System.Net;
using CleanProfiles.Tests.Shared;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// Pictures that cost too much, over HTTP on Kestrel, on both stacks: the scan bomb, the deadline, the decode memory
/// budget, and one user's slow pictures beside another user's small one. Each refusal is the exact status, a problem
/// body that says why, and nothing stored.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class CostlyPictureTests(Backend backend)
{
    // 7296 x 5472 = 39.9 MP, inside the pixel limits; 2,647 valid scans in about 380 KB.
    private static readonly Lazy<byte[]> ScanBomb = new(() => ProgressiveJpeg.ManyScans(7296, 5472));

    [Test]
    public async Task Upload_40MegapixelJpegWith2647Scans_Returns422InUnderASecond_AndStoresNothing()
    {
        await using var factory = await ApiFactory.CreateAsync(backend, kestrel: true);
        using var client = await SignedInAsync(factory);
        var bomb = ScanBomb.Value;
        Assert.That(bomb, Has.Length.LessThan(512 * 1024), "an ordinary-looking file");
        (await client.UploadAsync(TestImages.Png(), "warm.png", "image/png")).Dispose(); // the first request's start-up is not the bomb's
        var before = await factory.SnapshotAsync();

        var elapsed = Stopwatch.StartNew();
        using var response = await client.UploadAsync(bomb, "holiday.jpg", "image/jpeg");
        elapsed.Stop();

        TestContext.Out.WriteLine($"scan bomb: {bomb.Length:N0} bytes, answered {(int)response.StatusCode} in {elapsed.ElapsedMilliseconds} ms");
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Multiple(async () =>
        {
            Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "refused from its markers, before any decode");
            Assert.That(problem["title"]!.GetValue<string>(), Is.EqualTo("Unprocessable Content"));
            Assert.That(problem["detail"]!.GetValue<string>(), Does.StartWith("The JPEG has more than 100 scans"));
            Assert.That(await factory.SnapshotAsync(), Is.EqualTo(before), "nothing stored, no row changed");
        });
    }

    [Test]
    public async Task Upload_PictureStillProcessingAtItsDeadline_Returns422_AndStoresNothing()
    {
        await using var factory = await ApiFactory.CreateAsync(
            backend, new Dictionary<string, string?> { ["Pictures:ProcessingTimeout"] = "00:00:00.100" }, kestrel: true);
        using var client = await SignedInAsync(factory);
        var png = CostlyPictures.Rgba16Png(7296, 5472); // 40 MP of 16-bit samples: well over 100 ms of decoding and shrinking
        var before = await factory.SnapshotAsync();

        var elapsed = Stopwatch.StartNew();
        using var response = await client.UploadAsync(png, "scan.png", "image/png");
        elapsed.Stop();

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Multiple(async () =>
        {
            Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo(
                "Processing the picture took longer than 0.1 seconds and was stopped. Try a smaller or simpler picture."));
            Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(3)), "answered at the deadline");
            Assert.That(await factory.SnapshotAsync(), Is.EqualTo(before), "nothing stored, no row changed");
        });
    }

    [Test]
    public async Task Upload_PictureWhoseDecodeCouldNeverFitTheBudget_Returns413_AndStoresNothing()
    {
        await using var factory = await ApiFactory.CreateAsync(
            backend, new Dictionary<string, string?> { ["Pictures:DecodeMemoryBudget"] = (64 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture) }, kestrel: true);
        using var client = await SignedInAsync(factory);
        var png = CostlyPictures.InterlacedRgba16Png(2000, 2000); // held whole: 32 MB of pixels, plus libvips' own
        var before = await factory.SnapshotAsync();

        using var response = await client.UploadAsync(png, "deep.png", "image/png");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Multiple(async () =>
        {
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Match(@"^Decoding the picture would need about \d+ MB of memory; at most 64 MB are available"));
            Assert.That(await factory.SnapshotAsync(), Is.EqualTo(before), "nothing stored, no row changed");
        });
    }

    [Test]
    public async Task Upload_WhileOneUsersSlowPicturesAreProcessed_AnotherUsersSmallUploadIsAnsweredFirst()
    {
        Assert.That(Environment.ProcessorCount, Is.GreaterThanOrEqualTo(2), "the fairness rule needs two cores to show (one per user)");
        // Slow but accepted here: 2,647 valid scans over 1 MP, one to two seconds of libjpeg each.
        await using var factory = await ApiFactory.CreateAsync(
            backend, new Dictionary<string, string?> { ["Pictures:MaxJpegScans"] = "10000", ["Pictures:ProcessingTimeout"] = "00:02:00" }, kestrel: true);
        using var heavy = await SignedInAsync(factory);
        using var light = await SignedInAsync(factory);
        var slow = ProgressiveJpeg.ManyScans(1000, 1000);
        (await light.UploadAsync(TestImages.Png(), "warm.png", "image/png")).Dispose();

        var clock = Stopwatch.StartNew();
        var slowOnes = new[] { TimedAsync(heavy, slow, clock), TimedAsync(heavy, slow, clock) };
        await Task.Delay(200); // both slow uploads are in before the small one arrives
        var started = clock.Elapsed;
        var small = await TimedAsync(light, TestImages.Png(48, 32, red: 0, green: 200, blue: 0), clock);
        var slowDone = await Task.WhenAll(slowOnes);

        TestContext.Out.WriteLine($"small upload answered after {(small.At - started).TotalMilliseconds:N0} ms; slow ones at {string.Join(", ", slowDone.Select(s => $"{s.At.TotalMilliseconds:N0} ms"))}");
        Assert.Multiple(() =>
        {
            Assert.That(slowDone.Select(s => s.Status), Is.All.EqualTo(HttpStatusCode.OK));
            Assert.That(small.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(small.At, Is.LessThan(slowDone.Min(s => s.At)), "the small upload did not wait for the slow ones");
            Assert.That(slowDone.Max(s => s.At) - slowDone.Min(s => s.At), Is.GreaterThan(TimeSpan.FromMilliseconds(300)), "the slow user's pictures took turns");
        });
    }

    private static async Task<(HttpStatusCode Status, TimeSpan At)> TimedAsync(HttpClient client, byte[] picture, Stopwatch clock)
    {
        using var response = await client.UploadAsync(picture, "p.jpg", "image/jpeg");
        return (response.StatusCode, clock.Elapsed);
    }

    private static async Task<HttpClient> SignedInAsync(ApiFactory factory)
    {
        var client = new HttpClient { BaseAddress = factory.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        return client.WithToken(await client.RegisterAsync());
    }
}
