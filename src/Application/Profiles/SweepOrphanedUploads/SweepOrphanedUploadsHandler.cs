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
        var cutoff = clock.UtcNowMilliseconds() - options.Value.UnattachedUploadLifetime;
        var removed = 0;
        foreach (var key in await uploads.FindUnreferencedAsync(cutoff, command.BatchSize, cancellationToken))
        {
            // The record goes first, in one conditional statement: a concurrent attach either committed before (the
            // record is referenced and stays) or fails after (its write to the deleted record conflicts). Only the
            // instance that deleted the record deletes the objects, so several sweepers never fight.
            if (!await uploads.TryDeleteUnreferencedAsync(key, cutoff, cancellationToken))
            {
                continue;
            }

            if (PictureKey.TryParse(key, out var pictureKey))
            {
                await pictureCleanup.TryDeleteObjectsAsync(pictureKey);
            }

            removed++;
        }

        return removed;
    }
}
