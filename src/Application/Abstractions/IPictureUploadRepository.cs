using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Application.Abstractions;

public interface IPictureUploadRepository
{
    Task<PictureUpload?> GetAsync(string key, CancellationToken cancellationToken);

    void Add(PictureUpload upload);

    void Remove(PictureUpload upload);

    /// <summary>
    /// Keys the orphan sweep may remove, oldest first: marked for deletion, and no deletion started since
    /// <see cref="SweepCutoffs.PendingBefore"/> (one that failed, or whose deleter died); pending since before
    /// <see cref="SweepCutoffs.PendingBefore"/> (an upload that never finished); stored before
    /// <see cref="SweepCutoffs.UnattachedBefore"/> and referenced by no profile.
    /// </summary>
    Task<IReadOnlyList<string>> FindSweepableAsync(SweepCutoffs cutoffs, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the record for deletion, its deletion started at <see cref="SweepCutoffs.Now"/>, if it is still sweepable, in
    /// one statement; true when this call claimed it. From then on no attach can commit it (the state is the record's
    /// concurrency token) and no other sweeper claims it until the claim is older than the pending lifetime.
    /// </summary>
    Task<bool> TryClaimForDeletionAsync(string key, SweepCutoffs cutoffs, CancellationToken cancellationToken);

    /// <summary>True when a profile references the key (read fresh, outside any unit of work).</summary>
    Task<bool> IsReferencedAsync(string key, CancellationToken cancellationToken);

    /// <summary>Undoes a claim that lost a race with an attach: the record is stored (attachable) again.</summary>
    Task ReleaseClaimAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes a record marked for deletion, once its objects are gone; true when this call deleted it.</summary>
    Task<bool> TryDeleteMarkedAsync(string key, CancellationToken cancellationToken);
}

/// <summary>The ages after which the orphan sweep takes an unfinished (pending) or never-attached (stored) upload.</summary>
public sealed record SweepCutoffs(DateTimeOffset Now, DateTimeOffset PendingBefore, DateTimeOffset UnattachedBefore);
