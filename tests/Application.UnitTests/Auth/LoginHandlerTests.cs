using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Auth;
using CleanProfiles.Application.Auth.Login;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Users;
using Moq;

namespace CleanProfiles.Application.UnitTests.Auth;

public sealed class LoginHandlerTests
{
    private Mock<IUserAccountRepository> accounts = null!;
    private Mock<IUnitOfWork> unitOfWork = null!;
    private Mock<IPasswordHasher> hasher = null!;
    private Mock<ITokenIssuer> tokens = null!;
    private UserAccount account = null!;

    [SetUp]
    public void SetUp()
    {
        accounts = new Mock<IUserAccountRepository>();
        unitOfWork = new Mock<IUnitOfWork>();
        hasher = new Mock<IPasswordHasher>();
        tokens = new Mock<ITokenIssuer>();
        account = UserAccount.Create(TestData.UserId, "ada@example.com", "stored-hash", TestData.Earlier);

        accounts.Setup(a => a.FindByEmailAsync("ada@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(account);
        tokens.Setup(t => t.Issue(account)).Returns(new AccessToken("token-value", TimeSpan.FromMinutes(15)));
    }

    [Test]
    public async Task Handle_RightPassword_IssuesATokenWithoutSaving()
    {
        // Arrange
        hasher.Setup(h => h.Verify("stored-hash", "correct horse")).Returns(PasswordCheck.Success);

        // Act
        var result = await Handle(new LoginCommand("  ADA@Example.com ", "correct horse"));

        // Assert
        Assert.That(result, Is.EqualTo(new AccessTokenDto("token-value", "Bearer", 900)));
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never());
        hasher.Verify(h => h.Hash(It.IsAny<string>()), Times.Never());
        Assert.That(account.PasswordHash, Is.EqualTo("stored-hash"));
    }

    [Test]
    public async Task Handle_UnknownEmail_FailsAuthenticationAfterADummyVerification()
    {
        // Act
        await Assert.ThatAsync(
            async () => await Handle(new LoginCommand("nobody@example.com", "correct horse")),
            Fails.With(ErrorKind.Unauthenticated));

        // Assert
        hasher.Verify(h => h.VerifyDummy("correct horse"), Times.Once());
        tokens.Verify(t => t.Issue(It.IsAny<UserAccount>()), Times.Never());
    }

    [Test]
    public async Task Handle_WrongPassword_FailsAuthentication()
    {
        // Arrange
        hasher.Setup(h => h.Verify("stored-hash", "wrong")).Returns(PasswordCheck.Failed);

        // Act
        await Assert.ThatAsync(
            async () => await Handle(new LoginCommand("ada@example.com", "wrong")),
            Fails.With(ErrorKind.Unauthenticated));

        // Assert
        tokens.Verify(t => t.Issue(It.IsAny<UserAccount>()), Times.Never());
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never());
    }

    [Test]
    public async Task Handle_UnknownEmailAndWrongPassword_FailWithTheSameMessage()
    {
        // Arrange
        hasher.Setup(h => h.Verify("stored-hash", "wrong")).Returns(PasswordCheck.Failed);

        // Act
        var unknown = await Assert.ThrowsAsync<ApplicationErrorException>(
            async () => await Handle(new LoginCommand("nobody@example.com", "wrong")));
        var wrong = await Assert.ThrowsAsync<ApplicationErrorException>(
            async () => await Handle(new LoginCommand("ada@example.com", "wrong")));

        // Assert
        Assert.That(unknown!.Message, Is.EqualTo(wrong!.Message));
    }

    [Test]
    public async Task Handle_RehashNeeded_ReplacesTheHashAndSaves()
    {
        // Arrange
        hasher.Setup(h => h.Verify("stored-hash", "correct horse")).Returns(PasswordCheck.SuccessRehashNeeded);
        hasher.Setup(h => h.Hash("correct horse")).Returns("new-hash");

        // Act
        var result = await Handle(new LoginCommand("ada@example.com", "correct horse"));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(account.PasswordHash, Is.EqualTo("new-hash"));
            Assert.That(result.AccessToken, Is.EqualTo("token-value"));
        });
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once());
    }

    private async Task<AccessTokenDto> Handle(LoginCommand command)
    {
        var handler = new LoginHandler(accounts.Object, unitOfWork.Object, hasher.Object, tokens.Object);
        return await handler.Handle(command, CancellationToken.None);
    }
}
