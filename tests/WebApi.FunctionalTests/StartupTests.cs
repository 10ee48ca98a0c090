using CleanProfiles.WebApi.FunctionalTests.Support;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>Wrong configuration stops the app at start-up with a message that names the setting.</summary>
public sealed class StartupTests
{
    [TestCase("Jwt:SigningKey", null)]
    [TestCase("Jwt:SigningKey", "too-short")]
    [TestCase("Storage:LocalDisk:SigningKey", null)]
    [TestCase("Storage:LocalDisk:SigningKey", "too-short")]
    [TestCase("Pictures:UrlLifetime", "8.00:00:00")]
    [TestCase("Pictures:MaxBytes", "0")]
    [TestCase("Cors:AllowedOrigins:0", "https://app.example.com/path")]
    [TestCase("Pictures:ThumbnailSize", "8")]
    [TestCase("Pictures:ProcessingTimeout", "00:00:00")]
    [TestCase("Pictures:ProcessingTimeout", "01:00:00")]
    [TestCase("Pictures:DecodeMemoryBudget", "1048576")]
    [TestCase("Pictures:MaxJpegScans", "0")]
    [TestCase("Pictures:UrlReuseWindow", "3.12:00:01")]
    [TestCase("Pictures:UrlReuseWindow", "00:00:00")]
    [TestCase("RateLimits:Redis", ",")]
    [TestCase("RateLimits:LoginFailuresPerEmailAndAddress", "0")]
    [TestCase("RateLimits:LoginFailuresPerEmail", "0")]
    [TestCase("RateLimits:LoginFailureWindow", "00:00:00")]
    [TestCase("Database:Provider", "Oracle")]
    [TestCase("Database:MigrateOnStartup", "sometimes")]
    [TestCase("Jwt:AccessTokenLifetime", "2.00:00:00")]
    [TestCase("Requests:Deadline", "00:00:00")]
    [TestCase("Requests:Deadline", "00:05:00")]
    [TestCase("Requests:Deadline", "soon")]
    [TestCase("Database:CommandTimeout", "00:00:00")]
    [TestCase("Database:CommandTimeout", "01:00:00")]
    [TestCase("Pictures:PendingUploadLifetime", "00:00:30")]
    public async Task Start_WithBadSetting_FailsNamingIt(string key, string? value)
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, new Dictionary<string, string?> { [key] = value });

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(Flatten(failure), Does.Contain(key.Replace(":0", string.Empty, StringComparison.Ordinal)));
    }

    [Test]
    public async Task Start_WithPostgresButNoConnectionString_FailsNamingIt()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Profiles"] = null,
        });

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(Flatten(failure), Does.Contain("ConnectionStrings:Profiles"));
    }

    [Test]
    public async Task Start_WithUnknownProvider_FailsNamingIt()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, new Dictionary<string, string?> { ["Storage:Provider"] = "Floppy" });

        var failure = Assert.Catch(() => factory.CreateClient());

        Assert.That(Flatten(failure), Does.Contain("Storage:Provider"));
    }

    [Test]
    public async Task Start_WithRedisUnreachable_StartsAndServes_ReadinessDegraded()
    {
        // Port 1 on loopback refuses every connection.
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, new Dictionary<string, string?> { ["RateLimits:Redis"] = "127.0.0.1:1" });
        using var client = factory.CreateClient();

        var token = await client.RegisterAsync();
        using var ready = await client.GetAsync("/health/ready");

        Assert.That(token, Is.Not.Empty);
        Assert.That(ready.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK));
        var body = await ready.ReadJsonAsync();
        Assert.That(body["status"]!.GetValue<string>(), Is.EqualTo("Degraded"));
        Assert.That(body["checks"]!["rate-limits"]!["status"]!.GetValue<string>(), Is.EqualTo("Degraded"));
    }

    [Test]
    public async Task Start_WithValidSettings_Succeeds()
    {
        await using var factory = await ApiFactory.CreateAsync(Backend.Embedded);

        Assert.DoesNotThrow(() => factory.CreateClient().Dispose());
    }

    private static string Flatten(Exception? exception)
    {
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
            if (e is AggregateException aggregate)
            {
                messages.AddRange(aggregate.InnerExceptions.Select(i => i.Message));
            }
        }

        return string.Join(" | ", messages);
    }
}
