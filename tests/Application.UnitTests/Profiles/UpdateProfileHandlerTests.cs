using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Common.Models;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Application.Profiles.UpdateProfile;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CleanProfiles.Application.UnitTests.Profiles;

public sealed class UpdateProfileHandlerTests
{
    private static readonly Guid UserId = TestData.UserId;

    private Mock<IProfileRepository> profiles = null!;
    private Mock<IPictureUploadRepository> uploads = null!;
    private Mock<IUnitOfWork> unitOfWork = null!;
    private Mock<IObjectStorage> storage = null!;
    private FakeTimeProvider clock = null!;
    private PicturesOptions options = null!;
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
        options = new PicturesOptions();
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
    public async Task Handle_OwnExistingUpload_AttachesItMarksTheUploadAndSaves()
    {
        // Arrange
        var (key, upload) = GivenUpload(UserId);

        // Act
        var result = await Handle(new UpdateProfileCommand(UserId, ProfilePictureKey: key.Value));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Picture?.Key, Is.EqualTo(key));
            Assert.That(upload.AttachedAt, Is.EqualTo(TestData.NowMs));
            Assert.That(profile.UpdatedAt, Is.EqualTo(TestData.NowMs));
            Assert.That(result.ProfilePictureUrl, Is.EqualTo(TestData.SignedUri(key.Value).AbsoluteUri));
            Assert.That(events, Is.EqualTo(new[] { "save" }));
        });
    }

    [Test]
    public async Task Handle_RefusedKey_ThrowsValidationNamingProfilePictureUrlAndNeverSaves(
        [ValueSource(nameof(RefusedKeyCases))] string caseName)
    {
        // Arrange: the profile already shows a picture, which must stay.
        var (current, _) = GivenUpload(UserId);
        profile.AttachPicture(current, TestData.Earlier);
        var rawKey = ArrangeRefusedKey(caseName);

        // Act
        var ex = await Assert.ThrowsAsync<ValidationFailedException>(
            async () => await Handle(new UpdateProfileCommand(UserId, Name: "Changed", ProfilePictureKey: rawKey)));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { nameof(UpdateProfileCommand.ProfilePictureKey) }));
            Assert.That(ex.Errors[nameof(UpdateProfileCommand.ProfilePictureKey)], Is.EqualTo(new[] { UpdateProfileHandler.NotYourUploadMessage }));
            Assert.That(profile.Picture?.Key, Is.EqualTo(current));
            Assert.That(events, Is.Empty, "nothing saved, deleted or removed");
        });
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never());
    }

    private static IEnumerable<string> RefusedKeyCases() =>
    [
        "another user's key",
        "unknown key",
        "upload record but no object",
        "https url",
        "http url",
        "javascript url",
        "data url",
        "scheme-relative url",
        "traversal inside the user's folder",
        "traversal before a valid key",
        "traversal after a valid key",
        "own key with surrounding whitespace",
        "empty string",
    ];

    private string ArrangeRefusedKey(string caseName)
    {
        switch (caseName)
        {
            case "another user's key":
            {
                // Everything about it exists, only the owner is wrong.
                var (key, _) = GivenUpload(TestData.OtherUserId);
                return key.Value;
            }

            case "unknown key":
            {
                var key = TestData.Key(UserId);
                storage.Setup(s => s.ExistsAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync(true);
                uploads.Setup(u => u.GetAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync((PictureUpload?)null);
                return key.Value;
            }

            case "upload record but no object":
                return GivenUpload(UserId, objectExists: false).Key.Value;
            case "https url":
                return "https://cdn.example.com/a.jpg";
            case "http url":
                return "http://cdn.example.com/a.jpg";
            case "javascript url":
                return "javascript:alert(1)";
            case "data url":
                return "data:image/png;base64,iVBORw0KGgo=";
            case "scheme-relative url":
                return "//evil.example/x.png";
            case "traversal inside the user's folder":
                return $"profile-pictures/{UserId:D}/../x.png";
            case "traversal before a valid key":
                return "../" + GivenUpload(UserId).Key.Value;
            case "traversal after a valid key":
                return GivenUpload(UserId).Key.Value + "/../../" + TestData.Key(TestData.OtherUserId).Value;
            case "own key with surrounding whitespace":
                return " " + GivenUpload(UserId).Key.Value + " ";
            case "empty string":
                return "";
            default:
                throw new ArgumentOutOfRangeException(nameof(caseName), caseName, null);
        }
    }

    [Test]
    public async Task Handle_NullPicture_RemovesThePictureAndItsObjects()
    {
        // Arrange
        var (old, oldUpload) = GivenUpload(UserId);
        profile.AttachPicture(old, TestData.Earlier);

        // Act
        var result = await Handle(new UpdateProfileCommand(UserId, ProfilePictureKey: Optional<string?>.Of(null)));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Picture, Is.Null);
            Assert.That(result.ProfilePictureUrl, Is.Null);
            Assert.That(events, Is.EqualTo(new[] { "save", "delete:" + old.Value, "delete:" + old.ThumbnailKey, "remove:" + old.Value }));
        });
        Assert.That(oldUpload.State, Is.EqualTo(UploadState.Deleting), "marked in the same save that stopped referencing it");
    }

    [Test]
    public async Task Handle_NullPictureWithoutPicture_DeletesNothing()
    {
        // Act
        var result = await Handle(new UpdateProfileCommand(UserId, ProfilePictureKey: Optional<string?>.Of(null)));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.ProfilePictureUrl, Is.Null);
            Assert.That(events, Is.EqualTo(new[] { "save" }));
        });
    }

    [Test]
    public async Task Handle_ReplacingThePicture_DeletesTheOldObjectsOnlyAfterSaving()
    {
        // Arrange
        var (old, oldUpload) = GivenUpload(UserId);
        profile.AttachPicture(old, TestData.Earlier);
        var (replacement, _) = GivenUpload(UserId);

        // Act
        var result = await Handle(new UpdateProfileCommand(UserId, ProfilePictureKey: replacement.Value));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Picture?.Key, Is.EqualTo(replacement));
            Assert.That(result.ProfilePictureUrl, Is.EqualTo(TestData.SignedUri(replacement.Value).AbsoluteUri));
            Assert.That(events, Is.EqualTo(new[] { "save", "delete:" + old.Value, "delete:" + old.ThumbnailKey, "remove:" + old.Value }));
        });
        storage.Verify(s => s.DeleteAsync(old.Value, It.IsAny<CancellationToken>()), Times.Once());
        storage.Verify(s => s.DeleteAsync(replacement.Value, It.IsAny<CancellationToken>()), Times.Never());
        Assert.That(oldUpload.State, Is.EqualTo(UploadState.Deleting), "marked in the same save that stopped referencing it");
    }

    [Test]
    public async Task Handle_DeletingTheOldObjectFails_StillSucceedsAndKeepsTheOldRecordMarked()
    {
        // Arrange
        var (old, oldUpload) = GivenUpload(UserId);
        profile.AttachPicture(old, TestData.Earlier);
        var (replacement, _) = GivenUpload(UserId);
        storage
            .Setup(s => s.DeleteAsync(old.Value, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DependencyUnavailableException("object store"));

        // Act
        var result = await Handle(new UpdateProfileCommand(UserId, ProfilePictureKey: replacement.Value));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Picture?.Key, Is.EqualTo(replacement));
            Assert.That(result.ProfilePictureUrl, Is.EqualTo(TestData.SignedUri(replacement.Value).AbsoluteUri));
            Assert.That(events, Is.EqualTo(new[] { "save" }));
            Assert.That(oldUpload.State, Is.EqualTo(UploadState.Deleting), "the orphan sweep finishes it");
        });
        uploads.Verify(u => u.TryDeleteMarkedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task Handle_RemovingTheOldRecordFails_StillSucceeds()
    {
        // Arrange
        var (old, _) = GivenUpload(UserId);
        profile.AttachPicture(old, TestData.Earlier);
        var (replacement, _) = GivenUpload(UserId);
        uploads
            .Setup(u => u.TryDeleteMarkedAsync(old.Value, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DependencyUnavailableException("database"));

        // Act
        var result = await Handle(new UpdateProfileCommand(UserId, ProfilePictureKey: replacement.Value));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Picture?.Key, Is.EqualTo(replacement));
            Assert.That(result.ProfilePictureUrl, Is.EqualTo(TestData.SignedUri(replacement.Value).AbsoluteUri));
        });
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once());
    }

    [Test]
    public async Task Handle_AttachingTheCurrentPictureAgain_DeletesNothing()
    {
        // Arrange
        var (current, currentUpload) = GivenUpload(UserId);
        profile.AttachPicture(current, TestData.Earlier);

        // Act
        var result = await Handle(new UpdateProfileCommand(UserId, ProfilePictureKey: current.Value));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Picture?.Key, Is.EqualTo(current));
            Assert.That(result.ProfilePictureUrl, Is.EqualTo(TestData.SignedUri(current.Value).AbsoluteUri));
            Assert.That(events, Is.EqualTo(new[] { "save" }));
        });
        uploads.Verify(u => u.TryDeleteMarkedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task Handle_ReplacingALegacyPicture_DeletesNothingFromStorage()
    {
        // Arrange
        TestData.SetStoredPicture(profile, "https://cdn.example.com/old.jpg");
        var (replacement, _) = GivenUpload(UserId);

        // Act
        await Handle(new UpdateProfileCommand(UserId, ProfilePictureKey: replacement.Value));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(profile.Picture?.Key, Is.EqualTo(replacement));
            Assert.That(events, Is.EqualTo(new[] { "save" }));
        });
    }

    [Test]
    public async Task Handle_PartialUpdate_LeavesAbsentFieldsUnchanged()
    {
        // Arrange
        var (picture, _) = GivenUpload(UserId);
        profile.ChangeHeadline("Old headline", TestData.Earlier);
        profile.ChangeBio("Old bio", TestData.Earlier);
        profile.ChangeGraduationYear(1990, TestData.Earlier);
        profile.AttachPicture(picture, TestData.Earlier);

        // Act
        var result = await Handle(new UpdateProfileCommand(UserId, Headline: "New headline"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Name, Is.EqualTo("Ada Lovelace"));
            Assert.That(result.Headline, Is.EqualTo("New headline"));
            Assert.That(result.Bio, Is.EqualTo("Old bio"));
            Assert.That(result.GraduationYear, Is.EqualTo(1990));
            Assert.That(profile.Picture?.Key, Is.EqualTo(picture));
            Assert.That(result.ProfilePictureUrl, Is.EqualTo(TestData.SignedUri(picture.Value).AbsoluteUri));
            Assert.That(result.UpdatedAt, Is.EqualTo(TestData.NowMs));
        });
        storage.Verify(s => s.ExistsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
        storage.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
        uploads.Verify(u => u.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task Handle_EveryField_AppliesThemAndSavesOnce()
    {
        // Act
        var result = await Handle(new UpdateProfileCommand(
            UserId,
            Name: "  Grace Hopper ",
            Headline: "Rear admiral",
            Bio: "Compilers.\nCOBOL.",
            GraduationYear: 1928));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.UserId, Is.EqualTo(UserId));
            Assert.That(result.Name, Is.EqualTo("Grace Hopper"));
            Assert.That(result.Headline, Is.EqualTo("Rear admiral"));
            Assert.That(result.Bio, Is.EqualTo("Compilers.\nCOBOL."));
            Assert.That(result.GraduationYear, Is.EqualTo(1928));
            Assert.That(result.ProfilePictureUrl, Is.Null);
            Assert.That(events, Is.EqualTo(new[] { "save" }));
        });
    }

    [Test]
    public async Task Handle_NullOptionalFields_ClearsThem()
    {
        // Arrange
        profile.ChangeHeadline("Old headline", TestData.Earlier);
        profile.ChangeBio("Old bio", TestData.Earlier);
        profile.ChangeGraduationYear(1990, TestData.Earlier);

        // Act
        var result = await Handle(new UpdateProfileCommand(
            UserId,
            Headline: Optional<string?>.Of(null),
            Bio: Optional<string?>.Of(null),
            GraduationYear: Optional<int?>.Of(null)));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Headline, Is.Null);
            Assert.That(result.Bio, Is.Null);
            Assert.That(result.GraduationYear, Is.Null);
        });
    }

    [Test]
    public async Task Handle_UploadNotStoredOrBeingDeleted_ThrowsValidationAndNeverSaves([Values] bool pending)
    {
        // Arrange: an upload whose objects may not all be written, or whose deletion was decided
        var key = TestData.Key(UserId);
        var upload = new PictureUpload(key, key.Format.ContentType, 1234, null, null, TestData.Earlier);
        if (!pending)
        {
            upload.MarkForDeletion(TestData.Earlier);
        }

        uploads.Setup(u => u.GetAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync(upload);
        storage.Setup(s => s.ExistsAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync(true);

        // Act & Assert
        await Assert.ThatAsync(
            async () => await Handle(new UpdateProfileCommand(UserId, ProfilePictureKey: key.Value)),
            Fails.With(ErrorKind.Invalid));
        Assert.That(events, Is.Empty);
        Assert.That(profile.Picture, Is.Null);
    }

    [Test]
    public async Task Handle_MissingProfile_ThrowsNotFoundAndNeverSaves()
    {
        // Arrange
        profiles.Setup(p => p.GetAsync(UserId, It.IsAny<CancellationToken>())).ReturnsAsync((UserProfile?)null);

        // Act & Assert
        await Assert.ThatAsync(
            async () => await Handle(new UpdateProfileCommand(UserId, Name: "New")),
            Fails.With(ErrorKind.NotFound));
        Assert.That(events, Is.Empty);
    }

    [Test]
    public async Task Handle_ConcurrencyConflictOnSave_PropagatesAndKeepsTheOldObjects()
    {
        // Arrange
        var (old, _) = GivenUpload(UserId);
        profile.AttachPicture(old, TestData.Earlier);
        var (replacement, _) = GivenUpload(UserId);
        var conflict = new ConcurrencyConflictException();
        unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(conflict);

        // Act
        var ex = await Assert.ThrowsAsync<ConcurrencyConflictException>(
            async () => await Handle(new UpdateProfileCommand(UserId, ProfilePictureKey: replacement.Value)));

        // Assert
        Assert.That(ex, Is.SameAs(conflict));
        storage.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
        uploads.Verify(u => u.TryDeleteMarkedAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    private async Task<ProfileDto> Handle(UpdateProfileCommand command)
    {
        var handler = new UpdateProfileHandler(
            profiles.Object,
            uploads.Object,
            unitOfWork.Object,
            storage.Object,
            new PictureCleanup(storage.Object, uploads.Object, NullLogger<PictureCleanup>.Instance),
            new ProfileViews(storage.Object, Options.Create(options)),
            clock);
        return await handler.Handle(command, CancellationToken.None);
    }

    /// <summary>An upload of <paramref name="owner"/> with its record and, unless told otherwise, its stored object.</summary>
    private (PictureKey Key, PictureUpload Upload) GivenUpload(Guid owner, bool objectExists = true)
    {
        var key = TestData.Key(owner);
        var upload = TestData.UploadOf(key);
        uploads.Setup(u => u.GetAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync(upload);
        storage.Setup(s => s.ExistsAsync(key.Value, It.IsAny<CancellationToken>())).ReturnsAsync(objectExists);
        return (key, upload);
    }
}
