using CleanProfiles.Application.Common.Models;
using CleanProfiles.Application.Profiles.UpdateProfile;
using CleanProfiles.Domain.Profiles;
using Microsoft.Extensions.Time.Testing;

namespace CleanProfiles.Application.UnitTests.Profiles;

public sealed class UpdateProfileValidatorTests
{
    private static readonly Guid UserId = TestData.UserId;

    private FakeTimeProvider clock = null!;
    private UpdateProfileValidator validator = null!;

    [SetUp]
    public void SetUp()
    {
        // 2025: graduation years 1900 to 2035 are accepted.
        clock = new FakeTimeProvider(new DateTimeOffset(2025, 6, 15, 12, 0, 0, TimeSpan.Zero));
        validator = new UpdateProfileValidator(clock);
    }

    [Test]
    public void Validate_NoFields_IsAccepted()
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_EveryFieldValid_IsAccepted()
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(
            UserId,
            Name: "Ada",
            Headline: "Mathematician",
            Bio: "Line one\nLine two",
            GraduationYear: 1935,
            ProfilePictureKey: TestData.Key(UserId).Value));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("A")]
    [TestCase("  Ada  ")]
    public void Validate_ValidName_IsAccepted(string name)
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Name: name));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_NameOfMaxLength_IsAccepted()
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Name: new string('n', 100)));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    [TestCase("Ada\nLovelace")]
    [TestCase("Ada\u0000")]
    public void Validate_BadName_IsRefusedOnName(string? name)
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Name: Optional<string?>.Of(name)));

        // Assert
        Assert.That(FailedFields(result), Is.EqualTo(new[] { "Name" }));
    }

    [Test]
    public void Validate_NameLongerThanMax_IsRefusedOnName()
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Name: new string('n', 101)));

        // Assert
        Assert.That(FailedFields(result), Is.EqualTo(new[] { "Name" }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("   ")]
    [TestCase("Mathematician")]
    public void Validate_ValidHeadline_IsAccepted(string? headline)
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Headline: Optional<string?>.Of(headline)));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_HeadlineOfMaxLength_IsAccepted()
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Headline: " " + new string('h', 160) + " "));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_HeadlineLongerThanMax_IsRefusedOnHeadline()
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Headline: new string('h', 161)));

        // Assert
        Assert.That(FailedFields(result), Is.EqualTo(new[] { "Headline" }));
    }

    [TestCase("one\ntwo")]
    [TestCase("one\ttwo")]
    [TestCase("one\u0000")]
    public void Validate_HeadlineWithControlCharacters_IsRefusedOnHeadline(string headline)
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Headline: headline));

        // Assert
        Assert.That(FailedFields(result), Is.EqualTo(new[] { "Headline" }));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("Paragraph one.\r\n\r\nParagraph two.\n\tIndented.")]
    public void Validate_ValidBio_IsAccepted(string? bio)
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Bio: Optional<string?>.Of(bio)));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_BioOfMaxLength_IsAccepted()
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Bio: new string('b', 2000)));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_BioLongerThanMax_IsRefusedOnBio()
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Bio: new string('b', 2001)));

        // Assert
        Assert.That(FailedFields(result), Is.EqualTo(new[] { "Bio" }));
    }

    [TestCase("bell\u0007")]
    [TestCase("nul\u0000")]
    [TestCase("\u001b[2J")]
    public void Validate_BioWithOtherControlCharacters_IsRefusedOnBio(string bio)
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Bio: bio));

        // Assert
        Assert.That(FailedFields(result), Is.EqualTo(new[] { "Bio" }));
    }

    [TestCase(1900)]
    [TestCase(2000)]
    [TestCase(2035)]
    public void Validate_GraduationYearWithinBounds_IsAccepted(int year)
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, GraduationYear: year));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_NullGraduationYear_IsAccepted()
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, GraduationYear: Optional<int?>.Of(null)));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase(1899)]
    [TestCase(2036)]
    [TestCase(0)]
    [TestCase(-1)]
    [TestCase(int.MaxValue)]
    public void Validate_GraduationYearOutOfBounds_IsRefusedOnGraduationYear(int year)
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, GraduationYear: year));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(FailedFields(result), Is.EqualTo(new[] { "GraduationYear" }));
            Assert.That(result.Errors[0].ErrorMessage, Does.Contain("1900").And.Contain("2035"));
        });
    }

    [Test]
    public void Validate_ClockMovesOnAfterConstruction_UsesTheCurrentYear()
    {
        // Arrange: validators are singletons, so the bound must follow the clock, not the construction time.
        clock.SetUtcNow(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, GraduationYear: 2036));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_NullPictureKey_IsAccepted()
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, ProfilePictureKey: Optional<string?>.Of(null)));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("https://cdn.example.com/a.jpg")]
    [TestCase("")]
    public void Validate_AnyPictureKey_IsLeftToTheHandler(string key)
    {
        // Act: whether it is a key of this user's upload is decided once, where the key is parsed and looked up.
        var result = validator.Validate(new UpdateProfileCommand(UserId, ProfilePictureKey: key));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase(null, "A name has 1 to 100 characters.")]
    [TestCase("", "A name has 1 to 100 characters.")]
    public void Validate_BrokenDomainRule_ReportsTheDomainsOwnMessage(string? name, string message)
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(UserId, Name: name));

        // Assert
        Assert.That(result.Errors.Select(e => e.ErrorMessage), Is.EqualTo(new[] { message }));
        Assert.That(UserProfile.ProblemWithName(name), Is.EqualTo(message), "the same rule, stated once");
    }

    [Test]
    public void Validate_SeveralBadFields_ReportsEachOfThem()
    {
        // Act
        var result = validator.Validate(new UpdateProfileCommand(
            UserId,
            Name: "",
            Headline: new string('h', 161),
            Bio: new string('b', 2001),
            GraduationYear: 1800));

        // Assert
        Assert.That(FailedFields(result), Is.EquivalentTo(new[] { "Name", "Headline", "Bio", "GraduationYear" }));
    }

    private static string[] FailedFields(FluentValidation.Results.ValidationResult result) =>
        result.Errors.Select(e => e.PropertyName).Distinct().ToArray();
}
