using System.Globalization;
using CleanProfiles.Application.Common;

namespace CleanProfiles.Application.UnitTests.Common;

public sealed class PicturesOptionsValidatorTests
{
    private readonly PicturesOptionsValidator validator = new();

    [Test]
    public void Validate_Defaults_Succeeds()
    {
        // Act
        var result = validator.Validate(null, new PicturesOptions());

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
        Assert.That(new PicturesOptions().UrlReuseWindow, Is.EqualTo(TimeSpan.FromHours(1)));
    }

    [TestCase("02:00:00", "01:00:00.001")]
    [TestCase("02:00:00", "01:00:01")]
    [TestCase("7.00:00:00", "3.12:00:01")]
    [TestCase("02:00:00", "00:00:00")]
    [TestCase("02:00:00", "00:10:00.500")]
    public void Validate_ReuseWindowOverHalfTheLifetimeOrNotWholeSeconds_FailsNamingTheKey(string lifetime, string window)
    {
        // Act
        var result = validator.Validate(null, new PicturesOptions { UrlLifetime = TimeSpan.Parse(lifetime, CultureInfo.InvariantCulture), UrlReuseWindow = TimeSpan.Parse(window, CultureInfo.InvariantCulture) });

        // Assert
        Assert.That(result.Failures, Has.Some.Contains("Pictures:UrlReuseWindow"));
    }

    [TestCase("02:00:00", "01:00:00")]
    [TestCase("7.00:00:00", "3.12:00:00")]
    [TestCase("00:01:00", "00:00:01")]
    public void Validate_ReuseWindowUpToHalfTheLifetime_Succeeds(string lifetime, string window)
    {
        // Act
        var result = validator.Validate(null, new PicturesOptions { UrlLifetime = TimeSpan.Parse(lifetime, CultureInfo.InvariantCulture), UrlReuseWindow = TimeSpan.Parse(window, CultureInfo.InvariantCulture) });

        // Assert
        Assert.That(result.Succeeded, Is.True, result.FailureMessage);
    }
}
