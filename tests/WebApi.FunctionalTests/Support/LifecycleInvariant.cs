using System.Data.Common;
using System.Globalization;
using CleanProfiles.Application.Profiles.SweepOrphanedUploads;
using CleanProfiles.Domain.Pictures;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanProfiles.WebApi.FunctionalTests.Support;

/// <summary>One row of <c>picture_uploads</c>, read with plain SQL (state is null where the column does not exist).</summary>
public sealed record UploadRow(string Key, string? State);

/// <summary>The bucket (or media folder) and the tables at one moment.</summary>
public sealed record LifecycleSnapshot(IReadOnlySet<string> Objects, IReadOnlyList<UploadRow> Uploads, IReadOnlySet<string> Referenced)
{
    /// <summary>
    /// "At any moment, every key a profile references has all its objects": the references whose picture or thumbnail is
    /// missing from the store.
    /// </summary>
    public IReadOnlyList<string> BrokenReferences() =>
        [.. Referenced.Where(r => PictureKey.TryParse(r, out var key) && !ObjectsOf(key).All(Objects.Contains)).Order()];

    /// <summary>
    /// "After a sweep, every object in the bucket belongs to a record that is attached, or recent and pending": after a sweep
    /// run once every lifetime has passed, the objects that belong to no upload a profile references.
    /// </summary>
    public IReadOnlyList<string> OrphansAfterSweep()
    {
        var kept = Uploads.Where(u => Referenced.Contains(u.Key) && PictureKey.TryParse(u.Key, out _))
            .SelectMany(u => ObjectsOf(PictureKey.TryParse(u.Key, out var key) ? key : throw new InvalidOperationException()))
            .ToHashSet(StringComparer.Ordinal);
        return [.. Objects.Where(o => !kept.Contains(o)).Order()];
    }

    /// <summary>Records left that no profile references (after a sweep run once every lifetime has passed: none).</summary>
    public IReadOnlyList<string> UnreferencedRecords() =>
        [.. Uploads.Where(u => !Referenced.Contains(u.Key)).Select(u => $"{u.Key} ({u.State ?? "no state"})").Order()];

    /// <summary>A one-line summary for figures: broken references and orphans.</summary>
    public string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Objects.Count} objects, {Uploads.Count} records, {BrokenReferences().Count} broken references, {OrphansAfterSweep().Count} objects of no attached record");

    private static string[] ObjectsOf(PictureKey key) => [key.Value, key.ThumbnailKey];
}

public static class LifecycleInvariant
{
    /// <summary>Lists the store and reads the tables, bypassing every fault proxy.</summary>
    public static async Task<LifecycleSnapshot> ReadAsync(ApiFactory factory)
    {
        var objects = await factory.ListObjectKeysAsync();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<Infrastructure.Persistence.ProfilesDbContext>();
        await using var connection = factory.OpenDirectConnection(db);
        await connection.OpenAsync();
        var uploads = new List<UploadRow>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT * FROM picture_uploads";
            await using var reader = await command.ExecuteReaderAsync();
            var state = Enumerable.Range(0, reader.FieldCount).FirstOrDefault(i => reader.GetName(i) == "state", -1);
            while (await reader.ReadAsync())
            {
                uploads.Add(new UploadRow(reader.GetString(reader.GetOrdinal("key")), state < 0 ? null : reader.GetString(state)));
            }
        }

        var referenced = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT profile_picture_url FROM user_profiles WHERE profile_picture_url IS NOT NULL";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                referenced.Add(reader.GetString(0));
            }
        }

        return new LifecycleSnapshot(objects, uploads, referenced);
    }

    /// <summary>Moves the clock past every upload lifetime, then runs one sweep in the app (dependencies healed first).</summary>
    public static async Task SweepAfterEveryLifetimeAsync(ApiFactory factory)
    {
        factory.DatabaseProxy?.Heal();
        factory.StoreProxy?.Heal();
        factory.Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        await using var scope = factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ISender>().Send(new SweepOrphanedUploadsCommand());
    }

    private static DbConnection OpenDirectConnection(this ApiFactory factory, DbContext db) => factory.Bucket is null
        ? new Microsoft.Data.Sqlite.SqliteConnection(db.Database.GetConnectionString())
        : new Npgsql.NpgsqlConnection(factory.DirectDatabase);
}
