using System.Security.Cryptography;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace CleanProfiles.Infrastructure.Identity;

/// <summary>ASP.NET Core Identity's hasher (PBKDF2 with a per-password salt, versioned format).</summary>
internal sealed class IdentityPasswordHasher : IPasswordHasher
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();
    private static readonly Lazy<string> DummyHash = new(() => Hasher.HashPassword(null!, RandomNumberGenerator.GetHexString(32)));

    public string Hash(string password) => Hasher.HashPassword(null!, password);

    public PasswordCheck Verify(string hash, string password) => Hasher.VerifyHashedPassword(null!, hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Success,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SuccessRehashNeeded,
        _ => PasswordCheck.Failed,
    };

    public void VerifyDummy(string password) => Hasher.VerifyHashedPassword(null!, DummyHash.Value, password);
}
