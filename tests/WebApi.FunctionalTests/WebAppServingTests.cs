using System.Net;
using CleanProfiles.Tests.Shared;
using CleanProfiles.WebApi.FunctionalTests.Support;
using CleanProfiles.WebApi.WebApp;
using Microsoft.Extensions.Configuration;

namespace CleanProfiles.WebApi.FunctionalTests;

/// <summary>
/// How the API serves the browser app: index.html for client routes only (never for the API's own paths), long-lived
/// caching for hashed assets, no-cache and a strict Content-Security-Policy for the HTML. Uses a stand-in build.
/// </summary>
[TestFixtureSource(typeof(Backends), nameof(Backends.All))]
public sealed class WebAppServingTests(Backend backend)
{
    private const string Index = "<!doctype html><title>CleanProfiles</title><script type=\"module\" src=\"/assets/index-a1b2c3d4.js\"></script>";
    private string build = null!;
    private ApiFactory factory = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        build = Directory.CreateTempSubdirectory("cleanprofiles-webapp-").FullName;
        Directory.CreateDirectory(Path.Combine(build, "assets"));
        await File.WriteAllTextAsync(Path.Combine(build, "index.html"), Index);
        await File.WriteAllTextAsync(Path.Combine(build, "assets", "index-a1b2c3d4.js"), "console.log('app');");
        await File.WriteAllTextAsync(Path.Combine(build, "favicon.svg"), "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        factory = await ApiFactory.CreateAsync(backend, new Dictionary<string, string?> { ["WebApp:RootPath"] = build });
        client = factory.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        client?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        Directory.Delete(build, recursive: true);
    }

    [TestCase("/")]
    [TestCase("/community")]
    [TestCase("/profile")]
    [TestCase("/sign-in")]
    [TestCase("/some/deep/client/route")]
    public async Task ClientRoute_AnswersIndexHtml_WithNoCacheAndSecurityHeaders(string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Multiple(async () =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo(Index));
            Assert.That(response.Headers.CacheControl?.NoCache, Is.True, "index.html is revalidated on every load");
            Assert.That(response.Headers.GetValues("X-Content-Type-Options").Single(), Is.EqualTo("nosniff"));
            Assert.That(response.Headers.GetValues("Referrer-Policy").Single(), Is.EqualTo("no-referrer"));
        });
        var policy = Directives(response);
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Not.Contain("unsafe-inline").And.Not.Contain("unsafe-eval"));
            Assert.That(policy["default-src"], Is.EqualTo("'none'"));
            Assert.That(policy["script-src"], Is.EqualTo("'self'"));
            Assert.That(policy["style-src"], Is.EqualTo("'self'"));
            Assert.That(policy["connect-src"], Is.EqualTo("'self'"));
            Assert.That(policy["frame-ancestors"], Is.EqualTo("'none'"));
            Assert.That(policy["img-src"], Is.EqualTo(backend == Backend.PostgresS3
                ? $"'self' blob: {TestServers.S3ServiceUrl.GetLeftPart(UriPartial.Authority)}"
                : "'self' blob:"), "pictures from here, local previews and the object store only");
        });
    }

    [Test]
    public async Task HashedAsset_IsCachedForAYear_AndImmutable()
    {
        using var response = await client.GetAsync("/assets/index-a1b2c3d4.js");
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/javascript"));
            Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=31536000, immutable"));
        });
    }

    [Test]
    public async Task UnhashedFile_IsRevalidated()
    {
        using var response = await client.GetAsync("/favicon.svg");
        Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
    }

    [TestCase("/api/nothing-here")]
    [TestCase("/api")]
    [TestCase("/health/nothing-here")]
    [TestCase("/swagger/nothing-here")]
    [TestCase("/assets/missing-0000.js")]
    [TestCase("/missing.png")]
    public async Task UnknownPathOfTheApi_IsA404Problem_NeverTheApp(string path)
    {
        using var response = await client.GetAsync(path);
        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task UnknownMediaPath_IsTheMediaEndpointsProblem_NeverTheApp()
    {
        using var response = await client.GetAsync("/media/profile-pictures/nothing-here.jpg");
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.Not.EqualTo("text/html"));
        Assert.That((int)response.StatusCode, Is.AnyOf(403, 404));
    }

    [Test]
    public async Task PostToAClientRoute_IsNotTheApp()
    {
        using var response = await client.PostAsync("/community", new StringContent("{}"));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        Assert.That((int)response.StatusCode, Is.AnyOf(404, 405));
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        response.Headers.GetValues("Content-Security-Policy").Single()
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : string.Empty);
}

/// <summary>Without a build (no Node.js on the machine) the API still runs and / says what to install.</summary>
public sealed class WebAppNotBuiltTests
{
    [Test]
    public async Task Root_WithoutABuild_SaysInOneLineToInstallNode_AndTheApiStillAnswers()
    {
        var empty = Directory.CreateTempSubdirectory("cleanprofiles-webapp-none-").FullName;
        try
        {
            await using var factory = await ApiFactory.CreateAsync(Backend.Embedded, new Dictionary<string, string?> { ["WebApp:RootPath"] = empty });
            using var client = factory.CreateClient();
            using var root = await client.GetAsync("/");
            var text = await root.Content.ReadAsStringAsync();
            Assert.Multiple(() =>
            {
                Assert.That(root.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
                Assert.That(root.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/plain"));
                Assert.That(text.TrimEnd('\n').Split('\n'), Has.Length.EqualTo(1), "one line");
                Assert.That(text, Does.Contain("install Node.js 20 or later"));
            });
            using var health = await client.GetAsync("/health/live");
            Assert.That(health.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }
}

/// <summary>The object store's origin in img-src, derived from the storage settings.</summary>
public sealed class ContentSecurityPolicyTests
{
    [TestCase("LocalDisk", null, null, null, false, null, "")]
    [TestCase("LocalDisk", null, null, null, false, "https://media.example.com/base/", "https://media.example.com")]
    [TestCase("S3", "photos", null, "eu-west-1", false, null, "https://photos.s3.eu-west-1.amazonaws.com")]
    [TestCase("S3", "photos", null, "eu-west-1", true, null, "https://s3.eu-west-1.amazonaws.com")]
    [TestCase("S3", "photos", null, "us-east-1", false, null, "https://photos.s3.us-east-1.amazonaws.com https://photos.s3.amazonaws.com")]
    [TestCase("S3", "photos", "http://127.0.0.1:9000", null, true, null, "http://127.0.0.1:9000")]
    [TestCase("S3", "photos", "https://minio.example.com", null, false, null, "https://photos.minio.example.com")]
    public void ImageOrigins_FollowTheStorageSettings(
        string provider, string? bucket, string? serviceUrl, string? region, bool pathStyle, string? publicBaseUrl, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = provider,
            ["Storage:S3:BucketName"] = bucket,
            ["Storage:S3:ForcePathStyle"] = pathStyle.ToString(),
            ["Storage:LocalDisk:PublicBaseUrl"] = publicBaseUrl,
            ["AWS:ServiceURL"] = serviceUrl,
            ["AWS:Region"] = region,
        }).Build();

        Assert.That(string.Join(' ', ContentSecurityPolicy.ImageOrigins(configuration)), Is.EqualTo(expected));
    }
}
