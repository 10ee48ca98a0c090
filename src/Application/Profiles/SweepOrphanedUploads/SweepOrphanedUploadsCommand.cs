using Mediator;

namespace CleanProfiles.Application.Profiles.SweepOrphanedUploads;

/// <summary>
/// Deletes the objects, then the records, of uploads nothing references: marked for deletion (a replaced or deleted
/// picture whose first delete failed or was interrupted), pending for longer than <c>Pictures:PendingUploadLifetime</c>
/// (an upload that never finished), or stored and never attached for longer than <c>Pictures:UnattachedUploadLifetime</c>.
/// The only deleter of objects whose first delete failed. Returns how many uploads were removed.
/// </summary>
public sealed record SweepOrphanedUploadsCommand(int BatchSize = 100) : ICommand<int>;
