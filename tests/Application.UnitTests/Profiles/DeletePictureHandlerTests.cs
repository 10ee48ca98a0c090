using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Application.Profiles.DeletePicture;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CleanProfiles.Application.UnitTests.Profiles;

public sealed class DeletePictureHandlerTests
{
    private static readonly Guid UserId = TestData.UserId;

    private Mock<IProfileRepository> profiles = null!;
    private Mock<IPictureUploadRepository> uploads = null!;
    private Mock<IUnitOfWork> unitOfWork = null!;
    private Mock<IObjectStorage> storage = null!;
    private FakeTimeProvider clock = null!;
    private UserProfile profile = null!;
    private List<string> events = null!;

    [SetUp]
    public void SetUp()
    {
        profiles = new Mock<IProfileRepository>();
        uploads = new Mock<IPictureUploadRepository>();
        unitOfWork = new Mock<IUnitOfWork>();
        storage = TestData.Storage();
        clock = new FakeTimeProvider(TestData.Now);
        profile = TestData.Profile(UserId);
        events = [];

        profiles.Setup(p => p.GetAsync(UserId, It.IsAny<CancellationToken>())).ReturnsAsync(profile);
        unitOfWork
            .Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()))
            .Callback(() => events.Add("save"))
            .Returns(Task.CompletedTask);
        storage
            .Setup(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string key, CancellationToken _) => events.Add("delete:" + key))
            .Returns(Task.CompletedTask);
        uploads.Setup(u => u.TryDeleteMarkedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string key, CancellationToken _) => events.Add("remove:" + key))
            .ReturnsAsync(true);
    }

    [Test]
    public async Task Handle_PictureKey_ClearsTheReferenceAndMarksTheRecordBeforeDeletingObjectsThenTheRecord()
    {
        // Arrange
        var key = TestData.Key(UserId);
        var upload = TestData.UploadOf(key);
        uploads.Setup(u => u.GetAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync(upload);
        profile.AttachPicture(key, TestData.Earlier);

        // Act
        await Handle();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Picture, Is.Null);
            Assert.That(profile.UpdatedAt, Is.EqualTo(TestData.NowMs));
            Assert.That(upload.State, Is.EqualTo(UploadState.Deleting));
            Assert.That(events, Is.EqualTo(new[] { "save", "delete:" + key.Value, "delete:" + key.ThumbnailKey, "remove:" + key.Value }));
        });
    }

    [Test]
    public async Task Handle_UploadRecordAlreadyGone_StillClearsAndSaves()
    {
        // Arrange
        var key = TestData.Key(UserId);
        uploads.Setup(u => u.GetAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync((PictureUpload?)null);
        profile.AttachPicture(key, TestData.Earlier);

        // Act
        await Handle();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Picture, Is.Null);
            Assert.That(events, Is.EqualTo(new[] { "save", "delete:" + key.Value, "delete:" + key.ThumbnailKey, "remove:" + key.Value }));
        });
    }

    [Test]
    public async Task Handle_StorageUnavailable_SucceedsWithTheReferenceClearedAndTheRecordLeftMarked()
    {
        // Arrange
        var key = TestData.Key(UserId);
        var upload = TestData.UploadOf(key);
        uploads.Setup(u => u.GetAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync(upload);
        profile.AttachPicture(key, TestData.Earlier);
        storage.Setup(s => s.DeleteAsync(key.Value, It.IsAny<CancellationToken>())).ThrowsAsync(new DependencyUnavailableException("object store"));

        // Act
        await Handle();

        // Assert: nothing references the picture; the committed mark is the sweep's to finish
        Assert.That(profile.Picture, Is.Null);
        Assert.That(upload.State, Is.EqualTo(UploadState.Deleting));
        Assert.That(events, Is.EqualTo(new[] { "save" }));
        uploads.Verify(u => u.TryDeleteMarkedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task Handle_DatabaseUnavailable_PropagatesAndNeverDeletesAnObject()
    {
        // Arrange
        var key = TestData.Key(UserId);
        uploads.Setup(u => u.GetAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync(TestData.UploadOf(key));
        profile.AttachPicture(key, TestData.Earlier);
        var failure = new DependencyUnavailableException("database");
        unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(failure);

        // Act
        var ex = await Assert.ThrowsAsync<DependencyUnavailableException>(async () => await Handle());

        // Assert
        Assert.That(ex, Is.SameAs(failure));
        storage.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task Handle_NoPicture_NeverCallsStorage()
    {
        // Act
        await Handle();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(storage.Invocations, Is.Empty);
            Assert.That(profile.UpdatedAt, Is.EqualTo(TestData.Earlier));
        });
        uploads.Verify(u => u.TryDeleteMarkedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task Handle_LegacyPicture_ClearsTheReferenceWithoutTouchingStorage()
    {
        // Arrange
        TestData.SetStoredPicture(profile, "https://cdn.example.com/a.jpg");

        // Act
        await Handle();

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Picture, Is.Null);
            Assert.That(storage.Invocations, Is.Empty);
            Assert.That(events, Is.EqualTo(new[] { "save" }));
        });
    }

    [Test]
    public async Task Handle_MissingProfile_ThrowsNotFound()
    {
        // Arrange
        profiles.Setup(p => p.GetAsync(UserId, It.IsAny<CancellationToken>())).ReturnsAsync((UserProfile?)null);

        // Act & Assert
        await Assert.ThatAsync(async () => await Handle(), Fails.With(ErrorKind.NotFound));
        Assert.That(storage.Invocations, Is.Empty);
    }

    private async Task Handle()
    {
        var handler = new DeletePictureHandler(
            profiles.Object,
            uploads.Object,
            unitOfWork.Object,
            new PictureCleanup(storage.Object, uploads.Object, NullLogger<PictureCleanup>.Instance),
            clock);
        await handler.Handle(new DeletePictureCommand(UserId), CancellationToken.None);
    }
}
