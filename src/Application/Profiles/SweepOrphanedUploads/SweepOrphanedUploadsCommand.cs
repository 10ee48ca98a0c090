using Mediator;

namespace CleanProfiles.Application.Profiles.SweepOrphanedUploads;

/// <summary>
/// Deletes uploads nobody references: never attached and older than <c>Pictures:UnattachedUploadLifetime</c>, or
/// replaced pictures whose deletion failed at the time. Returns how many were removed.
/// </summary>
public sealed record SweepOrphanedUploadsCommand(int BatchSize = 100) : ICommand<int>;
