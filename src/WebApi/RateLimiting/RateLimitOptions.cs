using CleanProfiles.Application.Common.Configuration;

namespace CleanProfiles.WebApi.RateLimiting;

public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Uploads per user per minute.</summary>
    public int UploadsPerMinute { get; set; } = 10;

    /// <summary>Register and login requests per client address per minute.</summary>
    public int LoginsPerMinutePerAddress { get; set; } = 20;

    /// <summary>Login attempts per email address per minute, whatever address they come from (credential stuffing).</summary>
    public int LoginsPerMinutePerEmail { get; set; } = 5;
}

internal sealed class RateLimitOptionsValidator : SettingsValidator<RateLimitOptions>
{
    private const int MaxPerMinute = 100_000;

    protected override IEnumerable<string?> Check(RateLimitOptions options) =>
    [
        Between("RateLimits:UploadsPerMinute", options.UploadsPerMinute, 1, MaxPerMinute),
        Between("RateLimits:LoginsPerMinutePerAddress", options.LoginsPerMinutePerAddress, 1, MaxPerMinute),
        Between("RateLimits:LoginsPerMinutePerEmail", options.LoginsPerMinutePerEmail, 1, MaxPerMinute),
    ];
}
