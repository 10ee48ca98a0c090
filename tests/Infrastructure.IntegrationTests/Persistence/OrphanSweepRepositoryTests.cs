using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using CleanProfiles.Domain.Users;
using CleanProfiles.Infrastructure.IntegrationTests.Support;
using CleanProfiles.Infrastructure.Persistence.Repositories;
using Microsoft.EntityFrameworkCore;

namespace CleanProfiles.Infrastructure.IntegrationTests.Persistence;

/// <summary>The orphan sweeper's queries: what counts as unreferenced, and the claim that an attach cannot slip past.</summary>
[TestFixtureSource(typeof(DatabaseEngines), nameof(DatabaseEngines.All))]
public sealed class OrphanSweepRepositoryTests(DatabaseEngine engine) : MigratedDatabaseFixture(engine)
{
    private static readonly DateTimeOffset Created = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Cutoff = Created.AddDays(1);

    [SetUp]
    public Task Clear() => Database.ClearAsync();

    [Test]
    public async Task FindUnreferenced_ReturnsOldUploadsNoProfileReferences()
    {
        var (userId, _) = await SeedUserAsync();
        var old = await SeedUploadAsync(userId, Created);
        var attached = await SeedUploadAsync(userId, Created, attach: true);
        await SeedUploadAsync(userId, Cutoff.AddMinutes(1));

        await using var db = Database.NewContext();
        var found = await new PictureUploadRepository(db).FindUnreferencedAsync(Cutoff, 100, CancellationToken.None);

        Assert.That(found, Is.EqualTo(new[] { old.Value }), $"not the attached {attached.Value}, not the recent one");
    }

    [Test]
    public async Task TryDeleteUnreferenced_OldAndUnreferenced_DeletesTheRecordOnce()
    {
        var (userId, _) = await SeedUserAsync();
        var key = await SeedUploadAsync(userId, Created);

        await using var first = Database.NewContext();
        await using var second = Database.NewContext();
        var deleted = await new PictureUploadRepository(first).TryDeleteUnreferencedAsync(key.Value, Cutoff, CancellationToken.None);
        var again = await new PictureUploadRepository(second).TryDeleteUnreferencedAsync(key.Value, Cutoff, CancellationToken.None);

        Assert.That((deleted, again), Is.EqualTo((true, false)), "a second sweeper finds nothing left to claim");
        await using var check = Database.NewContext();
        Assert.That(await check.PictureUploads.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task TryDeleteUnreferenced_ReferencedOrRecent_KeepsTheRecord()
    {
        var (userId, _) = await SeedUserAsync();
        var referenced = await SeedUploadAsync(userId, Created, attach: true);
        var recent = await SeedUploadAsync(userId, Cutoff.AddSeconds(1));

        await using var db = Database.NewContext();
        var repository = new PictureUploadRepository(db);
        var tookReferenced = await repository.TryDeleteUnreferencedAsync(referenced.Value, Cutoff, CancellationToken.None);
        var tookRecent = await repository.TryDeleteUnreferencedAsync(recent.Value, Cutoff, CancellationToken.None);

        Assert.That((tookReferenced, tookRecent), Is.EqualTo((false, false)));
        await using var check = Database.NewContext();
        Assert.That(await check.PictureUploads.CountAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task AttachRacingTheSweep_FailsAsAConflictAndLeavesNoReferenceToDeletedObjects()
    {
        var (userId, _) = await SeedUserAsync();
        var key = await SeedUploadAsync(userId, Created);

        // The attach has read the profile and the upload record (the object still existed)...
        await using var attach = Database.NewContext();
        var profile = await new ProfileRepository(attach).GetAsync(userId, CancellationToken.None);
        var upload = await new PictureUploadRepository(attach).GetAsync(key.Value, CancellationToken.None);
        profile!.AttachPicture(key, Cutoff.AddHours(1));
        upload!.MarkAttached(Cutoff.AddHours(1));

        // ...when the sweeper claims the record.
        await using var sweeper = Database.NewContext();
        var claimed = await new PictureUploadRepository(sweeper).TryDeleteUnreferencedAsync(key.Value, Cutoff, CancellationToken.None);

        Assert.That(claimed, Is.True);
        Assert.That(
            async () => await new EfUnitOfWork(attach).SaveChangesAsync(CancellationToken.None),
            Throws.TypeOf<ConcurrencyConflictException>());
        await using var check = Database.NewContext();
        Assert.That((await check.Profiles.AsNoTracking().SingleAsync(p => p.UserId == userId)).Picture, Is.Null);
    }

    private async Task<(Guid UserId, UserAccount Account)> SeedUserAsync()
    {
        var account = UserAccount.Create(Guid.NewGuid(), $"sweep-{Guid.NewGuid():N}@example.com", "hash", Created);
        await using var db = Database.NewContext();
        new UserAccountRepository(db).Add(account);
        new ProfileRepository(db).Add(UserProfile.Create(account.Id, "Sweep", Created));
        await new EfUnitOfWork(db).SaveChangesAsync(CancellationToken.None);
        return (account.Id, account);
    }

    private async Task<PictureKey> SeedUploadAsync(Guid userId, DateTimeOffset createdAt, bool attach = false)
    {
        var key = PictureKey.Create(userId, createdAt, ImageFormat.Jpeg);
        await using var db = Database.NewContext();
        var upload = new PictureUpload(key, "image/jpeg", 100, 10, 10, createdAt);
        new PictureUploadRepository(db).Add(upload);
        if (attach)
        {
            var profile = await new ProfileRepository(db).GetAsync(userId, CancellationToken.None);
            profile!.AttachPicture(key, createdAt);
            upload.MarkAttached(createdAt);
        }

        await new EfUnitOfWork(db).SaveChangesAsync(CancellationToken.None);
        return key;
    }
}
