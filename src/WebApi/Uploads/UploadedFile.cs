using System.Collections.Concurrent;

namespace CleanProfiles.WebApi.Uploads;

/// <summary>
/// The uploaded file's bytes, a slice of the one buffer the request was read into. Buffers of the largest upload are
/// kept for the next upload (a new 5 MB array for each would churn the large-object heap, which measurably slowed the
/// read under load): at most one per core, so what is kept stays small, and exactly as large as an upload may be, so a
/// burst of uploads holds no more memory than their files. Nothing keeps the bytes past the use case (the image
/// processor copies what it decodes); a buffer goes back cleared.
/// </summary>
internal sealed class UploadedFile : IDisposable
{
    private static readonly ConcurrentBag<byte[]> Spare = [];

    private readonly int largest;
    private byte[]? buffer;

    private UploadedFile(byte[] buffer, int length, int largest)
    {
        this.buffer = buffer;
        this.largest = largest;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Bytes => buffer is { } b ? b.AsMemory(0, Length) : throw new ObjectDisposedException(nameof(UploadedFile));

    /// <summary>
    /// Reads <paramref name="part"/> to its end into one buffer of <paramref name="capacity"/> bytes (at most
    /// <paramref name="max"/> + 1), growing it only when the request declared no length; more than <paramref name="max"/>
    /// bytes throws <paramref name="tooLarge"/>.
    /// </summary>
    public static async Task<UploadedFile> ReadAsync(Stream part, int capacity, long max, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        var largest = (int)(max + 1);
        var buffer = Rent(capacity, largest);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (length > max)
                    {
                        throw tooLarge();
                    }

                    var larger = Rent((int)Math.Min(largest, (long)buffer.Length * 2), largest);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Return(buffer, largest);
                    buffer = larger;
                }

                var read = await part.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, largest) - length), cancellationToken);
                if (read == 0)
                {
                    return new UploadedFile(buffer, length, largest);
                }

                length += read;
                if (length > max)
                {
                    throw tooLarge();
                }
            }
        }
        catch
        {
            Return(buffer, largest);
            throw;
        }
    }

    public void Dispose()
    {
        if (buffer is { } b)
        {
            buffer = null;
            Return(b, largest);
        }
    }

    /// <summary>
    /// A buffer of the largest size (a kept one if there is) when the upload may be large, else one of just the size
    /// asked for: a small picture gets a small buffer.
    /// </summary>
    private static byte[] Rent(int capacity, int largest) =>
        (long)capacity * 2 <= largest
            ? GC.AllocateUninitializedArray<byte>(capacity)
            : Spare.TryTake(out var spare) && spare.Length == largest ? spare : GC.AllocateUninitializedArray<byte>(largest);

    private static void Return(byte[] buffer, int largest)
    {
        if (buffer.Length == largest && Spare.Count < Environment.ProcessorCount)
        {
            // Pictures are personal data: nothing of one upload may surface in the next.
            Array.Clear(buffer);
            Spare.Add(buffer);
        }
    }
}
