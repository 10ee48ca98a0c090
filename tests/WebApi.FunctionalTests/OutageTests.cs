using System.Net;
using CleanProfiles.Infrastructure.Persistence;
using CleanProfiles.Tests.Shared;
using CleanProfiles.WebApi.FunctionalTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>A dependency that is down gets a 503 problem, and the data stays as it was.</summary>
public sealed class OutageTests
{
    // Nothing listens on port 1 of the loopback: connections are refused at once.
    private const string DeadEndpoint = "http://127.0.0.1:1/";

    private static readonly Dictionary<string, string?> StoreDown = new()
    {
        ["AWS:ServiceURL"] = DeadEndpoint,
        ["Storage:S3:Timeout"] = "00:00:02",
        ["Storage:S3:MaxRetries"] = "0",
    };

    [Test]
    public async Task Upload_WhenObjectStoreIsDown_Returns503AndRecordsOnlyAPendingIntent()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.PostgresS3, StoreDown);
        using var client = factory.CreateClient();
        client.WithToken(await client.RegisterAsync());

        using var response = await client.UploadAsync(TestImages.Png(), "a.png", "image/png");

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(await UploadStatesAsync(factory), Is.EqualTo(new[] { "pending" }), "the orphan sweep's to delete; never attachable");
    }

    [Test]
    public async Task DeletePicture_WhenObjectStoreIsDown_ClearsTheReferenceAndLeavesTheRecordMarkedForTheSweep()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.PostgresS3, StoreDown);
        using var client = factory.CreateClient();
        client.WithToken(await client.RegisterAsync());
        var key = await SeedAttachedPictureAsync(factory, client);

        using var response = await client.DeleteAsync("/api/profile/picture");

        // Reference before delete: nothing shows the picture any more, and the durable mark is the sweep's to finish.
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(await StoredPictureAsync(factory, client), Is.Null, $"no longer {key}");
        Assert.That(await UploadStatesAsync(factory), Is.EqualTo(new[] { "deleting" }));
    }

    [Test]
    public async Task AttachPicture_WhenObjectStoreIsDown_Returns503AndChangesNothing()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.PostgresS3, StoreDown);
        using var client = factory.CreateClient();
        client.WithToken(await client.RegisterAsync());
        var key = await SeedUploadAsync(factory, client);

        using var response = await client.UpdateProfileAsync(new { profile_picture_url = key, headline = "new" });

        await response.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        var profile = await client.GetProfileAsync();
        Assert.That(profile["profile_picture_url"], Is.Null);
        Assert.That(profile["headline"], Is.Null);
    }

    [Test]
    public async Task Ready_WhenObjectStoreIsDown_Returns503WithoutSecrets()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.PostgresS3, StoreDown);
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/health/ready");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        var text = await response.Content.ReadAsStringAsync();
        var body = await response.ReadJsonAsync();
        Assert.That(body["checks"]!["storage"]!["status"]!.GetValue<string>(), Is.EqualTo("Unhealthy"));
        Assert.That(body["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
        Assert.That(text, Does.Not.Contain(TestServers.S3SecretKey).And.Not.Contain("Password").And.Not.Contain("127.0.0.1"));
    }

    [Test]
    public async Task Requests_WhenDatabaseIsDown_Return503()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.PostgresS3, new Dictionary<string, string?>
        {
            ["ConnectionStrings:Profiles"] = "Host=127.0.0.1;Port=1;Username=nobody;Password=nothing;Database=none;Timeout=2",
            ["Database:MigrateOnStartup"] = "false",
        });
        using var client = factory.CreateClient();

        using var register = await client.PostAsync("/api/auth/register", Json("""{"email":"down@example.com","password":"long enough","name":"Down"}"""));
        using var login = await client.PostAsync("/api/auth/login", Json("""{"email":"down@example.com","password":"long enough"}"""));
        using var ready = await client.GetAsync("/health/ready");

        await register.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        await login.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    /// <summary>An upload record and attached reference written straight to the database: the store is down, so no upload can make them.</summary>
    private static async Task<string> SeedAttachedPictureAsync(ApiFactory factory, HttpClient client)
    {
        var key = await SeedUploadAsync(factory, client);
        var userId = await UserIdAsync(client);
        await WithDbAsync(factory, db => db.Database.ExecuteSqlAsync(
            $"UPDATE user_profiles SET profile_picture_url = {key} WHERE user_id = {userId}"));
        return key;
    }

    private static async Task<string> SeedUploadAsync(ApiFactory factory, HttpClient client)
    {
        var userId = await UserIdAsync(client);
        var key = $"profile-pictures/{userId}/1700000000000-abcdefghijklmnop.png";
        var now = DateTimeOffset.UtcNow;
        await WithDbAsync(factory, db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO picture_uploads (key, user_id, content_type, size_bytes, created_at, state) VALUES ({key}, {userId}, {"image/png"}, {73L}, {now}, {"stored"})"));
        return key;
    }

    private static async Task<string?> StoredPictureAsync(ApiFactory factory, HttpClient client)
    {
        var userId = await UserIdAsync(client);
        string? stored = null;
        await WithDbAsync(factory, async db =>
        {
            stored = (await db.Profiles.AsNoTracking().SingleAsync(p => p.UserId == userId)).Picture?.Stored;
            return 0;
        });
        return stored;
    }

    private static async Task<IReadOnlyList<string>> UploadStatesAsync(ApiFactory factory) =>
        [.. (await LifecycleInvariant.ReadAsync(factory)).Uploads.Select(u => u.State ?? "no state")];

    private static async Task<Guid> UserIdAsync(HttpClient client) =>
        Guid.Parse((await client.GetProfileAsync())["user_id"]!.GetValue<string>());

    private static async Task WithDbAsync(ApiFactory factory, Func<ProfilesDbContext, Task<int>> action)
    {
        using var scope = factory.Services.CreateScope();
        await action(scope.ServiceProvider.GetRequiredService<ProfilesDbContext>());
    }
}
