using CleanProfiles.Application.Common;
using CleanProfiles.Application.Abstractions;
using Mediator;

namespace CleanProfiles.Application.Profiles.DeletePicture;

public sealed class DeletePictureHandler(
    IProfileRepository profiles,
    IPictureUploadRepository uploads,
    IUnitOfWork unitOfWork,
    PictureCleanup pictureCleanup,
    TimeProvider clock) : ICommandHandler<DeletePictureCommand>
{
    public async ValueTask<Unit> Handle(DeletePictureCommand command, CancellationToken cancellationToken)
    {
        var profile = await profiles.GetExistingAsync(command.UserId, cancellationToken);

        var now = clock.UtcNowMilliseconds();
        var removed = profile.RemovePicture(now);
        if (removed is null)
        {
            return Unit.Value;
        }

        // Reference before delete: the cleared reference and the "to delete" mark commit together, so the profile never
        // points at a deleted object and a failed or interrupted delete below is finished by the orphan sweep.
        var record = removed.Key is { } key ? await uploads.GetAsync(key.Value, cancellationToken) : null;
        record?.MarkForDeletion(now);
        await unitOfWork.SaveChangesAsync(cancellationToken);

        if (removed.Key is { } removedKey)
        {
            await pictureCleanup.TryFinishDeletionAsync(removedKey, cancellationToken);
        }

        return Unit.Value;
    }
}
