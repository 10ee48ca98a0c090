using System.Text.Json.Serialization;

namespace CleanProfiles.WebApi.Contracts;

/// <summary>A new account.</summary>
public sealed record RegisterRequest
{
    /// <summary>Sign-in email; compared case-insensitively.</summary>
    /// <example>ada@example.com</example>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <summary>8 to 128 characters.</summary>
    /// <example>correct horse battery</example>
    [JsonPropertyName("password")]
    public string? Password { get; init; }

    /// <summary>Display name, 1 to 100 characters.</summary>
    /// <example>Ada Lovelace</example>
    [JsonPropertyName("name")]
    public string? Name { get; init; }
}

public sealed record LoginRequest
{
    /// <example>ada@example.com</example>
    [JsonPropertyName("email")]
    public string? Email { get; init; }

    /// <example>correct horse battery</example>
    [JsonPropertyName("password")]
    public string? Password { get; init; }
}

/// <summary>A bearer token for the Authorization header.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn);
