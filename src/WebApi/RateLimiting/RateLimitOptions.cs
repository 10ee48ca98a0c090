using CleanProfiles.Application.Common.Configuration;

namespace CleanProfiles.WebApi.RateLimiting;

public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

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
    private const int MaxPerMinute = 100_000;
    private const int MaxFailures = 10_000;

    protected override IEnumerable<string?> Check(RateLimitOptions options) =>
    [
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
