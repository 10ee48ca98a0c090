using CleanProfiles.Infrastructure.Identity;
using CleanProfiles.WebApi.ErrorHandling;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace CleanProfiles.WebApi.Authentication;

internal static class AuthenticationSetup
{
    public static IServiceCollection AddBearerAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>, TimeProvider>((bearer, jwt, clock) =>
            {
                var settings = jwt.Value;
                // Keep claim names as issued ("sub"), not the WS-* URIs.
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = settings.Issuer,
                    ValidateAudience = true,
                    ValidAudience = settings.Audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    ClockSkew = settings.ClockSkew,
                    ValidateIssuerSigningKey = true,
                    IssuerSigningKey = settings.CreateSigningKey(),
                    RequireSignedTokens = true,
                    // Only the algorithm we issue: no "none", no algorithm confusion.
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    NameClaimType = JwtRegisteredClaimNames.Sub,
                    // Lifetime is judged by the same clock that issues tokens and signs picture URLs.
                    LifetimeValidator = (notBefore, expires, _, parameters) => IsWithinLifetime(clock, notBefore, expires, parameters.ClockSkew),
                };
                bearer.TimeProvider = clock;
                bearer.Events = new JwtBearerEvents
                {
                    OnChallenge = async context =>
                    {
                        // Answer with a problem body instead of an empty 401; say why only in general terms.
                        context.HandleResponse();
                        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                        context.Response.Headers.WWWAuthenticate = "Bearer";
                        await context.HttpContext.WriteProblemAsync(
                            StatusCodes.Status401Unauthorized,
                            context.AuthenticateFailure is null
                                ? "A bearer token is required (Authorization: Bearer <access_token>)."
                                : "The bearer token is invalid or has expired.");
                    },
                };
            });
        services.AddAuthorization();
        return services;
    }

    internal static bool IsWithinLifetime(TimeProvider clock, DateTime? notBefore, DateTime? expires, TimeSpan clockSkew)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return expires is { } expiry
            && expiry.ToUniversalTime() > now - clockSkew
            && (notBefore is not { } start || start.ToUniversalTime() <= now + clockSkew);
    }
}
