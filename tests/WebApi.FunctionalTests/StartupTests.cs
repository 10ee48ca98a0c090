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
    [TestCase("RateLimits:LoginFailuresPerEmailAndAddress", "0")]
    [TestCase("RateLimits:LoginFailuresPerEmail", "0")]
    [TestCase("RateLimits:LoginFailureWindow", "00:00:00")]
    [TestCase("Database:Provider", "Oracle")]
    [TestCase("Database:MigrateOnStartup", "sometimes")]
    [TestCase("Jwt:AccessTokenLifetime", "2.00:00:00")]
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
