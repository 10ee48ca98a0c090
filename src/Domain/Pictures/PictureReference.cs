namespace CleanProfiles.Domain.Pictures;

/// <summary>
/// What a profile's picture holds: a server-issued key, or a legacy value written
/// before keys existed. Legacy values are only ever shown when they are plain <c>https</c> URLs.
/// </summary>
public sealed record PictureReference
{
    private PictureReference(string stored, PictureKey? key, Uri? legacyUrl)
    {
        Stored = stored;
        Key = key;
        LegacyUrl = legacyUrl;
    }

    /// <summary>The value exactly as persisted.</summary>
    public string Stored { get; }

    /// <summary>Set when the reference is a server-issued key.</summary>
    public PictureKey? Key { get; }

    /// <summary>Set when the reference is a legacy absolute <c>https</c> URL that is safe to hand to a browser.</summary>
    public Uri? LegacyUrl { get; }

    public static PictureReference ForKey(PictureKey key) => new(key.Value, key, null);

    /// <summary>Classifies a persisted value. Anything that is neither a key nor a safe https URL is kept but never shown.</summary>
    public static PictureReference FromStored(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (PictureKey.TryParse(stored, out var key))
        {
            return new PictureReference(stored, key, null);
        }

        return new PictureReference(stored, null, IsSafeHttpsUrl(stored, out var url) ? url : null);
    }

    private static bool IsSafeHttpsUrl(string value, out Uri? url)
    {
        url = null;
        // Refuse whitespace and control characters outright: browsers strip them, which is how
        // "java\tscript:" style tricks get past naive checks.
        if (value.Length is 0 or > 2048 || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var parsed)
            || parsed.Scheme != Uri.UriSchemeHttps
            || !value.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || parsed.UserInfo.Length > 0
            || string.IsNullOrEmpty(parsed.Host))
        {
            return false;
        }

        url = parsed;
        return true;
    }
}
