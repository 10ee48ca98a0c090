using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using CleanProfiles.Domain.Users;
using CleanProfiles.Infrastructure.IntegrationTests.Support;
using CleanProfiles.Infrastructure.Persistence.Repositories;
using Microsoft.EntityFrameworkCore;

namespace CleanProfiles.Infrastructure.IntegrationTests.Persistence;

/// <summary>The orphan sweeper's statements: what it may take, and the claim that an attach cannot slip past.</summary>
[TestFixtureSource(typeof(DatabaseEngines), nameof(DatabaseEngines.All))]
public sealed class OrphanSweepRepositoryTests(DatabaseEngine engine) : MigratedDatabaseFixture(engine)
{
    private static readonly DateTimeOffset Created = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);
    private static readonly SweepCutoffs Cutoffs = new(Now: Created.AddDays(2), PendingBefore: Created.AddMinutes(10), UnattachedBefore: Created.AddDays(1));

    [SetUp]
    public Task Clear() => Database.ClearAsync();

    [Test]
    public async Task FindSweepable_ReturnsMarkedOldPendingAndOldUnreferencedUploads()
    {
        var (userId, _) = await SeedUserAsync();
        var unreferenced = await SeedUploadAsync(userId, Created);
        var marked = await SeedUploadAsync(userId, Created, state: UploadState.Deleting);
        var beingDeleted = await SeedUploadAsync(userId, Cutoffs.PendingBefore.AddMinutes(1), state: UploadState.Deleting);
        var oldPending = await SeedUploadAsync(userId, Created, state: UploadState.Pending);
        var attached = await SeedUploadAsync(userId, Created, attach: true);
        var recentPending = await SeedUploadAsync(userId, Cutoffs.PendingBefore.AddSeconds(1), state: UploadState.Pending);
        var recentStored = await SeedUploadAsync(userId, Cutoffs.UnattachedBefore.AddMinutes(1));

        await using var db = Database.NewContext();
        var found = await new PictureUploadRepository(db).FindSweepableAsync(Cutoffs, 100, CancellationToken.None);

        Assert.That(
            found,
            Is.EquivalentTo(new[] { unreferenced.Value, marked.Value, oldPending.Value }),
            $"not the attached {attached.Value}, not the recent {recentPending.Value} and {recentStored.Value}, not {beingDeleted.Value} whose deletion just started");
    }

    [Test]
    public async Task TryClaimForDeletion_Sweepable_OneOfTwoSweepersClaimsIt()
    {
        var (userId, _) = await SeedUserAsync();
        var key = await SeedUploadAsync(userId, Created);

        await using var first = Database.NewContext();
        await using var second = Database.NewContext();
        var claimed = await new PictureUploadRepository(first).TryClaimForDeletionAsync(key.Value, Cutoffs, CancellationToken.None);
        var again = await new PictureUploadRepository(second).TryClaimForDeletionAsync(key.Value, Cutoffs, CancellationToken.None);
        var removed = await new PictureUploadRepository(first).TryDeleteMarkedAsync(key.Value, CancellationToken.None);

        Assert.That((claimed, again, removed), Is.EqualTo((true, false, true)), "the second sweeper leaves a deletion in progress alone");
        await using var check = Database.NewContext();
        Assert.That(await check.PictureUploads.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task TryClaimForDeletion_ReferencedOrRecent_KeepsTheRecordAsItWas()
    {
        var (userId, _) = await SeedUserAsync();
        var referenced = await SeedUploadAsync(userId, Created, attach: true);
        var recent = await SeedUploadAsync(userId, Cutoffs.PendingBefore.AddSeconds(1), state: UploadState.Pending);

        await using var db = Database.NewContext();
        var repository = new PictureUploadRepository(db);
        var tookReferenced = await repository.TryClaimForDeletionAsync(referenced.Value, Cutoffs, CancellationToken.None);
        var tookRecent = await repository.TryClaimForDeletionAsync(recent.Value, Cutoffs, CancellationToken.None);

        Assert.That((tookReferenced, tookRecent), Is.EqualTo((false, false)));
        await using var check = Database.NewContext();
        var states = await check.PictureUploads.AsNoTracking().OrderBy(u => u.CreatedAt).Select(u => u.State).ToListAsync();
        Assert.That(states, Is.EqualTo(new[] { UploadState.Stored, UploadState.Pending }));
    }

    [Test]
    public async Task TryClaimForDeletion_DeletionStartedLongerAgoThanThePendingLifetime_IsClaimedAgain()
    {
        var (userId, _) = await SeedUserAsync();
        var abandoned = await SeedUploadAsync(userId, Created, state: UploadState.Deleting); // its deleter failed or died

        await using var db = Database.NewContext();
        var claimed = await new PictureUploadRepository(db).TryClaimForDeletionAsync(abandoned.Value, Cutoffs, CancellationToken.None);

        Assert.That(claimed, Is.True);
        await using var check = Database.NewContext();
        Assert.That((await check.PictureUploads.AsNoTracking().SingleAsync()).DeletionStartedAt, Is.EqualTo(Cutoffs.Now));
    }

    [Test]
    public async Task TryDeleteMarked_NotMarked_KeepsTheRecord()
    {
        var (userId, _) = await SeedUserAsync();
        var stored = await SeedUploadAsync(userId, Created);

        await using var db = Database.NewContext();
        var removed = await new PictureUploadRepository(db).TryDeleteMarkedAsync(stored.Value, CancellationToken.None);

        Assert.That(removed, Is.False);
        await using var check = Database.NewContext();
        Assert.That(await check.PictureUploads.CountAsync(), Is.EqualTo(1));
    }

    [Test]
    public async Task IsReferencedAndReleaseClaim_ClaimThatLostToAnAttach_IsGivenBackAsStored()
    {
        var (userId, _) = await SeedUserAsync();
        var key = await SeedUploadAsync(userId, Created, attach: true, state: UploadState.Deleting);

        await using var db = Database.NewContext();
        var repository = new PictureUploadRepository(db);
        var referenced = await repository.IsReferencedAsync(key.Value, CancellationToken.None);
        await repository.ReleaseClaimAsync(key.Value, CancellationToken.None);

        Assert.That(referenced, Is.True);
        await using var check = Database.NewContext();
        Assert.That((await check.PictureUploads.AsNoTracking().SingleAsync()).State, Is.EqualTo(UploadState.Stored));
    }

    [Test]
    public async Task AttachRacingTheSweep_FailsAsAConflictAndLeavesNoReferenceToDeletedObjects()
    {
        var (userId, _) = await SeedUserAsync();
        var key = await SeedUploadAsync(userId, Created);

        // The attach has read the profile and the upload record (stored; the object still existed)...
        await using var attach = Database.NewContext();
        var profile = await new ProfileRepository(attach).GetAsync(userId, CancellationToken.None);
        var upload = await new PictureUploadRepository(attach).GetAsync(key.Value, CancellationToken.None);
        profile!.AttachPicture(key, Cutoffs.UnattachedBefore.AddHours(1));
        upload!.MarkAttached(Cutoffs.UnattachedBefore.AddHours(1));

        // ...when the sweeper claims the record.
        await using var sweeper = Database.NewContext();
        var claimed = await new PictureUploadRepository(sweeper).TryClaimForDeletionAsync(key.Value, Cutoffs, CancellationToken.None);

        Assert.That(claimed, Is.True);
        Assert.That(
            async () => await new EfUnitOfWork(attach).SaveChangesAsync(CancellationToken.None),
            Throws.TypeOf<ConcurrencyConflictException>());
        await using var check = Database.NewContext();
        Assert.That((await check.Profiles.AsNoTracking().SingleAsync(p => p.UserId == userId)).Picture, Is.Null);
    }

    [Test]
    public async Task MarkStoredRacingTheSweep_FailsAsAConflict()
    {
        var (userId, _) = await SeedUserAsync();
        var key = await SeedUploadAsync(userId, Created, state: UploadState.Pending);

        // An upload that took longer than the pending lifetime is about to mark itself stored...
        await using var upload = Database.NewContext();
        var record = await new PictureUploadRepository(upload).GetAsync(key.Value, CancellationToken.None);
        record!.MarkStored();

        // ...when the sweeper claims it: the late upload fails instead of reviving a record whose objects are going.
        await using var sweeper = Database.NewContext();
        Assert.That(await new PictureUploadRepository(sweeper).TryClaimForDeletionAsync(key.Value, Cutoffs, CancellationToken.None), Is.True);
        Assert.That(
            async () => await new EfUnitOfWork(upload).SaveChangesAsync(CancellationToken.None),
            Throws.TypeOf<ConcurrencyConflictException>());
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

    private async Task<PictureKey> SeedUploadAsync(
        Guid userId, DateTimeOffset createdAt, bool attach = false, UploadState state = UploadState.Stored)
    {
        var key = PictureKey.Create(userId, createdAt, ImageFormat.Jpeg);
        await using var db = Database.NewContext();
        var upload = new PictureUpload(key, "image/jpeg", 100, 10, 10, createdAt);
        if (state != UploadState.Pending)
        {
            upload.MarkStored();
        }

        if (state == UploadState.Deleting)
        {
            upload.MarkForDeletion(createdAt);
        }

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
