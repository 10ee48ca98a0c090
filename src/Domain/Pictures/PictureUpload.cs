namespace CleanProfiles.Domain.Pictures;

/// <summary>The record of one stored upload: who uploaded which key. Only the uploader may attach it.</summary>
public sealed class PictureUpload
{
    private PictureUpload()
    {
        Key = null!;
        ContentType = null!;
    }

    public PictureUpload(PictureKey key, string contentType, long sizeBytes, int? width, int? height, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sizeBytes);
        Key = key.Value;
        UserId = key.OwnerId;
        ContentType = contentType;
        SizeBytes = sizeBytes;
        Width = width;
        Height = height;
        CreatedAt = createdAt;
    }

    public string Key { get; private set; }

    public Guid UserId { get; private set; }

    public string ContentType { get; private set; }

    public long SizeBytes { get; private set; }

    public int? Width { get; private set; }

    public int? Height { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the upload was last attached to its owner's profile; null while it never was.</summary>
    public DateTimeOffset? AttachedAt { get; private set; }

    /// <summary>
    /// Records an attach. It always writes the row, so an attach that races the orphan sweeper's delete of this
    /// record fails as a concurrency conflict instead of pointing a profile at deleted objects.
    /// </summary>
    public void MarkAttached(DateTimeOffset at) => AttachedAt = at;
}
