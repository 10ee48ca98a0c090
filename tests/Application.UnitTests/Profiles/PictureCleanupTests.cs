using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Domain.Pictures;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;

namespace CleanProfiles.Application.UnitTests.Profiles;

public sealed class PictureCleanupTests
{
    private Mock<IObjectStorage> storage = null!;
    private Mock<IPictureUploadRepository> uploads = null!;
    private Mock<IUnitOfWork> unitOfWork = null!;
    private PictureCleanup cleanup = null!;

    [SetUp]
    public void SetUp()
    {
        storage = TestData.Storage();
        uploads = new Mock<IPictureUploadRepository>();
        unitOfWork = new Mock<IUnitOfWork>();
        cleanup = new PictureCleanup(storage.Object, uploads.Object, unitOfWork.Object, NullLogger<PictureCleanup>.Instance);
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
    public async Task TryDeleteObjectsAsync_StoreFails_ReturnsFalseInsteadOfThrowing()
    {
        // Arrange
        var key = TestData.Key(TestData.UserId);
        storage.Setup(s => s.DeleteAsync(key.Value, It.IsAny<CancellationToken>())).ThrowsAsync(new DependencyUnavailableException("object store"));

        // Act
        var deleted = await cleanup.TryDeleteObjectsAsync(key);

        // Assert
        Assert.That(deleted, Is.False);
    }

    [Test]
    public async Task TryDeleteObjectsAsync_StoreWorks_ReturnsTrue()
    {
        // Arrange
        var key = TestData.Key(TestData.UserId);

        // Act
        var deleted = await cleanup.TryDeleteObjectsAsync(key);

        // Assert
        Assert.That(deleted, Is.True);
        storage.Verify(s => s.DeleteAsync(key.Value, It.IsAny<CancellationToken>()), Times.Once());
    }

    [Test]
    public async Task TryRemoveUnreferencedAsync_RecordExists_DeletesObjectsThenRemovesAndSavesTheRecord()
    {
        // Arrange
        var key = TestData.Key(TestData.UserId);
        var upload = TestData.UploadOf(key);
        uploads.Setup(u => u.GetAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync(upload);

        // Act
        await cleanup.TryRemoveUnreferencedAsync(key);

        // Assert
        storage.Verify(s => s.DeleteAsync(key.Value, It.IsAny<CancellationToken>()), Times.Once());
        uploads.Verify(u => u.Remove(upload), Times.Once());
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once());
    }

    [Test]
    public async Task TryRemoveUnreferencedAsync_NoRecord_DoesNotSave()
    {
        // Arrange
        var key = TestData.Key(TestData.UserId);
        uploads.Setup(u => u.GetAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync((PictureUpload?)null);

        // Act
        await cleanup.TryRemoveUnreferencedAsync(key);

        // Assert
        storage.Verify(s => s.DeleteAsync(key.Value, It.IsAny<CancellationToken>()), Times.Once());
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task TryRemoveUnreferencedAsync_StoreFails_KeepsTheRecord()
    {
        // Arrange
        var key = TestData.Key(TestData.UserId);
        uploads.Setup(u => u.GetAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync(TestData.UploadOf(key));
        storage.Setup(s => s.DeleteAsync(key.Value, It.IsAny<CancellationToken>())).ThrowsAsync(new DependencyUnavailableException("object store"));

        // Act
        await cleanup.TryRemoveUnreferencedAsync(key);

        // Assert
        uploads.Verify(u => u.Remove(It.IsAny<PictureUpload>()), Times.Never());
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never());
    }
}
