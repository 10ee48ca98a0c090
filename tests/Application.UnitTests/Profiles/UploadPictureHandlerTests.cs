using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Application.Profiles;
using CleanProfiles.Application.Profiles.UploadPicture;
using CleanProfiles.Domain.Pictures;
using CleanProfiles.Domain.Profiles;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CleanProfiles.Application.UnitTests.Profiles;

public sealed class UploadPictureHandlerTests
{
    private const long MaxBytes = 1000;

    private static readonly Guid UserId = TestData.UserId;

    private Mock<IProfileRepository> profiles = null!;
    private Mock<IPictureUploadRepository> uploads = null!;
    private Mock<IUnitOfWork> unitOfWork = null!;
    private Mock<IObjectStorage> storage = null!;
    private FakeTimeProvider clock = null!;
    private PicturesOptions options = null!;

    private string? storedKey;
    private byte[]? storedBytes;
    private string? storedContentType;
    private PictureUpload? addedUpload;

    [SetUp]
    public void SetUp()
    {
        profiles = new Mock<IProfileRepository>();
        uploads = new Mock<IPictureUploadRepository>();
        unitOfWork = new Mock<IUnitOfWork>();
        storage = TestData.Storage();
        clock = new FakeTimeProvider(TestData.Now);
        options = new PicturesOptions { MaxBytes = MaxBytes, UrlLifetime = TimeSpan.FromHours(2) };

        storedKey = null;
        storedBytes = null;
        storedContentType = null;
        addedUpload = null;

        profiles.Setup(p => p.GetAsync(UserId, It.IsAny<CancellationToken>())).ReturnsAsync(TestData.Profile(UserId));
        storage
            .Setup(s => s.PutAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string key, Stream content, string contentType, CancellationToken _) =>
            {
                using var copy = new MemoryStream();
                content.CopyTo(copy);
                storedKey = key;
                storedBytes = copy.ToArray();
                storedContentType = contentType;
            })
            .Returns(Task.CompletedTask);
        uploads.Setup(u => u.Add(It.IsAny<PictureUpload>())).Callback((PictureUpload upload) => addedUpload = upload);
    }

    [Test]
    public async Task Handle_Png_StoresItUnderAKeyOwnedByTheUserWithTheDetectedType()
    {
        // Arrange
        var png = TestData.Png(300);
        using var content = new MemoryStream(png);

        // Act
        await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None);

        // Assert
        var parsed = PictureKey.TryParse(storedKey, out var key);
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True, $"stored under '{storedKey}'");
            Assert.That(key!.OwnerId, Is.EqualTo(UserId));
            Assert.That(key.Format, Is.EqualTo(ImageFormat.Png));
            Assert.That(key.CreatedAt, Is.EqualTo(TestData.NowMs));
            Assert.That(storedContentType, Is.EqualTo("image/png"));
            Assert.That(storedBytes, Is.EqualTo(png));
        });
    }

    [TestCaseSource(typeof(ImageFormat), nameof(ImageFormat.All))]
    public async Task Handle_EachSupportedFormat_UsesTheDetectedContentTypeAndExtension(ImageFormat format)
    {
        // Arrange
        using var content = new MemoryStream(TestData.ImageOf(format, 100));

        // Act
        var result = await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(storedContentType, Is.EqualTo(format.ContentType));
            Assert.That(storedKey, Does.EndWith("." + format.Extension));
            Assert.That(result.ContentType, Is.EqualTo(format.ContentType));
            Assert.That(addedUpload?.ContentType, Is.EqualTo(format.ContentType));
        });
    }

    [Test]
    public async Task Handle_ValidImage_RecordsTheUploadAndSaves()
    {
        // Arrange
        using var content = new MemoryStream(TestData.Png(321));

        // Act
        await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(addedUpload, Is.Not.Null);
            Assert.That(addedUpload!.Key, Is.EqualTo(storedKey));
            Assert.That(addedUpload.UserId, Is.EqualTo(UserId));
            Assert.That(addedUpload.ContentType, Is.EqualTo("image/png"));
            Assert.That(addedUpload.SizeBytes, Is.EqualTo(321));
            Assert.That(addedUpload.CreatedAt, Is.EqualTo(TestData.NowMs));
            Assert.That(addedUpload.AttachedAt, Is.Null);
        });
        uploads.Verify(u => u.Add(It.IsAny<PictureUpload>()), Times.Once());
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once());
    }

    [Test]
    public async Task Handle_ValidImage_ReturnsUrlKeyAndExpiryFromStorage()
    {
        // Arrange
        using var content = new MemoryStream(TestData.Gif(77));

        // Act
        var result = await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.Key, Is.EqualTo(storedKey));
            Assert.That(result.Url, Is.EqualTo(TestData.SignedUri(storedKey!).AbsoluteUri));
            Assert.That(result.ExpiresAt, Is.EqualTo(TestData.SignedExpiry(options.UrlLifetime)));
            Assert.That(result.ContentType, Is.EqualTo("image/gif"));
            Assert.That(result.SizeBytes, Is.EqualTo(77));
        });
        storage.Verify(s => s.GetReadUrl(storedKey!, options.UrlLifetime), Times.Once());
    }

    [Test]
    public async Task Handle_TwoUploads_UseDifferentKeys()
    {
        // Arrange
        using var first = new MemoryStream(TestData.Png());
        using var second = new MemoryStream(TestData.Png());
        var handler = CreateHandler();

        // Act
        var a = await handler.Handle(new UploadPictureCommand(UserId, first), CancellationToken.None);
        var b = await handler.Handle(new UploadPictureCommand(UserId, second), CancellationToken.None);

        // Assert
        Assert.That(b.Key, Is.Not.EqualTo(a.Key));
    }

    [Test]
    public async Task Handle_EmptyStream_ThrowsValidationNamingFileAndStoresNothing()
    {
        // Arrange
        using var content = new MemoryStream();

        // Act & Assert
        var ex = await Assert.ThrowsAsync<RequestValidationException>(
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Errors.Keys, Is.EquivalentTo(new[] { "file" }));
            Assert.That(storage.Invocations, Is.Empty);
        });
        AssertNothingRecorded();
    }

    [Test]
    public async Task Handle_OneByteMoreThanMaxBytes_ThrowsPayloadTooLargeAndNeverCallsStorage()
    {
        // Arrange
        using var content = new MemoryStream(TestData.Png((int)MaxBytes + 1));

        // Act & Assert
        var ex = await Assert.ThrowsAsync<PayloadTooLargeException>(
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.LimitBytes, Is.EqualTo(MaxBytes));
            Assert.That(storage.Invocations, Is.Empty);
        });
        AssertNothingRecorded();
    }

    [Test]
    public async Task Handle_EndlessStream_ThrowsPayloadTooLargeWithoutReadingItWhole()
    {
        // Arrange
        using var content = new EndlessStream(TestData.Png(16));

        // Act & Assert
        await Assert.ThatAsync(
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None),
            Throws.TypeOf<PayloadTooLargeException>());
        Assert.Multiple(() =>
        {
            Assert.That(content.BytesRead, Is.LessThan(MaxBytes + (1024 * 1024)));
            Assert.That(storage.Invocations, Is.Empty);
        });
    }

    [Test]
    public async Task Handle_ExactlyMaxBytes_IsAccepted()
    {
        // Arrange
        var png = TestData.Png((int)MaxBytes);
        using var content = new MemoryStream(png);

        // Act
        var result = await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(result.SizeBytes, Is.EqualTo(MaxBytes));
            Assert.That(storedBytes, Is.EqualTo(png));
        });
    }

    [Test]
    public async Task Handle_StreamDeliveredInSmallChunks_StoresEveryByte()
    {
        // Arrange
        var png = TestData.Png(999);
        using var content = new TrickleStream(png, chunkSize: 7);

        // Act
        await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None);

        // Assert
        Assert.That(storedBytes, Is.EqualTo(png));
    }

    [TestCase("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [TestCase("<html><script>alert(1)</script></html>")]
    [TestCase("%PDF-1.7")]
    [TestCase("BM6\0\0\0")]
    [TestCase("just some text")]
    public async Task Handle_UnknownContent_ThrowsUnsupportedMediaTypeAndStoresNothing(string text)
    {
        // Arrange
        using var content = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));

        // Act & Assert
        await Assert.ThatAsync(
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None),
            Throws.TypeOf<UnsupportedMediaTypeException>());
        Assert.That(storage.Invocations, Is.Empty);
        AssertNothingRecorded();
    }

    [Test]
    public async Task Handle_MissingProfile_ThrowsNotFoundAndStoresNothing()
    {
        // Arrange
        profiles.Setup(p => p.GetAsync(UserId, It.IsAny<CancellationToken>())).ReturnsAsync((UserProfile?)null);
        using var content = new MemoryStream(TestData.Png());

        // Act & Assert
        await Assert.ThatAsync(
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None),
            Throws.TypeOf<NotFoundException>());
        Assert.That(storage.Invocations, Is.Empty);
        AssertNothingRecorded();
    }

    [Test]
    public async Task Handle_SaveChangesThrows_DeletesTheStoredObjectAndRethrows()
    {
        // Arrange
        var failure = new DependencyUnavailableException("database");
        unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        using var content = new MemoryStream(TestData.Png());

        // Act & Assert
        var ex = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None));
        Assert.Multiple(() =>
        {
            Assert.That(ex, Is.SameAs(failure));
            Assert.That(storedKey, Is.Not.Null);
        });
        storage.Verify(s => s.DeleteAsync(storedKey!, It.IsAny<CancellationToken>()), Times.Once());
        storage.Verify(s => s.GetReadUrl(It.IsAny<string>(), It.IsAny<TimeSpan>()), Times.Never());
    }

    [Test]
    public async Task Handle_SaveChangesAndCleanupBothThrow_RethrowsTheSaveFailure()
    {
        // Arrange
        var failure = new InvalidOperationException("save failed");
        unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(failure);
        storage
            .Setup(s => s.DeleteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DependencyUnavailableException("object store"));
        using var content = new MemoryStream(TestData.Png());

        // Act & Assert
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None));
        Assert.That(ex, Is.SameAs(failure));
        storage.Verify(s => s.DeleteAsync(storedKey!, It.IsAny<CancellationToken>()), Times.Once());
    }

    [Test]
    public async Task Handle_StorageUnavailable_PropagatesAndRecordsNothing()
    {
        // Arrange
        storage
            .Setup(s => s.PutAsync(It.IsAny<string>(), It.IsAny<Stream>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new DependencyUnavailableException("object store"));
        using var content = new MemoryStream(TestData.Png());

        // Act & Assert
        await Assert.ThatAsync(
            async () => await CreateHandler().Handle(new UploadPictureCommand(UserId, content), CancellationToken.None),
            Throws.TypeOf<DependencyUnavailableException>());
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
        new PictureCleanup(storage.Object, uploads.Object, unitOfWork.Object, NullLogger<PictureCleanup>.Instance),
        clock,
        Options.Create(options));

    /// <summary>A non-seekable body that never ends: the image header, then filler for ever.</summary>
    private sealed class EndlessStream(byte[] header) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            for (var i = 0; i < count; i++)
            {
                buffer[offset + i] = BytesRead + i < header.Length ? header[BytesRead + i] : (byte)0x42;
            }

            BytesRead += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A non-seekable body that hands out at most a few bytes per read, as a network stream may.</summary>
    private sealed class TrickleStream(byte[] content, int chunkSize) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, chunkSize), content.Length - position);
            Array.Copy(content, position, buffer, offset, n);
            position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
