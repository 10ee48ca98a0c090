using System.Diagnostics;
using System.Globalization;
using System.Threading.RateLimiting;
using CleanProfiles.Tests.Shared;
using CleanProfiles.WebApi.RateLimiting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

/// <summary>
/// What the abuse limits cost one request, measured where the app spends it: per upload one sliding window (the
/// per-user partition), per login the per-address window plus the failure throttle's two partitions (and, after a
/// success, clearing them). Redis (CLEANPROFILES_TEST_REDIS) against the in-process limiters, alternating in blocks.
/// </summary>
internal static class LimiterBenchmark
{
    public static async Task RunAsync(int iterations)
    {
        var settings = Options.Create(new RateLimitOptions
        {
            Redis = TestServers.Redis,
            LoginsPerMinutePerAddress = int.MaxValue / 2,
            LoginFailuresPerEmailAndAddress = 10_000,
            LoginFailuresPerEmail = 10_000,
        });
        await using var store = new RedisLimitStore(settings, NullLogger<RedisLimitStore>.Instance, TimeProvider.System);
        if (!await store.PingAsync())
        {
            throw new InvalidOperationException($"Redis at {TestServers.Redis} does not answer.");
        }

        var shared = new LoginThrottle(settings, TimeProvider.System, store);
        var local = new LoginThrottle(settings, TimeProvider.System);
        using var localWindow = new SlidingWindowRateLimiter(RateLimitSetup.WindowOf(int.MaxValue / 2));
        var window = TimeSpan.FromMinutes(1);

        var cases = new (string Name, Func<int, Task> Redis, Func<int, Task> InProcess)[]
        {
            ("upload (1 window)",
                i => store.TryCountAsync([new LimitPartition($"uploads:user-{i % 500}", int.MaxValue / 2, window)], Guid.NewGuid().ToString("N")),
                _ => { using var lease = localWindow.AttemptAcquire(); return Task.CompletedTask; }),
            ("failed login (address window + 2 failure partitions)",
                async i =>
                {
                    await store.TryCountAsync([new LimitPartition($"auth:203.0.113.{i % 200}", int.MaxValue / 2, window)], Guid.NewGuid().ToString("N"));
                    var (attempt, _) = await shared.TryBeginAsync($"user{i % 500}@example.com", $"203.0.113.{i % 200}");
                    attempt!.Failed();
                    await attempt.DisposeAsync();
                },
                async i =>
                {
                    using (var lease = localWindow.AttemptAcquire())
                    {
                    }

                    var (attempt, _) = await local.TryBeginAsync($"user{i % 500}@example.com", $"203.0.113.{i % 200}");
                    attempt!.Failed();
                    await attempt.DisposeAsync();
                }),
            ("successful login (as above, then both cleared)",
                async i =>
                {
                    await store.TryCountAsync([new LimitPartition($"auth:203.0.113.{i % 200}", int.MaxValue / 2, window)], Guid.NewGuid().ToString("N"));
                    var (attempt, _) = await shared.TryBeginAsync($"owner{i % 500}@example.com", $"203.0.113.{i % 200}");
                    await attempt!.SucceededAsync();
                },
                async i =>
                {
                    using (var lease = localWindow.AttemptAcquire())
                    {
                    }

                    var (attempt, _) = await local.TryBeginAsync($"owner{i % 500}@example.com", $"203.0.113.{i % 200}");
                    await attempt!.SucceededAsync();
                }),
        };

        Console.WriteLine($"## Abuse limits per request: Redis on loopback against in process ({iterations} requests each, one at a time, {Environment.ProcessorCount} cores)");
        Console.WriteLine();
        Console.WriteLine("| request | Redis median | Redis p99 | in process median | in process p99 | overhead (median) |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (name, redis, inProcess) in cases)
        {
            for (var i = 0; i < 200; i++)
            {
                await redis(i);
                await inProcess(i);
            }

            var redisTimes = new List<double>();
            var localTimes = new List<double>();
            for (var block = 0; block < iterations / 100; block++)
            {
                await MeasureAsync(redis, block, redisTimes);
                await MeasureAsync(inProcess, block, localTimes);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {Quantile(redisTimes, 0.5):F0} µs | {Quantile(redisTimes, 0.99):F0} µs | {Quantile(localTimes, 0.5):F2} µs | {Quantile(localTimes, 0.99):F2} µs | {Quantile(redisTimes, 0.5) - Quantile(localTimes, 0.5):F0} µs |"));
        }
    }

    private static async Task MeasureAsync(Func<int, Task> operation, int block, List<double> times)
    {
        for (var i = 0; i < 100; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation((block * 100) + i);
            times.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
    }

    private static double Quantile(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
    }
}
