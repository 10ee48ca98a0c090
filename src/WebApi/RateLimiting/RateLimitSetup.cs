using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using CleanProfiles.Application.Common.Configuration;
using CleanProfiles.Infrastructure.Health;
using CleanProfiles.WebApi.ErrorHandling;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CleanProfiles.WebApi.RateLimiting;

public static class RateLimitSetup
{
    /// <summary>Per user (the token's subject): uploads are the expensive requests.</summary>
    public const string UploadsPolicy = "uploads";

    /// <summary>Per client address: register and login.</summary>
    public const string AuthPolicy = "auth";

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSettings<RateLimitOptions, RateLimitOptionsValidator>(RateLimitOptions.SectionName);
        if (!string.IsNullOrWhiteSpace(configuration[$"{RateLimitOptions.SectionName}:{nameof(RateLimitOptions.Redis)}"]))
        {
            services.AddSingleton<RedisLimitStore>();
            services.AddHealthChecks().AddCheck<SharedLimitsHealthCheck>("rate-limits", tags: [HealthTags.Ready]);
        }

        services.AddSingleton(sp => new LoginThrottle(
            sp.GetRequiredService<IOptions<RateLimitOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<RedisLimitStore>()));
        services.AddRateLimiter(limiter =>
        {
            limiter.OnRejected = (context, _) => new ValueTask(RejectAsync(context.HttpContext, RetryAfterSeconds(context.Lease)));
            limiter.AddPolicy(UploadsPolicy, http => Partition(
                http,
                $"uploads:{http.User.FindFirstValue(JwtRegisteredClaimNames.Sub) ?? Address(http)}",
                Limits(http).UploadsPerMinute));
            limiter.AddPolicy(AuthPolicy, http => Partition(http, $"auth:{Address(http)}", Limits(http).LoginsPerMinutePerAddress));
        });
        return services;
    }

    /// <summary>When a refused caller may try again, in whole seconds (at least one).</summary>
    public static int RetryAfterSeconds(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? RetryAfterSeconds(retryAfter)
            : (int)Window.TotalSeconds;

    public static int RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>429 with Retry-After (whole seconds) and a problem body: every refusal, the middleware's and an action's.</summary>
    public static async Task RejectAsync(HttpContext http, int retryAfterSeconds)
    {
        http.Response.Headers.RetryAfter = retryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        await http.WriteProblemAsync(StatusCodes.Status429TooManyRequests, $"Too many requests. Try again in {retryAfterSeconds} seconds.");
    }

    public static SlidingWindowRateLimiterOptions WindowOf(int permits) => new()
    {
        PermitLimit = permits,
        Window = Window,
        SegmentsPerWindow = 6,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>A sliding window per key: in Redis when <c>RateLimits:Redis</c> is set (falling back to this instance's count), else in process.</summary>
    private static RateLimitPartition<string> Partition(HttpContext http, string key, int permits) =>
        http.RequestServices.GetService<RedisLimitStore>() is { } shared
            ? RateLimitPartition.Get(key, k => new SharedSlidingWindowLimiter(
                shared, new LimitPartition(k, permits, Window), new SlidingWindowRateLimiter(WindowOf(permits))))
            : RateLimitPartition.GetSlidingWindowLimiter(key, _ => WindowOf(permits));

    private static RateLimitOptions Limits(HttpContext http) =>
        http.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;

    // Behind a reverse proxy, configure forwarded headers so this is the client's address, not the proxy's.
    public static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
