using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace CleanProfiles.WebApi.RateLimiting;

/// <summary>
/// The abuse limits' counters in Redis (<c>RateLimits:Redis</c>), shared by every instance: each partition is a sorted
/// set of attempt times, checked and added to by one atomic script (a sliding log), so a limit holds in total across
/// instances. When Redis does not answer, every operation returns "unavailable" at once and the caller counts in
/// process instead; the outage is logged once when it starts and once when it ends, and Redis is tried again at most
/// every <see cref="RetryInterval"/> meanwhile, so an outage costs requests nothing.
/// </summary>
public sealed partial class RedisLimitStore : IAsyncDisposable
{
    /// <summary>While Redis is down, how often a request tries it again (the others count in process at once).</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private const string KeyPrefix = "cleanprofiles:limits:";

    // KEYS: the partitions. ARGV: now (ms), this attempt's id, then a window (ms) and a limit per key.
    // Refused by any partition: adds nothing, returns the ms until the attempt that blocks leaves its window.
    // Counted: adds the attempt to every partition and returns 0.
    private const string CountScript = """
        local now = tonumber(ARGV[1])
        local wait = 0
        for i, key in ipairs(KEYS) do
          local window = tonumber(ARGV[1 + 2 * i])
          local limit = tonumber(ARGV[2 + 2 * i])
          redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
          local count = redis.call('ZCARD', key)
          if count >= limit then
            local blocking = redis.call('ZRANGE', key, count - limit, count - limit, 'WITHSCORES')
            local w = tonumber(blocking[2]) + window - now
            if w > wait then wait = w end
          end
        end
        if wait > 0 then return math.ceil(wait) end
        for i, key in ipairs(KEYS) do
          redis.call('ZADD', key, now, ARGV[2])
          redis.call('PEXPIRE', key, tonumber(ARGV[1 + 2 * i]))
        end
        return 0
        """;

    private readonly ConfigurationOptions configuration;
    private readonly ILogger<RedisLimitStore> logger;
    private readonly TimeProvider clock;
    private readonly SemaphoreSlim connecting = new(1, 1);
    private ConnectionMultiplexer? connection;
    private int down;
    private long retryAt;

    public RedisLimitStore(IOptions<RateLimitOptions> options, ILogger<RedisLimitStore> logger, TimeProvider clock)
    {
        configuration = ConfigurationFor(options.Value.Redis!);
        this.logger = logger;
        this.clock = clock;
    }

    /// <summary>True from the first failed call until Redis answers again.</summary>
    public bool IsDown => Volatile.Read(ref down) == 1;

    /// <summary>
    /// Counts one attempt in every partition, or in none when any of them is full. Returns zero when counted, the wait
    /// until the next attempt fits when refused, or null when Redis did not answer (count in process instead).
    /// </summary>
    public async Task<TimeSpan?> TryCountAsync(IReadOnlyList<LimitPartition> partitions, string attempt)
    {
        var keys = partitions.Select(p => KeyOf(p.Key)).ToArray();
        var values = new RedisValue[2 + (2 * partitions.Count)];
        values[0] = clock.GetUtcNow().ToUnixTimeMilliseconds();
        values[1] = attempt;
        for (var i = 0; i < partitions.Count; i++)
        {
            values[2 + (2 * i)] = (long)partitions[i].Window.TotalMilliseconds;
            values[3 + (2 * i)] = partitions[i].Limit;
        }

        var waitMs = await TryAsync(db => db.ScriptEvaluateAsync(CountScript, keys, values));
        return waitMs is null ? null : TimeSpan.FromMilliseconds((long)waitMs);
    }

    /// <summary>Takes a counted attempt back out of the partitions (it turned out not to count). False: Redis did not answer.</summary>
    public async Task<bool> TryForgetAsync(IEnumerable<string> partitionKeys, string attempt)
    {
        var removed = await TryAsync(async db =>
        {
            foreach (var key in partitionKeys)
            {
                await db.SortedSetRemoveAsync(KeyOf(key), attempt);
            }

            return RedisResult.Create(1);
        });
        return removed is not null;
    }

    /// <summary>Forgets every attempt of a partition. False: Redis did not answer.</summary>
    public async Task<bool> TryClearAsync(string partitionKey) =>
        await TryAsync(async db => RedisResult.Create(await db.KeyDeleteAsync(KeyOf(partitionKey)))) is not null;

    /// <summary>Asks Redis for an answer now, whatever the retry interval: true when it answered.</summary>
    public async Task<bool> PingAsync() => await TryAsync(async db =>
    {
        await db.PingAsync();
        return RedisResult.Create(1);
    }, ignoreRetryInterval: true) is not null;

    public async ValueTask DisposeAsync()
    {
        if (connection is not null)
        {
            await connection.DisposeAsync();
        }

        connecting.Dispose();
    }

    /// <summary>
    /// The connection string as given, made to fail fast: no start-up failure when Redis is down (it reconnects in the
    /// background), no queue of commands while disconnected, and half a second per command unless the string says.
    /// </summary>
    internal static ConfigurationOptions ConfigurationFor(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;
        options.BacklogPolicy = BacklogPolicy.FailFast;
        var named = connectionString.ToUpperInvariant();
        if (!named.Contains("ASYNCTIMEOUT", StringComparison.Ordinal))
        {
            options.AsyncTimeout = 500;
        }

        if (!named.Contains("CONNECTTIMEOUT", StringComparison.Ordinal))
        {
            options.ConnectTimeout = 2000;
        }

        options.ClientName ??= "cleanprofiles";
        return options;
    }

    /// <summary>
    /// The Redis key of a partition: a hash of it, so no email or client address is stored in Redis in the clear (and
    /// keys have one length whatever the input).
    /// </summary>
    internal static RedisKey KeyOf(string partition) =>
        KeyPrefix + System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(partition)));

    private async Task<RedisResult?> TryAsync(Func<IDatabase, Task<RedisResult>> call, bool ignoreRetryInterval = false)
    {
        if (IsDown && !ignoreRetryInterval && Stopwatch.GetTimestamp() < Volatile.Read(ref retryAt))
        {
            return null;
        }

        try
        {
            var db = (await ConnectAsync()).GetDatabase();
            var result = await call(db);
            if (Interlocked.Exchange(ref down, 0) == 1)
            {
                LogBack(logger);
            }

            return result;
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException or IOException)
        {
            Volatile.Write(ref retryAt, Stopwatch.GetTimestamp() + (long)(RetryInterval.TotalSeconds * Stopwatch.Frequency));
            if (Interlocked.Exchange(ref down, 1) == 0)
            {
                LogDown(logger, e.GetType().Name);
            }

            return null;
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync()
    {
        if (Volatile.Read(ref connection) is { } open)
        {
            return open;
        }

        await connecting.WaitAsync();
        try
        {
            // Returns even when Redis is down (AbortOnConnectFail off) and keeps reconnecting in the background.
            return connection ??= await ConnectionMultiplexer.ConnectAsync(configuration);
        }
        finally
        {
            connecting.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Redis for the shared abuse limits is not answering ({Error}); each instance counts the limits on its own until it is back")]
    private static partial void LogDown(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis for the shared abuse limits answers again; the limits are shared again")]
    private static partial void LogBack(ILogger logger);
}

/// <summary>One limit's partition: its key (shared by every instance), its limit and its sliding window.</summary>
public sealed record LimitPartition(string Key, int Limit, TimeSpan Window)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Key} ({Limit} per {Window})");
}
