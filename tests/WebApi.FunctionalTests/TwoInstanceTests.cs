using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Web;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Profiles.SweepOrphanedUploads;
using CleanProfiles.Infrastructure.Storage;
using CleanProfiles.Tests.Shared;
using CleanProfiles.WebApi.FunctionalTests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// Two instances of the API (two hosts in this process, each with its own container, in-process limits, signature
/// cache and clock) on the same PostgreSQL, S3 bucket (Swift) and Redis: they must behave as one.
/// </summary>
public sealed class TwoInstanceTests
{
    [Test]
    public async Task SameProfile_FromBothInstances_GivesIdenticalUrls_ThatTheStoreServes_AndATamperedOneIsRefused()
    {
        // Arrange
        await using var one = await ApiFactory.CreateAsync(Backend.PostgresS3, Shared());
        await using var two = one.CreateInstance();
        var (clientOne, clientTwo) = await SignedInOnBothAsync(one, two);
        await SetPictureAsync(clientOne, TestImages.Png(red: 40));
        for (var i = 0; i < 3; i++)
        {
            await SetPictureAsync((await NewUserAsync(i % 2 == 0 ? one : two)).Client, TestImages.Png(red: (byte)(50 + i)));
        }

        // Act
        var urlsOne = await AllPictureUrlsAsync(clientOne);
        var urlsTwo = await AllPictureUrlsAsync(clientTwo);

        // Assert
        Assert.That(urlsOne, Has.Count.EqualTo(2 + (4 * 2)), "own picture and thumbnail, then four community entries with both");
        Assert.That(urlsTwo, Is.EqualTo(urlsOne));
        using var browser = new HttpClient();
        foreach (var url in urlsOne.Distinct())
        {
            using var served = await browser.GetAsync(url);
            Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        }

        using var tampered = await browser.GetAsync(Tampered(urlsOne[0]));
        Assert.That(tampered.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task CrossingAWindowBoundary_ChangesTheUrlsOnBothInstancesTheSameWay()
    {
        // Arrange: ten-minute windows; both clocks at the same moment.
        await using var one = await ApiFactory.CreateAsync(Backend.PostgresS3, Shared(new() { ["Pictures:UrlReuseWindow"] = "00:10:00" }));
        await using var two = one.CreateInstance();
        var (clientOne, clientTwo) = await SignedInOnBothAsync(one, two);
        await SetPictureAsync(clientOne, TestImages.Png(red: 60));
        var before = await AllPictureUrlsAsync(clientOne);
        var windowEnd = DateTimeOffset.FromUnixTimeSeconds(((one.Clock.GetUtcNow().ToUnixTimeSeconds() / 600) + 1) * 600);

        // Act: the last second of the window, then its end, on both.
        foreach (var clock in new[] { one.Clock, two.Clock })
        {
            clock.SetUtcNow(windowEnd.AddSeconds(-1));
        }

        var lastSecondOne = await AllPictureUrlsAsync(clientOne);
        var lastSecondTwo = await AllPictureUrlsAsync(clientTwo);
        foreach (var clock in new[] { one.Clock, two.Clock })
        {
            clock.SetUtcNow(windowEnd);
        }

        var nextOne = await AllPictureUrlsAsync(clientOne);
        var nextTwo = await AllPictureUrlsAsync(clientTwo);

        // Assert
        Assert.That(lastSecondOne, Is.EqualTo(before).And.EqualTo(lastSecondTwo), "the same window: the same URLs");
        Assert.That(nextOne, Is.EqualTo(nextTwo), "the next window: new URLs, the same on both");
        Assert.That(nextOne.Zip(before).Where(p => p.First == p.Second), Is.Empty, "every URL changed");
        Assert.That(nextOne.Select(SignedAt), Has.All.EqualTo(windowEnd));
    }

    [Test]
    public async Task UploadsAlternatingBetweenTheInstances_Get429ExactlyWhenTheLimitIsReachedInTotal()
    {
        // Arrange
        await using var one = await ApiFactory.CreateAsync(Backend.PostgresS3, Shared(new() { ["RateLimits:UploadsPerMinute"] = "4" }));
        await using var two = one.CreateInstance();
        var (clientOne, clientTwo) = await SignedInOnBothAsync(one, two);

        // Act
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await (i % 2 == 0 ? clientOne : clientTwo).UploadAsync(TestImages.Png(red: (byte)i), "a.png", "image/png");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
                Assert.That(response.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
            }
        }

        // Once the window has slid past the first uploads (the counts follow the injected clock), uploads fit again.
        foreach (var clock in new[] { one.Clock, two.Clock })
        {
            clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        }

        using var afterWindow = await clientTwo.UploadAsync(TestImages.Png(red: 99), "a.png", "image/png");

        // Assert: two each within the limit, then refused on both (per instance, each would have allowed four).
        Assert.That(statuses, Is.EqualTo(new[]
        {
            HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK,
            HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests,
        }));
        Assert.That(afterWindow.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task FailedLoginsForOneEmailSpreadOverBothInstances_AreLimitedAsOne_PerAddressAndPerEmail()
    {
        // Arrange: three failures per (email, address), four per email from everywhere, shared by both instances.
        await using var one = await ApiFactory.CreateAsync(Backend.PostgresS3, Shared(new()
        {
            ["RateLimits:LoginFailuresPerEmailAndAddress"] = "3",
            ["RateLimits:LoginFailuresPerEmail"] = "4",
        }));
        await using var two = one.CreateInstance();
        using var clientOne = one.CreateClient();
        using var clientTwo = two.CreateClient();
        var email = $"target-{Guid.NewGuid():N}@example.com";
        await clientOne.RegisterAsync(email, password: "the right password");

        // Act: from one address, alternating instances: three failures, then refused even with the right password.
        var fromOneAddress = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await LoginAsync(i % 2 == 0 ? clientOne : clientTwo, email, i < 3 ? "wrong guess " + i : "the right password", "198.51.100.1");
            fromOneAddress.Add(response.StatusCode);
        }

        // From other addresses, alternating: one more failure fits the per-email budget of four, then it is spent.
        var fromElsewhere = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            using var response = await LoginAsync(i % 2 == 0 ? clientTwo : clientOne, email, "wrong again", $"198.51.100.{10 + i}");
            fromElsewhere.Add(response.StatusCode);
        }

        // Assert
        Assert.That(fromOneAddress, Is.EqualTo(new[]
        {
            HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests,
        }));
        Assert.That(fromElsewhere, Is.EqualTo(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
    }

    [Test]
    public async Task BothSweepersAtTheSameMoment_DeleteEachOrphanOnce_AndNothingReferenced()
    {
        // Arrange: every delete the instances send to the store is counted, per key.
        var deletes = new ConcurrentDictionary<string, int>();
        await using var one = await ApiFactory.CreateAsync(Backend.PostgresS3, Shared(), services => CountDeletes(services, deletes));
        await using var two = one.CreateInstance();
        var referenced = new List<string>();
        var orphans = new List<string>();
        for (var u = 0; u < 4; u++)
        {
            var (client, _) = await NewUserAsync(u % 2 == 0 ? one : two);
            referenced.Add(await SetPictureAsync(client, TestImages.Png(red: (byte)(70 + u))));
            for (var o = 0; o < 2; o++)
            {
                orphans.Add((await client.UploadOkAsync(TestImages.Png(red: (byte)(80 + (u * 2) + o))))["s3Key"]!.GetValue<string>());
            }
        }

        foreach (var clock in new[] { one.Clock, two.Clock })
        {
            clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));
        }

        // Act
        using var go = new SemaphoreSlim(0);
        var sweeps = new[] { one, two }.Select(async instance =>
        {
            await using var scope = instance.Services.CreateAsyncScope();
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            await go.WaitAsync();
            return await sender.Send(new SweepOrphanedUploadsCommand());
        }).ToList();
        go.Release(2);
        var removed = await Task.WhenAll(sweeps);

        // Assert
        var orphanObjects = orphans.SelectMany(k => new[] { k, ThumbnailOf(k) }).ToList();
        var referencedObjects = referenced.SelectMany(k => new[] { k, ThumbnailOf(k) }).ToList();
        Assert.That(removed.Sum(), Is.EqualTo(orphans.Count), "each orphan counted by one sweeper");
        Assert.That(deletes.Keys, Is.EquivalentTo(orphanObjects), "deleted: the orphans' pictures and thumbnails, nothing referenced");
        Assert.That(deletes.Values, Has.All.EqualTo(1), "each deleted once");
        Assert.That(await one.CountStoredObjectsAsync(), Is.EqualTo(referencedObjects.Count));
    }

    [Test]
    public async Task RedisStoppedMidTest_RequestsKeepSucceeding_ReadinessSaysDegraded_AndTheOutageIsLoggedOnce()
    {
        // Arrange
        using var redis = await OwnRedis.StartAsync();
        var logs = new WarningCollector();
        var settings = Shared(new() { ["RateLimits:Redis"] = redis.ConnectionString });
        await using var one = await ApiFactory.CreateAsync(Backend.PostgresS3, settings, services => services.AddSingleton<ILoggerProvider>(logs));
        await using var two = one.CreateInstance();
        var (clientOne, clientTwo) = await SignedInOnBothAsync(one, two);
        using (var upload = await clientOne.UploadAsync(TestImages.Png(red: 90), "a.png", "image/png"))
        {
            Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }

        var healthyBefore = await ReadinessAsync(clientTwo);

        // Act
        redis.Stop();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            var client = i % 2 == 0 ? clientOne : clientTwo;
            using var upload = await client.UploadAsync(TestImages.Png(red: (byte)(91 + i)), "a.png", "image/png");
            statuses.Add(upload.StatusCode);
            using var profile = await client.GetAsync("/api/profile");
            statuses.Add(profile.StatusCode);
        }

        using var register = await NewAnonymousClient(two).PostAsync("/api/auth/register", Json(new
        {
            email = $"after-outage-{Guid.NewGuid():N}@example.com",
            password = "correct horse battery",
            name = "After Outage",
        }));
        var readiness = await ReadinessAsync(clientOne);

        // Assert
        Assert.That(healthyBefore.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(healthyBefore.Body["checks"]!["rate-limits"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
        Assert.That(statuses, Has.All.EqualTo(HttpStatusCode.OK));
        Assert.That(register.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(readiness.Status, Is.EqualTo(HttpStatusCode.OK), "degraded, not failing: instances stay in the load balancer");
        Assert.That(readiness.Body["status"]!.GetValue<string>(), Is.EqualTo("Degraded"));
        Assert.That(readiness.Body["checks"]!["rate-limits"]!["status"]!.GetValue<string>(), Is.EqualTo("Degraded"));
        Assert.That(readiness.Body["checks"]!["database"]!["status"]!.GetValue<string>(), Is.EqualTo("Healthy"));
        Assert.That(logs.From<RateLimiting.RedisLimitStore>(), Has.Count.EqualTo(2), "one warning per instance for the outage, not one per request");
    }

    /// <summary>The servers every instance shares: the test PostgreSQL and bucket come with the factory, Redis from here.</summary>
    private static Dictionary<string, string?> Shared(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?> { ["RateLimits:Redis"] = TestServers.Redis };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>One account, signed in on both instances with the same token (the instances share the signing key).</summary>
    private static async Task<(HttpClient One, HttpClient Two)> SignedInOnBothAsync(ApiFactory one, ApiFactory two)
    {
        var clientOne = one.CreateClient();
        var token = await clientOne.RegisterAsync();
        clientOne.WithToken(token);
        return (clientOne, two.CreateClient().WithToken(token));
    }

    private static async Task<(HttpClient Client, string Token)> NewUserAsync(ApiFactory instance)
    {
        var client = instance.CreateClient();
        var token = await client.RegisterAsync();
        return (client.WithToken(token), token);
    }

    private static HttpClient NewAnonymousClient(ApiFactory instance) => instance.CreateClient();

    /// <summary>Uploads a picture and makes it the profile's; returns its key.</summary>
    private static async Task<string> SetPictureAsync(HttpClient client, byte[] png)
    {
        var key = (await client.UploadOkAsync(png))["s3Key"]!.GetValue<string>();
        using var saved = await client.UpdateProfileAsync(new { profile_picture_url = key });
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return key;
    }

    /// <summary>The profile's picture and thumbnail URLs, then every community entry's, in order.</summary>
    private static async Task<List<string>> AllPictureUrlsAsync(HttpClient client)
    {
        var urls = new List<string>();
        var profile = await client.GetProfileAsync();
        urls.AddRange(PictureUrls(profile));
        using var community = await client.GetAsync("/api/community?limit=100");
        Assert.That(community.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        foreach (var entry in (await community.ReadJsonAsync())["alumni"]!.AsArray())
        {
            urls.AddRange(PictureUrls(entry!.AsObject()));
        }

        return urls;
    }

    private static IEnumerable<string> PictureUrls(JsonObject profile) =>
        new[] { profile["profile_picture_url"], profile["profile_picture_thumbnail_url"] }
            .Where(u => u is not null)
            .Select(u => u!.GetValue<string>());

    private static DateTimeOffset SignedAt(string url) => DateTimeOffset.ParseExact(
        HttpUtility.ParseQueryString(new Uri(url).Query)["X-Amz-Date"]!, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
        DateTimeStyles.AssumeUniversal);

    private static string Tampered(string url)
    {
        var at = url.IndexOf("X-Amz-Signature=", StringComparison.Ordinal) + "X-Amz-Signature=".Length;
        return url[..at] + (url[at] == '0' ? '1' : '0') + url[(at + 1)..];
    }

    private static string ThumbnailOf(string key) =>
        Domain.Pictures.PictureKey.TryParse(key, out var parsed) ? parsed.ThumbnailKey : throw new ArgumentException(key);

    private static async Task<(HttpStatusCode Status, JsonObject Body)> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready");
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password, string address)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = Json(new { email, password }) };
        request.Headers.Add(TestClientAddress.Header, address);
        return await client.SendAsync(request);
    }

    private static StringContent Json(object body) =>
        new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    /// <summary>Wraps the app's store so that every delete is counted per key, across instances.</summary>
    private static void CountDeletes(IServiceCollection services, ConcurrentDictionary<string, int> deletes)
    {
        services.RemoveAll<IObjectStorage>();
        services.AddSingleton<IObjectStorage>(sp => new DeleteCountingStorage(sp.GetRequiredService<S3ObjectStorage>(), deletes));
    }

    private sealed class DeleteCountingStorage(IObjectStorage inner, ConcurrentDictionary<string, int> deletes) : IObjectStorage
    {
        public Task PutAsync(string key, Stream content, string contentType, CancellationToken cancellationToken) =>
            inner.PutAsync(key, content, contentType, cancellationToken);

        public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => inner.ExistsAsync(key, cancellationToken);

        public Task DeleteAsync(string key, CancellationToken cancellationToken)
        {
            deletes.AddOrUpdate(key, 1, (_, n) => n + 1);
            return inner.DeleteAsync(key, cancellationToken);
        }

        public Task<SignedUrl> GetReadUrlAsync(string key, TimeSpan lifetime, CancellationToken cancellationToken) =>
            inner.GetReadUrlAsync(key, lifetime, cancellationToken);
    }

    /// <summary>Collects the warnings the app logs, by category.</summary>
    private sealed class WarningCollector : ILoggerProvider
    {
        private readonly ConcurrentQueue<(string Category, string Message)> warnings = new();

        public List<string> From<T>() =>
            warnings.Where(w => w.Category == typeof(T).FullName).Select(w => w.Message).ToList();

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, warnings);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<(string, string)> warnings) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    warnings.Enqueue((category, formatter(state, exception)));
                }
            }
        }
    }
}
