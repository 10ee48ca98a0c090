using CleanProfiles.Application.Abstractions;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Users;
using CleanProfiles.Infrastructure.IntegrationTests.Support;
using CleanProfiles.Infrastructure.Persistence;
using CleanProfiles.Infrastructure.Persistence.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanProfiles.Infrastructure.IntegrationTests.Persistence;

/// <summary>A database that cannot be reached (or cannot take the write now) is an outage, not a bug.</summary>
public sealed class DatabaseUnavailableTests
{
    [Test]
    public async Task SaveChangesAsync_PostgresPortClosed_ThrowsDependencyUnavailable()
    {
        // Arrange
        await using var db = TestDatabase.Postgres(ClosedPortConnectionString());
        new UserAccountRepository(db).Add(UserAccount.Create(Guid.NewGuid(), "a@example.com", "hash", DateTimeOffset.UnixEpoch));
        var watch = Stopwatch.StartNew();

        // Act / Assert
        var thrown = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await new EfUnitOfWork(db).SaveChangesAsync(CancellationToken.None));
        Assert.That(thrown!.Dependency, Is.EqualTo("database"));
        Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(10)));
    }

    [Test]
    public async Task SaveChangesAsync_SqliteFileLockedByAnotherWriter_ThrowsDependencyUnavailable()
    {
        // Arrange
        await using var database = await TestDatabase.CreateAsync(DatabaseEngine.Sqlite);
        await database.MigrateAsync();
        var impatient = new SqliteConnectionStringBuilder(database.ConnectionString) { DefaultTimeout = 1 }.ToString();
        await using var locker = new SqliteConnection(database.ConnectionString);
        await locker.OpenAsync();
        await using var lockCommand = locker.CreateCommand();
        lockCommand.CommandText = "BEGIN EXCLUSIVE";
        await lockCommand.ExecuteNonQueryAsync();
        await using var db = TestDatabase.Sqlite(impatient);
        new UserAccountRepository(db).Add(UserAccount.Create(Guid.NewGuid(), "a@example.com", "hash", DateTimeOffset.UnixEpoch));

        // Act / Assert
        var thrown = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await new EfUnitOfWork(db).SaveChangesAsync(CancellationToken.None));
        Assert.That(thrown!.Dependency, Is.EqualTo("database"));
        lockCommand.CommandText = "ROLLBACK";
        await lockCommand.ExecuteNonQueryAsync();
    }

    [Test]
    public async Task Reads_PostgresPortClosed_ThrowDependencyUnavailable()
    {
        // Arrange: every repository read goes through the same translation as the save.
        await using var db = TestDatabase.Postgres(ClosedPortConnectionString());

        // Act / Assert
        var profile = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await new ProfileRepository(db).GetAsync(Guid.NewGuid(), CancellationToken.None));
        var page = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await new ProfileRepository(db).ListAsync(null, 10, CancellationToken.None));
        var account = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await new UserAccountRepository(db).FindByEmailAsync("a@example.com", CancellationToken.None));
        var claim = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await new PictureUploadRepository(db).TryClaimForDeletionAsync(
                "k", new SweepCutoffs(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), CancellationToken.None));
        var remove = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await new PictureUploadRepository(db).TryDeleteMarkedAsync("k", CancellationToken.None));
        var referenced = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await new PictureUploadRepository(db).IsReferencedAsync("k", CancellationToken.None));
        Assert.That(
            new[] { profile!.Dependency, page!.Dependency, account!.Dependency, claim!.Dependency, remove!.Dependency, referenced!.Dependency },
            Is.All.EqualTo("database"));
    }

    [Test]
    public async Task Reads_CancelledByTheCaller_StayCancellations()
    {
        // Arrange
        await using var db = TestDatabase.Postgres(ClosedPortConnectionString());
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        // Act / Assert: the caller went away; that is not an outage to report.
        Assert.That(
            async () => await new ProfileRepository(db).GetAsync(Guid.NewGuid(), cancelled.Token),
            Throws.InstanceOf<OperationCanceledException>());
    }

    private static string ClosedPortConnectionString() => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = ClosedPort(),
        Username = "cleanprofiles",
        Password = "unused",
        Database = "cleanprofiles",
        Timeout = 2,
    }.ConnectionString;

    /// <summary>A loopback port that was free a moment ago and that nothing listens on.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
