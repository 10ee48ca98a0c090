using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Domain.Pictures;
using Mediator;
using Microsoft.Extensions.Options;

namespace CleanProfiles.Application.Profiles.SweepOrphanedUploads;

public sealed class SweepOrphanedUploadsHandler(
    IPictureUploadRepository uploads,
    PictureCleanup pictureCleanup,
    TimeProvider clock,
    IOptions<PicturesOptions> options) : ICommandHandler<SweepOrphanedUploadsCommand, int>
{
    public async ValueTask<int> Handle(SweepOrphanedUploadsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.UtcNowMilliseconds();
        var cutoffs = new SweepCutoffs(now, now - options.Value.PendingUploadLifetime, now - options.Value.UnattachedUploadLifetime);
        var removed = 0;
        foreach (var key in await uploads.FindSweepableAsync(cutoffs, command.BatchSize, cancellationToken))
        {
            // Reference before delete, here too: the record is first marked in one conditional statement, after which no
            // attach can commit it. An attach that committed just before the mark is seen by the fresh check that follows,
            // and the claim is given back.
            if (!await uploads.TryClaimForDeletionAsync(key, cutoffs, cancellationToken))
            {
                continue;
            }

            if (await uploads.IsReferencedAsync(key, cancellationToken))
            {
                await uploads.ReleaseClaimAsync(key, cancellationToken);
                continue;
            }

            if (!PictureKey.TryParse(key, out var pictureKey))
            {
                await uploads.TryDeleteMarkedAsync(key, cancellationToken); // no object can exist under a key that is no key
                removed++;
            }
            else if (await pictureCleanup.TryFinishDeletionAsync(pictureKey, cancellationToken))
            {
                removed++;
            }
        }

        return removed;
    }
}
