using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Users;
using Mediator;

namespace CleanProfiles.Application.Auth.Login;

public sealed class LoginHandler(
    IUserAccountRepository accounts,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    ITokenIssuer tokenIssuer) : ICommandHandler<LoginCommand, AccessTokenDto>
{
    public async ValueTask<AccessTokenDto> Handle(LoginCommand command, CancellationToken cancellationToken)
    {
        var account = await accounts.FindByEmailAsync(UserAccount.NormalizeEmail(command.Email), cancellationToken);
        if (account is null)
        {
            // Same work and same answer as a wrong password: the response must not tell which part was wrong.
            passwordHasher.VerifyDummy(command.Password);
            throw WrongCredentials();
        }

        var check = passwordHasher.Verify(account.PasswordHash, command.Password);
        if (check == PasswordCheck.Failed)
        {
            throw WrongCredentials();
        }

        if (check == PasswordCheck.SuccessRehashNeeded)
        {
            account.ReplacePasswordHash(passwordHasher.Hash(command.Password));
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }

        return AccessTokenDto.From(tokenIssuer.Issue(account));
    }

    private static ApplicationErrorException WrongCredentials() => new(ErrorKind.Unauthenticated, "The email or password is wrong.");
}
