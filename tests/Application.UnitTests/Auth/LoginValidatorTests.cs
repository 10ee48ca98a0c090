using CleanProfiles.Application.Auth.Login;

namespace CleanProfiles.Application.UnitTests.Auth;

public sealed class LoginValidatorTests
{
    private readonly LoginValidator validator = new();

    [Test]
    public void Validate_ValidCommand_IsAccepted()
    {
        // Act
        var result = validator.Validate(new LoginCommand("ada@example.com", "correct horse"));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [Test]
    public void Validate_LongestEmailAndPassword_AreAccepted()
    {
        // Act
        var result = validator.Validate(new LoginCommand(new string('e', 254), new string('p', 128)));

        // Assert
        Assert.That(result.Errors, Is.Empty);
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Validate_EmptyEmail_IsRefusedOnEmail(string email)
    {
        // Act
        var result = validator.Validate(new LoginCommand(email, "correct horse"));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { "Email" }));
    }

    [Test]
    public void Validate_EmailLongerThanMax_IsRefusedOnEmail()
    {
        // Act
        var result = validator.Validate(new LoginCommand(new string('e', 255), "correct horse"));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { "Email" }));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Validate_EmptyPassword_IsRefusedOnPassword(string password)
    {
        // Act
        var result = validator.Validate(new LoginCommand("ada@example.com", password));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { "Password" }));
    }

    [Test]
    public void Validate_PasswordLongerThanMax_IsRefusedOnPassword()
    {
        // Act
        var result = validator.Validate(new LoginCommand("ada@example.com", new string('p', 129)));

        // Assert
        Assert.That(result.Errors.Select(e => e.PropertyName).Distinct(), Is.EqualTo(new[] { "Password" }));
    }

    [TestCase("ada\u0000@example.com", "correct horse", "Email")]
    [TestCase("ada@example.com\u0085", "correct horse", "Email")]
    [TestCase("ada@example.com", "correct\u0000horse", "Password")]
    [TestCase("ada@example.com", "correct\thorse", "Password")]
    public void Validate_ControlCharacterOrBrokenUnicode_FailsNamingTheField(string email, string password, string property)
    {
        // Act
        var result = validator.Validate(new LoginCommand(email, password));

        // Assert
        Assert.That(result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)), Is.EqualTo(new[]
        {
            (property, $"{property.ToLowerInvariant()} must not contain control characters (such as NUL or line breaks) or broken Unicode."),
        }));
    }
}
