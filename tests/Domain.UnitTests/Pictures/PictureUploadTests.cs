using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Domain.UnitTests.Pictures;

public sealed class PictureUploadTests
{
    private static readonly Guid Owner = Guid.Parse("0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b");
    private static readonly DateTimeOffset Now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Constructor_Key_TakesOwnerAndValueFromTheKey()
    {
        // Arrange
        var key = PictureKey.Create(Owner, Now, ImageFormat.Png);

        // Act
        var upload = new PictureUpload(key, "image/png", 42, width: null, height: null, Now);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(upload.Key, Is.EqualTo(key.Value));
            Assert.That(upload.UserId, Is.EqualTo(Owner));
            Assert.That(upload.ContentType, Is.EqualTo("image/png"));
            Assert.That(upload.SizeBytes, Is.EqualTo(42));
            Assert.That(upload.CreatedAt, Is.EqualTo(Now));
            Assert.That(upload.AttachedAt, Is.Null);
        });
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Constructor_NoBytes_Throws(long size)
    {
        // Arrange
        var key = PictureKey.Create(Owner, Now, ImageFormat.Png);

        // Act & Assert
        Assert.That(
            () => new PictureUpload(key, "image/png", size, width: null, height: null, Now),
            Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void MarkAttached_Twice_RecordsTheLatestAttach()
    {
        // Arrange
        var upload = new PictureUpload(PictureKey.Create(Owner, Now, ImageFormat.Png), "image/png", 42, null, null, Now);

        // Act
        upload.MarkAttached(Now.AddMinutes(1));
        upload.MarkAttached(Now.AddMinutes(2));

        // Assert: every attach writes the record, so an attach racing the orphan sweeper's delete conflicts.
        Assert.That(upload.AttachedAt, Is.EqualTo(Now.AddMinutes(2)));
    }

    [Test]
    public void Constructor_NewUpload_IsPendingAndNotAttachable()
    {
        // Act
        var upload = new PictureUpload(PictureKey.Create(Owner, Now, ImageFormat.Png), "image/png", 42, null, null, Now);

        // Assert: the intent is recorded before any object is written
        Assert.That(upload.State, Is.EqualTo(UploadState.Pending));
        Assert.That(upload.IsAttachable, Is.False);
    }

    [Test]
    public void MarkStored_Pending_BecomesAttachable()
    {
        // Arrange
        var upload = new PictureUpload(PictureKey.Create(Owner, Now, ImageFormat.Png), "image/png", 42, null, null, Now);

        // Act
        upload.MarkStored();

        // Assert
        Assert.That(upload.State, Is.EqualTo(UploadState.Stored));
        Assert.That(upload.IsAttachable, Is.True);
    }

    [Test]
    public void MarkStored_MarkedForDeletion_Throws()
    {
        // Arrange
        var upload = new PictureUpload(PictureKey.Create(Owner, Now, ImageFormat.Png), "image/png", 42, null, null, Now);
        upload.MarkForDeletion(Now);

        // Act & Assert: a decided deletion is never undone
        Assert.That(upload.MarkStored, Throws.InvalidOperationException);
        Assert.That(upload.IsAttachable, Is.False);
    }
}
