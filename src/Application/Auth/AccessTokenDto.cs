namespace CleanProfiles.Application.Auth;

public sealed record AccessTokenDto(string AccessToken, string TokenType, int ExpiresIn)
{
    public static AccessTokenDto From(Abstractions.AccessToken token) =>
        new(token.Value, "Bearer", (int)token.ExpiresIn.TotalSeconds);
}
