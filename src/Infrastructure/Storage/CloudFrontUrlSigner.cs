using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CleanProfiles.Application.Abstractions;

namespace CleanProfiles.Infrastructure.Storage;

/// <summary>
/// CloudFront signed URLs with a canned policy: the policy names the URL and its expiry, signed with RSA-SHA1 and
/// PKCS#1 v1.5 padding (deterministic: the same key and expiry give the same URL on every instance), encoded in
/// CloudFront's URL-safe base64 ('+' '=' '/' become '-' '_' '~').
/// </summary>
public sealed class CloudFrontUrlSigner : IDisposable
{
    private readonly RSA rsa;
    private readonly string domain;
    private readonly string keyPairId;

    public CloudFrontUrlSigner(CloudFrontOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        rsa = RSA.Create();
        rsa.ImportFromPem(options.PrivateKeyPem());
        domain = options.Domain!.Trim();
        keyPairId = options.KeyPairId!.Trim();
    }

    /// <summary>The URL of <paramref name="key"/> on the distribution, readable until <paramref name="expires"/> (whole seconds).</summary>
    public SignedUrl Sign(string key, DateTimeOffset expires)
    {
        var resource = $"https://{domain}/{string.Join('/', key.Split('/').Select(Uri.EscapeDataString))}";
        var epoch = expires.ToUnixTimeSeconds();
        var signature = rsa.SignData(Encoding.UTF8.GetBytes(CannedPolicy(resource, epoch)), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);
        var url = string.Create(
            CultureInfo.InvariantCulture,
            $"{resource}?Expires={epoch}&Signature={UrlSafeBase64(signature)}&Key-Pair-Id={Uri.EscapeDataString(keyPairId)}");
        return new SignedUrl(new Uri(url), DateTimeOffset.FromUnixTimeSeconds(epoch));
    }

    public void Dispose() => rsa.Dispose();

    /// <summary>The canned policy exactly as CloudFront rebuilds it from the URL: no white space, these keys in this order.</summary>
    internal static string CannedPolicy(string resource, long epoch) =>
        "{\"Statement\":[{\"Resource\":\"" + resource + "\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":"
        + epoch.ToString(CultureInfo.InvariantCulture) + "}}}]}";

    private static string UrlSafeBase64(byte[] bytes) =>
        Convert.ToBase64String(bytes).Replace('+', '-').Replace('=', '_').Replace('/', '~');
}
