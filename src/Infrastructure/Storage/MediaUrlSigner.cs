using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Infrastructure.Storage;

public enum MediaSignatureCheck
{
    Valid,
    Invalid,
    Expired,
}

/// <summary>
/// Signs and checks the local-disk store's media URLs: HMAC-SHA256 over method, key and expiry,
/// compared in constant time.
/// </summary>
public sealed class MediaUrlSigner(IOptions<LocalDiskStorageOptions> options, TimeProvider clock)
{
    /// <summary>The query parameters a signed link carries: its expiry (Unix seconds) and the signature.</summary>
    public const string ExpiresParameter = "expires";

    /// <inheritdoc cref="ExpiresParameter"/>
    public const string SignatureParameter = "sig";

    private readonly byte[] secret = Encoding.UTF8.GetBytes(options.Value.SigningKey ?? string.Empty);

    public string Sign(string key, long expiresUnixSeconds) =>
        Base64Url.EncodeToString(Compute(key, expiresUnixSeconds));

    public MediaSignatureCheck Check(string key, string? expires, string? signature)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
            || signature is null
            || signature.Length != Base64Url.GetEncodedLength(SHA256.HashSizeInBytes)
            || !Base64Url.IsValid(signature))
        {
            return MediaSignatureCheck.Invalid;
        }

        var given = Base64Url.DecodeFromChars(signature);
        if (!CryptographicOperations.FixedTimeEquals(given, Compute(key, expiresAt)))
        {
            return MediaSignatureCheck.Invalid;
        }

        return clock.GetUtcNow().ToUnixTimeSeconds() > expiresAt ? MediaSignatureCheck.Expired : MediaSignatureCheck.Valid;
    }

    private byte[] Compute(string key, long expiresUnixSeconds) =>
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture, $"GET\n{key}\n{expiresUnixSeconds}")));
}
