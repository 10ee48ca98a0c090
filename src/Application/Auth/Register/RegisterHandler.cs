using CleanProfiles.Application.Common;
using CleanProfiles.Application.Abstractions;
using CleanProfiles.Application.Common.Exceptions;
using CleanProfiles.Domain.Profiles;
using CleanProfiles.Domain.Users;
using Mediator;

namespace CleanProfiles.Application.Auth.Register;

public sealed class RegisterHandler(
    IUserAccountRepository accounts,
    IProfileRepository profiles,
    IUnitOfWork unitOfWork,
    IPasswordHasher passwordHasher,
    ITokenIssuer tokenIssuer,
    TimeProvider clock) : ICommandHandler<RegisterCommand, AccessTokenDto>
{
    public const string DuplicateEmailMessage = "An account with this email already exists.";

    public async ValueTask<AccessTokenDto> Handle(RegisterCommand command, CancellationToken cancellationToken)
    {
        var email = UserAccount.NormalizeEmail(command.Email);
        if (await accounts.FindByEmailAsync(email, cancellationToken) is not null)
        {
            throw new ApplicationErrorException(ErrorKind.Conflict, DuplicateEmailMessage);
        }

        var now = clock.UtcNowMilliseconds();
        var account = UserAccount.Create(Guid.CreateVersion7(now), email, passwordHasher.Hash(command.Password), now);
        accounts.Add(account);
        profiles.Add(UserProfile.Create(account.Id, command.Name, now));
        try
        {
            await unitOfWork.SaveChangesAsync(cancellationToken);
        }
        catch (DuplicateKeyException ex)
        {
            // Lost a race with a concurrent registration of the same email: the database's unique index decided.
            throw new ApplicationErrorException(ErrorKind.Conflict, DuplicateEmailMessage, ex);
        }

        return AccessTokenDto.From(tokenIssuer.Issue(account));
    }
}
