using System.ComponentModel.DataAnnotations;

namespace CleanProfiles.WebApi.RateLimiting;

public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>Uploads per user per minute.</summary>
    [Range(1, 100_000, ErrorMessage = "RateLimits:UploadsPerMinute must be between 1 and 100000.")]
    public int UploadsPerMinute { get; set; } = 10;

    /// <summary>Register and login requests per client address per minute.</summary>
    [Range(1, 100_000, ErrorMessage = "RateLimits:LoginsPerMinutePerAddress must be between 1 and 100000.")]
    public int LoginsPerMinutePerAddress { get; set; } = 20;

    /// <summary>Login attempts per email address per minute, whatever address they come from (credential stuffing).</summary>
    [Range(1, 100_000, ErrorMessage = "RateLimits:LoginsPerMinutePerEmail must be between 1 and 100000.")]
    public int LoginsPerMinutePerEmail { get; set; } = 5;
}
