using System.Globalization;
using CleanProfiles.Infrastructure.Storage;

namespace CleanProfiles.Infrastructure.IntegrationTests.Validation;

public sealed class S3StorageOptionsValidatorTests
{
    private readonly S3StorageOptionsValidator validator = new();

    [Test]
    public void Validate_BucketAndDefaults_Succeeds()
    {
        // Act
        var result = validator.Validate(null, new S3StorageOptions { BucketName = "profile-pictures" });

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    public void Validate_BucketNameMissing_FailsNamingTheKeyAndItsEnvironmentVariable(string? bucket)
    {
        // Act
        var result = validator.Validate(null, new S3StorageOptions { BucketName = bucket });

        // Assert
        Assert.That(result.Failed, Is.True);
        Assert.That(result.Failures, Has.Some.Contains("Storage:S3:BucketName").And.Contains("Storage__S3__BucketName"));
    }

    [TestCase("00:00:00")]
    [TestCase("-00:00:01")]
    [TestCase("00:05:00.001")]
    public void Validate_TimeoutOutOfRange_FailsNamingTheKey(string timeout)
    {
        // Act
        var result = validator.Validate(null, new S3StorageOptions { BucketName = "b", Timeout = Parse(timeout) });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Storage:S3:Timeout"));
    }

    [TestCase(-1)]
    [TestCase(11)]
    public void Validate_MaxRetriesOutOfRange_FailsNamingTheKey(int retries)
    {
        // Act
        var result = validator.Validate(null, new S3StorageOptions { BucketName = "b", MaxRetries = retries });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Storage:S3:MaxRetries"));
    }

    [Test]
    public void Validate_UrlReuseWindowSetHere_FailsNamingWhereItMoved()
    {
        // Act
        var result = validator.Validate(null, new S3StorageOptions { BucketName = "b", UrlReuseWindow = TimeSpan.FromHours(1) });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Storage:S3:UrlReuseWindow").And.Some.Contains("Pictures:UrlReuseWindow"));
    }

    [TestCase("00:00:00.001", 0)]
    [TestCase("00:05:00", 10)]
    public void Validate_BoundaryValues_Succeeds(string timeout, int retries)
    {
        // Act
        var result = validator.Validate(null, new S3StorageOptions
        {
            BucketName = "b",
            Timeout = Parse(timeout),
            MaxRetries = retries,
        });

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    private static TimeSpan Parse(string value) => TimeSpan.Parse(value, CultureInfo.InvariantCulture);
}
