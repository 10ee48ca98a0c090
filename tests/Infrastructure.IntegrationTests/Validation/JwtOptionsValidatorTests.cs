using CleanProfiles.Infrastructure.Identity;

namespace CleanProfiles.Infrastructure.IntegrationTests.Validation;

public sealed class JwtOptionsValidatorTests
{
    private const string GoodKey = "a-jwt-signing-key-of-at-least-32-bytes!";

    private readonly JwtOptionsValidator validator = new();

    [Test]
    public void Validate_DefaultsWithASigningKey_Succeeds()
    {
        // Act
        var result = validator.Validate(null, new JwtOptions { SigningKey = GoodKey });

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_SigningKeyOfExactly32BytesInMultiByteCharacters_Succeeds()
    {
        // Act: 16 characters, 32 UTF-8 bytes.
        var result = validator.Validate(null, new JwtOptions { SigningKey = new string('é', 16) });

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Validate_SigningKeyMissing_FailsNamingTheKeyAndItsEnvironmentVariable(string? key)
    {
        // Act
        var result = validator.Validate(null, new JwtOptions { SigningKey = key });

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.Some.Contains("Jwt:SigningKey").And.Contains("Jwt__SigningKey"));
    }

    [TestCase("short")]
    [TestCase("0123456789012345678901234567890")]
    [TestCase("ééééééééééééééé")]
    public void Validate_SigningKeyShorterThan32Bytes_FailsNamingTheKey(string key)
    {
        // Act
        var result = validator.Validate(null, new JwtOptions { SigningKey = key });

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.Some.Contains("Jwt:SigningKey").And.Contains("32"));
    }

    [TestCase("", "Jwt:Issuer")]
    [TestCase(" ", "Jwt:Issuer")]
    public void Validate_IssuerMissing_FailsNamingTheKey(string issuer, string expected)
    {
        // Act
        var result = validator.Validate(null, new JwtOptions { SigningKey = GoodKey, Issuer = issuer });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains(expected));
    }

    [Test]
    public void Validate_AudienceMissing_FailsNamingTheKey()
    {
        // Act
        var result = validator.Validate(null, new JwtOptions { SigningKey = GoodKey, Audience = "" });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Jwt:Audience"));
    }

    [TestCase("00:00:59")]
    [TestCase("1.00:00:01")]
    [TestCase("-00:05:00")]
    public void Validate_AccessTokenLifetimeOutOfRange_FailsNamingTheKey(string lifetime)
    {
        // Act
        var result = validator.Validate(null, new JwtOptions
        {
            SigningKey = GoodKey,
            AccessTokenLifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture),
        });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Jwt:AccessTokenLifetime"));
    }

    [TestCase("00:00:31")]
    [TestCase("-00:00:01")]
    public void Validate_ClockSkewOutOfRange_FailsNamingTheKey(string skew)
    {
        // Act
        var result = validator.Validate(null, new JwtOptions
        {
            SigningKey = GoodKey,
            ClockSkew = TimeSpan.Parse(skew, System.Globalization.CultureInfo.InvariantCulture),
        });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Jwt:ClockSkew"));
    }

    [Test]
    public void Validate_SeveralProblems_ReportsEachOne()
    {
        // Act
        var result = validator.Validate(null, new JwtOptions { Issuer = "", Audience = "", ClockSkew = TimeSpan.FromMinutes(5) });

        // Assert
        Assert.That(result.Failures, Has.Count.EqualTo(4));
        Assert.That(result.FailureMessage, Does.Contain("Jwt:SigningKey").And.Contains("Jwt:Issuer").And.Contains("Jwt:Audience")
            .And.Contains("Jwt:ClockSkew"));
    }
}
