using System.Net;
using System.Text;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>
/// A multipart/form-data body written byte by byte, so nothing sanitises it: file names keep their CR, LF, NUL and
/// bidi characters, header lines can be any length, and the body may be left unterminated.
/// </summary>
public sealed class RawMultipart
{
    private readonly List<byte[]> parts = [];

    public RawMultipart(string? boundary = null)
    {
        Boundary = boundary ?? $"hostile-{Guid.NewGuid():N}";
    }

    public string Boundary { get; }

    /// <summary>A file part whose file name is written into the quoted <c>filename</c> parameter exactly as given (UTF-8).</summary>
    public RawMultipart File(string name, string fileName, byte[] content, string contentType = "image/png") =>
        Part([$"Content-Disposition: form-data; name=\"{name}\"; filename=\"{fileName}\"", $"Content-Type: {contentType}"], content);

    /// <summary>A file part with its name only in RFC 5987's <c>filename*</c> form (percent-encoded UTF-8).</summary>
    public RawMultipart FileWithEncodedName(string name, string fileName, byte[] content, string contentType = "image/png") =>
        Part(
            [
                $"Content-Disposition: form-data; name=\"{name}\"; filename*=UTF-8''{Uri.EscapeDataString(fileName)}",
                $"Content-Type: {contentType}",
            ],
            content);

    /// <summary>A plain form field.</summary>
    public RawMultipart Field(string name, string value) =>
        Part([$"Content-Disposition: form-data; name=\"{name}\""], Encoding.UTF8.GetBytes(value));

    /// <summary>A part with exactly these header lines (each written as UTF-8 and ended with CRLF) and this content.</summary>
    public RawMultipart Part(IEnumerable<string> headerLines, byte[] content)
    {
        using var part = new MemoryStream();
        Write(part, $"--{Boundary}\r\n");
        foreach (var line in headerLines)
        {
            Write(part, line + "\r\n");
        }

        Write(part, "\r\n");
        part.Write(content);
        Write(part, "\r\n");
        parts.Add(part.ToArray());
        return this;
    }

    /// <summary>The body; without <paramref name="closed"/> the closing <c>--boundary--</c> line is left off.</summary>
    public byte[] Build(bool closed = true)
    {
        using var body = new MemoryStream();
        parts.ForEach(p => body.Write(p));
        if (closed)
        {
            Write(body, $"--{Boundary}--\r\n");
        }

        return body.ToArray();
    }

    /// <summary>
    /// The body as request content with <c>multipart/form-data; boundary=...</c>: optionally without the boundary
    /// parameter, without a length (sent chunked), or cut off after <paramref name="truncateTo"/> bytes.
    /// </summary>
    public HttpContent ToContent(bool closed = true, bool withBoundaryParameter = true, bool chunked = false, int? truncateTo = null)
    {
        var body = Build(closed);
        if (truncateTo is { } length)
        {
            body = body[..length];
        }

        HttpContent content = chunked ? new UnknownLengthContent(body) : new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation(
            "Content-Type", withBoundaryParameter ? $"multipart/form-data; boundary=\"{Boundary}\"" : "multipart/form-data");
        return content;
    }

    private static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    /// <summary>Content that does not tell its length, so it goes out chunked.</summary>
    private sealed class UnknownLengthContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

/// <summary>
/// A multipart upload of any declared size whose file bytes are generated only when the server pulls them, counting
/// how many it pulled: proves an oversized body is refused without being read. Without a length it is sent chunked.
/// </summary>
public sealed class GeneratedUploadContent : HttpContent
{
    private const int ChunkSize = 64 * 1024;

    private readonly byte[] prefix;
    private readonly byte[] suffix;
    private readonly long fileLength;
    private readonly bool declareLength;
    private long pulled;

    public GeneratedUploadContent(long fileLength, bool declareLength)
    {
        var boundary = $"generated-{Guid.NewGuid():N}";
        prefix = Encoding.ASCII.GetBytes(
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"huge.png\"\r\nContent-Type: image/png\r\n\r\n");
        suffix = Encoding.ASCII.GetBytes($"\r\n--{boundary}--\r\n");
        this.fileLength = fileLength;
        this.declareLength = declareLength;
        Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
    }

    /// <summary>Total bytes of the body.</summary>
    public long Length => prefix.Length + fileLength + suffix.Length;

    /// <summary>How many bytes the server has taken so far.</summary>
    public long BytesPulled => Interlocked.Read(ref pulled);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await WriteAsync(stream, prefix);
        // The file starts like a PNG so that nothing can refuse it for its first bytes; the rest is filler.
        var chunk = new byte[ChunkSize];
        TestImages.Png().AsSpan(0, 16).CopyTo(chunk);
        for (var remaining = fileLength; remaining > 0; remaining -= ChunkSize)
        {
            await WriteAsync(stream, chunk.AsMemory(0, (int)Math.Min(ChunkSize, remaining)));
            chunk.AsSpan(0, 16).Fill((byte)'x');
        }

        await WriteAsync(stream, suffix);
    }

    protected override bool TryComputeLength(out long length)
    {
        length = declareLength ? Length : 0;
        return declareLength;
    }

    private async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> bytes)
    {
        await stream.WriteAsync(bytes);
        await stream.FlushAsync();
        Interlocked.Add(ref pulled, bytes.Length);
    }
}
