namespace CleanProfiles.Domain.Pictures;

/// <summary>
/// The record of one upload: who uploaded which key, and where it is in its life (<see cref="UploadState"/>). It is
/// committed before any object is written and removed only after every object is gone. Only the uploader may attach it,
/// and only once it is <see cref="UploadState.Stored"/>.
/// </summary>
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
        State = UploadState.Pending;
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

    public UploadState State { get; private set; }

    /// <summary>True when every object was written and no deletion was decided: the owner may attach it.</summary>
    public bool IsAttachable => State == UploadState.Stored;

    /// <summary>Every object is written.</summary>
    public void MarkStored()
    {
        if (State != UploadState.Pending)
        {
            throw new InvalidOperationException($"Only a pending upload can be marked stored (this one is {State}).");
        }

        State = UploadState.Stored;
    }

    /// <summary>
    /// Nothing references the upload any more: its objects are to be deleted. Committed before any delete, so a delete that
    /// fails (or a crash) leaves this mark for the orphan sweep to finish.
    /// </summary>
    public void MarkForDeletion(DateTimeOffset at)
    {
        State = UploadState.Deleting;
        DeletionStartedAt = at;
    }

    /// <summary>
    /// When the deletion of the objects was last started (by the request that stopped referencing it, or a sweeper's
    /// claim): the sweep takes a marked record again only once this is older than the pending lifetime, so two deleters
    /// never work on the same record at once.
    /// </summary>
    public DateTimeOffset? DeletionStartedAt { get; private set; }

    /// <summary>
    /// Records an attach. It always writes the row, so an attach that races the orphan sweeper's delete of this
    /// record fails as a concurrency conflict instead of pointing a profile at deleted objects.
    /// </summary>
    public void MarkAttached(DateTimeOffset at) => AttachedAt = at;
}
