namespace CleanProfiles.WebApi.Contracts;

/// <summary>A new account.</summary>
public sealed record RegisterRequest
{
    /// <summary>Sign-in email; compared case-insensitively.</summary>
    /// <example>ada@example.com</example>
    public string? Email { get; init; }

    /// <summary>8 to 128 characters.</summary>
    /// <example>correct horse battery</example>
    public string? Password { get; init; }

    /// <summary>Display name, 1 to 100 characters.</summary>
    /// <example>Ada Lovelace</example>
    public string? Name { get; init; }
}

public sealed record LoginRequest
{
    /// <example>ada@example.com</example>
    public string? Email { get; init; }

    /// <example>correct horse battery</example>
    public string? Password { get; init; }
}
