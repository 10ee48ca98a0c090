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

    /// <summary>Login attempts per email address per minute, whatever address they come from (credential stuffing).</summary>
    public int LoginsPerMinutePerEmail { get; set; } = 5;
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

    protected override IEnumerable<string?> Check(RateLimitOptions options) =>
    [
        RedisProblem(options.Redis),
        Between("RateLimits:UploadsPerMinute", options.UploadsPerMinute, 1, MaxPerMinute),
        Between("RateLimits:LoginsPerMinutePerAddress", options.LoginsPerMinutePerAddress, 1, MaxPerMinute),
        Between("RateLimits:LoginsPerMinutePerEmail", options.LoginsPerMinutePerEmail, 1, MaxPerMinute),
    ];
}
