using CleanProfiles.Application.Common.Models;

namespace CleanProfiles.Application.UnitTests.Common;

public sealed class OptionalTests
{
    [Test]
    public void Default_IsAbsentAndHasNoValue()
    {
        // Arrange
        Optional<string?> field = default;

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(field.HasValue, Is.False);
            Assert.That(field, Is.EqualTo(Optional<string?>.Absent));
            Assert.That(() => field.Value, Throws.InvalidOperationException);
            Assert.That(field.ToString(), Is.EqualTo("(absent)"));
        });
    }

    [Test]
    public void Of_Null_IsPresentWithANullValue()
    {
        // Act
        var field = Optional<string?>.Of(null);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(field.HasValue, Is.True);
            Assert.That(field.Value, Is.Null);
            Assert.That(field, Is.Not.EqualTo(Optional<string?>.Absent));
        });
    }

    [Test]
    public void ImplicitConversion_Value_IsPresent()
    {
        // Act
        Optional<int?> field = 1990;

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(field.HasValue, Is.True);
            Assert.That(field.Value, Is.EqualTo(1990));
        });
    }
}
