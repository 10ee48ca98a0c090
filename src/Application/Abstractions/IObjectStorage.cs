namespace CleanProfiles.Application.Abstractions;

/// <summary>
/// A private object store whose objects reach browsers only through expiring signed URLs.
/// Implementations throw <see cref="Common.Exceptions.DependencyUnavailableException"/> when the store cannot be reached.
/// </summary>
public interface IObjectStorage
{
    /// <summary>Stores an object under a key that was never used before. The stream is read to its end.</summary>
    Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string key, CancellationToken cancellationToken);

    /// <summary>Deletes the object; deleting a missing object is not an error.</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken);

    /// <summary>
    /// A URL that lets anyone holding it read the object until it expires, signed at the injected clock's time. The store
    /// may shorten <paramref name="lifetime"/> (its own maximum, credential expiry) and may return the same URL for a
    /// while so browsers can cache the image. Asynchronous because signing may have to refresh temporary credentials.
    /// </summary>
    Task<SignedUrl> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken);
}

public sealed record SignedUrl(Uri Url, DateTimeOffset ExpiresAt);
