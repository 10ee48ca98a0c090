using System.Buffers.Text;
using System.Text;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Community.ListCommunity;

namespace CleanProfiles.Application.UnitTests.Community;

public sealed class CommunityCursorTests
{
    private static readonly Guid Id = TestData.UserId;

    [TestCase("Ada")]
    [TestCase("Zoë Ångström 😀")]
    [TestCase("O'Brien \"the\" <b>bold</b> & co")]
    [TestCase("a")]
    public void Encode_Position_RoundTripsThroughTryDecode(string name)
    {
        // Arrange
        var position = new CommunityPosition(name, Id);

        // Act
        var decoded = CommunityCursor.TryDecode(CommunityCursor.Encode(position), out var result);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(decoded, Is.True);
            Assert.That(result, Is.EqualTo(position));
        });
    }

    [Test]
    public void Encode_NameOfMaxLength_RoundTrips()
    {
        // Arrange
        var position = new CommunityPosition(new string('ü', 100), Id);

        // Act
        var decoded = CommunityCursor.TryDecode(CommunityCursor.Encode(position), out var result);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(decoded, Is.True);
            Assert.That(result, Is.EqualTo(position));
        });
    }

    [Test]
    public void Encode_Position_IsUrlSafe()
    {
        // Act
        var cursor = CommunityCursor.Encode(new CommunityPosition("??>>~~ Ada ÿÿ", Id));

        // Assert
        Assert.That(cursor, Does.Match("^[A-Za-z0-9_-]+$"));
    }

    [TestCase("")]
    [TestCase("not a cursor")]
    [TestCase("!!!!")]
    [TestCase("abc$")]
    [TestCase("A")]
    [TestCase("eyJOIjoiQWRhIiwiSSI6")]
    [TestCase("%7B%7D")]
    public void TryDecode_Garbage_IsRefused(string cursor)
    {
        // Act
        var decoded = CommunityCursor.TryDecode(cursor, out var position);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(decoded, Is.False);
            Assert.That(position, Is.Null);
        });
    }

    [Test]
    public void TryDecode_TooLong_IsRefused()
    {
        // Arrange: valid base64url of valid JSON, only too long.
        var json = $"{{\"N\":\"Ada\",\"I\":\"{Id}\",\"pad\":\"{new string('x', 1000)}\"}}";
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json));

        // Act
        var decoded = CommunityCursor.TryDecode(cursor, out var position);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(cursor, Has.Length.GreaterThan(1024));
            Assert.That(decoded, Is.False);
            Assert.That(position, Is.Null);
        });
    }

    [TestCase("hello, world")]
    [TestCase("<xml/>")]
    [TestCase("null")]
    [TestCase("[]")]
    [TestCase("42")]
    [TestCase("\"Ada\"")]
    [TestCase("{")]
    [TestCase("{}")]
    [TestCase("{\"N\":\"\",\"I\":\"0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b\"}")]
    [TestCase("{\"N\":null,\"I\":\"0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b\"}")]
    [TestCase("{\"I\":\"0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b\"}")]
    [TestCase("{\"N\":\"Ada\",\"I\":\"00000000-0000-0000-0000-000000000000\"}")]
    [TestCase("{\"N\":\"Ada\"}")]
    [TestCase("{\"N\":\"Ada\",\"I\":\"not-a-guid\"}")]
    [TestCase("{\"N\":1,\"I\":2}")]
    [TestCase("{\"N\":[\"Ada\"],\"I\":\"0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b\"}")]
    public void TryDecode_Base64OfSomethingElse_IsRefused(string payload)
    {
        // Arrange
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload));

        // Act
        var decoded = CommunityCursor.TryDecode(cursor, out var position);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(decoded, Is.False);
            Assert.That(position, Is.Null);
        });
    }

    [Test]
    public void TryDecode_NameLongerThanAnyProfileName_IsRefused()
    {
        // Arrange
        var cursor = CommunityCursor.Encode(new CommunityPosition(new string('n', 101), Id));

        // Act
        var decoded = CommunityCursor.TryDecode(cursor, out _);

        // Assert
        Assert.That(decoded, Is.False);
    }

    [Test]
    public void TryDecode_InvalidUtf8_IsRefused()
    {
        // Arrange
        var cursor = Base64Url.EncodeToString([0xFF, 0xFE, 0x7B, 0x7D]);

        // Act
        var decoded = CommunityCursor.TryDecode(cursor, out _);

        // Assert
        Assert.That(decoded, Is.False);
    }

    [TestCase("Ann\\u0000")]
    [TestCase("\\u0001")]
    [TestCase("Ann\\u009f")]
    [TestCase("Ann\\ud800")]
    [TestCase("\\udc00Ann")]
    public void TryDecode_NamePartThatIsNotText_IsRefused(string escapedName)
    {
        // Arrange: the name part as an attacker writes it, a JSON escape
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{{\"N\":\"{escapedName}\",\"I\":\"{Id}\"}}"));

        // Act
        var decoded = CommunityCursor.TryDecode(cursor, out var position);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(decoded, Is.False);
            Assert.That(position, Is.Null);
        });
    }
}
