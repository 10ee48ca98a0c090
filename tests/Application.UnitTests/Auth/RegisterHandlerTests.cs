using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Auth.Register;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Profiles;
using CleanProfiles.Domain.Users;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace CleanProfiles.Application.UnitTests.Auth;

public sealed class RegisterHandlerTests
{
    private Mock<IUserAccountRepository> accounts = null!;
    private Mock<IProfileRepository> profiles = null!;
    private Mock<IUnitOfWork> unitOfWork = null!;
    private Mock<IPasswordHasher> hasher = null!;
    private Mock<ITokenIssuer> tokens = null!;
    private FakeTimeProvider clock = null!;
    private UserAccount? addedAccount;
    private UserProfile? addedProfile;

    [SetUp]
    public void SetUp()
    {
        accounts = new Mock<IUserAccountRepository>();
        profiles = new Mock<IProfileRepository>();
        unitOfWork = new Mock<IUnitOfWork>();
        hasher = new Mock<IPasswordHasher>();
        tokens = new Mock<ITokenIssuer>();
        clock = new FakeTimeProvider(TestData.Now);
        addedAccount = null;
        addedProfile = null;

        hasher.Setup(h => h.Hash("correct horse")).Returns("hashed:correct horse");
        tokens.Setup(t => t.Issue(It.IsAny<UserAccount>())).Returns(new AccessToken("token-value", TimeSpan.FromHours(1)));
        accounts.Setup(a => a.Add(It.IsAny<UserAccount>())).Callback((UserAccount a) => addedAccount = a);
        profiles.Setup(p => p.Add(It.IsAny<UserProfile>())).Callback((UserProfile p) => addedProfile = p);
    }

    [Test]
    public async Task Handle_NewEmail_AddsAccountAndProfileAndIssuesABearerToken()
    {
        // Act
        var result = await Handle(new RegisterCommand("  Ada@Example.COM ", "correct horse", "  Ada Lovelace "));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(addedAccount, Is.Not.Null);
            Assert.That(addedAccount!.Email, Is.EqualTo("ada@example.com"));
            Assert.That(addedAccount.PasswordHash, Is.EqualTo("hashed:correct horse"));
            Assert.That(addedAccount.Id, Is.Not.EqualTo(Guid.Empty));
            Assert.That(addedAccount.CreatedAt, Is.EqualTo(TestData.NowMs));
            Assert.That(addedProfile, Is.Not.Null);
            Assert.That(addedProfile!.UserId, Is.EqualTo(addedAccount.Id));
            Assert.That(addedProfile.Name, Is.EqualTo("Ada Lovelace"));
            Assert.That(result.AccessToken, Is.EqualTo("token-value"));
            Assert.That(result.TokenType, Is.EqualTo("Bearer"));
            Assert.That(result.ExpiresIn, Is.EqualTo(3600));
        });
        accounts.Verify(a => a.FindByEmailAsync("ada@example.com", It.IsAny<CancellationToken>()), Times.Once());
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Once());
        tokens.Verify(t => t.Issue(addedAccount!), Times.Once());
    }

    [Test]
    public async Task Handle_NewEmail_NeverPassesThePasswordAnywhereButTheHasher()
    {
        // Act
        await Handle(new RegisterCommand("ada@example.com", "correct horse", "Ada"));

        // Assert
        Assert.That(addedAccount!.PasswordHash, Does.Not.EqualTo("correct horse"));
        hasher.Verify(h => h.Hash("correct horse"), Times.Once());
    }

    [Test]
    public async Task Handle_ExistingEmail_ThrowsConflictAndAddsNothing()
    {
        // Arrange
        var existing = UserAccount.Create(TestData.OtherUserId, "ada@example.com", "hash", TestData.Earlier);
        accounts.Setup(a => a.FindByEmailAsync("ada@example.com", It.IsAny<CancellationToken>())).ReturnsAsync(existing);

        // Act
        var ex = await Assert.ThrowsAsync<ApplicationErrorException>(
            async () => await Handle(new RegisterCommand("ADA@example.com", "correct horse", "Ada")));

        // Assert
        Assert.That((ex!.Kind, ex.Message), Is.EqualTo((ErrorKind.Conflict, RegisterHandler.DuplicateEmailMessage)));
        accounts.Verify(a => a.Add(It.IsAny<UserAccount>()), Times.Never());
        profiles.Verify(p => p.Add(It.IsAny<UserProfile>()), Times.Never());
        unitOfWork.Verify(u => u.SaveChangesAsync(It.IsAny<CancellationToken>()), Times.Never());
        tokens.Verify(t => t.Issue(It.IsAny<UserAccount>()), Times.Never());
    }

    [Test]
    public async Task Handle_DuplicateKeyOnSave_ThrowsConflictWithTheDuplicateEmailMessage()
    {
        // Arrange: another registration of the same email won the race after our lookup.
        var duplicate = new DuplicateKeyException();
        unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(duplicate);

        // Act
        var ex = await Assert.ThrowsAsync<ApplicationErrorException>(
            async () => await Handle(new RegisterCommand("ada@example.com", "correct horse", "Ada")));

        // Assert
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Kind, Is.EqualTo(ErrorKind.Conflict));
            Assert.That(ex.Message, Is.EqualTo(RegisterHandler.DuplicateEmailMessage));
            Assert.That(ex.InnerException, Is.SameAs(duplicate));
        });
        tokens.Verify(t => t.Issue(It.IsAny<UserAccount>()), Times.Never());
    }

    [Test]
    public async Task Handle_OtherFailureOnSave_Propagates()
    {
        // Arrange
        var failure = new DependencyUnavailableException("database");
        unitOfWork.Setup(u => u.SaveChangesAsync(It.IsAny<CancellationToken>())).ThrowsAsync(failure);

        // Act
        var ex = await Assert.ThrowsAsync<DependencyUnavailableException>(
            async () => await Handle(new RegisterCommand("ada@example.com", "correct horse", "Ada")));

        // Assert
        Assert.That(ex, Is.SameAs(failure));
    }

    private async Task<Application.Auth.AccessTokenDto> Handle(RegisterCommand command)
    {
        var handler = new RegisterHandler(accounts.Object, profiles.Object, unitOfWork.Object, hasher.Object, tokens.Object, clock);
        return await handler.Handle(command, CancellationToken.None);
    }
}
