using System.Diagnostics;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Infrastructure.IntegrationTests.Support;

namespace CleanProfiles.Infrastructure.IntegrationTests.Storage;

/// <summary>An S3 endpoint nobody answers on: every call fails fast as an outage of the object store.</summary>
public sealed class S3ObjectStorageUnreachableTests : IDisposable
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    private S3Store store = null!;

    [OneTimeSetUp]
    public void CreateStore() =>
        store = new S3Store(
            "cleanprofiles-unreachable",
            S3Store.UnreachableServiceUrl,
            accessKey: "unreachable-access-key",
            secretKey: "unreachable-secret-key",
            timeout: TimeSpan.FromSeconds(2),
            maxRetries: 0);

    public void Dispose() => store?.Dispose();

    [Test]
    public async Task PutAsync_EndpointUnreachable_ThrowsDependencyUnavailableQuickly()
    {
        // Arrange
        var watch = Stopwatch.StartNew();

        // Act / Assert
        var thrown = await Assert.ThrowsAsync<DependencyUnavailableException>(async () => await store.Storage.PutAsync(
            "profile-pictures/x.png", new MemoryStream(Bytes.Random(100)), "image/png", CancellationToken.None));
        Assert.That(thrown!.Dependency, Is.EqualTo("object store"));
        Assert.That(watch.Elapsed, Is.LessThan(Quickly));
    }

    [Test]
    public void PutAsync_EndpointUnreachableWithNonSeekableInput_ThrowsDependencyUnavailableQuickly()
    {
        // Arrange
        var watch = Stopwatch.StartNew();

        // Act / Assert
        Assert.That(
            async () => await store.Storage.PutAsync(
                "profile-pictures/x.png", new NonSeekableStream(Bytes.Random(100)), "image/png", CancellationToken.None),
            Throws.TypeOf<DependencyUnavailableException>());
        Assert.That(watch.Elapsed, Is.LessThan(Quickly));
    }

    [Test]
    public void ExistsAsync_EndpointUnreachable_ThrowsDependencyUnavailableQuickly()
    {
        // Arrange
        var watch = Stopwatch.StartNew();

        // Act / Assert
        Assert.That(
            async () => await store.Storage.ExistsAsync("profile-pictures/x.png", CancellationToken.None),
            Throws.TypeOf<DependencyUnavailableException>());
        Assert.That(watch.Elapsed, Is.LessThan(Quickly));
    }

    [Test]
    public void DeleteAsync_EndpointUnreachable_ThrowsDependencyUnavailableQuickly()
    {
        // Arrange
        var watch = Stopwatch.StartNew();

        // Act / Assert
        Assert.That(
            async () => await store.Storage.DeleteAsync("profile-pictures/x.png", CancellationToken.None),
            Throws.TypeOf<DependencyUnavailableException>());
        Assert.That(watch.Elapsed, Is.LessThan(Quickly));
    }

    [Test]
    public async Task GetReadUrlAsync_EndpointUnreachable_StillSignsLocally()
    {
        // Act
        var url = (await store.Storage.GetReadUrlAsync("profile-pictures/x.png", TimeSpan.FromHours(1), CancellationToken.None));

        // Assert
        Assert.That(url.Url.GetLeftPart(UriPartial.Authority), Is.EqualTo("http://127.0.0.1:1"));
        Assert.That(url.Url.Query, Does.Contain("X-Amz-Signature="));
    }
}
