using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace CleanProfiles.Domain.Pictures;

/// <summary>
/// A server-issued object key, <c>profile-pictures/{ownerId}/{unix-ms}-{random}.{ext}</c>.
/// Only keys of exactly this shape parse, so a parsed key can never traverse paths or name another prefix,
/// and it always knows its owner.
/// </summary>
public sealed partial record PictureKey
{
    public const string Prefix = "profile-pictures/";

    /// <summary>The longest string worth parsing (S3's key limit); anything longer is refused without a regex run.</summary>
    public const int MaxLength = 1024;

    private const int RandomLength = 16;
    private const string RandomAlphabet = "abcdefghijklmnopqrstuvwxyz234567";

    private PictureKey(string value, Guid ownerId, DateTimeOffset createdAt, ImageFormat format)
    {
        Value = value;
        OwnerId = ownerId;
        CreatedAt = createdAt;
        Format = format;
    }

    public string Value { get; }

    public Guid OwnerId { get; }

    public DateTimeOffset CreatedAt { get; }

    public ImageFormat Format { get; }

    /// <summary>Issues a new, unguessable key for a picture of <paramref name="ownerId"/>.</summary>
    public static PictureKey Create(Guid ownerId, DateTimeOffset createdAt, ImageFormat format)
    {
        if (ownerId == Guid.Empty)
        {
            throw new ArgumentException("An owner is required.", nameof(ownerId));
        }

        var random = RandomNumberGenerator.GetString(RandomAlphabet, RandomLength);
        var millis = createdAt.ToUnixTimeMilliseconds();
        var value = string.Create(
            CultureInfo.InvariantCulture,
            $"{Prefix}{ownerId:D}/{millis}-{random}.{format.Extension}");
        return new PictureKey(value, ownerId, DateTimeOffset.FromUnixTimeMilliseconds(millis), format);
    }

    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out PictureKey? key)
    {
        key = null;
        if (value is null || value.Length > MaxLength)
        {
            return false;
        }

        var match = KeyPattern().Match(value);
        if (!match.Success
            || !Guid.TryParseExact(match.Groups["owner"].Value, "D", out var owner)
            || owner == Guid.Empty
            || !long.TryParse(match.Groups["ms"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var millis)
            || millis > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()
            || ImageFormat.FromExtension(match.Groups["ext"].Value) is not { } format)
        {
            return false;
        }

        key = new PictureKey(value, owner, DateTimeOffset.FromUnixTimeMilliseconds(millis), format);
        return true;
    }

    /// <summary>
    /// The key of the square thumbnail stored beside the picture. It never parses as a <see cref="PictureKey"/>, so a
    /// client cannot attach a thumbnail as a profile picture.
    /// </summary>
    public string ThumbnailKey => $"{Value[..Value.LastIndexOf('.')]}{ThumbnailSuffix}";

    public const string ThumbnailSuffix = "_thumb.webp";

    public bool IsOwnedBy(Guid userId) => OwnerId == userId;

    public override string ToString() => Value;

    // Lower-case canonical GUID, 13-digit-ish millisecond stamp, fixed-alphabet random part, known extension.
    [GeneratedRegex(
        @"\Aprofile-pictures/(?<owner>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/(?<ms>[0-9]{1,15})-[a-z2-7]{16}\.(?<ext>jpg|png|gif|webp)\z",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture,
        matchTimeoutMilliseconds: 100)]
    private static partial Regex KeyPattern();
}
