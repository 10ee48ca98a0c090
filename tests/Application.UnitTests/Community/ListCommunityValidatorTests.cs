using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Community.ListCommunity;

namespace CleanProfiles.Application.UnitTests.Community;

public sealed class ListCommunityValidatorTests
{
    private readonly ListCommunityValidator validator = new();

    [TestCase(1)]
    [TestCase(24)]
    [TestCase(100)]
    public void Validate_LimitWithinBounds_IsAccepted(int limit)
    {
        // Act
        var result = validator.Validate(new ListCommunityQuery(limit));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase(0)]
    [TestCase(101)]
    [TestCase(-1)]
    [TestCase(int.MaxValue)]
    public void Validate_LimitOutOfBounds_IsRefusedOnLimit(int limit)
    {
        // Act
        var result = validator.Validate(new ListCommunityQuery(limit));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName), Is.EqualTo(new[] { "Limit" }));
    }
}
