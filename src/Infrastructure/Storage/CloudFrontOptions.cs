using System.Security.Cryptography;

namespace CleanProfiles.Infrastructure.Storage;

/// <summary>
/// Optional CDN delivery (<c>Storage:S3:CloudFront</c>): picture URLs become CloudFront signed URLs with a canned policy,
/// signed with a key pair that every instance shares, so all instances hand out identical URLs whatever their AWS
/// credentials. Off unless <see cref="Domain"/> is set.
/// </summary>
public sealed class CloudFrontOptions
{
    public const string SectionName = "Storage:S3:CloudFront";

    /// <summary>The distribution's host name (d111111abcdef8.cloudfront.net or an alternate domain name), no scheme or path.</summary>
    public string? Domain { get; set; }

    /// <summary>The ID of the public key in the distribution's trusted key group.</summary>
    public string? KeyPairId { get; set; }

    /// <summary>The matching RSA private key: PEM text (PKCS#1 or PKCS#8), or the path of a PEM file.</summary>
    public string? PrivateKey { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Domain) || !string.IsNullOrWhiteSpace(KeyPairId) || !string.IsNullOrWhiteSpace(PrivateKey);

    /// <summary>The private key's PEM text, read from the file when <see cref="PrivateKey"/> is a path.</summary>
    internal string PrivateKeyPem() =>
        PrivateKey!.Contains("-----BEGIN", StringComparison.Ordinal) ? PrivateKey : File.ReadAllText(PrivateKey!.Trim());

    /// <summary>Why the settings cannot sign, naming the keys; none when they can (or when CloudFront is off).</summary>
    internal IEnumerable<string> Problems()
    {
        if (!Enabled)
        {
            yield break;
        }

        foreach (var (key, value) in new[] { ("Domain", Domain), ("KeyPairId", KeyPairId), ("PrivateKey", PrivateKey) })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                yield return $"{SectionName}:{key} is required when any {SectionName} setting is set "
                    + $"(environment variable {SectionName.Replace(":", "__", StringComparison.Ordinal)}__{key}).";
            }
        }

        if (!string.IsNullOrWhiteSpace(Domain) && Uri.CheckHostName(Domain) is not (UriHostNameType.Dns or UriHostNameType.IPv4))
        {
            yield return $"{SectionName}:Domain must be a host name such as d111111abcdef8.cloudfront.net (no scheme, no path).";
        }

        if (!string.IsNullOrWhiteSpace(PrivateKey) && KeyProblem() is { } problem)
        {
            yield return problem;
        }
    }

    private string? KeyProblem()
    {
        string pem;
        try
        {
            pem = PrivateKeyPem();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return $"{SectionName}:PrivateKey is neither PEM text nor a readable PEM file.";
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            return rsa.KeySize < 2048 ? $"{SectionName}:PrivateKey must be an RSA key of at least 2048 bits." : null;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return $"{SectionName}:PrivateKey does not hold an RSA private key in PEM form.";
        }
    }
}
