using CleanProfiles.Domain.Users;

namespace CleanProfiles.Application.Abstractions;

public interface IUserAccountRepository
{
    /// <summary>Finds an account by its normalised email (see <see cref="UserAccount.NormalizeEmail"/>).</summary>
    Task<UserAccount?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken);

    void Add(UserAccount account);
}
