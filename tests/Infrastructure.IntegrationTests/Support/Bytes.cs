using System.Security.Cryptography;

namespace CleanProfiles.Infrastructure.IntegrationTests.Support;

internal static class Bytes
{
    public static byte[] Random(int count) => RandomNumberGenerator.GetBytes(count);

    public static string Sha256(byte[] content) => Convert.ToHexString(SHA256.HashData(content));

    public static async Task<string> Sha256Async(Stream content) => Convert.ToHexString(await SHA256.HashDataAsync(content));

    /// <summary>Whether <paramref name="haystack"/> holds <paramref name="needle"/> anywhere.</summary>
    public static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
