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

    public async Task<IReadOnlyList<string>> FindUnreferencedAsync(DateTimeOffset createdBefore, int max, CancellationToken cancellationToken)
    {
        var cutoff = ToColumnValue(createdBefore);
        return await db.PictureUploads
            .FromSqlInterpolated($"""
                SELECT * FROM picture_uploads
                WHERE created_at < {cutoff}
                  AND NOT EXISTS (SELECT 1 FROM user_profiles WHERE user_profiles.profile_picture_url = picture_uploads."key")
                """)
            .OrderBy(u => u.CreatedAt)
            .Select(u => u.Key)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> TryDeleteUnreferencedAsync(string key, DateTimeOffset createdBefore, CancellationToken cancellationToken)
    {
        // One statement, so the "still unreferenced" check and the delete cannot be split by a concurrent attach.
        var cutoff = ToColumnValue(createdBefore);
        // EF runs raw statements outside its execution strategy, so this one enters it by hand to get the same outage translation.
        var deleted = await db.Database.CreateExecutionStrategy().ExecuteAsync(
            token => db.Database.ExecuteSqlInterpolatedAsync(
                $"""
                DELETE FROM picture_uploads
                WHERE "key" = {key}
                  AND created_at < {cutoff}
                  AND NOT EXISTS (SELECT 1 FROM user_profiles WHERE user_profiles.profile_picture_url = picture_uploads."key")
                """,
                token),
            cancellationToken);
        return deleted == 1;
    }

    /// <summary>created_at as the provider stores it (ticks on SQLite, timestamptz on PostgreSQL), for hand-written SQL.</summary>
    private object ToColumnValue(DateTimeOffset value)
    {
        var converter = db.Model.FindEntityType(typeof(PictureUpload))!.FindProperty(nameof(PictureUpload.CreatedAt))!
            .GetTypeMapping().Converter;
        return converter?.ConvertToProvider(value) ?? value;
    }
}
