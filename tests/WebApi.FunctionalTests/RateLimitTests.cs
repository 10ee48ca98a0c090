using System.Net;
using System.Net.Http.Json;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// Abuse limits: uploads per user, logins per address, failed sign-ins per (email, address) and per email. Each test
/// gets an app with small limits, on both stacks.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class RateLimitTests(Backend backend)
{
    [Test]
    public async Task Upload_OverTheLimit_Returns429WithRetryAfter_AndOtherUsersAreUnaffected()
    {
        await using var factory = await ApiFactory.CreateAsync(backend, new Dictionary<string, string?> { ["RateLimits:UploadsPerMinute"] = "3" });
        using var alice = factory.CreateClient();
        alice.WithToken(await alice.RegisterAsync());
        using var bob = factory.CreateClient();
        bob.WithToken(await bob.RegisterAsync());

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await alice.UploadAsync(TestImages.Png(), "a.png", "image/png");
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"upload {i + 1} of 3");
        }

        var before = await factory.SnapshotAsync();
        using var refused = await alice.UploadAsync(TestImages.Png(), "a.png", "image/png");
        using var other = await bob.UploadAsync(TestImages.Png(), "b.png", "image/png");

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(1)));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another user has a budget of their own");
        var after = await factory.SnapshotAsync();
        Assert.That(after.UploadRows, Is.EqualTo(before.UploadRows + 1), "only the other user's upload was recorded");
    }

    [Test]
    public async Task Login_StrangerSpendingTheBudgetForSomeonesEmail_IsRefused_WhileTheOwnerFromTheirOwnAddressSignsIn()
    {
        await using var factory = await ApiFactory.CreateAsync(backend, Limits(perEmailAndAddress: 3, perEmail: 10));
        using var client = factory.CreateClient();
        var owner = $"owner-{Guid.NewGuid():N}@example.com";
        var other = $"other-{Guid.NewGuid():N}@example.com";
        await client.RegisterAsync(owner, password: "right password");
        await client.RegisterAsync(other, password: "right password");

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await LoginAsync(client, Stranger, owner, "wrong guess " + i);
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"guess {i + 1} of 3");
        }

        // The stranger is refused even with the right password (the answer must not tell a right guess), in any case
        // of the email; the owner, from their own address, still gets in; the stranger's budget for others is intact.
        using var stranger = await LoginAsync(client, Stranger, owner.ToUpperInvariant(), "right password");
        using var ownerSignsIn = await LoginAsync(client, OwnersAddress, owner, "right password");
        using var strangerElsewhere = await LoginAsync(client, Stranger, other, "right password");

        await stranger.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(stranger.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero).And.LessThanOrEqualTo(TimeSpan.FromMinutes(5)));
        Assert.That(ownerSignsIn.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the owner is not locked out by a stranger");
        Assert.That(strangerElsewhere.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the limit is per email");
    }

    [Test]
    public async Task Login_FailuresSpreadOverManyAddresses_AreStoppedAtTheHigherPerEmailLimit()
    {
        await using var factory = await ApiFactory.CreateAsync(backend, Limits(perEmailAndAddress: 2, perEmail: 6));
        using var client = factory.CreateClient();
        var target = $"target-{Guid.NewGuid():N}@example.com";
        await client.RegisterAsync(target, password: "right password");

        for (var i = 0; i < 6; i++)
        {
            using var wrong = await LoginAsync(client, $"198.51.100.{i / 2 + 1}", target, "wrong guess " + i);
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), $"guess {i + 1} of 6, two per address");
        }

        using var fromAFreshAddress = await LoginAsync(client, "198.51.100.99", target, "right password");

        await fromAFreshAddress.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Test]
    public async Task Login_AfterTheWindow_CountsFromZeroAgain()
    {
        await using var factory = await ApiFactory.CreateAsync(backend, Limits(perEmailAndAddress: 2, perEmail: 10));
        using var client = factory.CreateClient();
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await client.RegisterAsync(email, password: "right password");
        for (var i = 0; i < 2; i++)
        {
            (await LoginAsync(client, Stranger, email, "wrong")).Dispose();
        }

        using (var refused = await LoginAsync(client, Stranger, email, "right password"))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            Assert.That(refused.Headers.RetryAfter?.Delta, Is.EqualTo(Window), "the oldest failure leaves the window then");
        }

        factory.Clock.Advance(Window - TimeSpan.FromSeconds(1));
        using (var stillRefused = await LoginAsync(client, Stranger, email, "right password"))
        {
            Assert.That(stillRefused.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests), "a second before the window ends");
            Assert.That(stillRefused.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(1)));
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        using var allowed = await LoginAsync(client, Stranger, email, "right password");
        Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Login_SuccessesAndRefusedFields_AreNotCountedAsFailures()
    {
        await using var factory = await ApiFactory.CreateAsync(backend, Limits(perEmailAndAddress: 2, perEmail: 10));
        using var client = factory.CreateClient();
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await client.RegisterAsync(email, password: "right password");

        // One mistake then a success, over and over: the owner's own mistakes never add up to a refusal.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var wrong = await LoginAsync(client, OwnersAddress, email, "typo");
            using var right = await LoginAsync(client, OwnersAddress, email, "right password");
            using var empty = await LoginAsync(client, OwnersAddress, email, "");
            statuses.AddRange([wrong.StatusCode, right.StatusCode, empty.StatusCode]);
        }

        Assert.That(statuses, Is.EqualTo(Enumerable.Repeat(new[] { HttpStatusCode.Unauthorized, HttpStatusCode.OK, HttpStatusCode.BadRequest }, 4).SelectMany(s => s)));
    }

    [Test]
    public async Task Login_BurstOfParallelGuessesFromOneAddress_GetsNoMoreThanTheLimit()
    {
        await using var factory = await ApiFactory.CreateAsync(backend, Limits(perEmailAndAddress: 3, perEmail: 100));
        using var client = factory.CreateClient();
        var email = $"user-{Guid.NewGuid():N}@example.com";
        await client.RegisterAsync(email, password: "right password");

        // Counted when they begin, not when they fail: none can slip past the check while the others are still hashing.
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => LoginAsync(client, Stranger, email, "guess " + i)));

        var statuses = responses.Select(r => r.StatusCode).ToList();
        Array.ForEach(responses, r => r.Dispose());
        Assert.That(statuses.Count(s => s == HttpStatusCode.Unauthorized), Is.EqualTo(3), string.Join(", ", statuses));
        Assert.That(statuses.Count(s => s == HttpStatusCode.TooManyRequests), Is.EqualTo(9));
    }

    [Test]
    public async Task Login_FromOneAddressOverTheLimit_Returns429()
    {
        await using var factory = await ApiFactory.CreateAsync(backend, new Dictionary<string, string?> { ["RateLimits:LoginsPerMinutePerAddress"] = "4" });
        using var client = factory.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { email = $"nobody{i}@example.com", password = "whatever it is" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
            }
        }

        Assert.That(statuses.Take(4), Is.All.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(statuses.Skip(4), Is.All.EqualTo(HttpStatusCode.TooManyRequests));
    }

    [Test]
    public async Task Start_WithPerEmailLimitBelowThePerAddressOne_FailsNamingIt()
    {
        await using var factory = await ApiFactory.CreateAsync(backend, Limits(perEmailAndAddress: 10, perEmail: 5));

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure?.ToString(), Does.Contain("RateLimits:LoginFailuresPerEmail must be at least"));
    }

    [Test]
    public async Task Start_WithInvalidLimit_FailsNamingIt()
    {
        await using var factory = await ApiFactory.CreateAsync(backend, new Dictionary<string, string?> { ["RateLimits:UploadsPerMinute"] = "0" });

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure?.ToString(), Does.Contain("RateLimits:UploadsPerMinute"));
    }

    private const string Stranger = "203.0.113.7";
    private const string OwnersAddress = "192.0.2.10";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private static Dictionary<string, string?> Limits(int perEmailAndAddress, int perEmail) => new()
    {
        ["RateLimits:LoginFailuresPerEmailAndAddress"] = perEmailAndAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:LoginFailuresPerEmail"] = perEmail.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["RateLimits:LoginFailureWindow"] = "00:05:00",
    };

    private static Task<HttpResponseMessage> LoginAsync(HttpClient client, string address, string email, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(TestClientAddress.Header, address);
        return client.SendAsync(request);
    }
}
