namespace CleanProfiles.Domain.Pictures;

/// <summary>
/// Where an upload is in its life. The record exists before any of its objects does and outlives them all, so the
/// database always knows every object the store may hold.
/// </summary>
public enum UploadState
{
    /// <summary>Recorded before its objects are written; they may be missing, partly written or complete.</summary>
    Pending,

    /// <summary>Every object was written: the owner may attach it.</summary>
    Stored,

    /// <summary>Nothing references it any more and its objects are to be deleted; the orphan sweep retries until they are.</summary>
    Deleting,
}
