using CleanProfiles.Application.Profiles.UploadPicture;

namespace CleanProfiles.Application.UnitTests.Profiles;

public sealed class UploadPictureValidatorTests
{
    private readonly UploadPictureValidator validator = new();

    [Test]
    public void Validate_EmptyUpload_IsRefusedOnFile()
    {
        // Act
        var result = validator.Validate(new UploadPictureCommand(TestData.UserId, ReadOnlyMemory<byte>.Empty));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { nameof(UploadPictureCommand.File) }));
    }

    [TestCase(1)]
    [TestCase(5 * 1024 * 1024)]
    public void Validate_AnyBytes_IsLeftToTheImageProcessor(int length)
    {
        // Act: size limits belong to the web layer's request limits, the type to the picture policy.
        var result = validator.Validate(new UploadPictureCommand(TestData.UserId, new byte[length]));

        // Assert
        Assert.That(result.IsValid, Is.True);
    }
}
