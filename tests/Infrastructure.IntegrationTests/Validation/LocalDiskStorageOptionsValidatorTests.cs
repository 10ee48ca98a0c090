using CleanProfiles.Infrastructure.Storage;

namespace CleanProfiles.Infrastructure.IntegrationTests.Validation;

public sealed class LocalDiskStorageOptionsValidatorTests
{
    private const string GoodKey = "a-media-signing-key-of-at-least-32-bytes";

    private readonly LocalDiskStorageOptionsValidator validator = new();

    [TestCase(null)]
    [TestCase("https://api.example.com")]
    [TestCase("http://localhost:5080/")]
    public void Validate_SigningKeyAndDefaults_Succeeds(string? publicBaseUrl)
    {
        // Act
        var result = validator.Validate(null, new LocalDiskStorageOptions
        {
            SigningKey = GoodKey,
            PublicBaseUrl = publicBaseUrl is null ? null : new Uri(publicBaseUrl),
        });

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Validate_SigningKeyMissing_FailsNamingTheKeyAndItsEnvironmentVariable(string? key)
    {
        // Act
        var result = validator.Validate(null, new LocalDiskStorageOptions { SigningKey = key });

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.Some.Contains("Storage:LocalDisk:SigningKey").And.Contains("Storage__LocalDisk__SigningKey"));
    }

    [Test]
    public void Validate_SigningKeyShorterThan32Bytes_FailsNamingTheKey()
    {
        // Act
        var result = validator.Validate(null, new LocalDiskStorageOptions { SigningKey = "0123456789012345678901234567890" });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Storage:LocalDisk:SigningKey").And.Contains("32"));
    }

    [TestCase("")]
    [TestCase(" ")]
    public void Validate_RootPathMissing_FailsNamingTheKey(string rootPath)
    {
        // Act
        var result = validator.Validate(null, new LocalDiskStorageOptions { SigningKey = GoodKey, RootPath = rootPath });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Storage:LocalDisk:RootPath"));
    }

    [TestCase("/relative/path", UriKind.Relative)]
    [TestCase("ftp://files.example.com/", UriKind.Absolute)]
    [TestCase("file:///var/www/", UriKind.Absolute)]
    public void Validate_PublicBaseUrlNotAbsoluteHttp_FailsNamingTheKey(string url, UriKind kind)
    {
        // Act
        var result = validator.Validate(null, new LocalDiskStorageOptions { SigningKey = GoodKey, PublicBaseUrl = new Uri(url, kind) });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Storage:LocalDisk:PublicBaseUrl"));
    }
}
