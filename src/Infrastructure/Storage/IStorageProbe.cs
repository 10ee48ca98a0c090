namespace CleanProfiles.Infrastructure.Storage;

/// <summary>Proves the store is usable right now (reachable, credentials accepted); throws when it is not.</summary>
internal interface IStorageProbe
{
    Task CheckReachableAsync(CancellationToken cancellationToken);
}
