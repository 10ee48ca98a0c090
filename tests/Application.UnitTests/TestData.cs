using System.Reflection;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using Moq;

namespace CleanProfiles.Application.UnitTests;

/// <summary>Shared inputs: fixed ids and times, image bytes and a storage mock that signs URLs.</summary>
internal static class TestData
{
    public static readonly Guid UserId = Guid.Parse("0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b");
    public static readonly Guid OtherUserId = Guid.Parse("0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8c");

    /// <summary>A fixed "now" with sub-millisecond ticks, so truncation to milliseconds is observable.</summary>
    public static readonly DateTimeOffset Now = new DateTimeOffset(2025, 6, 15, 12, 30, 45, 678, TimeSpan.Zero).AddTicks(4321);

    /// <summary><see cref="Now"/> cut to whole milliseconds, as the handlers record it.</summary>
    public static readonly DateTimeOffset NowMs = new(2025, 6, 15, 12, 30, 45, 678, TimeSpan.Zero);

    public static readonly DateTimeOffset Earlier = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    // Uploads as the handler sees them: bytes it hands on untouched (the mocked processor decides what they are).
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] GifSignature = [.. "GIF89a"u8, 16, 0, 16, 0, 0, 0, 0];

    public static byte[] Png(int length = 64) => Padded(PngSignature, length);

    public static byte[] Gif(int length = 64) => Padded(GifSignature, length);

    public static UserProfile Profile(Guid userId, string name = "Ada Lovelace") => UserProfile.Create(userId, name, Earlier);

    public static PictureKey Key(Guid owner, ImageFormat? format = null) =>
        PictureKey.Create(owner, Earlier, format ?? ImageFormat.Png);

    /// <summary>A stored (attachable) upload of <paramref name="key"/>.</summary>
    public static PictureUpload UploadOf(PictureKey key)
    {
        var upload = new PictureUpload(key, key.Format.ContentType, 1234, width: null, height: null, Earlier);
        upload.MarkStored();
        return upload;
    }

    public static Uri SignedUri(string key) => new($"https://media.example/{key}?sig=test");

    public static DateTimeOffset SignedExpiry(TimeSpan lifetime) => NowMs + lifetime;

    /// <summary>A loose storage mock whose <see cref="IObjectStorage.GetReadUrlAsync"/> signs every key.</summary>
    public static Mock<IObjectStorage> Storage()
    {
        var storage = new Mock<IObjectStorage>();
        storage
            .Setup(s => s.GetReadUrlAsync(It.IsAny<string>(), It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string key, TimeSpan lifetime, CancellationToken _) => new SignedUrl(SignedUri(key), SignedExpiry(lifetime)));
        return storage;
    }

    /// <summary>
    /// Puts a value in the picture column the way the database would load it: legacy values cannot be set
    /// through the profile's methods, which only attach server-issued keys.
    /// </summary>
    public static void SetStoredPicture(UserProfile profile, string stored)
    {
        var property = typeof(UserProfile).GetProperty(nameof(UserProfile.Picture), BindingFlags.Instance | BindingFlags.Public)!;
        property.SetValue(profile, PictureReference.FromStored(stored));
    }

    private static byte[] Padded(byte[] signature, int length)
    {
        var bytes = new byte[length];
        signature.AsSpan(0, Math.Min(signature.Length, length)).CopyTo(bytes);
        for (var i = signature.Length; i < length; i++)
        {
            bytes[i] = (byte)(i * 31);
        }

        return bytes;
    }
}
