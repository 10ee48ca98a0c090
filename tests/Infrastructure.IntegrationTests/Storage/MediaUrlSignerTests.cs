using System.Globalization;
using CleanProfiles.Infrastructure.Storage;
using Microsoft.Extensions.Time.Testing;

namespace CleanProfiles.Infrastructure.IntegrationTests.Storage;

public sealed class MediaUrlSignerTests
{
    private const string Key = "profile-pictures/3f2a1c4e-0000-4000-8000-000000000001/1767000000000-abcdefghijklmnop.png";
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 10, 0, 0, TimeSpan.Zero);

    private FakeTimeProvider clock = null!;
    private MediaUrlSigner signer = null!;
    private long expires;
    private string signature = null!;

    [SetUp]
    public void CreateSigner()
    {
        clock = new FakeTimeProvider(Now);
        signer = Signer("integration-tests-media-signing-key-0123456789");
        expires = Now.AddMinutes(1).ToUnixTimeSeconds();
        signature = signer.Sign(Key, expires);
    }

    [Test]
    public void Check_SignatureItIssued_ReturnsValid()
    {
        // Act
        var result = signer.Check(Key, Text(expires), signature);

        // Assert
        Assert.That(result, Is.EqualTo(MediaSignatureCheck.Valid));
    }

    [Test]
    public void Sign_SameInputs_GivesTheSameSignature()
    {
        // Act
        var again = signer.Sign(Key, expires);

        // Assert
        Assert.That(again, Is.EqualTo(signature));
        Assert.That(signer.Sign(Key, expires + 1), Is.Not.EqualTo(signature));
    }

    [TestCase(0)]
    [TestCase(10)]
    [TestCase(42)]
    public void Check_SignatureWithOneCharacterChanged_ReturnsInvalid(int position)
    {
        // Arrange
        var chars = signature.ToCharArray();
        chars[position] = chars[position] == 'A' ? 'B' : 'A';
        var tampered = new string(chars);

        // Act
        var result = signer.Check(Key, Text(expires), tampered);

        // Assert
        Assert.That(tampered, Is.Not.EqualTo(signature));
        Assert.That(result, Is.EqualTo(MediaSignatureCheck.Invalid));
    }

    [TestCase("profile-pictures/3f2a1c4e-0000-4000-8000-000000000002/1767000000000-abcdefghijklmnop.png")]
    [TestCase("profile-pictures/3f2a1c4e-0000-4000-8000-000000000001/1767000000000-abcdefghijklmnop.PNG")]
    [TestCase("")]
    public void Check_SignatureOfAnotherKey_ReturnsInvalid(string otherKey)
    {
        // Act
        var result = signer.Check(otherKey, Text(expires), signature);

        // Assert
        Assert.That(result, Is.EqualTo(MediaSignatureCheck.Invalid));
    }

    [Test]
    public void Check_ExpiryMovedLater_ReturnsInvalid()
    {
        // Act
        var result = signer.Check(Key, Text(expires + 3600), signature);

        // Assert
        Assert.That(result, Is.EqualTo(MediaSignatureCheck.Invalid));
    }

    [Test]
    public void Check_SignedWithAnotherSigningKey_ReturnsInvalid()
    {
        // Arrange
        var other = Signer("another-media-signing-key-of-enough-length-0123");

        // Act
        var result = signer.Check(Key, Text(expires), other.Sign(Key, expires));

        // Assert
        Assert.That(result, Is.EqualTo(MediaSignatureCheck.Invalid));
    }

    [Test]
    public void Check_AtTheExpirySecond_ReturnsValid()
    {
        // Arrange
        clock.Advance(TimeSpan.FromMinutes(1));

        // Act
        var result = signer.Check(Key, Text(expires), signature);

        // Assert
        Assert.That(result, Is.EqualTo(MediaSignatureCheck.Valid));
    }

    [Test]
    public void Check_ClockPastTheExpiry_ReturnsExpired()
    {
        // Arrange
        clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        // Act
        var result = signer.Check(Key, Text(expires), signature);

        // Assert
        Assert.That(result, Is.EqualTo(MediaSignatureCheck.Expired));
    }

    [Test]
    public void Check_ExpiredAndTampered_ReturnsInvalid()
    {
        // Arrange
        clock.Advance(TimeSpan.FromHours(1));
        var tampered = (signature[0] == 'A' ? "B" : "A") + signature[1..];

        // Act
        var result = signer.Check(Key, Text(expires), tampered);

        // Assert
        Assert.That(result, Is.EqualTo(MediaSignatureCheck.Invalid));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("abc")]
    [TestCase("-1")]
    [TestCase("+1767996000")]
    [TestCase(" 1767996000")]
    [TestCase("1767996000 ")]
    [TestCase("1.5")]
    [TestCase("1e9")]
    [TestCase("0x10")]
    [TestCase("99999999999999999999999")]
    public void Check_MalformedExpires_ReturnsInvalid(string? malformed)
    {
        // Act
        var result = signer.Check(Key, malformed, signature);

        // Assert
        Assert.That(result, Is.EqualTo(MediaSignatureCheck.Invalid));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("short")]
    [TestCase("!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [TestCase("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Check_MalformedSignature_ReturnsInvalid(string? malformed)
    {
        // Act
        var result = signer.Check(Key, Text(expires), malformed);

        // Assert
        Assert.That(result, Is.EqualTo(MediaSignatureCheck.Invalid));
    }

    [Test]
    public void Check_SignatureWithBase64PaddingOrStandardAlphabet_ReturnsInvalid()
    {
        // Arrange
        var padded = signature + "=";
        var standard = signature.Replace('-', '+').Replace('_', '/');
        var withStandardChars = standard == signature ? "+" + signature[1..] : standard;

        // Act / Assert
        Assert.That(signer.Check(Key, Text(expires), padded), Is.EqualTo(MediaSignatureCheck.Invalid));
        Assert.That(signer.Check(Key, Text(expires), withStandardChars), Is.EqualTo(MediaSignatureCheck.Invalid));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private MediaUrlSigner Signer(string key) =>
        new(Microsoft.Extensions.Options.Options.Create(new LocalDiskStorageOptions { SigningKey = key }), clock);
}
