using CleanProfiles.Application.Auth.Register;

namespace CleanProfiles.Application.UnitTests.Auth;

public sealed class RegisterValidatorTests
{
    private const string ValidEmail = "ada@example.com";
    private const string ValidPassword = "correct horse";
    private const string ValidName = "Ada Lovelace";

    private readonly RegisterValidator validator = new();

    [Test]
    public void Validate_ValidCommand_IsAccepted()
    {
        // Act
        var result = validator.Validate(new RegisterCommand(ValidEmail, ValidPassword, ValidName));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("ada@example.com")]
    [TestCase("  Ada@Example.COM  ")]
    [TestCase("a.b+tag@sub.example.co.uk")]
    [TestCase("x@y.z")]
    [TestCase("zoë@exämple.de")]
    public void Validate_WellFormedEmail_IsAccepted(string email)
    {
        // Act
        var result = validator.Validate(new RegisterCommand(email, ValidPassword, ValidName));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("a")]
    [TestCase("a@")]
    [TestCase("@b.c")]
    [TestCase("a@b")]
    [TestCase("a b@c.d")]
    [TestCase("a@b c.d")]
    [TestCase("a@@b.c")]
    [TestCase("a@b@c.d")]
    [TestCase("a@.b.c")]
    [TestCase("a@b..c")]
    [TestCase("a@b.c.")]
    [TestCase("a@b.")]
    [TestCase("a\u0000@b.c")]
    [TestCase("a@b\u0007.c")]
    [TestCase("a\t@b.c")]
    [TestCase("name example.com")]
    public void Validate_MalformedEmail_IsRefusedOnEmail(string email)
    {
        // Act
        var result = validator.Validate(new RegisterCommand(email, ValidPassword, ValidName));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { "Email" }));
    }

    [Test]
    public void Validate_EmailOfMaxLength_IsAccepted()
    {
        // Arrange: 254 characters.
        var email = new string('a', 254 - "@example.com".Length) + "@example.com";

        // Act
        var result = validator.Validate(new RegisterCommand(email, ValidPassword, ValidName));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_EmailLongerThanMax_IsRefusedOnEmail()
    {
        // Arrange: 255 characters, otherwise well formed.
        var email = new string('a', 255 - "@example.com".Length) + "@example.com";

        // Act
        var result = validator.Validate(new RegisterCommand(email, ValidPassword, ValidName));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { "Email" }));
    }

    [TestCase(8)]
    [TestCase(64)]
    [TestCase(128)]
    public void Validate_PasswordWithinBounds_IsAccepted(int length)
    {
        // Act
        var result = validator.Validate(new RegisterCommand(ValidEmail, new string('p', length), ValidName));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase(0)]
    [TestCase(1)]
    [TestCase(7)]
    [TestCase(129)]
    [TestCase(10_000)]
    public void Validate_PasswordOutOfBounds_IsRefusedOnPassword(int length)
    {
        // Act
        var result = validator.Validate(new RegisterCommand(ValidEmail, new string('p', length), ValidName));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { "Password" }));
    }

    [TestCase("A")]
    [TestCase("  Ada  ")]
    [TestCase("Zoë Ångström-O'Brien")]
    public void Validate_ValidName_IsAccepted(string name)
    {
        // Act
        var result = validator.Validate(new RegisterCommand(ValidEmail, ValidPassword, name));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_NameOfMaxLengthAfterTrimming_IsAccepted()
    {
        // Act
        var result = validator.Validate(new RegisterCommand(ValidEmail, ValidPassword, "  " + new string('n', 100) + "  "));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("")]
    [TestCase(" ")]
    [TestCase(" \t ")]
    [TestCase("Ada\u0000")]
    [TestCase("Ada\nLovelace")]
    [TestCase("Ada\rLovelace")]
    [TestCase("Ada\tLovelace")]
    [TestCase("\u001b[31mAda")]
    [TestCase("Ada\u007f")]
    [TestCase("Ada\u0085")]
    public void Validate_BadName_IsRefusedOnName(string name)
    {
        // Act
        var result = validator.Validate(new RegisterCommand(ValidEmail, ValidPassword, name));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { "Name" }));
    }

    [Test]
    public void Validate_NameLongerThanMax_IsRefusedOnName()
    {
        // Act
        var result = validator.Validate(new RegisterCommand(ValidEmail, ValidPassword, new string('n', 101)));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { "Name" }));
    }

    [Test]
    public void Validate_EveryFieldBad_ReportsEveryField()
    {
        // Act
        var result = validator.Validate(new RegisterCommand("a@b", "short", ""));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EquivalentTo(new[] { "Email", "Password", "Name" }));
    }
}
