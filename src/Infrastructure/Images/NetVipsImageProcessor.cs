using System.Diagnostics;
using System.Globalization;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Pictures;
using Microsoft.Extensions.Logging;
using NetVips;

namespace CleanProfiles.Infrastructure.Images;

/// <summary>
/// The whole picture policy behind <see cref="IImageProcessor"/>: the accepted formats (magic numbers, then the one
/// libvips loader allowed for each), the declared size against <see cref="PictureLimits"/> before any decode (from the
/// bytes, then from libvips' header), the JPEG scan count, the decode's memory estimate against one budget, one
/// shrink-on-load decode with the EXIF orientation applied under a deadline, sRGB, and two re-encoded variants that
/// carry no metadata at all. A refused picture is a <see cref="PictureRejectedException"/>.
/// </summary>
/// <remarks>
/// Admission, in this order: the owner's turn (one picture per owner at a time), the memory budget (first come,
/// first served), a core. All three are held until libvips has really finished with the picture, also when the
/// request was answered at its deadline before that.
/// </remarks>
internal sealed partial class NetVipsImageProcessor : IImageProcessor, IDisposable
{
    private const int PictureJpegQuality = 82;
    private const int PictureWebpQuality = 82;
    private const int ThumbnailWebpQuality = 78;

    // Decoding is CPU-bound: one at a time per core.
    private readonly SemaphoreSlim slots = new(Math.Max(1, Environment.ProcessorCount));
    private readonly OwnerTurns owners = new();
    private readonly PictureLimits limits;
    private readonly ILogger<NetVipsImageProcessor> logger;

    public NetVipsImageProcessor(PictureLimits limits, ILogger<NetVipsImageProcessor> logger)
    {
        LibvipsSettings.Apply();
        this.limits = limits;
        this.logger = logger;
        Budget = new DecodeBudget(limits.DecodeMemoryBudget);
    }

    /// <summary>The decode memory budget (visible to tests).</summary>
    internal DecodeBudget Budget { get; }

    public async Task<ProcessedPicture> ProcessAsync(ReadOnlyMemory<byte> upload, Guid owner, CancellationToken cancellationToken)
    {
        // The cheap checks need no decoder: what the bytes are, how large they say the picture is, how many scans.
        var format = AcceptedFormats.Detect(upload.Span[..Math.Min(upload.Length, AcceptedFormats.SignatureLength)])
            ?? throw NotAnAcceptedFormat();
        DeclaredSize? declared = DeclaredSize.TryRead(upload.Span, format, out var size) ? size : null;
        if (declared is { } d)
        {
            EnsureWithinLimits(d.Width, d.Height);
        }

        if (format == ImageFormat.Jpeg && JpegScans.Count(upload.Span, limits.MaxJpegScans) > limits.MaxJpegScans)
        {
            throw new PictureRejectedException(
                PictureRejection.TooManyScans,
                $"The JPEG has more than {limits.MaxJpegScans} scans; at most {limits.MaxJpegScans} are accepted (cameras and editors write a few dozen at most). Save it again as an ordinary JPEG.");
        }

        var header = ReadHeader(upload.Span, format);
        EnsureWithinLimits(header.Width, header.Height);
        var estimate = DecodeEstimate.Bytes(header, declared, limits.PictureMaxSide);
        if (estimate > Budget.Capacity)
        {
            throw new PictureRejectedException(
                PictureRejection.TooLargeToDecode,
                $"Decoding the picture would need about {Megabytes(estimate)} MB of memory; at most {Megabytes(Budget.Capacity)} MB are available for pictures. Save it with fewer pixels, or as a baseline JPEG or a non-interlaced PNG.");
        }

        var held = new List<IDisposable>(3);
        try
        {
            held.Add(await owners.WaitAsync(owner, cancellationToken));
            held.Add(await Budget.AdmitAsync(estimate, cancellationToken));
            await slots.WaitAsync(cancellationToken);
            held.Add(new SlotRelease(slots));
        }
        catch
        {
            Release(held);
            throw;
        }

        // libvips gets its own copy of the bytes: the caller's buffer is free again as soon as this returns, even when
        // the answer comes at the deadline and libvips is still at work.
        var source = Source.NewFromMemory(upload.Span);
        var stop = new StopSignal();
        ProcessedPicture Run()
        {
            try
            {
                using (source)
                {
                    return Decode(source, header.HasProfile, stop);
                }
            }
            finally
            {
                Release(held);
            }
        }

        // A thread of its own, not one of the pool's: a decode blocks it until libvips lets go, past the deadline too.
        var work = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            return await work.WaitAsync(limits.ProcessingTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            stop.Request();
            ObserveLateEnd(work);
            throw new PictureRejectedException(
                PictureRejection.TimedOut,
                $"Processing the picture took longer than {Seconds(limits.ProcessingTimeout)} seconds and was stopped. Try a smaller or simpler picture.");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            stop.Request(); // the client went away: nobody waits for this picture
            ObserveLateEnd(work);
            throw;
        }
    }

    public void Dispose() => slots.Dispose();

    /// <summary>Sequential access reads the header only: nothing is decoded or allocated for the pixels yet.</summary>
    private PictureHeader ReadHeader(ReadOnlySpan<byte> content, ImageFormat detected)
    {
        try
        {
            using var header = Image.NewFromBuffer(content, access: Enums.Access.Sequential);
            if (!AcceptedFormats.Loaders.TryGetValue((string)header.Get("vips-loader"), out var loaded) || loaded != detected)
            {
                throw NotAnAcceptedFormat();
            }

            var interlaced = header.Contains("interlaced") && Convert.ToInt32(header.Get("interlaced"), CultureInfo.InvariantCulture) != 0;
            var bytesPerSample = header.Format is Enums.BandFormat.Ushort or Enums.BandFormat.Short ? 2
                : header.Format is Enums.BandFormat.Uchar or Enums.BandFormat.Char ? 1 : 4;
            return new PictureHeader(
                detected,
                header.Width,
                header.Height,
                header.Bands,
                bytesPerSample,
                interlaced,
                JpegComponentsPerPixel(header),
                header.Contains("icc-profile-data"));
        }
        catch (VipsException e)
        {
            LogRefused(logger, "header", e.Message);
            throw Undecodable();
        }
    }

    /// <summary>Components per pixel of the coefficients a JPEG decoder holds: chroma subsampling shrinks two of three.</summary>
    private static double JpegComponentsPerPixel(Image header)
    {
        var subsampling = header.Contains("jpeg-chroma-subsample") ? (string)header.Get("jpeg-chroma-subsample") : "4:4:4";
        var chroma = subsampling.StartsWith("4:2:0", StringComparison.Ordinal) || subsampling.StartsWith("4:1:1", StringComparison.Ordinal) ? 0.25
            : subsampling.StartsWith("4:2:2", StringComparison.Ordinal) || subsampling.StartsWith("4:4:0", StringComparison.Ordinal) ? 0.5
            : 1.0;
        return header.Bands == 3 ? 1 + (2 * chroma) : header.Bands;
    }

    /// <summary>
    /// One decode under the stop signal: libvips' eval signal sets the kill flag at a tile that reports progress, and
    /// the signal is checked again right after the decode, so nothing is encoded for a picture past its deadline. (The
    /// thumbnail operation's own loader pipeline reports no progress to these images: a decode under way ends first.)
    /// </summary>
    private ProcessedPicture Decode(Source source, bool hasProfile, StopSignal stop)
    {
        try
        {
            // One decode, shrunk while loading, EXIF orientation applied; truncated files fail instead of being padded.
            using var decoded = Image.ThumbnailSource(
                source,
                limits.PictureMaxSide,
                optionString: "fail_on=truncated",
                height: limits.PictureMaxSide,
                size: Enums.Size.Down,
                outputProfile: hasProfile ? "srgb" : null);
            decoded.SetProgress(true);
            decoded.SignalConnect(Enums.Signals.Eval, (image, _) =>
            {
                if (stop.Requested)
                {
                    image.SetKill(true);
                }
            });
            using var srgb = decoded.Interpretation == Enums.Interpretation.Srgb ? decoded.Copy() : decoded.Colourspace(Enums.Interpretation.Srgb);
            // Materialise once: both variants are cut from the same pixels.
            using var pixels = srgb.CopyMemory();
            stop.ThrowIfRequested();
            var picture = EncodePicture(pixels);
            using var square = pixels.ThumbnailImage(limits.ThumbnailSize, height: limits.ThumbnailSize, crop: Enums.Interesting.Centre);
            var thumbnail = new EncodedImage(
                square.WebpsaveBuffer(q: ThumbnailWebpQuality, keep: Enums.ForeignKeep.None), ImageFormat.WebP, square.Width, square.Height);
            return new ProcessedPicture(picture, thumbnail);
        }
        catch (VipsException e) when (!stop.Requested)
        {
            LogRefused(logger, "decode", e.Message);
            throw Undecodable();
        }
    }

    /// <summary>A picture answered at its deadline still runs until libvips stops it; its end is logged, never thrown.</summary>
    private void ObserveLateEnd(Task work)
    {
        var since = Stopwatch.StartNew();
        _ = work.ContinueWith(
            t => LogStopped(
                logger,
                t.IsCompletedSuccessfully ? "ran to its end"
                    : t.Exception?.InnerException is VipsException ? "was stopped by libvips"
                    : "was stopped after decoding",
                since.ElapsedMilliseconds),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private static void Release(List<IDisposable> held)
    {
        for (var i = held.Count - 1; i >= 0; i--)
        {
            held[i].Dispose();
        }
    }

    /// <summary>Refuses a picture that declares more pixels than accepted, before anything decodes it.</summary>
    private void EnsureWithinLimits(int width, int height)
    {
        if (width > limits.MaxSide || height > limits.MaxSide || (long)width * height > limits.MaxPixels)
        {
            throw new PictureRejectedException(
                PictureRejection.TooManyPixels,
                $"The picture is {width} x {height} pixels; at most {limits.MaxSide} on a side and {limits.MaxPixels} in all are accepted.");
        }
    }

    /// <summary>Opaque pictures become JPEG (what every browser shows fastest); pictures with transparency keep it as WebP.</summary>
    private static EncodedImage EncodePicture(Image image)
    {
        if (image.HasAlpha())
        {
            // GIFs and many PNGs carry an alpha band that is opaque everywhere: that is not transparency.
            using var alpha = image.ExtractBand(image.Bands - 1);
            if (alpha.Min() < 255)
            {
                return new EncodedImage(
                    image.WebpsaveBuffer(q: PictureWebpQuality, keep: Enums.ForeignKeep.None), ImageFormat.WebP, image.Width, image.Height);
            }

            using var opaque = image.ExtractBand(0, n: image.Bands - 1);
            return Jpeg(opaque);
        }

        return Jpeg(image);
    }

    private static EncodedImage Jpeg(Image image) => new(
        image.JpegsaveBuffer(q: PictureJpegQuality, optimizeCoding: true, interlace: true, keep: Enums.ForeignKeep.None),
        ImageFormat.Jpeg,
        image.Width,
        image.Height);

    private static PictureRejectedException NotAnAcceptedFormat() =>
        new(PictureRejection.NotAnAcceptedFormat, "The file is not a JPEG, PNG, GIF or WebP image.");

    private static PictureRejectedException Undecodable() =>
        new(PictureRejection.Undecodable, "The image could not be decoded: it is damaged, truncated or not what its first bytes claim.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an upload at the {Stage} stage: {Reason}")]
    private static partial void LogRefused(ILogger logger, string stage, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "A picture answered at its deadline {Outcome} {Milliseconds} ms later")]
    private static partial void LogStopped(ILogger logger, string outcome, long milliseconds);

    private static long Megabytes(long bytes) => (bytes + (1024 * 1024) - 1) / (1024 * 1024);

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private sealed class SlotRelease(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots.Release();
    }

    /// <summary>Set by the request when it stops waiting; read by libvips' worker threads at every tile.</summary>
    private sealed class StopSignal
    {
        private volatile bool requested;

        public bool Requested => requested;

        public void Request() => requested = true;

        public void ThrowIfRequested()
        {
            if (requested)
            {
                throw new OperationCanceledException("The picture was stopped at its deadline.");
            }
        }
    }
}
