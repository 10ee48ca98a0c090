using CleanProfiles.Application.Common.Configuration;

namespace CleanProfiles.WebApi.RateLimiting;

public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>
    /// A StackExchange.Redis connection string (<c>host:6379,password=...,ssl=true</c>): the limits are then counted in
    /// Redis and hold across instances. Unset: each instance counts on its own. Redis unreachable: each instance counts
    /// on its own until it is back, and <c>/health/ready</c> says Degraded.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Uploads per user per minute.</summary>
    public int UploadsPerMinute { get; set; } = 10;

    /// <summary>Register and login requests per client address per minute.</summary>
    public int LoginsPerMinutePerAddress { get; set; } = 20;

    /// <summary>Failed sign-ins for one email from one client address within <see cref="LoginFailureWindow"/>.</summary>
    public int LoginFailuresPerEmailAndAddress { get; set; } = 5;

    /// <summary>Failed sign-ins for one email from all addresses together within <see cref="LoginFailureWindow"/>: a
    /// spread-out attack; much higher than the per-address limit, so a stranger alone cannot lock the owner out.</summary>
    public int LoginFailuresPerEmail { get; set; } = 100;

    /// <summary>The sliding window both failure counts cover.</summary>
    public TimeSpan LoginFailureWindow { get; set; } = TimeSpan.FromMinutes(5);
}

internal sealed class RateLimitOptionsValidator : SettingsValidator<RateLimitOptions>
{
    private static string? RedisProblem(string? redis)
    {
        if (redis is null)
        {
            return null;
        }

        try
        {
            return StackExchange.Redis.ConfigurationOptions.Parse(redis).EndPoints.Count == 0
                ? "RateLimits:Redis must name at least one host:port (a StackExchange.Redis connection string)."
                : null;
        }
        catch (ArgumentException)
        {
            return "RateLimits:Redis is not a valid StackExchange.Redis connection string (host:port,option=value,...).";
        }
    }

    private const int MaxPerMinute = 100_000;
    private const int MaxFailures = 10_000;

    protected override IEnumerable<string?> Check(RateLimitOptions options) =>
    [
        RedisProblem(options.Redis),
        Between("RateLimits:UploadsPerMinute", options.UploadsPerMinute, 1, MaxPerMinute),
        Between("RateLimits:LoginsPerMinutePerAddress", options.LoginsPerMinutePerAddress, 1, MaxPerMinute),
        Between("RateLimits:LoginFailuresPerEmailAndAddress", options.LoginFailuresPerEmailAndAddress, 1, MaxFailures),
        Between("RateLimits:LoginFailuresPerEmail", options.LoginFailuresPerEmail, 1, MaxFailures),
        options.LoginFailuresPerEmail < options.LoginFailuresPerEmailAndAddress
            ? "RateLimits:LoginFailuresPerEmail must be at least RateLimits:LoginFailuresPerEmailAndAddress."
            : null,
        Between("RateLimits:LoginFailureWindow", options.LoginFailureWindow, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1)),
    ];
}
