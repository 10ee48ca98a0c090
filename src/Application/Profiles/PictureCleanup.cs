using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Pictures;
using Microsoft.Extensions.Logging;

namespace CleanProfiles.Application.Profiles;

/// <summary>
/// Deletes the objects of a picture whose record is already marked for deletion (committed, so nothing references it),
/// then the record. A failure leaves the mark: the orphan sweep retries, and is then the only deleter of those objects.
/// </summary>
public sealed partial class PictureCleanup(
    IObjectStorage storage,
    IPictureUploadRepository uploads,
    ILogger<PictureCleanup> logger)
{
    /// <summary>Every object key stored for a picture: the picture and its thumbnail.</summary>
    public static IReadOnlyList<string> ObjectKeysOf(PictureKey key) => [key.Value, key.ThumbnailKey];

    /// <summary>Deletes the picture's objects; throws when the store fails.</summary>
    public async Task DeleteObjectsAsync(PictureKey key, CancellationToken cancellationToken)
    {
        foreach (var objectKey in ObjectKeysOf(key))
        {
            await storage.DeleteAsync(objectKey, cancellationToken);
        }
    }

    /// <summary>
    /// Deletes the objects, then the record, of a picture marked for deletion. True when both are gone; false (logged)
    /// when the store or the database failed or the request ended first: the mark stays for the sweep.
    /// </summary>
    public async Task<bool> TryFinishDeletionAsync(PictureKey key, CancellationToken cancellationToken)
    {
        try
        {
            await DeleteObjectsAsync(key, cancellationToken);
            await uploads.TryDeleteMarkedAsync(key.Value, cancellationToken);
            return true;
        }
        catch (Exception ex)
        {
            LogDeleteFailed(logger, ex, key.Value);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not finish deleting picture {Key}; it stays marked and the orphan sweep retries")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string key);
}
