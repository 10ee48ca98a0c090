using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Profiles;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CleanProfiles.Application.UnitTests.Profiles;

public sealed class PictureCleanupTests
{
    private Mock<IObjectStorage> storage = null!;
    private Mock<IPictureUploadRepository> uploads = null!;
    private PictureCleanup cleanup = null!;
    private List<string> events = null!;

    [SetUp]
    public void SetUp()
    {
        storage = TestData.Storage();
        uploads = new Mock<IPictureUploadRepository>();
        events = [];
        storage.Setup(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string key, CancellationToken _) => events.Add("delete:" + key))
            .Returns(Task.CompletedTask);
        uploads.Setup(u => u.TryDeleteMarkedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string key, CancellationToken _) => events.Add("remove:" + key))
            .ReturnsAsync(true);
        cleanup = new PictureCleanup(storage.Object, uploads.Object, NullLogger<PictureCleanup>.Instance);
    }

    [Test]
    public void ObjectKeysOf_Key_IsThePictureAndItsThumbnail()
    {
        // Arrange
        var key = TestData.Key(TestData.UserId);

        // Act
        var keys = PictureCleanup.ObjectKeysOf(key);

        // Assert
        Assert.That(keys, Is.EqualTo(new[] { key.Value, key.ThumbnailKey }));
    }

    [Test]
    public async Task TryFinishDeletionAsync_StoreWorks_DeletesBothObjectsThenTheMarkedRecord()
    {
        // Arrange
        var key = TestData.Key(TestData.UserId);

        // Act
        var finished = await cleanup.TryFinishDeletionAsync(key, CancellationToken.None);

        // Assert: the record outlives its objects, never the other way round
        Assert.That(finished, Is.True);
        Assert.That(events, Is.EqualTo(new[] { "delete:" + key.Value, "delete:" + key.ThumbnailKey, "remove:" + key.Value }));
    }

    [Test]
    public async Task TryFinishDeletionAsync_StoreFails_ReturnsFalseAndKeepsTheMarkedRecord()
    {
        // Arrange
        var key = TestData.Key(TestData.UserId);
        storage.Setup(s => s.DeleteAsync(key.Value, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DependencyUnavailableException("object store"));

        // Act
        var finished = await cleanup.TryFinishDeletionAsync(key, CancellationToken.None);

        // Assert: the mark stays for the orphan sweep
        Assert.That(finished, Is.False);
        uploads.Verify(u => u.TryDeleteMarkedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task TryFinishDeletionAsync_RequestEnds_ReturnsFalseInsteadOfThrowing()
    {
        // Arrange
        var key = TestData.Key(TestData.UserId);
        using var ended = new CancellationTokenSource();
        await ended.CancelAsync();
        storage.Setup(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns((string _, CancellationToken token) => Task.FromCanceled(token));

        // Act
        var finished = await cleanup.TryFinishDeletionAsync(key, ended.Token);

        // Assert
        Assert.That(finished, Is.False);
    }
}
