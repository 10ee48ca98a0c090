using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Application.Abstractions;

public interface IPictureUploadRepository
{
    Task<PictureUpload?> GetAsync(string key, CancellationToken cancellationToken);

    void Add(PictureUpload upload);

    void Remove(PictureUpload upload);
}
