using CleanProfiles.Infrastructure.Storage;

namespace CleanProfiles.Infrastructure.IntegrationTests.Storage;

public sealed class MediaLinkBaseTests
{
    [TestCase("https://api.example.com/media/")]
    [TestCase("http://localhost:5080/base/media/")]
    public void Create_AbsoluteUrlEndingWithASlash_KeepsIt(string url)
    {
        // Act
        var links = new MediaLinkBase(new Uri(url));

        // Assert
        Assert.That(links.Value.AbsoluteUri, Is.EqualTo(url));
    }

    [TestCase("https://api.example.com/media", UriKind.Absolute)]
    [TestCase("/media/", UriKind.Relative)]
    public void Create_RelativeOrWithoutTrailingSlash_Throws(string url, UriKind kind)
    {
        // Act / Assert: keys are appended to it, so anything else would drop or glue a path segment.
        Assert.That(() => new MediaLinkBase(new Uri(url, kind)), Throws.ArgumentException);
    }
}
