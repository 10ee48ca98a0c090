using System.Diagnostics;
using System.Net;
using CleanProfiles.Infrastructure.Persistence;
using CleanProfiles.Tests.Shared;
using CleanProfiles.WebApi.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// Connections to PostgreSQL with several instances: each instance's pool is bounded by its connection string, a
/// saturated pool makes requests wait briefly and then answers 503 with Retry-After (never a 500, never more
/// connections than the pool), and two instances sized by the documented rule take a burst of clients.
/// </summary>
public sealed class DatabasePoolTests
{
    private const int Headroom = 10;

    [Test]
    public async Task Request_WhileThePoolIsSaturated_WaitsThenAnswers503WithRetryAfter_AndServesAgainOnceItFrees()
    {
        // Arrange: a pool of one connection, waited for at most one second; the test holds that connection.
        await using var factory = await ApiFactory.CreateAsync(Backend.PostgresS3);
        factory.SetSetting("ConnectionStrings:Profiles", new NpgsqlConnectionStringBuilder(factory.Setting("ConnectionStrings:Profiles"))
        {
            MaxPoolSize = 1,
            Timeout = 1,
        }.ConnectionString);
        using var client = factory.CreateClient();
        client.WithToken(await client.RegisterAsync());
        var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProfilesDbContext>();
        await db.Database.OpenConnectionAsync();

        // Act
        var waited = Stopwatch.StartNew();
        using var refused = await client.GetAsync("/api/profile");
        waited.Stop();
        await db.Database.CloseConnectionAsync();
        await scope.DisposeAsync();
        using var served = await client.GetAsync("/api/profile");

        // Assert
        await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(waited.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(0.9)), "it waited for the pool first");
        Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task TwoInstances_WithPoolsSizedByTheRule_Take200ConcurrentClientsWithoutA503()
    {
        // Arrange: instances × pool ≤ the server's limit − the connections already in use − headroom (other test runs
        // share this server), and at most 10 each.
        var (limit, inUse) = await ServerConnectionsAsync();
        var pool = Math.Min(10, (limit - inUse - Headroom) / 2);
        Assert.That(pool, Is.GreaterThanOrEqualTo(5), $"the test PostgreSQL has too few free connections ({limit} allowed, {inUse} in use)");
        await using var one = await ApiFactory.CreateAsync(Backend.PostgresS3);
        var connectionString = new NpgsqlConnectionStringBuilder(one.Setting("ConnectionStrings:Profiles")) { MaxPoolSize = pool, Timeout = 15 };
        one.SetSetting("ConnectionStrings:Profiles", connectionString.ConnectionString);
        await using var two = one.CreateInstance();
        using var clientOne = one.CreateClient();
        using var clientTwo = two.CreateClient();
        var token = await clientOne.RegisterAsync();
        for (var i = 0; i < 5; i++)
        {
            await (i % 2 == 0 ? clientOne : clientTwo).RegisterAsync(name: $"Member {i}");
        }

        foreach (var client in new[] { clientOne, clientTwo })
        {
            client.WithToken(token);
        }

        // Act: 200 clients at once, each asking three times, alternating between the instances; meanwhile count the
        // server's connections to this database.
        using var sampling = new CancellationTokenSource();
        var peak = SamplePeakConnectionsAsync(connectionString.Database!, sampling.Token);
        using var go = new SemaphoreSlim(0);
        var clients = Enumerable.Range(0, 200).Select(async c =>
        {
            await go.WaitAsync();
            var statuses = new List<HttpStatusCode>();
            for (var r = 0; r < 3; r++)
            {
                using var response = await ((c + r) % 2 == 0 ? clientOne : clientTwo).GetAsync("/api/community?limit=24");
                statuses.Add(response.StatusCode);
            }

            return statuses;
        }).ToList();
        go.Release(200);
        var results = (await Task.WhenAll(clients)).SelectMany(s => s).ToList();
        await sampling.CancelAsync();

        // Assert
        Assert.That(results, Has.Count.EqualTo(600));
        Assert.That(results.GroupBy(s => s).ToDictionary(g => g.Key, g => g.Count()),
            Is.EqualTo(new Dictionary<HttpStatusCode, int> { [HttpStatusCode.OK] = 600 }));
        Assert.That(await peak, Is.LessThanOrEqualTo(2 * pool), "never more connections than the two pools");
    }

    private static async Task<(int Limit, int InUse)> ServerConnectionsAsync()
    {
        await using var admin = new NpgsqlConnection(TestServers.PostgresAdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT current_setting('max_connections')::int - current_setting('superuser_reserved_connections')::int, count(*)::int FROM pg_stat_activity", admin);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static async Task<int> SamplePeakConnectionsAsync(string database, CancellationToken stop)
    {
        await using var admin = new NpgsqlConnection(TestServers.PostgresAdminConnectionString);
        await admin.OpenAsync(CancellationToken.None);
        var peak = 0;
        while (!stop.IsCancellationRequested)
        {
            await using var command = new NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE datname = @db", admin);
            command.Parameters.AddWithValue("db", database);
            peak = Math.Max(peak, (int)(await command.ExecuteScalarAsync(CancellationToken.None))!);
            try
            {
                await Task.Delay(20, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return peak;
    }
}
