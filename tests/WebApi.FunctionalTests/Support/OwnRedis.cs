using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CleanProfiles.Tests.Shared;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>
/// A redis-server of the test's own (loopback, free port, nothing persisted) that the test may stop, unlike the shared
/// one ./test.sh starts. Needs Debian's redis-server; fails the test saying so when it is missing or does not start.
/// </summary>
public sealed class OwnRedis : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("cleanprofiles-redis-").FullName;
    private Process? process;

    private OwnRedis(int port) => Port = port;

    public int Port { get; }

    /// <summary>The connection string the app takes (<c>RateLimits:Redis</c>).</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    public static async Task<OwnRedis> StartAsync()
    {
        var redis = new OwnRedis(FreePort());
        var start = new ProcessStartInfo(TestServers.RedisServerPath,
            ["--bind", "127.0.0.1", "--port", redis.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
             "--save", "", "--appendonly", "no", "--dir", redis.folder, "--protected-mode", "yes"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        redis.process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        redis.process.OutputDataReceived += (_, _) => { };
        redis.process.BeginOutputReadLine();
        var deadline = Stopwatch.StartNew();
        while (!await redis.AnswersPingAsync())
        {
            if (redis.process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(30))
            {
                redis.Dispose();
                throw new InvalidOperationException($"redis-server did not answer PING on 127.0.0.1:{redis.Port} within 30 s.");
            }

            await Task.Delay(50);
        }

        return redis;
    }

    /// <summary>Kills the server, as a crash or a network partition would end it.</summary>
    public void Stop()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Stop();
        process?.Dispose();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // the OS temp cleaner takes it
        }
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
