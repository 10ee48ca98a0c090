using Mediator;

namespace CleanProfiles.Application.Profiles.UploadPicture;

/// <summary>Stores a new picture for <paramref name="UserId"/>. The file name is never used for the key or the type.</summary>
public sealed record UploadPictureCommand(Guid UserId, Stream Content) : ICommand<UploadedPictureDto>;

public sealed record UploadedPictureDto(
    string Key,
    string Url,
    string ThumbnailUrl,
    DateTimeOffset ExpiresAt,
    string ContentType,
    long SizeBytes,
    int Width,
    int Height);
