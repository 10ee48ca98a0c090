using System.Text;
using CleanProfiles.Application.Common.Configuration;
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

internal sealed class JwtOptionsValidator : SettingsValidator<JwtOptions>
{
    protected override IEnumerable<string?> Check(JwtOptions options) =>
    [
        Secret("Jwt:SigningKey", options.SigningKey, JwtOptions.MinSigningKeyBytes),
        Required("Jwt:Issuer", options.Issuer),
        Required("Jwt:Audience", options.Audience),
        Between("Jwt:AccessTokenLifetime", options.AccessTokenLifetime, TimeSpan.FromMinutes(1), TimeSpan.FromDays(1)),
        Between("Jwt:ClockSkew", options.ClockSkew, TimeSpan.Zero, JwtOptions.MaxClockSkew),
    ];
}
