using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Domain.UnitTests.Pictures;

public sealed class ImageFormatTests
{
    [TestCase("jpg", "image/jpeg")]
    [TestCase("png", "image/png")]
    [TestCase("gif", "image/gif")]
    [TestCase("webp", "image/webp")]
    public void FromExtension_KnownExtension_ReturnsItsFormat(string extension, string contentType)
    {
        // Act
        var format = ImageFormat.FromExtension(extension);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(format, Is.Not.Null);
            Assert.That(format!.Extension, Is.EqualTo(extension));
            Assert.That(format.ContentType, Is.EqualTo(contentType));
            Assert.That(format.ToString(), Is.EqualTo(contentType));
        });
    }

    [TestCase("")]
    [TestCase("jpeg")]
    [TestCase("JPG")]
    [TestCase("PNG")]
    [TestCase(".png")]
    [TestCase("png ")]
    [TestCase("svg")]
    [TestCase("bmp")]
    [TestCase("image/png")]
    public void FromExtension_UnknownExtension_ReturnsNull(string extension)
    {
        // Act
        var format = ImageFormat.FromExtension(extension);

        // Assert
        Assert.That(format, Is.Null);
    }

    [Test]
    public void All_ListsTheFourSupportedFormats()
    {
        // Act
        var contentTypes = ImageFormat.All.Select(f => f.ContentType);

        // Assert
        Assert.That(contentTypes, Is.EquivalentTo(new[] { "image/jpeg", "image/png", "image/gif", "image/webp" }));
    }
}
