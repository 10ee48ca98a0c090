using CleanProfiles.Domain.Users;
using CleanProfiles.Infrastructure.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CleanProfiles.Infrastructure.IntegrationTests.Persistence;

/// <summary>The provider's migrations build the schema of DESIGN's data section on an empty database, once.</summary>
[TestFixtureSource(typeof(DatabaseEngines), nameof(DatabaseEngines.All))]
public sealed class MigrationTests(DatabaseEngine engine)
{
    private TestDatabase database = null!;

    [SetUp]
    public async Task CreateEmptyDatabase() => database = await TestDatabase.CreateAsync(engine);

    [TearDown]
    public async Task DropDatabase()
    {
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }

    [Test]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryMigration()
    {
        // Arrange
        await using var db = database.NewContext();
        var all = db.Database.GetMigrations().ToList();

        // Act
        await database.MigrateAsync();

        // Assert
        Assert.That(all, Is.Not.Empty);
        Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.EqualTo(all));
        Assert.That(await db.Database.GetPendingMigrationsAsync(), Is.Empty);
    }

    [Test]
    public async Task MigrateAsync_EmptyDatabase_CreatesTheTablesAndTheHistoryTable()
    {
        // Act
        await database.MigrateAsync();

        // Assert
        Assert.That(
            await database.TablesAsync(),
            Is.SupersetOf(new[] { "users", "user_profiles", "picture_uploads", TestDatabase.MigrationsHistoryTable }));
    }

    [TestCase("users", new[] { "id", "email", "password_hash", "created_at" })]
    [TestCase("user_profiles", new[]
    {
        "user_id", "name", "headline", "bio", "graduation_year", "profile_picture_url", "updated_at", "version",
    })]
    [TestCase("picture_uploads", new[]
    {
        "key", "user_id", "content_type", "size_bytes", "width", "height", "created_at", "attached_at", "state", "deletion_started_at",
    })]
    public async Task MigrateAsync_EmptyDatabase_CreatesSnakeCaseColumns(string table, string[] columns)
    {
        // Act
        await database.MigrateAsync();

        // Assert
        Assert.That(await database.ColumnsAsync(table), Is.EquivalentTo(columns));
    }

    [Test]
    public async Task MigrateAsync_AppliedTwice_ChangesNothing()
    {
        // Arrange
        await database.MigrateAsync();
        var tables = await database.TablesAsync();
        var columns = await database.ColumnsAsync("user_profiles");
        await using (var seed = database.NewContext())
        {
            seed.Users.Add(UserAccount.Create(Guid.NewGuid(), "kept@example.com", "hash", DateTimeOffset.UnixEpoch));
            await seed.SaveChangesAsync();
        }

        // Act
        await database.MigrateAsync();

        // Assert
        await using var db = database.NewContext();
        Assert.That(await db.Database.GetAppliedMigrationsAsync(), Is.EqualTo(db.Database.GetMigrations()));
        Assert.That(await database.TablesAsync(), Is.EqualTo(tables));
        Assert.That(await database.ColumnsAsync("user_profiles"), Is.EqualTo(columns));
        Assert.That(await db.Users.Select(u => u.Email).ToListAsync(), Is.EqualTo(new[] { "kept@example.com" }));
    }

    [Test]
    public async Task MigrateAsync_UploadRecordedBeforeTheLifecycle_BecomesStored()
    {
        // Arrange: the schema as it was before upload states, with one upload recorded after its objects (as then)
        await using var db = database.NewContext();
        var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
        var initial = db.Database.GetMigrations().First();
        await migrator.MigrateAsync(initial);
        var userId = Guid.NewGuid();
        db.Users.Add(UserAccount.Create(userId, "old@example.com", "hash", DateTimeOffset.UnixEpoch));
        await db.SaveChangesAsync();
        var key = $"profile-pictures/{userId}/1700000000000-abcdefghijklmnop.png";
        var createdAt = engine == DatabaseEngine.Sqlite
            ? new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UnixEpoch)!
            : DateTimeOffset.UnixEpoch;
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO picture_uploads (key, user_id, content_type, size_bytes, created_at) VALUES ({0}, {1}, 'image/png', 1, {2})",
            key, userId, createdAt);

        // Act
        await database.MigrateAsync();

        // Assert
        await using var after = database.NewContext();
        var upload = await after.PictureUploads.AsNoTracking().SingleAsync();
        Assert.That(upload.State, Is.EqualTo(Domain.Pictures.UploadState.Stored));
    }
}
