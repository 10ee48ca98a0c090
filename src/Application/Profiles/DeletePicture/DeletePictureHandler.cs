using CleanProfiles.Application.Common;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
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

        var removed = profile.RemovePicture(clock.UtcNowMilliseconds());
        if (removed is null)
        {
            return Unit.Value;
        }

        if (removed.Key is { } key)
        {
            // Objects first: if the store is down the request fails with nothing changed. If the database then
            // fails, the profile points at a deleted object until the (idempotent) delete is repeated.
            await pictureCleanup.DeleteObjectsAsync(key, cancellationToken);
            if (await uploads.GetAsync(key.Value, cancellationToken) is { } record)
            {
                uploads.Remove(record);
            }
        }

        await unitOfWork.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
