using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Pictures;
using Microsoft.Extensions.Logging;

namespace CleanProfiles.Application.Profiles;

/// <summary>Deletes the stored objects of a picture and, once they are gone, its upload record.</summary>
public sealed partial class PictureCleanup(
    IObjectStorage storage,
    IPictureUploadRepository uploads,
    IUnitOfWork unitOfWork,
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
    /// Deletes objects whose fate is already decided (nothing references them). A failure only leaves an
    /// unreferenced object behind, so it is logged instead of failing the request.
    /// </summary>
    public async Task<bool> TryDeleteObjectsAsync(PictureKey key)
    {
        try
        {
            await DeleteObjectsAsync(key, CancellationToken.None);
            return true;
        }
        catch (Exception ex)
        {
            LogDeleteFailed(logger, ex, key.Value);
            return false;
        }
    }

    /// <summary>
    /// Removes a picture the profile no longer references: objects first, then the record, so a record
    /// outlives its objects but never the other way round.
    /// </summary>
    public async Task TryRemoveUnreferencedAsync(PictureKey key)
    {
        if (!await TryDeleteObjectsAsync(key))
        {
            return;
        }

        try
        {
            if (await uploads.GetAsync(key.Value, CancellationToken.None) is { } record)
            {
                uploads.Remove(record);
                await unitOfWork.SaveChangesAsync(CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            LogRecordRemovalFailed(logger, ex, key.Value);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the objects of picture {Key}; nothing references them")]
    private static partial void LogDeleteFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleted the objects of picture {Key} but could not remove its upload record")]
    private static partial void LogRecordRemovalFailed(ILogger logger, Exception exception, string key);
}
