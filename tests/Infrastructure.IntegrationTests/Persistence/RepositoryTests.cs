using CleanProfiles.Application.Abstractions;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using CleanProfiles.Domain.Users;
using CleanProfiles.Infrastructure.IntegrationTests.Support;
using CleanProfiles.Infrastructure.Persistence;
using CleanProfiles.Infrastructure.Persistence.Repositories;

namespace CleanProfiles.Infrastructure.IntegrationTests.Persistence;

/// <summary>What the repositories write comes back unchanged through a fresh context, on every database engine.</summary>
[TestFixtureSource(typeof(DatabaseEngines), nameof(DatabaseEngines.All))]
public sealed class RepositoryTests(DatabaseEngine engine) : MigratedDatabaseFixture(engine)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, 891, TimeSpan.Zero);

    [SetUp]
    public Task EmptyTables() => Database.ClearAsync();

    [Test]
    public async Task UserAccountRepository_AddThenFindByEmail_ReturnsEveryField()
    {
        // Arrange
        var account = UserAccount.Create(Guid.NewGuid(), "  Alice.Smith@Example.COM ", "AQAAAAIAAYagAAAAE-hash", Now);
        await SaveAsync(db => new UserAccountRepository(db).Add(account));

        // Act
        await using var db = Database.NewContext();
        var found = await new UserAccountRepository(db).FindByEmailAsync("alice.smith@example.com", CancellationToken.None);

        // Assert
        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.Id, Is.EqualTo(account.Id));
            Assert.That(found.Email, Is.EqualTo("alice.smith@example.com"));
            Assert.That(found.PasswordHash, Is.EqualTo("AQAAAAIAAYagAAAAE-hash"));
            Assert.That(found.CreatedAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public async Task UserAccountRepository_FindByUnknownEmail_ReturnsNull()
    {
        // Arrange
        await SaveAsync(db => new UserAccountRepository(db).Add(NewAccount()));

        // Act
        await using var db = Database.NewContext();
        var found = await new UserAccountRepository(db).FindByEmailAsync("nobody@example.com", CancellationToken.None);

        // Assert
        Assert.That(found, Is.Null);
    }

    [Test]
    public async Task ProfileRepository_AddWithEveryFieldAndAPictureKey_ReadsBackEqual()
    {
        // Arrange
        var account = NewAccount();
        var key = PictureKey.Create(account.Id, Now, ImageFormat.Png);
        var profile = UserProfile.Create(account.Id, "Alice Smith", Now.AddDays(-1));
        profile.ChangeHeadline("Engineer at Example — ünïcödé 日本", Now.AddHours(-2));
        profile.ChangeBio(new string('b', UserProfile.BioMaxLength), Now.AddHours(-1));
        profile.ChangeGraduationYear(2009, Now.AddMinutes(-1));
        profile.AttachPicture(key, Now);
        await SaveAsync(db =>
        {
            new UserAccountRepository(db).Add(account);
            new ProfileRepository(db).Add(profile);
        });

        // Act
        await using var db = Database.NewContext();
        var found = await new ProfileRepository(db).GetAsync(account.Id, CancellationToken.None);

        // Assert
        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.UserId, Is.EqualTo(account.Id));
            Assert.That(found.Name, Is.EqualTo("Alice Smith"));
            Assert.That(found.Headline, Is.EqualTo("Engineer at Example — ünïcödé 日本"));
            Assert.That(found.Bio, Is.EqualTo(new string('b', UserProfile.BioMaxLength)));
            Assert.That(found.GraduationYear, Is.EqualTo(2009));
            Assert.That(found.UpdatedAt, Is.EqualTo(Now));
            Assert.That(found.Picture?.Stored, Is.EqualTo(key.Value));
            Assert.That(found.Picture?.Key, Is.EqualTo(key));
            Assert.That(found.Picture?.LegacyUrl, Is.Null);
        });
    }

    [Test]
    public async Task ProfileRepository_AddWithoutOptionalFields_ReadsBackNulls()
    {
        // Arrange
        var account = NewAccount();
        await SaveAsync(db =>
        {
            new UserAccountRepository(db).Add(account);
            new ProfileRepository(db).Add(UserProfile.Create(account.Id, "Bare", Now));
        });

        // Act
        await using var db = Database.NewContext();
        var found = await new ProfileRepository(db).GetAsync(account.Id, CancellationToken.None);

        // Assert
        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.Headline, Is.Null);
            Assert.That(found.Bio, Is.Null);
            Assert.That(found.GraduationYear, Is.Null);
            Assert.That(found.Picture, Is.Null);
        });
    }

    [TestCase("https://cdn.example.com/legacy/alice.jpg", "https://cdn.example.com/legacy/alice.jpg")]
    [TestCase("http://cdn.example.com/legacy/alice.jpg", null)]
    [TestCase("javascript:alert(1)", null)]
    public async Task ProfileRepository_LegacyPictureValue_IsStoredVerbatimAndClassifiedOnRead(string legacy, string? shownUrl)
    {
        // Arrange: rows written before keys existed hold whatever the old API stored in profile_picture_url.
        var account = NewAccount();
        await SaveAsync(db =>
        {
            new UserAccountRepository(db).Add(account);
            var profile = UserProfile.Create(account.Id, "Legacy", Now);
            new ProfileRepository(db).Add(profile);
            db.Entry(profile).Property(p => p.Picture).CurrentValue = PictureReference.FromStored(legacy);
        });

        // Act
        await using var db = Database.NewContext();
        var found = await new ProfileRepository(db).GetAsync(account.Id, CancellationToken.None);

        // Assert
        Assert.That(found?.Picture, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.Picture!.Stored, Is.EqualTo(legacy));
            Assert.That(found.Picture.Key, Is.Null);
            Assert.That(found.Picture.LegacyUrl?.AbsoluteUri, Is.EqualTo(shownUrl));
        });
    }

    [Test]
    public async Task ProfileRepository_GetUnknownUser_ReturnsNull()
    {
        // Act
        await using var db = Database.NewContext();
        var found = await new ProfileRepository(db).GetAsync(Guid.NewGuid(), CancellationToken.None);

        // Assert
        Assert.That(found, Is.Null);
    }

    [Test]
    public async Task PictureUploadRepository_AddAttachedUpload_ReadsBackEveryFieldIncludingAttachedAt()
    {
        // Arrange
        var account = NewAccount();
        var key = PictureKey.Create(account.Id, Now, ImageFormat.WebP);
        var upload = new PictureUpload(key, "image/webp", 123_456, 640, 480, Now);
        upload.MarkAttached(Now.AddMinutes(5));
        await SaveAsync(db =>
        {
            new UserAccountRepository(db).Add(account);
            new PictureUploadRepository(db).Add(upload);
        });

        // Act
        await using var db = Database.NewContext();
        var found = await new PictureUploadRepository(db).GetAsync(key.Value, CancellationToken.None);

        // Assert
        Assert.That(found, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(found!.Key, Is.EqualTo(key.Value));
            Assert.That(found.UserId, Is.EqualTo(account.Id));
            Assert.That(found.ContentType, Is.EqualTo("image/webp"));
            Assert.That(found.SizeBytes, Is.EqualTo(123_456));
            Assert.That(found.Width, Is.EqualTo(640));
            Assert.That(found.Height, Is.EqualTo(480));
            Assert.That(found.CreatedAt, Is.EqualTo(Now));
            Assert.That(found.AttachedAt, Is.EqualTo(Now.AddMinutes(5)));
        });
    }

    [Test]
    public async Task PictureUploadRepository_MarkAttachedOnALoadedUpload_PersistsAttachedAt()
    {
        // Arrange
        var account = NewAccount();
        var key = PictureKey.Create(account.Id, Now, ImageFormat.Jpeg);
        await SaveAsync(db =>
        {
            new UserAccountRepository(db).Add(account);
            new PictureUploadRepository(db).Add(new PictureUpload(key, "image/jpeg", 10, null, null, Now));
        });
        await using var db = Database.NewContext();
        var upload = (await new PictureUploadRepository(db).GetAsync(key.Value, CancellationToken.None))!;
        var attachedBefore = upload.AttachedAt;

        // Act
        upload.MarkAttached(Now.AddSeconds(1));
        await new EfUnitOfWork(db).SaveChangesAsync(CancellationToken.None);

        // Assert
        await using var check = Database.NewContext();
        var found = await new PictureUploadRepository(check).GetAsync(key.Value, CancellationToken.None);
        Assert.That(attachedBefore, Is.Null);
        Assert.That(found?.AttachedAt, Is.EqualTo(Now.AddSeconds(1)));
        Assert.That(found!.Width, Is.Null);
    }

    [Test]
    public async Task PictureUploadRepository_Remove_DeletesTheRow()
    {
        // Arrange
        var account = NewAccount();
        var key = PictureKey.Create(account.Id, Now, ImageFormat.Gif);
        await SaveAsync(db =>
        {
            new UserAccountRepository(db).Add(account);
            new PictureUploadRepository(db).Add(new PictureUpload(key, "image/gif", 10, 1, 1, Now));
        });

        // Act
        await using (var db = Database.NewContext())
        {
            var repository = new PictureUploadRepository(db);
            repository.Remove((await repository.GetAsync(key.Value, CancellationToken.None))!);
            await new EfUnitOfWork(db).SaveChangesAsync(CancellationToken.None);
        }

        // Assert
        await using var check = Database.NewContext();
        Assert.That(await new PictureUploadRepository(check).GetAsync(key.Value, CancellationToken.None), Is.Null);
    }

    [Test]
    public async Task ProfileRepository_ListAsyncInPagesOfTwo_ReturnsEveryProfileOnceInNameThenUserIdOrder()
    {
        // Arrange
        var profiles = await SeedProfilesAsync("Carol", "Alice", "Bob", "Alice", "Dave", "Alice", "Bob");
        var expected = Ordered(profiles);

        // Act
        var seen = new List<UserProfile>();
        CommunityPosition? after = null;
        for (var pages = 0; pages < 10; pages++)
        {
            await using var db = Database.NewContext();
            var page = await new ProfileRepository(db).ListAsync(after, 2, CancellationToken.None);
            Assert.That(page, Has.Count.LessThanOrEqualTo(2));
            seen.AddRange(page);
            if (page.Count < 2)
            {
                break;
            }

            after = new CommunityPosition(page[^1].Name, page[^1].UserId);
        }

        // Assert
        Assert.That(seen.Select(p => p.UserId), Is.Unique);
        Assert.That(seen.Select(p => (p.Name, p.UserId)), Is.EqualTo(expected.Select(p => (p.Name, p.UserId))));
    }

    [Test]
    public async Task ProfileRepository_ListAsyncInPagesOverMixedCaseAndAccentedNames_CoversEveryProfileOnceInTheDatabaseOrder()
    {
        // Arrange: whatever the collation, the keyset comparison and the ORDER BY must agree on it.
        var profiles = await SeedProfilesAsync("émile", "Emile", "emile", "Zoë", "zoe", "Ångström", "bob", "Bob", "bob", "日本");
        await using (var db = Database.NewContext())
        {
            var all = await new ProfileRepository(db).ListAsync(null, 100, CancellationToken.None);
            Assert.That(all, Has.Count.EqualTo(profiles.Count));
        }

        // Act
        var seen = new List<Guid>();
        CommunityPosition? after = null;
        for (var pages = 0; pages < 20; pages++)
        {
            await using var db = Database.NewContext();
            var page = await new ProfileRepository(db).ListAsync(after, 2, CancellationToken.None);
            seen.AddRange(page.Select(p => p.UserId));
            if (page.Count < 2)
            {
                break;
            }

            after = new CommunityPosition(page[^1].Name, page[^1].UserId);
        }

        // Assert
        await using var check = Database.NewContext();
        var unpaged = await new ProfileRepository(check).ListAsync(null, 100, CancellationToken.None);
        Assert.That(seen, Is.Unique);
        Assert.That(seen, Is.EqualTo(unpaged.Select(p => p.UserId)));
    }

    [Test]
    public async Task ProfileRepository_ListAsyncWithoutPosition_ReturnsTheFirstRowsInOrder()
    {
        // Arrange
        var expected = Ordered(await SeedProfilesAsync("Bob", "Alice", "Alice", "Carol"));

        // Act
        await using var db = Database.NewContext();
        var page = await new ProfileRepository(db).ListAsync(null, 3, CancellationToken.None);

        // Assert
        Assert.That(page.Select(p => p.UserId), Is.EqualTo(expected.Take(3).Select(p => p.UserId)));
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(4)]
    public async Task ProfileRepository_ListAsyncAfterAPosition_ExcludesThePositionItself(int index)
    {
        // Arrange: three profiles share a name, so the user id decides within it.
        var ordered = Ordered(await SeedProfilesAsync("Alice", "Alice", "Alice", "Bob", "Bob", "Carol"));
        var position = new CommunityPosition(ordered[index].Name, ordered[index].UserId);

        // Act
        await using var db = Database.NewContext();
        var rest = await new ProfileRepository(db).ListAsync(position, 100, CancellationToken.None);

        // Assert
        Assert.That(rest.Select(p => p.UserId), Is.EqualTo(ordered.Skip(index + 1).Select(p => p.UserId)));
    }

    [Test]
    public async Task ProfileRepository_ListAsyncAfterTheLastPosition_ReturnsEmpty()
    {
        // Arrange
        var ordered = Ordered(await SeedProfilesAsync("Alice", "Bob"));

        // Act
        await using var db = Database.NewContext();
        var rest = await new ProfileRepository(db).ListAsync(
            new CommunityPosition(ordered[^1].Name, ordered[^1].UserId), 10, CancellationToken.None);

        // Assert
        Assert.That(rest, Is.Empty);
    }

    [Test]
    public async Task DateTimeOffset_WrittenWithMilliseconds_ReadsBackToTheMillisecond()
    {
        // Arrange: the app writes UTC instants cut to whole milliseconds (ClockExtensions.UtcNowMilliseconds).
        var created = new DateTimeOffset(2031, 12, 31, 23, 59, 59, 999, TimeSpan.Zero);
        var updated = new DateTimeOffset(1999, 1, 1, 0, 0, 0, 1, TimeSpan.Zero);
        var attached = new DateTimeOffset(2026, 7, 8, 9, 10, 11, 123, TimeSpan.Zero);
        var account = UserAccount.Create(Guid.NewGuid(), $"{Guid.NewGuid():N}@example.com", "hash", created);
        var key = PictureKey.Create(account.Id, created, ImageFormat.Png);
        var upload = new PictureUpload(key, "image/png", 1, 1, 1, created);
        upload.MarkAttached(attached);
        await SaveAsync(db =>
        {
            db.Users.Add(account);
            db.Profiles.Add(UserProfile.Create(account.Id, "Clock", updated));
            db.PictureUploads.Add(upload);
        });

        // Act
        await using var db = Database.NewContext();
        var readAccount = (await new UserAccountRepository(db).FindByEmailAsync(account.Email, CancellationToken.None))!;
        var readProfile = (await new ProfileRepository(db).GetAsync(account.Id, CancellationToken.None))!;
        var readUpload = (await new PictureUploadRepository(db).GetAsync(key.Value, CancellationToken.None))!;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(readAccount.CreatedAt.UtcTicks, Is.EqualTo(created.UtcTicks));
            Assert.That(readProfile.UpdatedAt.UtcTicks, Is.EqualTo(updated.UtcTicks));
            Assert.That(readUpload.CreatedAt.UtcTicks, Is.EqualTo(created.UtcTicks));
            Assert.That(readUpload.AttachedAt?.UtcTicks, Is.EqualTo(attached.UtcTicks));
            Assert.That(readAccount.CreatedAt.Offset, Is.EqualTo(TimeSpan.Zero));
        });
    }

    private static UserAccount NewAccount() =>
        UserAccount.Create(Guid.NewGuid(), $"{Guid.NewGuid():N}@example.com", "hash", Now);

    /// <summary>
    /// The order the listing promises: name, then user id. Names here are plain ASCII letters of one case and the
    /// user id orders like its canonical text on both engines (PostgreSQL uuid bytes, SQLite upper-case TEXT).
    /// </summary>
    private static List<UserProfile> Ordered(IEnumerable<UserProfile> profiles) => profiles
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ThenBy(p => p.UserId.ToString("D"), StringComparer.Ordinal)
        .ToList();

    private async Task<List<UserProfile>> SeedProfilesAsync(params string[] names)
    {
        var profiles = new List<UserProfile>();
        await SaveAsync(db =>
        {
            foreach (var name in names)
            {
                var account = NewAccount();
                var profile = UserProfile.Create(account.Id, name, Now);
                new UserAccountRepository(db).Add(account);
                new ProfileRepository(db).Add(profile);
                profiles.Add(profile);
            }
        });
        return profiles;
    }

    private async Task SaveAsync(Action<ProfilesDbContext> change)
    {
        await using var db = Database.NewContext();
        change(db);
        await new EfUnitOfWork(db).SaveChangesAsync(CancellationToken.None);
    }
}
