using CleanProfiles.Application.Common;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Pictures;
using Mediator;

namespace CleanProfiles.Application.Profiles.UpdateProfile;

public sealed class UpdateProfileHandler(
    IProfileRepository profiles,
    IPictureUploadRepository uploads,
    IUnitOfWork unitOfWork,
    IObjectStorage storage,
    PictureCleanup pictureCleanup,
    ProfileViews views,
    TimeProvider clock) : ICommandHandler<UpdateProfileCommand, ProfileDto>
{
    /// <summary>One message for every refused key, so a caller cannot probe which keys exist or whose they are.</summary>
    public const string NotYourUploadMessage =
        "Must be the key of a picture you uploaded that still exists, or null to remove the picture.";

    public async ValueTask<ProfileDto> Handle(UpdateProfileCommand command, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetExistingAsync(command.UserId, cancellationToken);
        var now = clock.UtcNowMilliseconds();

        PictureReference? replaced = null;
        if (command.ProfilePictureKey.HasValue)
        {
            if (command.ProfilePictureKey.Value is { } rawKey)
            {
                var (key, upload) = await FindOwnUploadAsync(command.UserId, rawKey, cancellationToken);
                replaced = profile.AttachPicture(key, now);
                upload.MarkAttached(now);
            }
            else
            {
                replaced = profile.RemovePicture(now);
            }
        }

        if (command.Name.HasValue)
        {
            profile.Rename(command.Name.Value!, now);
        }

        if (command.Headline.HasValue)
        {
            profile.ChangeHeadline(command.Headline.Value, now);
        }

        if (command.Bio.HasValue)
        {
            profile.ChangeBio(command.Bio.Value, now);
        }

        if (command.GraduationYear.HasValue)
        {
            profile.ChangeGraduationYear(command.GraduationYear.Value, now);
        }

        // Reference before delete: the old picture's "to delete" mark commits with the change that stops referencing it;
        // only then may its objects go, and if that fails or is interrupted the orphan sweep finishes it.
        var oldKey = replaced?.Key;
        var oldRecord = oldKey is null ? null : await uploads.GetAsync(oldKey.Value, cancellationToken);
        oldRecord?.MarkForDeletion(now);

        await unitOfWork.SaveChangesAsync(cancellationToken);

        if (oldKey is not null)
        {
            await pictureCleanup.TryFinishDeletionAsync(oldKey, cancellationToken);
        }

        return await views.ToDtoAsync(profile, cancellationToken);
    }

    private async Task<(PictureKey Key, PictureUpload Upload)> FindOwnUploadAsync(
        Guid userId, string rawKey, CancellationToken cancellationToken)
    {
        if (!PictureKey.TryParse(rawKey, out var key) || !key.IsOwnedBy(userId))
        {
            throw ValidationFailedException.For(nameof(UpdateProfileCommand.ProfilePictureKey), NotYourUploadMessage);
        }

        var upload = await uploads.GetAsync(key.Value, cancellationToken);
        if (upload is null || upload.UserId != userId || !upload.IsAttachable || !await storage.ExistsAsync(key.Value, cancellationToken))
        {
            throw ValidationFailedException.For(nameof(UpdateProfileCommand.ProfilePictureKey), NotYourUploadMessage);
        }

        return (key, upload);
    }
}
