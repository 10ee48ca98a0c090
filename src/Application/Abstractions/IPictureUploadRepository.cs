using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Application.Abstractions;

public interface IPictureUploadRepository
{
    Task<PictureUpload?> GetAsync(string key, CancellationToken cancellationToken);

    void Add(PictureUpload upload);

    void Remove(PictureUpload upload);

    /// <summary>Keys of uploads created before <paramref name="createdBefore"/> that no profile references.</summary>
    Task<IReadOnlyList<string>> FindUnreferencedAsync(DateTimeOffset createdBefore, int max, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the record if it is still unreferenced and older than <paramref name="createdBefore"/>, in one statement;
    /// true when this call deleted it (and so owns the deletion of its objects).
    /// </summary>
    Task<bool> TryDeleteUnreferencedAsync(string key, DateTimeOffset createdBefore, CancellationToken cancellationToken);
}
