using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace CleanProfiles.Infrastructure.Identity;

public sealed class JwtOptions
{
    public const string SectionName = "Jwt";
    public const int MinSigningKeyBytes = 32;

    /// <summary>The largest clock skew token validation tolerates.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);

    public string Issuer { get; set; } = "CleanProfiles";

    public string Audience { get; set; } = "CleanProfiles";

    /// <summary>HS256 key, at least 32 bytes (UTF-8). Required outside Development.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan ClockSkew { get; set; } = MaxClockSkew;

    public SymmetricSecurityKey CreateSigningKey() => new(Encoding.UTF8.GetBytes(SigningKey ?? string.Empty));
}

internal sealed class JwtOptionsValidator : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options) => OptionsValidation.Result(
        OptionsValidation.CheckSecret("Jwt:SigningKey", options.SigningKey, JwtOptions.MinSigningKeyBytes),
        string.IsNullOrWhiteSpace(options.Issuer) ? "Jwt:Issuer is required." : null,
        string.IsNullOrWhiteSpace(options.Audience) ? "Jwt:Audience is required." : null,
        options.AccessTokenLifetime < TimeSpan.FromMinutes(1) || options.AccessTokenLifetime > TimeSpan.FromDays(1)
            ? "Jwt:AccessTokenLifetime must be between 00:01:00 and 1.00:00:00." : null,
        options.ClockSkew < TimeSpan.Zero || options.ClockSkew > JwtOptions.MaxClockSkew
            ? "Jwt:ClockSkew must be between 00:00:00 and 00:00:30." : null);
}
