using System.Buffers;

namespace CleanProfiles.WebApi.Uploads;

/// <summary>
/// The uploaded file's bytes, a slice of the one buffer the request was read into. The buffer is rented for the request
/// (a new 5 MB array per upload would churn the large-object heap) and goes back, cleared, when the use case is done:
/// nothing keeps the bytes (the image processor copies what it decodes).
/// </summary>
internal sealed class UploadedFile : IDisposable
{
    private byte[]? buffer;

    private UploadedFile(byte[] buffer, int length)
    {
        this.buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Bytes => buffer is { } b ? b.AsMemory(0, Length) : throw new ObjectDisposedException(nameof(UploadedFile));

    /// <summary>Reads <paramref name="part"/> to its end into one rented buffer of <paramref name="capacity"/> bytes, growing it
    /// only when the request declared no length; more than <paramref name="max"/> bytes throws <paramref name="tooLarge"/>.</summary>
    public static async Task<UploadedFile> ReadAsync(Stream part, int capacity, long max, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(capacity);
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

                    var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(max + 1, (long)buffer.Length * 2));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Return(buffer);
                    buffer = larger;
                }

                var read = await part.ReadAsync(buffer.AsMemory(length, (int)Math.Min(buffer.Length - length, max + 1 - length)), cancellationToken);
                if (read == 0)
                {
                    return new UploadedFile(buffer, length);
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
            Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (buffer is { } b)
        {
            buffer = null;
            Return(b);
        }
    }

    // Pictures are personal data: nothing of one upload may surface in whatever rents the array next.
    private static void Return(byte[] buffer) => ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
}
