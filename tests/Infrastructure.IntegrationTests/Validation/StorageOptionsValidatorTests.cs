using CleanProfiles.Infrastructure.Storage;
using Microsoft.Extensions.Configuration;

namespace CleanProfiles.Infrastructure.IntegrationTests.Validation;

public sealed class StorageOptionsValidatorTests
{
    private readonly StorageOptionsValidator validator = new();

    [TestCase(StorageProvider.LocalDisk)]
    [TestCase(StorageProvider.S3)]
    public void Validate_KnownProvider_Succeeds(StorageProvider provider)
    {
        // Act
        var result = validator.Validate(null, new StorageOptions { Provider = provider });

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }

    [Test]
    public void Validate_ProviderThatIsNoneOfTheKnownOnes_FailsNamingTheKey()
    {
        // Act
        var result = validator.Validate(null, new StorageOptions { Provider = (StorageProvider)9 });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Storage:Provider").And.Contains("LocalDisk").And.Contains("S3"));
    }

    [TestCase(null, StorageProvider.LocalDisk)]
    [TestCase("s3", StorageProvider.S3)]
    [TestCase("LocalDisk", StorageProvider.LocalDisk)]
    [TestCase("Floppy", null)]
    [TestCase("7", null)]
    public void ConfiguredProvider_ReadsTheSettingWithoutThrowing(string? value, StorageProvider? expected)
    {
        // Arrange
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Storage:Provider"] = value })
            .Build();

        // Act
        var provider = StorageOptions.ConfiguredProvider(configuration);

        // Assert
        Assert.That(provider, Is.EqualTo(expected));
    }
}
