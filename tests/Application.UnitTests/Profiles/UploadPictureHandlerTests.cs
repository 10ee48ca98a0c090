using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Application.Profiles.UploadPicture;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CleanProfiles.Application.UnitTests.Profiles;

public sealed class UploadPictureHandlerTests
{
    private static readonly Guid UserId = TestData.UserId;

    // What the (mocked) image processor makes of any upload: a re-encoded JPEG picture and a WebP thumbnail.
    private static readonly EncodedImage Picture = new([0xFF, 0xD8, 0xFF, 1, 2, 3], ImageFormat.Jpeg, 640, 480);
    private static readonly EncodedImage Thumbnail = new([.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, 9], ImageFormat.WebP, 256, 256);

    private Mock<IProfileRepository> profiles = null!;
    private Mock<IPictureUploadRepository> uploads = null!;
    private Mock<IUnitOfWork> unitOfWork = null!;
    private Mock<IObjectStorage> storage = null!;
    private Mock<IImageProcessor> images = null!;
    private FakeTimeProvider clock = null!;
    private PicturesOptions options = null!;

    private Dictionary<string, (byte[] Bytes, string ContentType)> stored = null!;
    private byte[]? processedInput;
    private Guid? processedFor;
    private PictureUpload? addedUpload;

    [SetUp]
    public void SetUp()
    {
        profiles = new Mock<IProfileRepository>();
        uploads = new Mock<IPictureUploadRepository>();
        unitOfWork = new Mock<IUnitOfWork>();
        storage = TestData.Storage();
        images = new Mock<IImageProcessor>();
        clock = new FakeTimeProvider(TestData.Now);
        options = new PicturesOptions { UrlLifetime = TimeSpan.FromHours(2) };

        stored = [];
        processedInput = null;
        processedFor = null;
        addedUpload = null;

        profiles.Setup(p => p.GetAsync(UserId, It.IsAny<CancellationToken>())).ReturnsAsync(TestData.Profile(UserId));
        storage
            .Setup(s => s.PutAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string key, Stream content, string contentType, CancellationToken _) =>
            {
                using var copy = new MemoryStream();
                content.CopyTo(copy);
                lock (stored)
                {
                    stored[key] = (copy.ToArray(), contentType);
                }
            })
            .Returns(Task.CompletedTask);
        images
            .Setup(i => i.ProcessAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .Callback((ReadOnlyMemory<byte> content, Guid owner, CancellationToken _) => (processedInput, processedFor) = (content.ToArray(), owner))
            .ReturnsAsync(new ProcessedPicture(Picture, Thumbnail));
        uploads.Setup(u => u.Add(It.IsAny<PictureUpload>())).Callback((PictureUpload upload) => addedUpload = upload);
    }

    [Test]
    public async Task Handle_ValidImage_StoresPictureAndThumbnailUnderAKeyOwnedByTheUser()
    {
        var content = TestData.Png(300);

        var result = await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None);

        var parsed = PictureKey.TryParse(result.PictureKey, out var key);
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True, $"stored under '{result.PictureKey}'");
            Assert.That(key!.OwnerId, Is.EqualTo(UserId));
            Assert.That(key.CreatedAt, Is.EqualTo(TestData.NowMs));
            Assert.That(key.Format, Is.EqualTo(ImageFormat.Jpeg), "the key names the stored format, not the uploaded one");
            Assert.That(stored.Keys, Is.EquivalentTo(new[] { key.Value, key.ThumbnailKey }));
            Assert.That(stored[key.Value].Bytes, Is.EqualTo(Picture.Content));
            Assert.That(stored[key.Value].ContentType, Is.EqualTo("image/jpeg"));
            Assert.That(stored[key.ThumbnailKey].Bytes, Is.EqualTo(Thumbnail.Content));
            Assert.That(stored[key.ThumbnailKey].ContentType, Is.EqualTo("image/webp"));
        });
    }

    [Test]
    public async Task Handle_AnyUpload_IsHandedToTheProcessorWholeAndUnchanged()
    {
        // What the bytes are is the processor's to prove; the handler neither sniffs nor trims them.
        var upload = System.Text.Encoding.UTF8.GetBytes("<svg onload=alert(1)>, or anything else");
        var content = upload;

        await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None);

        Assert.That(processedInput, Is.EqualTo(upload));
        Assert.That(processedFor, Is.EqualTo(UserId), "processed in the uploader's turn");
    }

    [Test]
    public async Task Handle_ValidImage_RecordsTheStoredPictureAndSaves()
    {
        var content = TestData.Png(321);

        var result = await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(addedUpload, Is.Not.Null);
            Assert.That(addedUpload!.Key, Is.EqualTo(result.PictureKey));
            Assert.That(addedUpload.UserId, Is.EqualTo(UserId));
            Assert.That(addedUpload.ContentType, Is.EqualTo("image/jpeg"));
            Assert.That(addedUpload.SizeBytes, Is.EqualTo(Picture.Content.Length));
            Assert.That(addedUpload.Width, Is.EqualTo(640));
            Assert.That(addedUpload.Height, Is.EqualTo(480));
            Assert.That(addedUpload.CreatedAt, Is.EqualTo(TestData.NowMs));
            Assert.That(addedUpload.AttachedAt, Is.Null);
            Assert.That(addedUpload.State, Is.EqualTo(UploadState.Stored));
        });
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }

    [Test]
    public async Task Handle_ValidImage_ReturnsUrlsKeyAndExpiryFromStorage()
    {
        var content = TestData.Gif(77);

        var result = await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None);

        Assert.That(PictureKey.TryParse(result.PictureKey, out var key), Is.True);
        Assert.Multiple(() =>
        {
            Assert.That(result.Url, Is.EqualTo(TestData.SignedUri(key!.Value).AbsoluteUri));
            Assert.That(result.ThumbnailUrl, Is.EqualTo(TestData.SignedUri(key.ThumbnailKey).AbsoluteUri));
            Assert.That(result.ExpiresAt, Is.EqualTo(TestData.SignedExpiry(options.UrlLifetime)));
            Assert.That(result.ContentType, Is.EqualTo("image/jpeg"));
            Assert.That(result.SizeBytes, Is.EqualTo(Picture.Content.Length));
            Assert.That((result.Width, result.Height), Is.EqualTo((640, 480)));
        });
    }

    [Test]
    public async Task Handle_TwoUploads_UseDifferentKeys()
    {
        var first = TestData.Png();
        var second = TestData.Png();
        var handler = CreateHandler();

        var a = await handler.Handle(new UploadPictureCommand(UserId, first), CancellationToken.None);
        var b = await handler.Handle(new UploadPictureCommand(UserId, second), CancellationToken.None);

        Assert.That(b.PictureKey, Is.Not.EqualTo(a.PictureKey));
    }

    [Test]
    public async Task Handle_MissingProfile_ThrowsNotFoundAndProcessesNothing()
    {
        profiles.Setup(p => p.GetAsync(UserId, It.IsAny<CancellationToken>())).ReturnsAsync((UserProfile?)null);
        var content = TestData.Png();

        await Assert.ThatAsync(
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None),
            Fails.With(ErrorKind.NotFound));

        AssertNothingProcessedOrStored();
    }

    [TestCase(PictureRejection.TooManyPixels, ErrorKind.TooLarge)]
    [TestCase(PictureRejection.NotAnAcceptedFormat, ErrorKind.UnsupportedContent)]
    [TestCase(PictureRejection.Undecodable, ErrorKind.Invalid)]
    [TestCase(PictureRejection.TooManyScans, ErrorKind.TooCostly)]
    [TestCase(PictureRejection.TimedOut, ErrorKind.TooCostly)]
    [TestCase(PictureRejection.TooLargeToDecode, ErrorKind.TooLarge)]
    public async Task Handle_ProcessorRefusesThePicture_FailsWithItsKindAndMessageAndStoresNothing(PictureRejection reason, ErrorKind kind)
    {
        images
            .Setup(i => i.ProcessAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<Guid>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new PictureRejectedException(reason, "refused: 30000 x 30000"));
        var content = TestData.Png();

        var ex = await Assert.ThrowsAsync(
            Is.InstanceOf<ApplicationErrorException>(),
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None)) as ApplicationErrorException;

        Assert.That(ex!.Kind, Is.EqualTo(kind));
        Assert.That(
            ex is ValidationFailedException invalid ? invalid.Errors[nameof(UploadPictureCommand.File)].Single() : ex.Message,
            Is.EqualTo("refused: 30000 x 30000"));
        Assert.That(stored, Is.Empty);
        AssertNothingRecorded();
    }

    [Test]
    public async Task Handle_ValidImage_CommitsThePendingIntentBeforeAnyObjectThenMarksItStored()
    {
        var events = new List<string>();
        unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()))
            .Callback(() => events.Add("save:" + addedUpload?.State))
            .Returns(Task.CompletedTask);
        storage
            .Setup(s => s.PutAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback(() =>
            {
                lock (events)
                {
                    events.Add("put");
                }
            })
            .Returns(Task.CompletedTask);

        await CreateHandler().Handle(new UploadPictureCommand(UserId, TestData.Png()), CancellationToken.None);

        Assert.That(events, Is.EqualTo(new[] { "save:Pending", "put", "put", "save:Stored" }));
    }

    [Test]
    public async Task Handle_IntentCannotBeRecorded_WritesNoObject()
    {
        var failure = new DependencyUnavailableException("database");
        unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(failure);

        var ex = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, TestData.Png()), CancellationToken.None));

        Assert.That(ex, Is.SameAs(failure));
        Assert.That(stored, Is.Empty, "bytes only after the intent is durable");
    }

    [Test]
    public async Task Handle_ThumbnailCannotBeStored_LeavesThePendingRecordForTheSweepAndDeletesNothingItself()
    {
        storage
            .Setup(s => s.PutAsync(It.Is<string>(k => k.EndsWith(PictureKey.ThumbnailSuffix, StringComparison.Ordinal)), It.IsAny<Stream>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DependencyUnavailableException("object store"));

        await Assert.ThatAsync(
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, TestData.Png()), CancellationToken.None),
            Throws.TypeOf<DependencyUnavailableException>());

        Assert.That(addedUpload?.State, Is.EqualTo(UploadState.Pending));
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once());
        storage.Verify(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    private void AssertNothingProcessedOrStored()
    {
        images.Verify(i => i.ProcessAsync(It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<Guid>(), It.IsAny<CancellationToken>()), Times.Never());
        Assert.That(storage.Invocations, Is.Empty);
        AssertNothingRecorded();
    }

    private void AssertNothingRecorded()
    {
        uploads.Verify(u => u.Add(It.IsAny<PictureUpload>()), Times.Never());
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never());
    }

    private UploadPictureHandler CreateHandler() => new(
        profiles.Object,
        uploads.Object,
        unitOfWork.Object,
        storage.Object,
        images.Object,
        clock,
        Options.Create(options));
}
