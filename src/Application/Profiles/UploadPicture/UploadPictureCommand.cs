using Mediator;

namespace CleanProfiles.Application.Profiles.UploadPicture;

/// <summary>
/// Stores a new picture for <paramref name="UserId"/> from the uploaded <paramref name="File"/>, whose size the web
/// layer already bounded. Its name is never used for the key or the type.
/// </summary>
public sealed record UploadPictureCommand(Guid UserId, ReadOnlyMemory<byte> File) : ICommand<UploadedPictureDto>;

/// <summary>What was stored: the new picture's key, its signed URLs, and the stored picture (not the upload).</summary>
public record UploadedPictureDto(
    string Url,
    string PictureKey,
    string ThumbnailUrl,
    DateTimeOffset ExpiresAt,
    string ContentType,
    long SizeBytes,
    int Width,
    int Height);
