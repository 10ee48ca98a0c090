using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Application.Profiles.SweepOrphanedUploads;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CleanProfiles.Application.UnitTests.Profiles;

public sealed class SweepOrphanedUploadsHandlerTests
{
    private static readonly SweepCutoffs Cutoffs = new(TestData.NowMs, TestData.NowMs - TimeSpan.FromMinutes(10), TestData.NowMs - TimeSpan.FromDays(1));

    private Mock<IPictureUploadRepository> uploads = null!;
    private Mock<IObjectStorage> storage = null!;
    private SweepOrphanedUploadsHandler handler = null!;

    [SetUp]
    public void SetUp()
    {
        uploads = new Mock<IPictureUploadRepository>();
        storage = TestData.Storage();
        handler = new SweepOrphanedUploadsHandler(
            uploads.Object,
            new PictureCleanup(storage.Object, uploads.Object, NullLogger<PictureCleanup>.Instance),
            new FakeTimeProvider(TestData.Now),
            Options.Create(new PicturesOptions
            {
                PendingUploadLifetime = TimeSpan.FromMinutes(10),
                UnattachedUploadLifetime = TimeSpan.FromDays(1),
            }));
    }

    [Test]
    public async Task Handle_DeletesObjectsOnlyOfTheRecordsItClaimed()
    {
        // Arrange
        var mine = TestData.Key(TestData.UserId);
        var takenByAnotherSweeper = TestData.Key(TestData.OtherUserId);
        uploads.Setup(u => u.FindSweepableAsync(Cutoffs, 100, It.IsAny<CancellationToken>()))
            .ReturnsAsync([mine.Value, takenByAnotherSweeper.Value]);
        uploads.Setup(u => u.TryClaimForDeletionAsync(mine.Value, Cutoffs, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        uploads.Setup(u => u.TryClaimForDeletionAsync(takenByAnotherSweeper.Value, Cutoffs, It.IsAny<CancellationToken>())).ReturnsAsync(false);

        // Act
        var removed = await handler.Handle(new SweepOrphanedUploadsCommand(), CancellationToken.None);

        // Assert
        Assert.That(removed, Is.EqualTo(1));
        storage.Verify(s => s.DeleteAsync(mine.Value, It.IsAny<CancellationToken>()), Times.Once());
        storage.Verify(s => s.DeleteAsync(mine.ThumbnailKey, It.IsAny<CancellationToken>()), Times.Once());
        uploads.Verify(u => u.TryDeleteMarkedAsync(mine.Value, It.IsAny<CancellationToken>()), Times.Once());
        storage.Verify(s => s.DeleteAsync(takenByAnotherSweeper.Value, It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task Handle_AttachCommittedJustBeforeTheClaim_GivesTheClaimBackAndDeletesNothing()
    {
        // Arrange
        var key = TestData.Key(TestData.UserId);
        uploads.Setup(u => u.FindSweepableAsync(Cutoffs, 100, It.IsAny<CancellationToken>())).ReturnsAsync([key.Value]);
        uploads.Setup(u => u.TryClaimForDeletionAsync(key.Value, Cutoffs, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        uploads.Setup(u => u.IsReferencedAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        // Act
        var removed = await handler.Handle(new SweepOrphanedUploadsCommand(), CancellationToken.None);

        // Assert
        Assert.That(removed, Is.Zero);
        uploads.Verify(u => u.ReleaseClaimAsync(key.Value, It.IsAny<CancellationToken>()), Times.Once());
        storage.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task Handle_StoreFailsForOneUpload_KeepsItsMarkAndGoesOnWithTheNext()
    {
        // Arrange
        var failing = TestData.Key(TestData.UserId);
        var next = TestData.Key(TestData.OtherUserId);
        uploads.Setup(u => u.FindSweepableAsync(Cutoffs, 100, It.IsAny<CancellationToken>())).ReturnsAsync([failing.Value, next.Value]);
        uploads.Setup(u => u.TryClaimForDeletionAsync(It.IsAny<string>(), Cutoffs, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        storage.Setup(s => s.DeleteAsync(failing.Value, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DependencyUnavailableException("object store"));

        // Act
        var removed = await handler.Handle(new SweepOrphanedUploadsCommand(), CancellationToken.None);

        // Assert
        Assert.That(removed, Is.EqualTo(1));
        uploads.Verify(u => u.TryDeleteMarkedAsync(failing.Value, It.IsAny<CancellationToken>()), Times.Never());
        uploads.Verify(u => u.TryDeleteMarkedAsync(next.Value, It.IsAny<CancellationToken>()), Times.Once());
    }
}
