using System.Collections.Concurrent;
using System.Diagnostics;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Infrastructure.Images;
using CleanProfiles.Tests.Shared;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CleanProfiles.Infrastructure.IntegrationTests.Images;

/// <summary>
/// What a picture may cost: scans counted before any decode, a deadline after which libvips is stopped, one memory
/// budget for all decodes, and one picture per owner at a time.
/// </summary>
public sealed class PictureCostTests
{
    private const long MiB = 1024 * 1024;

    [Test]
    public async Task ProcessAsync_ScanBomb_IsRefusedFromItsMarkersInMilliseconds()
    {
        // 2,647 valid scans over 4 megapixels: libjpeg would spend seconds of CPU on it (a 40 MP one, about a minute).
        var bomb = ProgressiveJpeg.ManyScans(2000, 2000);
        using var processor = Processor(Limits());

        var elapsed = Stopwatch.StartNew();
        var refusal = await RefusalOf(() => processor.ProcessAsync(bomb, Guid.NewGuid(), CancellationToken.None));
        elapsed.Stop();

        Assert.Multiple(() =>
        {
            Assert.That(refusal.Reason, Is.EqualTo(PictureRejection.TooManyScans));
            Assert.That(refusal.Message, Does.Contain("more than 100 scans"));
            Assert.That(elapsed.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "counted, not decoded");
            Assert.That(processor.Budget.Peak, Is.Zero, "nothing was admitted for decoding");
        });
    }

    [Test]
    public async Task ProcessAsync_ManyScansButWithinTheLimit_IsProcessed()
    {
        // 1 + 3 x 20 x 1 = 61 scans, each valid: the generator makes real JPEGs, and the limit is not too tight.
        var jpeg = ProgressiveJpeg.ManyScans(96, 64, bitsPerCoefficient: 1, coefficients: 20);
        using var processor = Processor(Limits());

        var processed = await processor.ProcessAsync(jpeg, Guid.NewGuid(), CancellationToken.None);

        Assert.That((processed.Picture.Width, processed.Picture.Height), Is.EqualTo((96, 64)));
    }

    [Test]
    public async Task ProcessAsync_PastItsDeadline_IsRefusedThen_AndProcessingIsStopped()
    {
        // A flat 40 MP 16-bit PNG is decoded tile by tile (half a second or more): libvips' eval signal comes at every tile, where the kill is seen.
        var png = CostlyPictures.Rgba16Png(7296, 5472);
        var log = new CapturingLogger();
        using var processor = new NetVipsImageProcessor(Limits(timeout: TimeSpan.FromMilliseconds(100)), log);

        var elapsed = Stopwatch.StartNew();
        var refusal = await RefusalOf(() => processor.ProcessAsync(png, Guid.NewGuid(), CancellationToken.None));
        var answered = elapsed.Elapsed;
        while ((processor.Budget.InUse > 0 || !log.Messages.Any(m => m.Contains("deadline", StringComparison.Ordinal))) && elapsed.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(20);
        }

        Assert.Multiple(() =>
        {
            Assert.That(refusal.Reason, Is.EqualTo(PictureRejection.TimedOut));
            Assert.That(refusal.Message, Does.Contain("longer than 0.1 seconds"));
            Assert.That(answered, Is.LessThan(TimeSpan.FromSeconds(2)), "answered at the deadline, not when libvips ends");
            Assert.That(processor.Budget.InUse, Is.Zero, "libvips let go of the picture, and its memory was given back");
            // Stopped, not run to its end: by libvips' kill flag when its eval signal reaches the loader's pipeline,
            // otherwise right after the decode, before anything is encoded.
            Assert.That(log.Messages, Has.Some.Contains("answered at its deadline was stopped"), "not run to its end");
        });
    }

    [Test]
    public async Task ProcessAsync_PictureThatCouldNeverFitTheBudget_IsRefusedBeforeDecoding()
    {
        // 2000 x 2000 x 4 bands x 2 bytes = 32 MB held at once, plus libvips' working set: more than 64 MiB.
        var png = CostlyPictures.InterlacedRgba16Png(2000, 2000);
        using var small = Processor(Limits(budget: 64 * MiB));
        using var large = Processor(Limits(budget: 256 * MiB));

        var refusal = await RefusalOf(() => small.ProcessAsync(png, Guid.NewGuid(), CancellationToken.None));
        var processed = await large.ProcessAsync(png, Guid.NewGuid(), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(refusal.Reason, Is.EqualTo(PictureRejection.TooLargeToDecode));
            Assert.That(refusal.Message, Does.Contain("at most 64 MB"));
            Assert.That(small.Budget.Peak, Is.Zero);
            Assert.That(processed.Picture.Width, Is.EqualTo(128), "fits a larger budget");
        });
    }

    [Test]
    public async Task ProcessAsync_WorstCasesAtOnce_WaitForTheBudgetInsteadOfExceedingIt()
    {
        var pictures = new[]
        {
            CostlyPictures.InterlacedRgba16Png(1600, 1200), CostlyPictures.ProgressiveCmykJpeg(1600, 1200),
            CostlyPictures.InterlacedRgba16Png(1600, 1200), CostlyPictures.ProgressiveCmykJpeg(1600, 1200),
        };
        // Room for one of them at a time, not two.
        using var processor = Processor(Limits(budget: 96 * MiB));

        var processed = await Task.WhenAll(pictures.Select(p => processor.ProcessAsync(p, Guid.NewGuid(), CancellationToken.None)));

        Assert.Multiple(() =>
        {
            Assert.That(processed.Select(p => p.Picture.Width), Is.All.EqualTo(128), "every one was processed in the end");
            Assert.That(processor.Budget.Peak, Is.GreaterThan(60 * MiB).And.LessThanOrEqualTo(96 * MiB), "one at a time");
            Assert.That(processor.Budget.InUse, Is.Zero);
        });
    }

    [Test]
    public async Task ProcessAsync_OneOwnersSlowPictures_TakeTurns_AndAnotherOwnersPictureGoesFirst()
    {
        Assert.That(Environment.ProcessorCount, Is.GreaterThanOrEqualTo(2), "the fairness rule needs two cores to show (one per owner)");
        // Slow but accepted: 2,647 valid scans over 1 MP, kept at full size (no shrink-on-load), one to two seconds each.
        var slow = ProgressiveJpeg.ManyScans(1000, 1000);
        var small = CostlyPictures.FlatPng(64, 64);
        using var processor = Processor(Limits(scans: 10_000, timeout: TimeSpan.FromMinutes(2), pictureMaxSide: 1024));
        var owner = Guid.NewGuid();
        var finished = new ConcurrentQueue<string>();
        var clock = Stopwatch.StartNew();

        async Task Run(string name, byte[] picture, Guid by)
        {
            await processor.ProcessAsync(picture, by, CancellationToken.None);
            finished.Enqueue(name);
            TestContext.Out.WriteLine($"{name} finished at {clock.ElapsedMilliseconds} ms");
        }

        var first = Run("slow 1", slow, owner);
        var second = Run("slow 2", slow, owner);
        await Task.Delay(100); // both of the owner's are in before the other owner's arrives
        TestContext.Out.WriteLine($"other owner's starts at {clock.ElapsedMilliseconds} ms");
        var other = Run("other owner's", small, Guid.NewGuid());
        await Task.WhenAll(first, second, other);

        Assert.That(finished, Is.EqualTo(new[] { "other owner's", "slow 1", "slow 2" }));
    }

    private static PictureLimits Limits(TimeSpan? timeout = null, long budget = 768 * MiB, int scans = 100, int pictureMaxSide = 128) =>
        new(MaxPixels: 40_000_000, MaxSide: 10_000, PictureMaxSide: pictureMaxSide, ThumbnailSize: 32, MaxJpegScans: scans, Timeout: timeout, DecodeMemoryBudget: budget);

    private static NetVipsImageProcessor Processor(PictureLimits limits) => new(limits, NullLogger<NetVipsImageProcessor>.Instance);

    private static async Task<PictureRejectedException> RefusalOf(Func<Task> process)
    {
        try
        {
            await process();
        }
        catch (PictureRejectedException e)
        {
            return e;
        }

        throw new AssertionException("The picture was accepted.");
    }

    private sealed class CapturingLogger : ILogger<NetVipsImageProcessor>
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));
    }
}
