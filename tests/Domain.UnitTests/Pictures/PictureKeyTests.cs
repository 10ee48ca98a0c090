using System.Globalization;
using CleanProfiles.Domain.Pictures;

namespace CleanProfiles.Domain.UnitTests.Pictures;

public sealed class PictureKeyTests
{
    private const string OwnerText = "0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b";
    private const string Random = "abcdefghijk23456";
    private const string Millis = "1741964966535";
    private const string ValidKey = $"profile-pictures/{OwnerText}/{Millis}-{Random}.png";

    private static readonly Guid Owner = Guid.Parse(OwnerText);

    // A moment with sub-millisecond ticks, to show the key keeps whole milliseconds.
    private static readonly DateTimeOffset Now =
        new DateTimeOffset(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero).AddTicks(8979);

    [Test]
    public void Create_ValidInput_ProducesTheDocumentedShape()
    {
        // Arrange
        var millis = Now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

        // Act
        var key = PictureKey.Create(Owner, Now, ImageFormat.Png);

        // Assert
        Assert.That(
            key.Value,
            Does.Match($@"\Aprofile-pictures/{OwnerText}/{millis}-[a-z2-7]{{16}}\.png\z"));
    }

    [TestCaseSource(typeof(ImageFormat), nameof(ImageFormat.All))]
    public void Create_EachFormat_UsesItsExtensionAndRoundTripsThroughTryParse(ImageFormat format)
    {
        // Arrange
        var created = PictureKey.Create(Owner, Now, format);

        // Act
        var parsed = PictureKey.TryParse(created.Value, out var key);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(created.Value, Does.EndWith("." + format.Extension));
            Assert.That(parsed, Is.True);
            Assert.That(key!.Value, Is.EqualTo(created.Value));
            Assert.That(key.OwnerId, Is.EqualTo(Owner));
            Assert.That(key.CreatedAt, Is.EqualTo(DateTimeOffset.FromUnixTimeMilliseconds(Now.ToUnixTimeMilliseconds())));
            Assert.That(key.Format, Is.EqualTo(format));
            Assert.That(key, Is.EqualTo(created));
        });
    }

    [Test]
    public void Create_ValidInput_KeepsOwnerAndWholeMilliseconds()
    {
        // Act
        var key = PictureKey.Create(Owner, Now, ImageFormat.Jpeg);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(key.OwnerId, Is.EqualTo(Owner));
            Assert.That(key.CreatedAt, Is.EqualTo(Now.AddTicks(-8979)));
            Assert.That(key.CreatedAt.Offset, Is.EqualTo(TimeSpan.Zero));
            Assert.That(key.Format, Is.EqualTo(ImageFormat.Jpeg));
            Assert.That(key.ToString(), Is.EqualTo(key.Value));
        });
    }

    [Test]
    public void Create_TwiceWithSameInput_ProducesDifferentKeys()
    {
        // Act
        var first = PictureKey.Create(Owner, Now, ImageFormat.Png);
        var second = PictureKey.Create(Owner, Now, ImageFormat.Png);

        // Assert
        Assert.That(second.Value, Is.Not.EqualTo(first.Value));
    }

    [Test]
    public void Create_EmptyOwner_Throws()
    {
        // Act & Assert
        Assert.That(
            () => PictureKey.Create(Guid.Empty, Now, ImageFormat.Png),
            Throws.TypeOf<ArgumentException>().With.Property(nameof(ArgumentException.ParamName)).EqualTo("ownerId"));
    }

    [Test]
    public void TryParse_HandWrittenValidKey_ParsesEveryPart()
    {
        // Act
        var parsed = PictureKey.TryParse(ValidKey, out var key);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(key!.Value, Is.EqualTo(ValidKey));
            Assert.That(key.OwnerId, Is.EqualTo(Owner));
            Assert.That(key.CreatedAt, Is.EqualTo(new DateTimeOffset(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero)));
            Assert.That(key.Format, Is.EqualTo(ImageFormat.Png));
        });
    }

    [TestCase("jpg")]
    [TestCase("png")]
    [TestCase("gif")]
    [TestCase("webp")]
    public void TryParse_EachKnownExtension_IsAccepted(string extension)
    {
        // Act
        var parsed = PictureKey.TryParse($"profile-pictures/{OwnerText}/{Millis}-{Random}.{extension}", out var key);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(key?.Format.Extension, Is.EqualTo(extension));
        });
    }

    [Test]
    public void TryParse_Null_IsRefused()
    {
        // Act
        var parsed = PictureKey.TryParse(null, out var key);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.False);
            Assert.That(key, Is.Null);
        });
    }

    // Empty and other prefixes.
    [TestCase("")]
    [TestCase("profile-pictures/")]
    [TestCase($"avatars/{OwnerText}/{Millis}-{Random}.png")]
    [TestCase($"Profile-Pictures/{OwnerText}/{Millis}-{Random}.png")]
    [TestCase($"PROFILE-PICTURES/{OwnerText}/{Millis}-{Random}.png")]
    [TestCase($"/profile-pictures/{OwnerText}/{Millis}-{Random}.png")]
    [TestCase($"profile-pictures//{OwnerText}/{Millis}-{Random}.png")]
    [TestCase($"x/profile-pictures/{OwnerText}/{Millis}-{Random}.png")]
    [TestCase($"profile-pictures\\{OwnerText}\\{Millis}-{Random}.png")]
    // Owner that is not a lower-case canonical GUID.
    [TestCase($"profile-pictures/0195F3A2-7C41-7D2E-9B1A-3C4D5E6F7A8B/{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/0195f3a2-7c41-7d2e-9b1a-3C4D5E6F7A8B/{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/{{{OwnerText}}}/{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/0195f3a27c417d2e9b1a3c4d5e6f7a8b/{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/not-a-guid/{Millis}-{Random}.png")]
    // Path traversal.
    [TestCase($"../profile-pictures/{OwnerText}/{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/../{OwnerText}/{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}/../x.png")]
    [TestCase($"profile-pictures/{OwnerText}/../{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.png/../x.png")]
    [TestCase($"profile-pictures/{OwnerText}/..%2f{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}/..\\{Millis}-{Random}.png")]
    // Extra or missing path segments.
    [TestCase($"profile-pictures/{OwnerText}/extra/{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.png/more")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.png/")]
    [TestCase($"profile-pictures/{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}")]
    [TestCase($"profile-pictures/{OwnerText}/")]
    // Unknown or upper-case extensions.
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.PNG")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.Jpg")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.jpeg")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.svg")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.html")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.png.svg")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.svg.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}")]
    // Random part with the wrong alphabet or length.
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-abcdefghijk23450.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-abcdefghijk23451.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-abcdefghijk23458.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-abcdefghijk23459.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-ABCDEFGHIJK23456.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-abcdefghijk2345_.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-abcdefghijk2345-.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-abcdefghijk2345.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-abcdefghijk234567.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-.png")]
    // Broken millisecond stamp.
    [TestCase($"profile-pictures/{OwnerText}/-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}/-1-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}/+1-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}/1234567890123456-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}/999999999999999-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}{Random}.png")]
    // Leading or trailing whitespace.
    [TestCase($" {ValidKey}")]
    [TestCase($"{ValidKey} ")]
    [TestCase($"\t{ValidKey}")]
    [TestCase($"{ValidKey}\t")]
    [TestCase($"{ValidKey}\n")]
    [TestCase($"{ValidKey}\r\n")]
    [TestCase($"\n{ValidKey}")]
    [TestCase($"\u00A0{ValidKey}")]
    [TestCase($"{ValidKey}\u200B")]
    // URLs.
    [TestCase($"https://cdn.example.com/{ValidKey}")]
    [TestCase($"http://cdn.example.com/{ValidKey}")]
    [TestCase($"https://cdn.example.com/a.jpg")]
    [TestCase($"http://cdn.example.com/a.jpg")]
    [TestCase("javascript:alert(1)")]
    [TestCase($"javascript:alert(1)//{ValidKey}")]
    [TestCase("data:image/png;base64,iVBORw0KGgo=")]
    [TestCase($"data:text/html,{ValidKey}")]
    [TestCase($"//evil.example/{ValidKey}")]
    [TestCase("//evil.example")]
    [TestCase($"file:///{ValidKey}")]
    // NUL, CR and LF inside.
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}\0.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}.png\0")]
    [TestCase($"profile-pictures/\0{OwnerText}/{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}/\r{Millis}-{Random}.png")]
    [TestCase($"profile-pictures/{OwnerText}/{Millis}-{Random}\n.png")]
    [TestCase($"profile-pictures/{OwnerText}\r\n/{Millis}-{Random}.png")]
    public void TryParse_MalformedValue_IsRefused(string value)
    {
        // Act
        var parsed = PictureKey.TryParse(value, out var key);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.False);
            Assert.That(key, Is.Null);
        });
    }

    [Test]
    public void TryParse_LargestRepresentableMillisecond_IsAccepted()
    {
        // Arrange
        var max = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

        // Act
        var parsed = PictureKey.TryParse($"profile-pictures/{OwnerText}/{max}-{Random}.gif", out var key);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(key?.CreatedAt, Is.EqualTo(DateTimeOffset.MaxValue.AddTicks(-(TimeSpan.TicksPerMillisecond - 1))));
        });
    }

    [Test]
    public void TryParse_StringLongerThanMaxLength_IsRefused()
    {
        // Arrange
        var value = ValidKey + new string('a', PictureKey.MaxLength);

        // Act
        var parsed = PictureKey.TryParse(value, out var key);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(value, Has.Length.GreaterThan(PictureKey.MaxLength));
            Assert.That(parsed, Is.False);
            Assert.That(key, Is.Null);
        });
    }

    [Test]
    public void TryParse_HugeString_IsRefusedQuickly()
    {
        // Arrange
        var value = "profile-pictures/" + new string('a', 10_000_000);

        // Act
        var parsed = PictureKey.TryParse(value, out _);

        // Assert
        Assert.That(parsed, Is.False);
    }

    [Test]
    public void IsOwnedBy_Owner_IsTrue()
    {
        // Arrange
        var key = PictureKey.Create(Owner, Now, ImageFormat.WebP);

        // Act & Assert
        Assert.That(key.IsOwnedBy(Owner), Is.True);
    }

    [Test]
    public void IsOwnedBy_OtherUser_IsFalse()
    {
        // Arrange
        var key = PictureKey.Create(Owner, Now, ImageFormat.WebP);

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(key.IsOwnedBy(Guid.NewGuid()), Is.False);
            Assert.That(key.IsOwnedBy(Guid.Empty), Is.False);
        });
    }

    [Test]
    public void IsOwnedBy_ParsedKey_KnowsItsOwner()
    {
        // Arrange
        var parsed = PictureKey.TryParse(ValidKey, out var key);

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(parsed, Is.True);
            Assert.That(key!.IsOwnedBy(Owner), Is.True);
            Assert.That(key.IsOwnedBy(Guid.Parse("0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8c")), Is.False);
        });
    }
}
