using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Application.Profiles.SweepOrphanedUploads;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CleanProfiles.Application.UnitTests.Profiles;

public sealed class SweepOrphanedUploadsHandlerTests
{
    [Test]
    public async Task Handle_DeletesObjectsOnlyOfTheRecordsItClaimed()
    {
        var mine = TestData.Key(TestData.UserId);
        var takenByAnotherSweeper = TestData.Key(TestData.UserId);
        var uploads = new Mock<IPictureUploadRepository>();
        var cutoff = TestData.NowMs - TimeSpan.FromDays(1);
        uploads.Setup(u => u.FindUnreferencedAsync(cutoff, 100, It.IsAny<CancellationToken>()))
            .ReturnsAsync([mine.Value, takenByAnotherSweeper.Value]);
        uploads.Setup(u => u.TryDeleteUnreferencedAsync(mine.Value, cutoff, It.IsAny<CancellationToken>())).ReturnsAsync(true);
        uploads.Setup(u => u.TryDeleteUnreferencedAsync(takenByAnotherSweeper.Value, cutoff, It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var storage = TestData.Storage();
        var handler = new SweepOrphanedUploadsHandler(
            uploads.Object,
            new PictureCleanup(storage.Object, uploads.Object, Mock.Of<IUnitOfWork>(), NullLogger<PictureCleanup>.Instance),
            new FakeTimeProvider(TestData.Now),
            Options.Create(new PicturesOptions { UnattachedUploadLifetime = TimeSpan.FromDays(1) }));

        var removed = await handler.Handle(new SweepOrphanedUploadsCommand(), CancellationToken.None);

        Assert.That(removed, Is.EqualTo(1));
        storage.Verify(s => s.DeleteAsync(mine.Value, It.IsAny<CancellationToken>()), Times.Once());
        storage.Verify(s => s.DeleteAsync(mine.ThumbnailKey, It.IsAny<CancellationToken>()), Times.Once());
        storage.Verify(s => s.DeleteAsync(takenByAnotherSweeper.Value, It.IsAny<CancellationToken>()), Times.Never());
    }
}
