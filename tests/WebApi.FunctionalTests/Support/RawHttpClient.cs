using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>
/// Sends one HTTP/1.1 request over a plain socket and reads the response while the body is still going out, as a
/// browser does. HttpClient cannot show an early answer: when a server refuses a large upload half way and closes the
/// connection, its send fails and the response is lost.
/// </summary>
public static class RawHttpClient
{
    public sealed record Response(int Status, IReadOnlyDictionary<string, string> Headers, string Body);

    /// <summary>POSTs <paramref name="content"/> sent chunked (its length undeclared), reading the answer concurrently.</summary>
    public static async Task<Response> PostChunkedAsync(Uri baseAddress, string path, string token, HttpContent content, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        // A small send buffer, so what the client counts as sent is close to what the server took in.
        using var tcp = new TcpClient { SendBufferSize = 64 * 1024 };
        await tcp.ConnectAsync(baseAddress.Host, baseAddress.Port, cancel.Token);
        var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nAuthorization: Bearer {token}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {content.Headers.ContentType}\r\nTransfer-Encoding: chunked\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancel.Token);

        var sending = Task.Run(
            async () =>
            {
                try
                {
                    await content.CopyToAsync(new ChunkedWriter(stream), cancel.Token);
                    await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancel.Token);
                }
                catch (Exception e) when (e is IOException or SocketException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
                {
                    // The server stopped reading and closed the connection: that is what the test is about.
                }
            },
            cancel.Token);

        var response = await ReadResponseAsync(stream, cancel.Token);
        tcp.Close(); // stops the sender if it is still going
        await sending;
        return response;
    }

    private static async Task<Response> ReadResponseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var received = new MemoryStream();
        var buffer = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8)) < 0)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("The server closed the connection without an answer.");
            }

            received.Write(buffer, 0, read);
        }

        var lines = Encoding.ASCII.GetString(received.GetBuffer(), 0, headerEnd).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var chunked = headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase);
        var length = headers.TryGetValue("Content-Length", out var declared) ? int.Parse(declared, CultureInfo.InvariantCulture) : (int?)null;

        // The rest of the body: up to its length, or (chunked) to the last chunk, or to the end of the connection.
        while ((length is { } n && received.Length < headerEnd + 4 + n) || (length is null && !EndsWithLastChunk(received, chunked)))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            received.Write(buffer, 0, read);
        }

        var body = received.GetBuffer().AsSpan(headerEnd + 4, (int)received.Length - headerEnd - 4).ToArray();
        return new Response(status, headers, Encoding.UTF8.GetString(chunked ? Dechunk(body) : body));
    }

    private static bool EndsWithLastChunk(MemoryStream received, bool chunked) =>
        chunked && received.GetBuffer().AsSpan(0, (int)received.Length).EndsWith("\r\n0\r\n\r\n"u8);

    private static byte[] Dechunk(byte[] body)
    {
        var output = new MemoryStream();
        var position = 0;
        while (position < body.Length)
        {
            var lineEnd = body.AsSpan(position).IndexOf("\r\n"u8);
            var size = int.Parse(Encoding.ASCII.GetString(body, position, lineEnd).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            output.Write(body, position + lineEnd + 2, size);
            position += lineEnd + 2 + size + 2;
        }

        return output.ToArray();
    }

    private static int IndexOf(MemoryStream stream, ReadOnlySpan<byte> value) =>
        stream.GetBuffer().AsSpan(0, (int)stream.Length).IndexOf(value);

    /// <summary>Frames every write as one HTTP/1.1 chunk.</summary>
    private sealed class ChunkedWriter(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(Encoding.ASCII.GetBytes($"{buffer.Length:x}\r\n"), cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
            await inner.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
