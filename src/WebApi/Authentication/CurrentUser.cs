using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace CleanProfiles.WebApi.Authentication;

public static class CurrentUser
{
    /// <summary>The caller's user id from the token's <c>sub</c> claim.</summary>
    public static Guid GetUserId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(JwtRegisteredClaimNames.Sub), out var id) && id != Guid.Empty
            ? id
            : throw new InvalidTokenSubjectException();
}

/// <summary>A correctly signed token without a usable subject: treated as unauthenticated.</summary>
public sealed class InvalidTokenSubjectException() : Exception("The token does not identify a user.");
