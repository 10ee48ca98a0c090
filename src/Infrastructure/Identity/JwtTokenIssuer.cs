using System.Security.Claims;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Users;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanProfiles.Infrastructure.Identity;

/// <summary>Issues HS256 access tokens with the user id in <c>sub</c>; no personal data goes into the token.</summary>
internal sealed class JwtTokenIssuer(IOptions<JwtOptions> options, TimeProvider clock) : ITokenIssuer
{
    private readonly JsonWebTokenHandler handler = new();
    private readonly SigningCredentials credentials = new(options.Value.CreateSigningKey(), SecurityAlgorithms.HmacSha256);

    public AccessToken Issue(UserAccount account)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var token = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = settings.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + settings.AccessTokenLifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim(JwtRegisteredClaimNames.Sub, account.Id.ToString()),
                new Claim(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            ]),
            SigningCredentials = credentials,
        });
        return new AccessToken(token, settings.AccessTokenLifetime);
    }
}
