using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Pictures;
using Microsoft.EntityFrameworkCore;

namespace CleanProfiles.Infrastructure.Persistence.Repositories;

internal sealed class PictureUploadRepository(ProfilesDbContext db) : IPictureUploadRepository
{
    public Task<PictureUpload?> GetAsync(string key, CancellationToken cancellationToken) =>
        db.PictureUploads.SingleOrDefaultAsync(u => u.Key == key, cancellationToken);

    public void Add(PictureUpload upload) => db.PictureUploads.Add(upload);

    public void Remove(PictureUpload upload) => db.PictureUploads.Remove(upload);
}
