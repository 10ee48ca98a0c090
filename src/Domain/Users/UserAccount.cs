using CleanProfiles.Domain.Common;

namespace CleanProfiles.Domain.Users;

/// <summary>A sign-in identity. The email is stored normalised, so uniqueness is case-insensitive on every database.</summary>
public sealed class UserAccount
{
    public const int EmailMaxLength = 254;

    private UserAccount()
    {
        Email = null!;
        PasswordHash = null!;
    }

    public Guid Id { get; private set; }

    public string Email { get; private set; }

    public string PasswordHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static UserAccount Create(Guid id, string email, string passwordHash, DateTimeOffset now)
    {
        if (id == Guid.Empty || string.IsNullOrEmpty(passwordHash))
        {
            throw new DomainRuleException("An account needs an id and a password hash.");
        }

        var normalized = NormalizeEmail(email);
        if (normalized.Length is 0 or > EmailMaxLength)
        {
            throw new DomainRuleException("An account needs an email address.");
        }

        return new UserAccount { Id = id, Email = normalized, PasswordHash = passwordHash, CreatedAt = now };
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public void ReplacePasswordHash(string passwordHash)
    {
        if (string.IsNullOrEmpty(passwordHash))
        {
            throw new DomainRuleException("A password hash is required.");
        }

        PasswordHash = passwordHash;
    }
}
