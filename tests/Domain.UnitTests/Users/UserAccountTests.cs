using CleanProfiles.Domain.Common;
using CleanProfiles.Domain.Users;

namespace CleanProfiles.Domain.UnitTests.Users;

public sealed class UserAccountTests
{
    private static readonly Guid Id = Guid.Parse("0195f3a2-7c41-7d2e-9b1a-3c4d5e6f7a8b");
    private static readonly DateTimeOffset Now = new(2025, 6, 15, 12, 0, 0, TimeSpan.Zero);

    [TestCase("ada@example.com", "ada@example.com")]
    [TestCase("Ada@Example.COM", "ada@example.com")]
    [TestCase("  ada@example.com  ", "ada@example.com")]
    [TestCase("\tADA@EXAMPLE.COM\n", "ada@example.com")]
    public void NormalizeEmail_AnyCaseAndSurroundingWhitespace_TrimsAndLowerCases(string email, string expected)
    {
        // Act
        var normalized = UserAccount.NormalizeEmail(email);

        // Assert
        Assert.That(normalized, Is.EqualTo(expected));
    }

    [Test]
    public void Create_ValidInput_StoresTheNormalisedEmail()
    {
        // Act
        var account = UserAccount.Create(Id, "  Ada@Example.com ", "hash", Now);

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(account.Id, Is.EqualTo(Id));
            Assert.That(account.Email, Is.EqualTo("ada@example.com"));
            Assert.That(account.PasswordHash, Is.EqualTo("hash"));
            Assert.That(account.CreatedAt, Is.EqualTo(Now));
        });
    }

    [Test]
    public void Create_EmailOfMaxLength_IsAccepted()
    {
        // Arrange
        var email = new string('a', UserAccount.EmailMaxLength - "@example.com".Length) + "@example.com";

        // Act
        var account = UserAccount.Create(Id, email, "hash", Now);

        // Assert
        Assert.That(account.Email, Has.Length.EqualTo(UserAccount.EmailMaxLength));
    }

    [Test]
    public void Create_EmptyId_ThrowsDomainRuleException()
    {
        // Act & Assert
        Assert.That(() => UserAccount.Create(Guid.Empty, "ada@example.com", "hash", Now), Throws.TypeOf<DomainRuleException>());
    }

    [TestCase("")]
    [TestCase(null)]
    public void Create_NoPasswordHash_ThrowsDomainRuleException(string? hash)
    {
        // Act & Assert
        Assert.That(() => UserAccount.Create(Id, "ada@example.com", hash!, Now), Throws.TypeOf<DomainRuleException>());
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase("\t\n")]
    public void Create_EmptyEmail_ThrowsDomainRuleException(string email)
    {
        // Act & Assert
        Assert.That(() => UserAccount.Create(Id, email, "hash", Now), Throws.TypeOf<DomainRuleException>());
    }

    [Test]
    public void Create_EmailLongerThanMax_ThrowsDomainRuleException()
    {
        // Arrange
        var email = new string('a', UserAccount.EmailMaxLength + 1 - "@example.com".Length) + "@example.com";

        // Act & Assert
        Assert.That(() => UserAccount.Create(Id, email, "hash", Now), Throws.TypeOf<DomainRuleException>());
    }

    [Test]
    public void ReplacePasswordHash_NewHash_ReplacesIt()
    {
        // Arrange
        var account = UserAccount.Create(Id, "ada@example.com", "old", Now);

        // Act
        account.ReplacePasswordHash("new");

        // Assert
        Assert.That(account.PasswordHash, Is.EqualTo("new"));
    }

    [Test]
    public void ReplacePasswordHash_Empty_ThrowsAndKeepsTheOldHash()
    {
        // Arrange
        var account = UserAccount.Create(Id, "ada@example.com", "old", Now);

        // Act & Assert
        Assert.Multiple(() =>
        {
            Assert.That(() => account.ReplacePasswordHash(""), Throws.TypeOf<DomainRuleException>());
            Assert.That(account.PasswordHash, Is.EqualTo("old"));
        });
    }
}
