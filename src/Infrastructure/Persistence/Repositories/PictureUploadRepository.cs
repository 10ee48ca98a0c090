using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Infrastructure.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

namespace CleanProfiles.Infrastructure.Persistence.Repositories;

internal sealed class PictureUploadRepository(ProfilesDbContext db) : IPictureUploadRepository
{
    public Task<PictureUpload?> GetAsync(string key, CancellationToken cancellationToken) =>
        db.PictureUploads.SingleOrDefaultAsync(u => u.Key == key, cancellationToken);

    public void Add(PictureUpload upload) => db.PictureUploads.Add(upload);

    public void Remove(PictureUpload upload) => db.PictureUploads.Remove(upload);

    public async Task<IReadOnlyList<string>> FindSweepableAsync(SweepCutoffs cutoffs, int max, CancellationToken cancellationToken)
    {
        var (pendingBefore, unattachedBefore) = (ToColumnValue(cutoffs.PendingBefore), ToColumnValue(cutoffs.UnattachedBefore));
        return await db.PictureUploads
            .FromSqlInterpolated($"""
                SELECT * FROM picture_uploads
                WHERE (state = {UploadStates.Deleting} AND (deletion_started_at IS NULL OR deletion_started_at < {pendingBefore}))
                   OR (state = {UploadStates.Pending} AND created_at < {pendingBefore})
                   OR (state = {UploadStates.Stored} AND created_at < {unattachedBefore}
                       AND NOT EXISTS (SELECT 1 FROM user_profiles WHERE user_profiles.profile_picture_url = picture_uploads."key"))
                """)
            .OrderBy(u => u.CreatedAt)
            .Select(u => u.Key)
            .Take(max)
            .ToListAsync(cancellationToken);
    }

    public async Task<bool> TryClaimForDeletionAsync(string key, SweepCutoffs cutoffs, CancellationToken cancellationToken)
    {
        // One statement, so the "still sweepable" check and the mark cannot be split by a concurrent attach or upload.
        var (pendingBefore, unattachedBefore) = (ToColumnValue(cutoffs.PendingBefore), ToColumnValue(cutoffs.UnattachedBefore));
        var now = ToColumnValue(cutoffs.Now);
        return await ExecuteAsync(
            $"""
            UPDATE picture_uploads SET state = {UploadStates.Deleting}, deletion_started_at = {now}
            WHERE "key" = {key}
              AND ((state = {UploadStates.Deleting} AND (deletion_started_at IS NULL OR deletion_started_at < {pendingBefore}))
                OR (state = {UploadStates.Pending} AND created_at < {pendingBefore})
                OR (state = {UploadStates.Stored} AND created_at < {unattachedBefore}
                    AND NOT EXISTS (SELECT 1 FROM user_profiles WHERE user_profiles.profile_picture_url = picture_uploads."key")))
            """,
            cancellationToken) == 1;
    }

    public Task<bool> IsReferencedAsync(string key, CancellationToken cancellationToken) =>
        db.Database.SqlQuery<int>($"""SELECT 1 AS "Value" FROM user_profiles WHERE profile_picture_url = {key}""")
            .AnyAsync(cancellationToken);

    public async Task ReleaseClaimAsync(string key, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            $"""UPDATE picture_uploads SET state = {UploadStates.Stored}, deletion_started_at = NULL WHERE "key" = {key} AND state = {UploadStates.Deleting}""",
            cancellationToken);

    public async Task<bool> TryDeleteMarkedAsync(string key, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            $"""DELETE FROM picture_uploads WHERE "key" = {key} AND state = {UploadStates.Deleting}""",
            cancellationToken) == 1;

    /// <summary>
    /// EF runs raw statements outside its execution strategy, so they enter it by hand to get the same outage translation.
    /// </summary>
    private Task<int> ExecuteAsync(FormattableString sql, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(
            token => db.Database.ExecuteSqlInterpolatedAsync(sql, token),
            cancellationToken);

    /// <summary>created_at as the provider stores it (ticks on SQLite, timestamptz on PostgreSQL), for hand-written SQL.</summary>
    private object ToColumnValue(DateTimeOffset value)
    {
        var converter = db.Model.FindEntityType(typeof(PictureUpload))!.FindProperty(nameof(PictureUpload.CreatedAt))!
            .GetTypeMapping().Converter;
        return converter?.ConvertToProvider(value) ?? value;
    }
}
