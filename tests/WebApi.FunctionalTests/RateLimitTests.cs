using System.Net;
using System.Net.Http.Json;
using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>Abuse limits: uploads per user, logins per address and per email. Each test gets an app with small limits.</summary>
public sealed class RateLimitTests
{
    [Test]
    public async Task Upload_OverTheLimit_Returns429WithRetryAfter_AndOtherUsersAreUnaffected()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, new Dictionary<string, string?> { ["RateLimits:UploadsPerMinute"] = "3" });
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
    public async Task Login_ForOneEmailOverTheLimit_Returns429_AndOtherEmailsAreUnaffected()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, new Dictionary<string, string?> { ["RateLimits:LoginsPerMinutePerEmail"] = "3" });
        using var client = factory.CreateClient();
        var target = $"target-{Guid.NewGuid():N}@example.com";
        var other = $"other-{Guid.NewGuid():N}@example.com";
        await client.RegisterAsync(target, password: "right password");
        await client.RegisterAsync(other, password: "right password");

        for (var i = 0; i < 3; i++)
        {
            using var wrong = await client.PostAsJsonAsync("/api/auth/login", new { email = target, password = "wrong guess " + i });
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        // Even the right password is refused once the budget is spent, and so is the same email in other case.
        using var refused = await client.PostAsJsonAsync("/api/auth/login", new { email = target.ToUpperInvariant(), password = "right password" });
        using var unaffected = await client.PostAsJsonAsync("/api/auth/login", new { email = other, password = "right password" });

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        Assert.That(refused.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        Assert.That(unaffected.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Login_FromOneAddressOverTheLimit_Returns429()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, new Dictionary<string, string?> { ["RateLimits:LoginsPerMinutePerAddress"] = "4" });
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
    public async Task Start_WithInvalidLimit_FailsNamingIt()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, new Dictionary<string, string?> { ["RateLimits:UploadsPerMinute"] = "0" });

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(failure?.ToString(), Does.Contain("RateLimits:UploadsPerMinute"));
    }
}
