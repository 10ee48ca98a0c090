using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Domain.UnitTests.Pictures;

public sealed class PictureReferenceTests
{
    private static readonly Guid Owner = Guid.Parse("0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b");

    [Test]
    public void FromStored_ServerIssuedKey_SetsKey()
    {
        // Arrange
        var key = PictureKey.Create(Owner, DateTimeOffset.UnixEpoch.AddDays(20_000), ImageFormat.Png);

        // Act
        var reference = PictureReference.FromStored(key.Value);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(reference.Key, Is.EqualTo(key));
            Assert.That(reference.LegacyUrl, Is.Null);
            Assert.That(reference.Stored, Is.EqualTo(key.Value));
        });
    }

    [Test]
    public void ForKey_Key_StoresTheKeyValue()
    {
        // Arrange
        var key = PictureKey.Create(Owner, DateTimeOffset.UnixEpoch.AddDays(20_000), ImageFormat.Gif);

        // Act
        var reference = PictureReference.ForKey(key);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(reference.Key, Is.SameAs(key));
            Assert.That(reference.LegacyUrl, Is.Null);
            Assert.That(reference.Stored, Is.EqualTo(key.Value));
            Assert.That(PictureReference.FromStored(reference.Stored), Is.EqualTo(reference));
        });
    }

    [TestCase("https://cdn.example.com/a.jpg")]
    [TestCase("https://cdn.example.com/path/to/picture.png?v=3#top")]
    [TestCase("https://cdn.example.com:8443/a.jpg")]
    public void FromStored_HttpsUrl_SetsLegacyUrlAndKeepsStored(string stored)
    {
        // Act
        var reference = PictureReference.FromStored(stored);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(reference.Key, Is.Null);
            Assert.That(reference.LegacyUrl, Is.EqualTo(new Uri(stored)));
            Assert.That(reference.LegacyUrl?.Host, Is.EqualTo("cdn.example.com"));
            Assert.That(reference.Stored, Is.EqualTo(stored));
        });
    }

    // Other schemes.
    [TestCase("http://cdn.example.com/a.jpg")]
    [TestCase("javascript:alert(1)")]
    [TestCase("JavaScript:alert(document.cookie)")]
    [TestCase("javascript://cdn.example.com/%0Aalert(1)")]
    [TestCase("data:text/html,<script>alert(1)</script>")]
    [TestCase("data:image/png;base64,iVBORw0KGgo=")]
    [TestCase("vbscript:msgbox(1)")]
    [TestCase("file:///etc/passwd")]
    [TestCase("ftp://cdn.example.com/a.jpg")]
    [TestCase("wss://cdn.example.com/a.jpg")]
    // Scheme-relative and credentials.
    [TestCase("//evil.example/x")]
    [TestCase("//evil.example")]
    [TestCase("https://user:pass@evil.example/")]
    [TestCase("https://user@evil.example/a.jpg")]
    [TestCase("https://cdn.example.com:pass@evil.example/a.jpg")]
    // Whitespace and control characters that browsers strip.
    [TestCase(" https://cdn.example.com/a.jpg")]
    [TestCase("https://cdn.example.com/a.jpg ")]
    [TestCase("\thttps://cdn.example.com/a.jpg")]
    [TestCase("HTTPS:\t//evil.example/x")]
    [TestCase("HTTPS: //evil.example/x")]
    [TestCase("ht\ttps://evil.example/x")]
    [TestCase("https:\n//evil.example/x")]
    [TestCase("https://evil.example/x\n")]
    [TestCase("https://evil.example/x\r\n")]
    [TestCase("\nhttps://evil.example/x")]
    [TestCase("java\nscript:alert(1)")]
    [TestCase("\u00A0https://evil.example/x")]
    [TestCase("https://evil.example/\0x")]
    [TestCase("\u0001https://evil.example/x")]
    // Malformed https.
    [TestCase("https:/\\evil.example/x")]
    [TestCase("https:\\\\evil.example/x")]
    [TestCase("https:/evil.example/x")]
    [TestCase("https:evil.example/x")]
    [TestCase("https:///evil.example/x")]
    [TestCase("https://")]
    [TestCase("https:")]
    // Relative paths and other junk.
    [TestCase("/images/a.jpg")]
    [TestCase("images/a.jpg")]
    [TestCase("../a.jpg")]
    [TestCase("a.jpg")]
    [TestCase("cdn.example.com/a.jpg")]
    [TestCase("profile-pictures/not-a-key.png")]
    [TestCase("")]
    public void FromStored_UnsafeValue_SetsNeitherKeyNorLegacyUrl(string stored)
    {
        // Act
        var reference = PictureReference.FromStored(stored);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(reference.Key, Is.Null);
            Assert.That(reference.LegacyUrl, Is.Null);
            Assert.That(reference.Stored, Is.EqualTo(stored));
        });
    }

    [Test]
    public void FromStored_OverlongHttpsUrl_SetsNeitherKeyNorLegacyUrl()
    {
        // Arrange
        var stored = "https://cdn.example.com/" + new string('a', 2100) + ".jpg";

        // Act
        var reference = PictureReference.FromStored(stored);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(reference.Key, Is.Null);
            Assert.That(reference.LegacyUrl, Is.Null);
        });
    }

    [Test]
    public void FromStored_Null_Throws()
    {
        // Act & Assert
        Assert.That(() => PictureReference.FromStored(null!), Throws.ArgumentNullException);
    }
}
