using System.Globalization;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Profiles;
using CleanProfiles.Domain.Users;
using CleanProfiles.Infrastructure.IntegrationTests.Support;
using CleanProfiles.Infrastructure.Persistence.Repositories;
using Microsoft.EntityFrameworkCore;

namespace CleanProfiles.Infrastructure.IntegrationTests.Persistence;

/// <summary>The database's own rules (unique email, row version) surface as the application's exceptions.</summary>
[TestFixtureSource(typeof(DatabaseEngines), nameof(DatabaseEngines.All))]
public sealed class EfUnitOfWorkTests(DatabaseEngine engine) : MigratedDatabaseFixture(engine)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 4, 5, 6, 7, 8, TimeSpan.Zero);

    [TestCase("{0}@example.com", "{0}@example.com")]
    [TestCase("{0}@Example.COM", "  {0}@example.com ")]
    public async Task SaveChangesAsync_SameEmailSavedConcurrently_OneSucceedsOtherThrowsDuplicateKey(string first, string second)
    {
        // Several rounds, so the two saves really overlap at least some of the time.
        for (var round = 0; round < 5; round++)
        {
            // Arrange
            var local = $"user-{Guid.NewGuid():N}";
            var firstEmail = string.Format(CultureInfo.InvariantCulture, first, local);
            var secondEmail = string.Format(CultureInfo.InvariantCulture, second, local);
            await using var a = Database.NewContext();
            await using var b = Database.NewContext();
            new UserAccountRepository(a).Add(UserAccount.Create(Guid.NewGuid(), firstEmail, "hash-a", Now));
            new UserAccountRepository(b).Add(UserAccount.Create(Guid.NewGuid(), secondEmail, "hash-b", Now));

            // Act
            var outcomes = await Task.WhenAll(Outcome(new EfUnitOfWork(a)), Outcome(new EfUnitOfWork(b)));

            // Assert
            Assert.That(outcomes.Count(e => e is null), Is.EqualTo(1), $"round {round}: exactly one save succeeds");
            Assert.That(outcomes.Single(e => e is not null), Is.TypeOf<DuplicateKeyException>(), $"round {round}");
            await using var check = Database.NewContext();
            var email = UserAccount.NormalizeEmail(firstEmail);
            Assert.That(await check.Users.CountAsync(u => u.Email == email), Is.EqualTo(1), $"round {round}");
        }
    }

    [Test]
    public async Task SaveChangesAsync_EmailRegisteredBefore_ThrowsDuplicateKey()
    {
        // Arrange
        var email = $"{Guid.NewGuid():N}@example.com";
        await using (var seed = Database.NewContext())
        {
            seed.Users.Add(UserAccount.Create(Guid.NewGuid(), email, "hash", Now));
            await new EfUnitOfWork(seed).SaveChangesAsync(CancellationToken.None);
        }

        await using var db = Database.NewContext();
        db.Users.Add(UserAccount.Create(Guid.NewGuid(), email.ToUpperInvariant(), "hash", Now));

        // Act / Assert
        Assert.That(
            async () => await new EfUnitOfWork(db).SaveChangesAsync(CancellationToken.None),
            Throws.TypeOf<DuplicateKeyException>());
    }

    [Test]
    public async Task SaveChangesAsync_ProfileChangedByAnotherContextSinceRead_ThrowsConcurrencyConflictAndKeepsFirstChange()
    {
        // Arrange
        var userId = Guid.NewGuid();
        await using (var seed = Database.NewContext())
        {
            seed.Users.Add(UserAccount.Create(userId, $"{userId:N}@example.com", "hash", Now));
            seed.Profiles.Add(UserProfile.Create(userId, "Original", Now));
            await new EfUnitOfWork(seed).SaveChangesAsync(CancellationToken.None);
        }

        await using var a = Database.NewContext();
        await using var b = Database.NewContext();
        var first = (await new ProfileRepository(a).GetAsync(userId, CancellationToken.None))!;
        var second = (await new ProfileRepository(b).GetAsync(userId, CancellationToken.None))!;
        first.Rename("First writer", Now.AddSeconds(1));
        first.ChangeHeadline("from a", Now.AddSeconds(1));
        second.Rename("Second writer", Now.AddSeconds(2));
        await new EfUnitOfWork(a).SaveChangesAsync(CancellationToken.None);

        // Act / Assert
        Assert.That(
            async () => await new EfUnitOfWork(b).SaveChangesAsync(CancellationToken.None),
            Throws.TypeOf<ConcurrencyConflictException>());
        await using var check = Database.NewContext();
        var stored = (await new ProfileRepository(check).GetAsync(userId, CancellationToken.None))!;
        Assert.Multiple(() =>
        {
            Assert.That(stored.Name, Is.EqualTo("First writer"));
            Assert.That(stored.Headline, Is.EqualTo("from a"));
            Assert.That(stored.UpdatedAt, Is.EqualTo(Now.AddSeconds(1)));
        });
    }

    [Test]
    public async Task SaveChangesAsync_SameContextSavesTwice_NeedsNoReload()
    {
        // Arrange: each save writes a new row version; the context must remember it, or its own second save conflicts.
        var userId = Guid.NewGuid();
        await using var db = Database.NewContext();
        db.Users.Add(UserAccount.Create(userId, $"{userId:N}@example.com", "hash", Now));
        var profile = UserProfile.Create(userId, "One", Now);
        db.Profiles.Add(profile);
        var unitOfWork = new EfUnitOfWork(db);
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        profile.Rename("Two", Now.AddSeconds(1));
        await unitOfWork.SaveChangesAsync(CancellationToken.None);
        profile.Rename("Three", Now.AddSeconds(2));

        // Act
        await unitOfWork.SaveChangesAsync(CancellationToken.None);

        // Assert
        await using var check = Database.NewContext();
        Assert.That((await new ProfileRepository(check).GetAsync(userId, CancellationToken.None))!.Name, Is.EqualTo("Three"));
    }

    private static async Task<Exception?> Outcome(EfUnitOfWork unitOfWork)
    {
        try
        {
            await unitOfWork.SaveChangesAsync(CancellationToken.None);
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
