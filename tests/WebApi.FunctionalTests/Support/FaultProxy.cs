using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>What the proxy does with traffic between the app and a dependency.</summary>
public enum ProxyMode
{
    /// <summary>Forwards both ways (after <see cref="FaultProxy.ResponseDelay"/>, when set).</summary>
    Forward,

    /// <summary>Resets every connection, open ones included: the dependency is down.</summary>
    Refuse,

    /// <summary>Accepts and reads, forwards nothing, never answers: the dependency hangs.</summary>
    Hang,
}

/// <summary>
/// A TCP proxy on a free loopback port between the app and PostgreSQL or the S3 server, that refuses, hangs, slows
/// every answer, or cuts the connection as the answer to a chosen HTTP request begins (the request's side effect has
/// happened; its answer is lost). Faults are switched while the app runs.
/// </summary>
public sealed class FaultProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string upstreamHost;
    private readonly int upstreamPort;
    private readonly CancellationTokenSource stopping = new();
    private readonly ConcurrentDictionary<Connection, byte> open = new();
    private readonly Task accepting;
    private volatile ProxyMode mode = ProxyMode.Forward;
    private volatile Func<string, bool>? cutAnswerTo;
    private volatile bool refuseAfterCut;
    private int cuts;

    private FaultProxy(string upstreamHost, int upstreamPort)
    {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public Uri Url => new($"http://127.0.0.1:{Port}/");

    /// <summary>How long every answer from the dependency is held before it is forwarded (a crawling dependency).</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>How many answers were cut so far.</summary>
    public int Cuts => Volatile.Read(ref cuts);

    public ProxyMode Mode
    {
        get => mode;
        set
        {
            mode = value;
            if (value == ProxyMode.Refuse)
            {
                CloseAll();
            }
        }
    }

    public static FaultProxy Start(string upstreamHost, int upstreamPort) => new(upstreamHost, upstreamPort);

    public static FaultProxy Start(Uri upstream) => new(upstream.Host, upstream.Port);

    /// <summary>
    /// From now on, the answer to every HTTP request whose request line (for example <c>DELETE /bucket/key HTTP/1.1</c>)
    /// matches is cut as it begins: the dependency did the work, the app never hears of it. With
    /// <paramref name="thenRefuse"/> the dependency is down right after the first cut.
    /// </summary>
    public void CutAnswerTo(Func<string, bool> requestLine, bool thenRefuse = false)
    {
        refuseAfterCut = thenRefuse;
        cutAnswerTo = requestLine;
    }

    /// <summary>Back to forwarding everything at once.</summary>
    public void Heal()
    {
        cutAnswerTo = null;
        refuseAfterCut = false;
        ResponseDelay = TimeSpan.Zero;
        mode = ProxyMode.Forward;
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        CloseAll();
        try
        {
            await accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stopping.Dispose();
    }

    private void CloseAll()
    {
        foreach (var connection in open.Keys)
        {
            connection.Close();
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var client = await listener.AcceptTcpClientAsync(stopping.Token);
            if (mode == ProxyMode.Refuse)
            {
                client.Client.LingerState = new LingerOption(true, 0); // a reset, as from a port nobody listens on
                client.Dispose();
                continue;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        var connection = new Connection(client);
        open[connection] = 0;
        try
        {
            if (mode == ProxyMode.Hang)
            {
                await DrainAsync(connection);
                return;
            }

            await connection.Upstream.ConnectAsync(upstreamHost, upstreamPort, stopping.Token);
            var clientStream = client.GetStream();
            var upstreamStream = connection.Upstream.GetStream();
            await Task.WhenAny(
                PumpRequestsAsync(connection, clientStream, upstreamStream),
                PumpAnswersAsync(connection, upstreamStream, clientStream));
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            connection.Close();
            open.TryRemove(connection, out _);
        }
    }

    private async Task DrainAsync(Connection connection)
    {
        var buffer = new byte[16 * 1024];
        var stream = connection.Client.GetStream();
        while (await stream.ReadAsync(buffer, stopping.Token) > 0)
        {
        }
    }

    private async Task PumpRequestsAsync(Connection connection, NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
        {
            if (mode == ProxyMode.Hang)
            {
                continue; // swallowed: the dependency stopped answering, also on open connections
            }

            if (RequestLine(buffer.AsSpan(0, read)) is { } line)
            {
                connection.LastRequestLine = line;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
        }
    }

    private async Task PumpAnswersAsync(Connection connection, NetworkStream from, NetworkStream to)
    {
        var buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, stopping.Token)) > 0)
        {
            if (mode == ProxyMode.Hang)
            {
                continue;
            }

            var chunk = buffer.AsSpan(0, read);
            var isInterim = chunk.StartsWith("HTTP/1.1 1"u8); // 100 Continue: the request's body is still to come
            if (!isInterim && chunk.StartsWith("HTTP/"u8) && cutAnswerTo is { } cut && connection.LastRequestLine is { } line && cut(line))
            {
                Interlocked.Increment(ref cuts);
                if (refuseAfterCut)
                {
                    Mode = ProxyMode.Refuse;
                }

                connection.Close();
                return;
            }

            if (ResponseDelay > TimeSpan.Zero)
            {
                await Task.Delay(ResponseDelay, stopping.Token);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), stopping.Token);
        }
    }

    private static string? RequestLine(ReadOnlySpan<byte> chunk)
    {
        var end = chunk.IndexOf("\r\n"u8);
        if (end <= 0)
        {
            return null;
        }

        var line = Encoding.ASCII.GetString(chunk[..end]);
        return line.EndsWith(" HTTP/1.1", StringComparison.Ordinal) || line.EndsWith(" HTTP/1.0", StringComparison.Ordinal) ? line : null;
    }

    private sealed class Connection(TcpClient client)
    {
        public TcpClient Client { get; } = client;

        public TcpClient Upstream { get; } = new();

        private int closed;

        public volatile string? LastRequestLine;

        public void Close()
        {
            if (Interlocked.Exchange(ref closed, 1) == 1)
            {
                return;
            }

            try
            {
                Client.Client.LingerState = new LingerOption(true, 0);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or NullReferenceException)
            {
            }

            Client.Dispose();
            Upstream.Dispose();
        }
    }
}
